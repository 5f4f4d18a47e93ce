"""Fictional Korean office forms for ``--by-labels``, each with the text every cell must hold after filling.

Two sets: ``TUNING`` (the wordings and layouts of issue 12, written with the scorer) and ``HELD_OUT``
(written after the scorer, other wordings; never tuned on — a miss there is reported, not fixed).
A cell spec is a plain string (label or pre-filled text: must stay exactly as printed), :class:`Pre`
(pre-filled value: must stay) or :class:`Want` (printed ``before``; must read ``after``).
:func:`score` reads every cell of every table back (body, nested, header/footer, both copies of a
text box) and every body paragraph, and counts filled / missed / wrong / touched.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forms_helpers import RECORD
from pgdocs.jsonio import JSONObject
from pgdocs.record import MerchantRecord, record_from_dict
from report_read import obj

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.table import CT_Tbl
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# what pgdocs writes for RECORD (a corporation) and IND (an individual)
NAME, BRN, CRN, REP = "(주)가상상점", "123-45-67891", "110111-1234567", "홍길동"
ADDR, BIRTH, TEL = "(01234) 서울특별시 가상구 가상로 123, 4층", "1980년 1월 2일", "02-123-4567"
REP_TEL, REP_MAIL = "010-9876-5432", "ceo@example.com"
MGR, MGR_TEL, MGR_MAIL = "김담당", "010-1234-5678", "manager@example.com"
BANK, ACCT, URL, MID = "가상은행", "123-456-789012", "https://gasang-shop.imweb.me", "gasang001m"
IND_NAME = "하늘공방"

IND_DATA: JSONObject = copy.deepcopy(RECORD)
obj(IND_DATA, "business").update({"entity": "개인", "business_name": IND_NAME})
del obj(IND_DATA, "business")["corporate_number"]
obj(IND_DATA, "settlement_account")["holder"] = REP


class Pre(str):
    """A value someone already wrote: must stay untouched."""


@dataclass(frozen=True)
class Want:
    before: str
    after: str
    grey: bool = False  #: print ``before`` in grey (a placeholder hint)
    style: str = ""  #: character style id of ``before`` (PlaceholderText)


Spec = str | Want | None


@dataclass
class Form:
    name: str
    doc: DocxDocument
    tables: list[dict[tuple[int, int], Spec]] = field(default_factory=list)  #: in document order
    paras: dict[int, Spec] = field(default_factory=dict)  #: body paragraph index → spec
    record: str = "corporation"
    attention: bool = False  #: the report must ask a person to finish something
    unknown: tuple[str, ...] = ()  #: labels expected in the "not understood" list
    not_held: tuple[str, ...] = ()  #: labels expected in the "pgdocs never holds" list
    header_specs: list[dict[tuple[int, int], Spec]] = field(default_factory=list)  #: header, then footer

    def para(self, spec: Spec) -> None:
        text = spec.before if isinstance(spec, Want) else (spec or "")
        self.doc.add_paragraph(text)
        self.paras[len(self.doc.paragraphs) - 1] = spec

    def table(self, rows: list[list[Spec]], merges: tuple[tuple[int, int, int, int], ...] = (),
              container: _Cell | None = None, style: bool = True) -> Table:
        ncols = max(len(r) for r in rows)
        t = (self.doc.add_table(rows=len(rows), cols=ncols) if container is None
             else container.add_table(len(rows), ncols))
        if style:
            t.style = self.doc.styles["Table Grid"]
        for r1, c1, r2, c2 in merges:
            t.cell(r1, c1).merge(t.cell(r2, c2))
        spec: dict[tuple[int, int], Spec] = {}
        for r, row in enumerate(rows):
            for c, s in enumerate(row):
                if s is None:
                    continue
                spec[(r, c)] = s
                _put(t.cell(r, c), s)
        self.tables.append(spec)
        if container is None:
            # Word keeps a paragraph after a table (LibreOffice's .doc export drops a last table)
            self.doc.add_paragraph("")
        return t


def _put(cell: _Cell, s: Spec) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    text = s.before if isinstance(s, Want) else (s or "")
    if not text:
        return
    para = cell.paragraphs[0]
    run = para.add_run(text)
    if isinstance(s, Want) and s.grey:
        from docx.shared import RGBColor

        run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    if isinstance(s, Want) and s.style:
        run._r.get_or_add_rPr().insert(0, parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{s.style}"/>'))


def new_form(name: str, *, record: str = "corporation") -> Form:
    import docx

    doc = docx.Document()
    doc.add_paragraph(f"{name} (가상 서식, 테스트용)")
    return Form(name, doc, record=record)


def textbox(form: Form, rows: list[list[Spec]]) -> None:
    """A table inside a text box: an mc:AlternateContent with a DrawingML text box and its VML fallback."""
    import docx
    from lxml import etree

    scratch = Form("scratch", docx.Document())
    t = scratch.table(rows, style=False)
    xml = etree.tostring(t._tbl).decode()
    ns = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          f'xmlns:w="{W_NS}"')
    content = f"<w:txbxContent>{xml}<w:p/></w:txbxContent>"
    run = (
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="1800000"/>'
        '<wp:docPr id="7" name="글상자 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="1800000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:425pt;height:142pt">'
        f'<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    p = form.doc.add_paragraph()
    p._p.append(etree.fromstring(run))
    spec = scratch.tables[0]
    form.tables.extend([spec, spec])  # the Choice copy, then the Fallback copy


def header_table(form: Form, rows: list[list[Spec]], footer: bool = False) -> None:
    sec = form.doc.sections[0]
    part = sec.footer if footer else sec.header
    from docx.shared import Inches

    t = part.add_table(len(rows), max(len(r) for r in rows), Inches(6))
    spec: dict[tuple[int, int], Spec] = {}
    for r, row in enumerate(rows):
        for c, s in enumerate(row):
            if s is not None:
                spec[(r, c)] = s
                _put(t.cell(r, c), s)
    form.header_specs.append(spec)


def record_for(form: Form) -> MerchantRecord:
    return record_from_dict(RECORD if form.record == "corporation" else IND_DATA)


# --- reading back ---------------------------------------------------------------------------------
@dataclass
class Score:
    supply: int = 0  #: cells the record can supply
    filled: int = 0
    wrong: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  #: labels, pre-filled or not-held cells changed
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.supply += other.supply
        self.filled += other.filled
        self.wrong += other.wrong
        self.touched += other.touched
        self.missed += other.missed

    @property
    def rate(self) -> float:
        return self.filled / self.supply if self.supply else 1.0


def _check(score: Score, where: str, spec: Spec, got: str) -> None:
    if isinstance(spec, Want):
        if spec.after != spec.before:
            score.supply += 1
            if got == spec.after:
                score.filled += 1
            elif got == spec.before:
                score.missed.append(f"{where}: {spec.after!r}")
            else:
                score.wrong.append(f"{where}: {got!r} != {spec.after!r}")
        elif got != spec.before:
            score.touched.append(f"{where}: {got!r} (must stay {spec.before!r})")
    elif got != (spec or ""):
        score.touched.append(f"{where}: {got!r} (must stay {spec!r})")


def _tables_in(root: BaseOxmlElement) -> list[CT_Tbl]:
    return list(root.iter(f"{{{W_NS}}}tbl"))


def score(form: Form, filled_docx: Path) -> Score:
    """Read every specified cell and paragraph of ``filled_docx`` back against the form's specs."""
    import docx
    from docx.table import Table

    doc = docx.Document(str(filled_docx))
    s = Score()
    body = _tables_in(doc.element.body)
    assert len(body) == len(form.tables), (form.name, len(body), len(form.tables))
    for i, (tbl, spec) in enumerate(zip(body, form.tables, strict=True)):
        t = Table(tbl, doc._body)
        for (r, c), cs in spec.items():
            _check(s, f"{form.name} 표{i + 1} {r + 1}행 {c + 1}열", cs, t.cell(r, c).text)
    heads = _tables_in(doc.sections[0].header._element) + _tables_in(doc.sections[0].footer._element)
    for i, (tbl, spec) in enumerate(zip(heads, form.header_specs, strict=True)):
        t = Table(tbl, doc._body)
        for (r, c), cs in spec.items():
            _check(s, f"{form.name} 머리글/바닥글 표{i + 1} {r + 1}행 {c + 1}열", cs, t.cell(r, c).text)
    for idx, ps in form.paras.items():
        _check(s, f"{form.name} 문단{idx}", ps, doc.paragraphs[idx].text)
    return s


