"""Shared builders for the forms tests: a fictional merchant and a PG-style table form without tags."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path

from pgdocs.jsonio import JSONObject
from pgdocs.record import MerchantRecord, record_from_dict

RECORD: JSONObject = {
    "pg": "nicepay",
    "site_url": "https://gasang-shop.imweb.me",
    "business": {
        "entity": "법인",
        "business_number": "123-45-67891",
        "business_name": "(주)가상상점",
        "representative": "홍길동",
        "birth_date": "1980-01-02",
        "corporate_number": "1101111234567",
        "address": "서울특별시 가상구 가상로 123, 4층",
        "postal_code": "01234",
        "phone": "02-123-4567",
        "business_type": "소매업",
    },
    "representative_contact": {"phone": "010-9876-5432", "email": "ceo@example.com"},
    "manager": {"name": "김담당", "phone": "010-1234-5678", "email": "manager@example.com"},
    "settlement_account": {"bank": "가상은행", "number": "123-456-789012", "holder": "(주)가상상점"},
    "pg_account": {
        "existing_mid": "gasang001m",
        "payment_methods": ["card", "vbank"],
        "payment_types": ["general"],
        "contract_date": "2026-03-01",
    },
}


def build_pg_form(path: Path) -> Path:
    """A plain PG-style form: differently-worded labels, merged cells, a nested table,
    a header-row table, a pre-filled cell and a label with nowhere to write."""
    import docx

    d = docx.Document()
    d.add_paragraph("가맹점 추가 신청서 (가상 PG사)")
    t = d.add_table(rows=5, cols=4)
    t.style = d.styles["Table Grid"]
    cells = [
        ["가맹점명", "", "사업자 번호", ""],
        ["대표자 성명", "", "생년월일", ""],
        ["사업장 소재지", "", "", ""],
        ["결제수단", "□ 신용카드  □ 실시간 계좌이체  □ 가상계좌  □ 휴대폰결제", "", ""],
        ["상점아이디", "PRE-FILLED", "홈페이지", ""],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    t.cell(2, 1).merge(t.cell(2, 3))
    t.cell(3, 1).merge(t.cell(3, 3))
    d.add_paragraph("")
    t2 = d.add_table(rows=3, cols=3)
    t2.style = d.styles["Table Grid"]
    for r, label in enumerate(["성명", "연락처", "E-mail"]):
        t2.cell(r, 1).text = label
    t2.cell(0, 0).merge(t2.cell(2, 0)).text = "담당자"
    d.add_paragraph("")
    t3 = d.add_table(rows=2, cols=3)
    t3.style = d.styles["Table Grid"]
    for c, label in enumerate(["은행명", "계좌번호", "예금주"]):
        t3.cell(0, c).text = label
    d.add_paragraph("")
    outer = d.add_table(rows=1, cols=2)
    outer.style = d.styles["Table Grid"]
    outer.cell(0, 0).text = "기타"
    inner = outer.cell(0, 1).add_table(rows=3, cols=2)
    for r, label in enumerate(["업태", "종목", "법인등록번호"]):
        inner.cell(r, 0).text = label
    d.add_paragraph("")
    lonely = d.add_table(rows=1, cols=1)
    lonely.cell(0, 0).text = "신청일자"
    d.add_paragraph("결제 방식: □ 일반결제 □ 정기결제 / 사업자 구분: □ 일반과세자 □ 간이과세자")
    d.save(str(path))
    return path


def build_variant_form(path: Path) -> Path:
    """A second, differently made form: 바탕 font, a label spanning two columns, a label with a line
    break, printed blanks ("년 월 일", "-  -"), "[ ]"/"( )" boxes, "label : ____" cells and a
    content control."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document()
    rpr = d.styles["Normal"].element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), "바탕")
    t = d.add_table(rows=6, cols=4)
    t.style = d.styles["Table Grid"]
    t.cell(0, 0).merge(t.cell(0, 1)).text = "법인명(단체명)"
    t.cell(1, 0).text = "사업자\n등록번호"
    t.cell(1, 2).text = "대표자 생년월일"
    t.cell(1, 3).text = "      년      월      일"
    t.cell(2, 0).text = "지불수단"
    t.cell(2, 1).merge(t.cell(2, 3)).text = "[ ] 신용카드  [ ] 계좌이체  [ ] 가상계좌  [ ] 휴대폰"
    t.cell(3, 0).text = "결제유형"
    t.cell(3, 1).merge(t.cell(3, 3)).text = "( ) 일반  ( ) 정기"
    t.cell(4, 0).text = "담당자 휴대폰"
    t.cell(4, 1).text = "     -      -     "
    t.cell(4, 2).text = "쇼핑몰 URL"
    t.cell(5, 0).merge(t.cell(5, 3)).text = "예금주 : ________"
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="비고"/></w:sdtPr>'
        '<w:sdtContent><w:p><w:r><w:t>비고 입력</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )
    d.element.body.insert(len(d.element.body) - 1, sdt)
    d.save(str(path))
    return path


def patched_record(data: Mapping[str, object], **changes: object) -> MerchantRecord:
    """A record from ``data`` with changes by path (``pg_account__payment_methods=[]``; ``None`` removes the field)."""
    new: dict[str, object] = copy.deepcopy(dict(data))
    for path, value in changes.items():
        obj = new
        *parents, last = path.split("__")
        for p in parents:
            nxt = obj.setdefault(p, {})
            assert isinstance(nxt, dict), path
            obj = nxt
        if value is None:
            obj.pop(last, None)
        else:
            obj[last] = value
    return record_from_dict(new)
