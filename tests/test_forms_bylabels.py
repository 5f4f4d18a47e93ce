"""``--by-labels`` on a PG-style form the tests build: differently-worded labels, merged cells,
a nested table, a header-row table, a pre-filled cell, □ choices, NFD labels."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest

from cli_runner import RunCli, WriteRecord
from forms_helpers import RECORD, build_pg_form, build_variant_form
from pgdocs.errors import FindingsError, InputError
from pgdocs.forms.bylabels import fill_by_labels, label_key, load_aliases
from pgdocs.forms.fillreport import LabelFillResult
from pgdocs.record import record_from_dict
from report_read import obj

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> LabelFillResult:
    d = tmp_path_factory.mktemp("bl")
    form = build_pg_form(d / "form.docx")
    return fill_by_labels(record_from_dict(RECORD), form, d / "filled.docx", today=TODAY)


@pytest.fixture(scope="module")
def doc(result: LabelFillResult) -> DocxDocument:
    return docx.Document(str(result.docx))


@pytest.mark.parametrize(
    ("table", "row", "col", "expected"),
    [
        pytest.param(0, 0, 1, "(주)가상상점", id="가맹점명"),
        pytest.param(0, 0, 3, "123-45-67891", id="사업자-번호"),
        pytest.param(0, 1, 1, "홍길동", id="대표자-성명"),
        pytest.param(0, 1, 3, "1980년 1월 2일", id="생년월일"),
        pytest.param(0, 2, 1, "(01234) 서울특별시 가상구 가상로 123, 4층", id="merged-소재지"),
        pytest.param(0, 4, 1, "PRE-FILLED", id="prefilled-kept"),
        pytest.param(0, 4, 3, "https://gasang-shop.imweb.me", id="홈페이지"),
        pytest.param(1, 0, 2, "김담당", id="section-담당자-성명"),
        pytest.param(1, 1, 2, "010-1234-5678", id="section-연락처"),
        pytest.param(1, 2, 2, "manager@example.com", id="section-email"),
        pytest.param(2, 1, 0, "가상은행", id="header-row-은행명"),
        pytest.param(2, 1, 1, "123-456-789012", id="header-row-계좌번호"),
        pytest.param(2, 1, 2, "(주)가상상점", id="header-row-예금주"),
    ],
)
def test_values_in_the_right_cells(doc: DocxDocument, table: int, row: int, col: int, expected: str) -> None:
    assert doc.tables[table].cell(row, col).text == expected


def test_labels_are_never_overwritten(doc: DocxDocument) -> None:
    t = doc.tables[0]
    labels = ["가맹점명", "대표자 성명", "사업장 소재지", "결제수단", "상점아이디"]
    assert [t.cell(r, 0).text for r in range(5)] == labels
    assert [doc.tables[2].cell(0, c).text for c in range(3)] == ["은행명", "계좌번호", "예금주"]
    assert doc.tables[1].cell(0, 0).text == "담당자"


def test_nested_table(doc: DocxDocument) -> None:
    inner = doc.tables[3].cell(0, 1).tables[0]
    assert inner.cell(0, 1).text == "소매업"
    assert inner.cell(1, 1).text == ""  # 종목: the record has no value
    assert inner.cell(2, 1).text == "110111-1234567"


def test_boxes_ticked_only_for_chosen_options(doc: DocxDocument) -> None:
    assert doc.tables[0].cell(3, 1).text == "■ 신용카드  □ 실시간 계좌이체  ■ 가상계좌  □ 휴대폰결제"
    last = doc.paragraphs[-1].text
    assert last == "결제 방식: ■ 일반결제 □ 정기결제 / 사업자 구분: □ 일반과세자 □ 간이과세자"


def test_report(result: LabelFillResult) -> None:
    rep = result.report
    filled = {r["key"] for r in rep.filled}
    assert {"business_name", "business_number", "address", "manager_name", "bank", "account_number",
            "corporate_number", "business_type", "site_url"} <= filled
    assert [r["key"] for r in rep.no_value] == ["business_item"]
    assert rep.no_value[0]["field"] == "business.business_item"
    assert [(r["label"], r["key"]) for r in rep.unplaceable] == [("신청일자", "application_date")]
    assert [(r["label"], r["existing"]) for r in rep.kept] == [("상점아이디", "PRE-FILLED")]
    assert sorted(r["key"] for r in rep.ticked) == ["method_card", "method_vbank", "type_general"]
    # personal data is masked in the report, not in the document
    shown = {r["key"]: r["value"] for r in rep.filled}
    assert shown["manager_phone"] == "010-****-5678"
    assert shown["account_number"].endswith("9012") and "456" not in shown["account_number"]
    assert "1월" not in shown["birth_date"]
    text = rep.to_text()
    assert "값이 없어 비워 둔 칸" in text and "종목" in text and "신청일자" in text
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert set(data) >= {"docx", "filled", "ticked", "no_value", "unplaceable", "kept"}


def test_nfd_and_spaced_labels(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = unicodedata.normalize("NFD", "상 호 명")
    t.cell(1, 0).text = "1. 사업자등록번호 (필수)"
    t.cell(2, 0).text = "＊대표자명："
    d.save(str(tmp_path / "f.docx"))
    res = fill_by_labels(record_from_dict(RECORD), tmp_path / "f.docx", tmp_path / "o.docx", today=TODAY)
    out = docx.Document(str(res.docx)).tables[0]
    assert [out.cell(r, 1).text for r in range(3)] == ["(주)가상상점", "123-45-67891", "홍길동"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("사업장 소재지", "사업장소재지", id="spaces"),
        pytest.param(unicodedata.normalize("NFD", "예금주"), "예금주", id="nfd"),
        pytest.param("E-mail", "email", id="case-dash"),
        pytest.param("가. 상호", "상호", id="numbering"),
        pytest.param("상호(필수)*", "상호", id="required-mark"),
        pytest.param("대표자\u3000성명", "대표자 성명", id="ideographic-space"),
    ],
)
def test_label_key_equivalences(a: str, b: str) -> None:
    assert label_key(a) == label_key(b)


def test_alias_table_covers_the_issue_list() -> None:
    fields = load_aliases().fields
    for label, key in [("상호", "business_name"), ("상호명", "business_name"), ("법인명", "business_name"),
                       ("가맹점명", "business_name"), ("사업자번호", "business_number"), ("대표자명", "representative"),
                       ("대표자 성명", "representative"), ("생년월일", "birth_date"), ("사업장 소재지", "address"),
                       ("담당자 성명", "manager_name"), ("연락처", "manager_phone"), ("휴대폰", "manager_phone"),
                       ("이메일", "manager_email"), ("은행명", "bank"), ("계좌번호", "account_number"),
                       ("예금주", "account_holder"), ("상점아이디", "existing_mid"), ("MID", "existing_mid"),
                       ("URL", "site_url"), ("홈페이지", "site_url")]:
        assert fields[label_key(label)] == key, label


def test_missing_values_are_reported_not_invented(tmp_path: Path) -> None:
    data = copy.deepcopy(RECORD)
    del data["manager"]
    form = build_pg_form(tmp_path / "form.docx")
    res = fill_by_labels(record_from_dict(data), form, tmp_path / "o.docx", today=TODAY)
    assert {"manager_name", "manager_phone", "manager_email"} <= {r["key"] for r in res.report.no_value}
    assert docx.Document(str(res.docx)).tables[1].cell(0, 2).text == ""


def test_bad_form_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "form.docx"
    bad.write_bytes(b"this is not word")
    with pytest.raises(InputError) as ei:
        fill_by_labels(record_from_dict(RECORD), bad, tmp_path / "o.docx")
    assert ei.value.code == "TEMPLATE_BAD"
    assert not (tmp_path / "o.docx").exists()


def test_cli_by_labels_text_and_json(tmp_path: Path, write_record: WriteRecord, run_cli: RunCli) -> None:
    rec = write_record(RECORD)
    form = build_pg_form(tmp_path / "form.docx")
    r = run_cli("fill", "--template", form, "--by-labels", rec, "-o", tmp_path / "o.docx", "--today", "2026-11-27")
    assert r.returncode == 1, r.stderr  # 종목 has no value, 신청일자 has no cell
    assert "채운 칸" in r.stdout and "가맹점명: (주)가상상점" in r.stdout
    assert "010-****-5678" in r.stdout and "010-1234-5678" not in r.stdout
    r = run_cli("fill", "--template", form, "--by-labels", rec, "-o", tmp_path / "o2.docx", "--format", "json")
    data = json.loads(r.stdout)
    assert data["no_value"][0]["key"] == "business_item"
    assert (tmp_path / "o2.docx").exists()


def test_form_without_any_label_is_refused(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("이 문서에는 표도 항목명도 없습니다.")
    d.save(str(tmp_path / "plain.docx"))
    with pytest.raises(FindingsError) as ei:
        fill_by_labels(record_from_dict(RECORD), tmp_path / "plain.docx", tmp_path / "o.docx")
    assert ei.value.code == "FORM_NO_LABELS"
    assert not (tmp_path / "o.docx").exists()


def test_variant_form(tmp_path: Path) -> None:
    form = build_variant_form(tmp_path / "variant.docx")
    res = fill_by_labels(record_from_dict(RECORD), form, tmp_path / "o.docx", today=TODAY)
    t = docx.Document(str(res.docx)).tables[0]
    assert t.cell(0, 2).text == "(주)가상상점"  # label spans two columns
    assert t.cell(1, 1).text == "123-45-67891"  # label with a line break
    assert t.cell(1, 3).text == "1980년 1월 2일"  # printed "년 월 일" replaced
    assert t.cell(2, 1).text == "[V] 신용카드  [ ] 계좌이체  [V] 가상계좌  [ ] 휴대폰"
    assert t.cell(3, 1).text == "(V) 일반  ( ) 정기"
    assert t.cell(4, 1).text == "010-1234-5678"
    assert t.cell(4, 3).text == "https://gasang-shop.imweb.me"
    assert t.cell(5, 0).text == "예금주 : (주)가상상점"
    how = {r["key"]: r.get("how") for r in res.report.filled}
    assert how["birth_date"] == "blank" and how["account_holder"] == "inline"
    assert any("콘텐츠 컨트롤" in w for w in res.report.warnings)
    assert res.report.kept == [] and res.report.unplaceable == []


def test_unwritable_output_is_one_korean_error(tmp_path: Path) -> None:
    form = build_pg_form(tmp_path / "form.docx")
    with pytest.raises(InputError) as ei:
        fill_by_labels(record_from_dict(RECORD), form, Path("/proc/pgdocs-filled.docx"), today=TODAY)
    assert ei.value.code == "OUTPUT_UNWRITABLE"


def test_common_wordings_beyond_the_issue_list(tmp_path: Path) -> None:
    """Wordings real PG forms print (개업연월일, 우편번호, 대표번호, 대표자 성함/핸드폰) were silently skipped."""
    form = docx.Document()
    table = form.add_table(rows=5, cols=2)
    labels = ["개업연월일", "우편번호", "대표번호", "대표자 성함", "대표자 핸드폰"]
    for row, label in zip(table.rows, labels, strict=True):
        row.cells[0].text = label
    src = tmp_path / "form.docx"
    form.save(str(src))
    data = copy.deepcopy(RECORD)
    obj(data, "business")["opening_date"] = "2019-07-01"
    res = fill_by_labels(record_from_dict(data), src, tmp_path / "o.docx", today=TODAY)
    got = {r.cells[0].text: r.cells[1].text for r in docx.Document(str(res.docx)).tables[0].rows}
    assert got == {"개업연월일": "2019년 7월 1일", "우편번호": "01234", "대표번호": "02-123-4567",
                   "대표자 성함": "홍길동", "대표자 핸드폰": "010-9876-5432"}


@pytest.mark.parametrize(
    ("label", "role", "entity", "status", "key"),
    [
        pytest.param("홈페이지 URL", None, "corporation", "field", "site_url", id="url-two-words"),
        pytest.param("상호(성명)", None, "individual", "field", "business_name", id="상호(성명)-individual"),
        pytest.param("상호(성명)", None, "corporation", "field", "business_name", id="상호(성명)-corporation"),
        pytest.param("성명(법인명)", None, "corporation", "field", "business_name", id="성명(법인명)-corporation"),
        pytest.param("성명(법인명)", None, "individual", "field", "representative", id="성명(법인명)-individual"),
        pytest.param("주민(법인)등록번호", None, "corporation", "field", "corporate_number", id="주민(법인)-corp"),
        pytest.param("주민(법인)등록번호", None, "individual", "not_held", "", id="주민(법인)-individual"),
        pytest.param("회사명 (국문)", None, "corporation", "field", "business_name", id="국문-qualifier"),
        pytest.param("회사명(영문)", None, "corporation", "not_held", "", id="영문-not-held"),
        pytest.param("대표 E-mail", None, "corporation", "field", "representative_email", id="대표-email"),
        pytest.param("전자우편주소", None, "corporation", "field", "manager_email", id="전자우편주소"),
        pytest.param("성명/직위", "담당자", "corporation", "field", "manager_name", id="성명/직위-in-block"),
        pytest.param("성명/직위", None, "corporation", "unknown", "", id="성명/직위-no-block"),
        pytest.param("E-mail(세금계산서수령이메일)", None, "corporation", "not_held", "", id="tax-email"),
        pytest.param("①사 업 자 명", None, "corporation", "field", "business_name", id="circled-spaced"),
        pytest.param("※ 대표자 성명 :", None, "corporation", "field", "representative", id="marks-colon"),
        pytest.param("휴대폰", "대표자", "corporation", "field", "representative_phone", id="block-대표자"),
        pytest.param("휴대폰", "담당자", "corporation", "field", "manager_phone", id="block-담당자"),
        pytest.param("담당자 E-mail", "대표자", "corporation", "field", "manager_email", id="label-names-role"),
        pytest.param("대표 E-mail", "담당자", "corporation", "field", "representative_email", id="label-beats-block"),
        pytest.param("담당자", "대표자", "corporation", "ambiguous", "", id="role-conflict"),
        pytest.param("상호/대표자", None, "corporation", "ambiguous", "", id="two-fields"),
        pytest.param("팩스", None, "corporation", "not_held", "", id="팩스"),
        pytest.param("간판명", None, "corporation", "unknown", "", id="unknown"),
    ],
)
def test_scorer(label: str, role: str | None, entity: str, status: str, key: str) -> None:
    from pgdocs.forms.labels import read_label

    got = read_label(label, role, entity)
    assert (got.status, got.key) == (status, key)