# --- the tuning set -------------------------------------------------------------------------------
def f_textbox() -> Form:
    f = new_form("글상자 속 표")
    textbox(f, [["상호", Want("", NAME)], ["사업자등록번호", Want("", BRN)], ["대표자 성명", Want("", REP)]])
    return f


def f_hints() -> Form:
    f = new_form("안내 문구 칸")
    f.table([
        ["상호", Want("필수", NAME)],
        ["대표자", Want("예) 홍길동", REP)],
        ["사업자등록번호", Want("000-00-00000", BRN, grey=True)],
        ["홈페이지", Want("여기에 입력하세요", URL, style="PlaceholderText")],
        ["담당자 연락처", Want("(선택)", MGR_TEL)],
        ["대표자 서명", Want("(인)", "(인)")],
        ["대표이사", Want("(인)", REP + "  (인)")],
    ])
    return f


def f_circled() -> Form:
    f = new_form("번호 붙은 항목명")
    f.table([
        ["①사 업 자 명", Want("", NAME), "②사업자등록번호", Want("", BRN)],
        ["③ 대표자 성명", Want("", REP), "④ 생년월일", Want("", BIRTH)],
        ["⑤ 사업장 주소", Want("", ADDR), None, None],
        ["• 홈페이지 URL", Want("", URL), "※ 업태 :", Want("", "소매업")],
    ], merges=((2, 1, 2, 3),))
    return f


