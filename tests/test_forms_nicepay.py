"""The NicePay ID-addition template: values land in the right cells, nasty values round-trip,
missing values fail before writing, template check. No LibreOffice here (see test_forms_pdf.py)."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

import fakes
from cli_runner import RunCli, WriteRecord, invoke
from forms_helpers import RECORD, patched_record
from pgdocs.errors import ExitCode, FindingsError, InputError
from pgdocs.forms.nicepay import check_template, default_template, fill_nicepay_id_add, nicepay_context
from pgdocs.record import MerchantRecord

TODAY = dt.date(2026, 11, 27)


def _record(**changes: object) -> MerchantRecord:
    return patched_record(RECORD, **changes)


def _cells(path: Path) -> dict[str, str]:
    """label → value of the main table (column 1 → column 2)."""
    d = docx.Document(str(path))
    return {row.cells[1].text.strip(): row.cells[2].text for row in d.tables[0].rows}


def _xml_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("np") / "신청서.docx"
    fill_nicepay_id_add(_record(), out, today=TODAY)
    return out


@pytest.mark.parametrize(
    ("label", "value"),
    [
        pytest.param("상호(법인명)", "(주)가상상점", id="name"),
        pytest.param("사업자등록번호", "123-45-67891", id="brn"),
        pytest.param("법인등록번호", "110111-1234567", id="crn"),
        pytest.param("대표자", "홍길동", id="rep"),
        pytest.param("대표자 생년월일", "1980년 1월 2일", id="birth"),
        pytest.param("사업장 주소", "(01234) 서울특별시 가상구 가상로 123, 4층", id="address"),
        pytest.param("대표 전화", "02-123-4567", id="phone"),
        pytest.param("기존 상점 ID (MID)", "gasang001m", id="mid"),
        pytest.param("사이트 URL", "https://gasang-shop.imweb.me", id="url"),
        pytest.param("호스팅사", "아임웹 (imweb)", id="hosting"),
        pytest.param("결제수단", "■ 신용카드    □ 계좌이체    ■ 가상계좌    □ 휴대폰", id="methods"),
        pytest.param("결제방식", "■ 일반결제    □ 정기결제", id="types"),
        pytest.param("사업자 구분", "□ 개인사업자    ■ 법인사업자", id="entity"),
        pytest.param("은행", "가상은행", id="bank"),
        pytest.param("계좌번호", "123-456-789012", id="account"),
        pytest.param("예금주", "(주)가상상점", id="holder"),
        pytest.param("성명", "김담당", id="manager"),
        pytest.param("휴대폰", "010-1234-5678", id="manager-phone"),
        pytest.param("이메일", "manager@example.com", id="manager-email"),
    ],
)
def test_values_land_in_the_right_cells(filled: Path, label: str, value: str) -> None:
    assert _cells(filled)[label] == value


def test_no_tags_left_date_and_seal_note(filled: Path) -> None:
    xml = _xml_text(filled)
    assert "{{" not in xml and "{%" not in xml and "}}" not in xml
    text = "\n".join(p.text for p in docx.Document(str(filled)).paragraphs)
    assert "신청일: 2026년 11월 27일" in text
    seal = docx.Document(str(filled)).tables[1]
    assert "(인)" in seal.rows[0].cells[1].text
    assert "인감" in seal.rows[0].cells[0].text
    assert "대표자: 홍길동" in seal.rows[0].cells[0].text


def test_zip_members_unique(filled: Path) -> None:
    names = zipfile.ZipFile(filled).namelist()
    assert len(names) == len(set(names))


def test_shipped_template_is_what_the_build_script_makes(tmp_path: Path) -> None:
    import importlib.util
    import re

    script = Path(__file__).resolve().parent.parent / "templates" / "nicepay" / "build_template.py"
    spec = importlib.util.spec_from_file_location("build_template", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = zipfile.ZipFile(module.build(tmp_path / "built.docx"))
    shipped = zipfile.ZipFile(default_template())
    assert sorted(built.namelist()) == sorted(shipped.namelist())
    for name in shipped.namelist():
        assert built.read(name) == shipped.read(name), f"{name} differs: run templates/nicepay/build_template.py"
    # slimmed, yet every style the parts refer to is still defined
    styles = shipped.read("word/styles.xml").decode("utf-8")
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    assert len(defined) < 20 and "word/stylesWithEffects.xml" not in shipped.namelist()
    refs = "".join(shipped.read(n).decode("utf-8") for n in shipped.namelist() if n.endswith(".xml"))
    used = set(re.findall(r'w:(?:pStyle|rStyle|tblStyle|basedOn|next|link|numStyleLink|styleLink) w:val="([^"]+)"',
                          refs))
    assert used and used <= defined


def test_template_is_a4_with_east_asian_font() -> None:
    d = docx.Document(str(default_template()))
    sec = d.sections[0]
    assert sec.page_width is not None and sec.page_height is not None
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    xml = _xml_text(default_template())
    assert 'w:eastAsia="맑은 고딕"' in xml
    assert len(d.tables[0].rows) >= 19


NASTY_ADDRESS = "서울특별시 가상구 아주아주긴도로명길 " + "가" * 150 + " 12-34, 5층 & <별관> \"B동\""


@pytest.mark.parametrize(
    ("changes", "label", "expected"),
    [
        pytest.param({"business__business_name": "(주)A & B <C>"}, "상호(법인명)", "(주)A & B <C>", id="amp-lt"),
        pytest.param({"business__business_name": "\"큰\" '작은' 따옴표"}, "상호(법인명)", "\"큰\" '작은' 따옴표",
                     id="quotes"),
        pytest.param({"business__business_name": "케이크🍰가게"}, "상호(법인명)", "케이크🍰가게", id="emoji"),
        pytest.param({"business__representative": unicodedata.normalize("NFD", "홍길동")}, "대표자", "홍길동",
                     id="nfd"),
        pytest.param({"business__address": NASTY_ADDRESS, "business__postal_code": None}, "사업장 주소",
                     NASTY_ADDRESS, id="200-char-address"),
        pytest.param({"site_url": "https://x.example/?a=1&b=<2>"}, "사이트 URL", "https://x.example/?a=1&b=<2>",
                     id="url-query"),
        pytest.param({"settlement_account__holder": "{{ 괄호 }} {% 태그 %}"}, "예금주", "{{ 괄호 }} {% 태그 %}",
                     id="jinja-in-value"),
    ],
)
def test_nasty_values_round_trip(tmp_path: Path, changes: dict[str, object], label: str, expected: str) -> None:
    assert len(NASTY_ADDRESS) >= 170
    out = tmp_path / "out.docx"
    fill_nicepay_id_add(_record(**changes), out, today=TODAY)
    got = _cells(out)[label]
    assert got == expected
    assert unicodedata.is_normalized("NFC", got)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"manager__email": None}, "담당자 이메일 주소", id="manager-email"),
        pytest.param({"pg_account__existing_mid": None}, "기존 MID", id="mid"),
        pytest.param({"business__birth_date": None}, "대표자 생년월일", id="birth"),
        pytest.param({"pg_account__payment_methods": []}, "결제수단", id="methods"),
        pytest.param({"settlement_account": None}, "계좌번호", id="account"),
    ],
)
def test_missing_value_fails_before_writing(tmp_path: Path, changes: dict[str, object], field: str) -> None:
    out = tmp_path / "out.docx"
    with pytest.raises(FindingsError) as ei:
        fill_nicepay_id_add(_record(**changes), out, today=TODAY)
    assert ei.value.code == "FORM_MISSING_VALUES"
    assert ei.value.exit_code == ExitCode.FINDINGS
    assert field in ei.value.message
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_individual_needs_no_corporate_number(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    fill_nicepay_id_add(_record(business__entity="개인", business__corporate_number=None), out, today=TODAY)
    cells = _cells(out)
    assert cells["법인등록번호"] == "해당 없음 (개인사업자)"
    assert cells["사업자 구분"].startswith("■ 개인사업자")


@pytest.mark.parametrize(
    ("methods", "types", "boxes"),
    [
        pytest.param(["card"], ["general"], "■□□□■□", id="card"),
        pytest.param(["card", "transfer", "vbank", "phone"], ["general", "recurring"], "■■■■■■", id="all"),
        pytest.param(["휴대폰", "가상계좌"], ["정기"], "□□■■□■", id="korean-aliases"),
    ],
)
def test_checkboxes_follow_the_record(methods: list[str], types: list[str], boxes: str) -> None:
    ctx = nicepay_context(_record(pg_account__payment_methods=methods, pg_account__payment_types=types), TODAY)
    keys = ["method_card", "method_transfer", "method_vbank", "method_phone", "type_general", "type_recurring"]
    assert "".join(ctx[k] for k in keys) == boxes


def _custom_template(path: Path, *lines: str) -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def test_custom_template_with_the_same_variables(tmp_path: Path) -> None:
    tpl = _custom_template(tmp_path / "my.docx", "상호 {{ business_name }} / MID {{ existing_mid }}")
    out = tmp_path / "out.docx"
    fill_nicepay_id_add(_record(), out, template=tpl, today=TODAY)
    assert docx.Document(str(out)).paragraphs[0].text == "상호 (주)가상상점 / MID gasang001m"


def test_template_check_lists_unknown_and_unsupplied(tmp_path: Path) -> None:
    tpl = _custom_template(tmp_path / "my.docx", "{{ business_name }} {{ manager_email }} {{ fax_number }}")
    report = check_template(tpl, _record(manager__email=None))
    assert [v["name"] for v in report["variables"]] == ["business_name", "fax_number", "manager_email"]
    assert report["unknown"] == ["fax_number"]
    assert {u["name"] for u in report["unsupplied"]} == {"fax_number", "manager_email"}
    assert "담당자 이메일 주소" in next(u["label"] for u in report["unsupplied"] if u["name"] == "manager_email")


def test_shipped_template_needs_nothing_the_sample_lacks() -> None:
    report = check_template(default_template(), _record())
    assert report["unknown"] == [] and report["unsupplied"] == []


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(lambda p: _write(p.with_suffix(".txt"), b"x"), "TEMPLATE_TYPE", id="txt"),
        pytest.param(lambda p: _write(p, b"PK\x03\x04 broken"), "TEMPLATE_BAD", id="broken-zip"),
        pytest.param(lambda p: _write(p, b"\xd0\xcf\x11\xe0 not really"), "TEMPLATE_BAD", id="ole-as-docx"),
        pytest.param(lambda p: p.parent / "none.docx", "TEMPLATE_NOT_FOUND", id="missing"),
        pytest.param(lambda p: p.parent, "TEMPLATE_NOT_FILE", id="folder"),
        pytest.param(lambda p: _custom_template(p, "{{ business_name "), "TEMPLATE_SYNTAX", id="syntax"),
    ],
)
def test_bad_templates(tmp_path: Path, make: Callable[[Path], Path], code: str) -> None:
    tpl = make(tmp_path / "t.docx")
    out = tmp_path / "o" / "out.docx"
    with pytest.raises(InputError) as ei:
        fill_nicepay_id_add(_record(), out, template=tpl, today=TODAY)
    assert ei.value.code == code
    assert not out.exists()


def test_output_must_be_docx(tmp_path: Path) -> None:
    with pytest.raises(InputError) as ei:
        fill_nicepay_id_add(_record(), tmp_path / "out.pdf")
    assert ei.value.code == "OUTPUT_SUFFIX"


def test_cli_fill_and_template_check(tmp_path: Path, write_record: WriteRecord, run_cli: RunCli) -> None:
    rec = write_record(RECORD)
    out = tmp_path / "신청서.docx"
    r = run_cli("fill", "nicepay-id-add", rec, "-o", out, "--today", "2026-11-27")
    assert r.returncode == 0, r.stderr
    assert "신청서:" in r.stdout and out.exists()
    assert _cells(out)["상호(법인명)"] == "(주)가상상점"
    r = run_cli("template", "check", default_template(), "--record", rec, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert '"unsupplied": []' in r.stdout


def test_cli_missing_field_exit_1(tmp_path: Path, write_record: WriteRecord) -> None:
    data = copy.deepcopy(RECORD)
    del data["manager"]
    code, _out, err = invoke("fill", "nicepay-id-add", write_record(data), "-o", tmp_path / "x.docx")
    assert code == 1
    assert "오류 [FORM_MISSING_VALUES]" in err and "담당자" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["fill", "unknown-form", "r.json", "-o", "x.docx"], id="unknown-form"),
        pytest.param(["fill", "--by-labels", "r.json", "-o", "x.docx"], id="by-labels-without-template"),
        pytest.param(["fill", "nicepay-id-add", "r.json", "-o", "x.docx", "--today", "어제"], id="bad-date"),
    ],
)
def test_cli_usage_errors(tmp_path: Path, write_record: WriteRecord, args: list[str]) -> None:
    rec = write_record(RECORD, "r.json")
    code, _out, err = invoke(*[rec if a == "r.json" else tmp_path / a if a.endswith(".docx") else a for a in args])
    assert code == 2
    assert err.startswith("오류 [")
    assert "Traceback" not in err


def test_output_guards(tmp_path: Path) -> None:
    folder = tmp_path / "폴더.docx"
    folder.mkdir()
    with pytest.raises(InputError) as ei:
        fill_nicepay_id_add(_record(), folder)
    assert ei.value.code == "OUTPUT_IS_DIR"
    tpl = _custom_template(tmp_path / "mine.docx", "{{ business_name }}")
    before = tpl.read_bytes()
    with pytest.raises(InputError) as ei:
        fill_nicepay_id_add(_record(), tpl, template=tpl)
    assert ei.value.code == "OUTPUT_IS_INPUT"
    assert tpl.read_bytes() == before


def test_ole_file_named_docx_gets_a_password_hint(tmp_path: Path) -> None:
    fake = tmp_path / "암호.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError) as ei:
        fill_nicepay_id_add(_record(), tmp_path / "o.docx", template=fake)
    assert ei.value.code == "TEMPLATE_BAD"
    assert "암호" in ei.value.message and ei.value.hint


def test_docstring_examples() -> None:
    import doctest

    import pgdocs.forms.nicepay

    failures, tried = doctest.testmod(pgdocs.forms.nicepay)
    assert tried > 0 and failures == 0


def test_unwritable_output_is_one_korean_error() -> None:
    """A place that cannot hold files (here /proc) is OUTPUT_UNWRITABLE (exit 2), not an internal error."""
    with pytest.raises(InputError) as ei:
        fill_nicepay_id_add(_record(), Path("/proc/pgdocs-form.docx"), today=TODAY)
    assert ei.value.code == "OUTPUT_UNWRITABLE"
    assert ei.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize("by_labels", [pytest.param(False, id="nicepay"), pytest.param(True, id="by-labels")])
def test_pdf_failure_leaves_no_lone_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by_labels: bool) -> None:
    """--pdf with a LibreOffice that writes nothing: an error, and neither the .docx nor a temp folder stays."""
    from forms_helpers import build_pg_form
    from pgdocs import office
    from pgdocs.errors import ExternalToolError
    from pgdocs.forms.bylabels import fill_by_labels

    form = build_pg_form(tmp_path / "form.docx") if by_labels else None
    fake = fakes.soffice(tmp_path, "echo 'convert nothing'; exit 0")
    monkeypatch.setenv(office.SOFFICE_ENV, str(fake))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ExternalToolError) as ei:
        if form is not None:
            fill_by_labels(_record(), form, out_dir / "신청서.docx", pdf=True, today=TODAY)
        else:
            fill_nicepay_id_add(_record(), out_dir / "신청서.docx", pdf=True, today=TODAY)
    assert ei.value.code == "SOFFICE_NO_OUTPUT"
    assert list(out_dir.iterdir()) == []