def f_two_accounts() -> Form:
    f = new_form("정산계좌 두 개")
    f.table([
        ["정산계좌 1", None, "정산계좌 2", None],
        ["은행명", Want("", BANK), "은행명", Want("", BANK)],
        ["계좌번호", Want("", ACCT), "계좌번호", Want("", ACCT)],
        ["예금주", Want("", NAME), "예금주", Want("", NAME)],
    ], merges=((0, 0, 0, 1), (0, 2, 0, 3)))
    f.table([
        ["은행명", "계좌번호", "예금주", "은행명", "계좌번호", "예금주"],
        [Want("", BANK), Want("", ACCT), Want("", NAME), Want("", BANK), Want("", ACCT), Want("", NAME)],
    ])
    return f


def f_person_blocks() -> Form:
    f = new_form("대표자·담당자 블록")
    f.table([
        ["대표자 정보", None, None, None],
        ["성명", Want("", REP), "휴대폰", Want("", REP_TEL)],
        ["E-mail", Want("", REP_MAIL), "생년월일", Want("", BIRTH)],
        ["담당자 정보", None, None, None],
        ["성명", Want("", MGR), "휴대폰", Want("", MGR_TEL)],
        ["E-mail", Want("", MGR_MAIL), "팩스", Want("", "")],
    ], merges=((0, 0, 0, 3), (3, 0, 3, 3)))
    f.para("")
    f.table([
        ["대표자", None, "담당자", None],
        ["성명", Want("", REP), "성명", Want("", MGR)],
        ["연락처", Want("", REP_TEL), "연락처", Want("", MGR_TEL)],
        ["이메일", Want("", REP_MAIL), "이메일", Want("", MGR_MAIL)],
    ], merges=((0, 0, 0, 1), (0, 2, 0, 3)))
    f.not_held = ("팩스",)
    return f


def f_one_cell() -> Form:
    f = new_form("한 칸에 항목명과 빈칸")
    f.table([
        [Want("상호: ______________", "상호: " + NAME)],
        [Want("대표자 : __________ (인)", "대표자 : " + REP + " (인)")],
        [Want("사업자등록번호:      ", "사업자등록번호: " + BRN)],
    ])
    f.para(Want("홈페이지 주소 : ____________________", "홈페이지 주소 : " + URL))
    f.para(Want("신청인 성명: __________ (인)    연락처: ______________",
                f"신청인 성명: {REP} (인)    연락처: {MGR_TEL}"))
    f.para(Want("팩스: ____________", "팩스: ____________"))
    f.not_held = ("팩스",)
    return f


def f_not_held() -> Form:
    f = new_form("가맹점 정보에 없는 항목")
    f.table([
        ["상호", Want("", NAME), "팩스", Want("", "")],
        ["주민등록번호", Want("", ""), "영문 상호", Want("", "")],
        ["대표자 직위", Want("", ""), "자본금", Want("", "")],
        ["E-mail(세금계산서수령이메일)", Want("", ""), "개업연월일", Want("", "")],
    ])
    f.attention = True  # 개업연월일 is missing from the record
    f.not_held = ("팩스", "주민등록번호", "영문 상호", "자본금", "E-mail(세금계산서수령이메일)")
    return f


def f_header_rows() -> Form:
    f = new_form("머리행 아래에 값")
    f.table([
        ["상호", "사업자등록번호", "대표자", "연락처"],
        [Want("", NAME), Want("", BRN), Want("", REP), Want("", MGR_TEL)],
    ])
    f.para("")
    f.table([["은행명", "계좌번호", "예금주"], [Want("", BANK), Want("", ACCT), Want("", NAME)]])
    return f


def f_checkboxes() -> Form:
    f = new_form("체크 상자")
    f.table([
        ["사업자 구분", Want("□ 개인 □ 법인", "□ 개인 ■ 법인")],
        ["결제수단", Want("□ 신용카드 □ 계좌이체 □ 가상계좌", "■ 신용카드 □ 계좌이체 ■ 가상계좌")],
        ["신청 구분", Want("( ) 신규 ( ) 변경", "( ) 신규 ( ) 변경")],
        ["개인정보 수집 동의", Want("□예 □아니오", "□예 □아니오")],
        ["상호", Want("", NAME)],
    ])
    f.attention = True
    f.unknown = ("신청 구분", "개인정보 수집 동의")
    return f


def f_nested() -> Form:
    f = new_form("중첩 표")
    outer = f.table([["신청인", None]])
    f.table([["상호", Want("", NAME)], ["대표자", Want("", REP)], ["법인등록번호", Want("", CRN)]],
            container=outer.cell(0, 1))
    return f


def f_header_footer() -> Form:
    f = new_form("머리글·바닥글 표")
    header_table(f, [["상호", Want("", NAME), "사업자등록번호", Want("", BRN)]])
    header_table(f, [["작성일자", Want("", "2026년 11월 27일")]], footer=True)
    f.table([["대표자", Want("", REP)]])
    return f


def f_composite(record: str = "corporation") -> Form:
    corp = record == "corporation"
    f = new_form("복합 항목명" + ("" if corp else " (개인)"), record=record)
    f.table([
        ["상호(성명)", Want("", NAME if corp else IND_NAME), "성명(법인명)", Want("", NAME if corp else REP)],
        ["주민(법인)등록번호", Want("", CRN if corp else ""), "회사명 (국문)", Want("", NAME if corp else IND_NAME)],
        ["대표 E-mail", Want("", REP_MAIL), "전자우편주소", Want("", MGR_MAIL)],
        ["홈페이지 URL", Want("", URL), "대표전화", Want("", TEL)],
    ])
    if not corp:
        f.not_held = ("주민(법인)등록번호",)
    return f


def f_prefilled() -> Form:
    f = new_form("일부 적힌 서식")
    f.table([
        ["상호", Pre("다른상점"), "사업자등록번호", Want("", BRN)],
        ["대표자", Want("", REP), "상점 ID", Pre("other001m")],
        ["정산 은행", Pre("다른은행"), "계좌번호", Want("", ACCT)],
    ])
    f.table([["상호", "대표자", "사업자등록번호"], [Pre("기존상호"), Want("", REP), Pre("999-99-99999")]])
    return f


def f_unknown_label() -> Form:
    f = new_form("모르는 항목명")
    f.table([["상호", Want("", NAME)], ["간판명", Want("", "")], ["사업자등록번호", Want("", BRN)]])
    f.attention = True
    f.unknown = ("간판명",)
    return f


TUNING: list[Callable[[], Form]] = [
    f_textbox, f_hints, f_circled, f_two_accounts, f_person_blocks, f_one_cell, f_not_held, f_header_rows,
    f_checkboxes, f_nested, f_header_footer, f_composite, lambda: f_composite("individual"), f_prefilled,
    f_unknown_label,
]


# --- the held-out set: written after the scorer with other wordings; misses are measured, not tuned away ---
def h_service_application() -> Form:
    f = new_form("서비스 이용 신청서")
    f.table([
        ["신청 회사 정보", None, None, None],
        ["회 사 명", Want("", NAME), "사업자 등록번호", Want("", BRN)],
        ["대표자 성명", Want("", REP), "법인 등록번호", Want("", CRN)],
        ["본사 주소", Want("", ADDR), None, None],
        ["대표 전화번호", Want("", TEL), "팩스번호", Want("", "")],
    ], merges=((0, 0, 0, 3), (3, 1, 3, 3)))
    f.table([
        ["업무 담당자", None, None, None],
        ["이름", Want("", MGR), "부서/직위", Want("", "")],
        ["핸드폰", Want("", MGR_TEL), "이메일 주소", Want("", MGR_MAIL)],
    ], merges=((0, 0, 0, 3),))
    return f


def h_api_access() -> Form:
    f = new_form("API 이용 신청서")
    f.table([
        ["1. 상호명", Want("(필수)", NAME)],
        ["2. 사업자번호", Want("(필수)", BRN)],
        ["3. 서비스 도메인", Want("예) https://www.example.com", URL)],
        ["4. 담당자 성함", Want("", MGR)],
        ["5. 담당자 E-Mail", Want("", MGR_MAIL)],
        ["6. 담당자 휴대전화번호", Want("", MGR_TEL)],
    ])
    return f


def h_account_registration() -> Form:
    f = new_form("계좌 등록 신청서")
    f.table([
        ["예금주명", "거래 은행", "계좌 번호"],
        [Want("", NAME), Want("", BANK), Want("", ACCT)],
    ])
    f.table([
        ["가맹점 상호", Want("", NAME), "가맹점 ID", Pre("gasang777m")],
        ["대표자명", Want("", REP), "사업장 전화", Want("", TEL)],
    ])
    return f


def h_individual_contract() -> Form:
    f = new_form("개인사업자 계약서", record="individual")
    f.table([
        ["상호 (성명)", Want("", IND_NAME), "생년월일", Want("", BIRTH)],
        ["주민등록번호", Want("", ""), "사업자등록번호", Want("", BRN)],
        ["사업장 소재지", Want("", ADDR), "E-Mail", Want("", MGR_MAIL)],
        ["사업자 유형", Want("□ 개인사업자 □ 법인사업자", "■ 개인사업자 □ 법인사업자"), None, None],
    ], merges=((3, 1, 3, 3),))
    return f


def h_blank_lines() -> Form:
    f = new_form("밑줄 서식")
    f.para(Want("상   호 : ____________________", "상   호 : " + NAME))
    f.para(Want("대 표 자 : ________________ (인)", "대 표 자 : " + REP + " (인)"))
    f.para(Want("사업자등록번호 : ________________", "사업자등록번호 : " + BRN))
    f.para(Want("주    소 : ______________________________", "주    소 : " + ADDR))
    return f


HELD_OUT: list[Callable[[], Form]] = [
    h_service_application, h_api_access, h_account_registration, h_individual_contract, h_blank_lines,
]
