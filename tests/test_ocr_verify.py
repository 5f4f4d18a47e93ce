"""End to end with the real Tesseract: the sample merchant, tampered records, bank books, PDFs, photos."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import fakes
import pgdocs
from cli_runner import invoke
from pgdocs.jsonio import Report
from pgdocs.record import load_record
from pgdocs.samples.fakedata import TamperedRecord
from report_read import at, obj

pytestmark = pytest.mark.tesseract

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nicepay-individual-within-1y"
CORP = ROOT / "samples" / "kcp-corporation"


def _write_record(path: Path, data: Mapping[str, object]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Case:
    """A generated certificate and what its truth file says."""

    path: Path
    record: dict[str, str]  #: the business section declaring the page
    tampered: list[TamperedRecord]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    """A text PDF (법인), a scanned PDF and a sideways phone photo, each with its truth."""
    from pgdocs.samples.certificates import generate_certificates

    out = tmp_path_factory.mktemp("certs")
    cases: dict[str, Case] = {}
    for kind, variant in (("corporation_head", "textpdf"), ("general", "scanpdf"), ("simple", "photo")):
        (truth_path,) = generate_certificates(out / variant, 1, 7, variants=[variant], kinds=[kind])
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        cases[variant] = Case(truth_path.parent / truth["file"], truth["record"], truth["tampered"])
    return cases


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    """``pgdocs verify`` of the sample merchant's certificate, with the annotated picture."""
    from pgdocs.ocr.verify import verify

    out = tmp_path_factory.mktemp("annot") / "검증.png"
    res = verify(SAMPLE / "사업자등록증.png", load_record(SAMPLE / "record.json"), annotate=out)
    return res.to_dict(), out


def test_sample_certificate_passes_and_annotates(sample_json: tuple[Report, Path]) -> None:
    data, annotated = sample_json
    assert data["verdict"] == "pass", data["reasons"]
    assert at(data, "fields", "business_number") == {
        "declared": "214-12-34567", "found": "214-12-34567", "status": "match", "score": 1.0, "detail": "일치",
        "evidence": "read"}
    assert all(at(f, "status") == "match" for f in obj(data, "fields").values())
    with Image.open(annotated) as img:
        assert img.format == "PNG" and max(img.size) <= 2600
        px = np.asarray(img.convert("RGB")).reshape(-1, 3).astype(int)
        green = (px[:, 0] < 60) & (px[:, 1] > 120) & (px[:, 2] < 90)
        assert green.sum() > 500  # the green match boxes were drawn


def test_cli_verify_pass_and_tampered_fail(tmp_path: Path) -> None:
    code, out, _ = invoke("verify", str(SAMPLE / "사업자등록증.png"), "--info", str(SAMPLE / "record.json"))
    assert code == 0 and "통과" in out
    rec = json.loads((SAMPLE / "record.json").read_text(encoding="utf-8"))
    only_business = {"business": dict(rec["business"], opening_date="2021-03-05")}  # the page says 2021-03-02
    info = _write_record(tmp_path / "tampered.json", only_business)
    code, out, _ = invoke("verify", str(SAMPLE / "사업자등록증.png"), "--info", str(info), "--format", "json",
                         "--annotate", str(tmp_path / "a.png"))
    data = json.loads(out)
    assert code == 1 and data["verdict"] == "fail"
    assert [k for k, v in data["fields"].items() if v["status"] == "mismatch"] == ["opening_date"]
    assert any("개업연월일" in r for r in data["reasons"])
    assert (tmp_path / "a.png").stat().st_size > 10_000


def test_extract_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke("extract", str(SAMPLE / "사업자등록증.png"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["document"] == "business_registration"
    assert (data["tax_type"], data["entity"]) == ("general", "individual")
    f = data["fields"]
    assert f["business_number"]["value"] == "214-12-34567"
    assert f["opening_date"]["value"] == "2021-03-02"
    x0, y0, x1, y1 = f["business_number"]["box"]
    with Image.open(SAMPLE / "사업자등록증.png") as img:
        assert 0 <= x0 < x1 <= img.width and 0 <= y0 < y1 <= img.height


@pytest.mark.parametrize(
    ("sample", "change", "expected", "code"),
    [
        pytest.param(SAMPLE, {}, "pass", 0, id="individual-pass"),
        pytest.param(CORP, {}, "pass", 0, id="corporation-pass"),
        pytest.param(SAMPLE, {"number": "123456-01-234568"}, "fail", 1, id="wrong-account"),
        pytest.param(CORP, {"holder": "(주)파란농장"}, "fail", 1, id="wrong-holder"),
    ],
)
def test_bankbook(tmp_path: Path, sample: Path, change: dict[str, str],
                  expected: str, code: int) -> None:
    rec = json.loads((sample / "record.json").read_text(encoding="utf-8"))
    rec["settlement_account"].update(change)
    rec.pop("documents", None)
    info = _write_record(tmp_path / "r.json", rec)
    got, out, _ = invoke("verify", str(sample / "통장사본.png"), "--kind", "bankbook", "--info", str(info),
                        "--format", "json")
    data = json.loads(out)
    assert (data["verdict"], got) == (expected, code), data
    if change:
        field = "account_number" if "number" in change else "holder"
        assert data["fields"][field]["status"] == "mismatch"


def test_text_layer_pdf_is_read_without_ocr(generated: dict[str, Case], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    crash = fakes.crashing(tmp_path, "tesseract-must-not-run")
    monkeypatch.setenv("PGDOCS_TESSERACT", str(crash))
    case = generated["textpdf"]
    res = pgdocs.verify(case.path, {"business": case.record})
    assert res.source == "text_layer"
    assert res.verdict == "pass", res.reasons
    assert res.fields["corporate_number"].status == "match"
    tampered = next(t for t in case.tampered if t["tampered_field"] == "corporate_number")
    bad = pgdocs.verify(case.path, tampered["record"])  # a bare business section works too
    assert bad.verdict == "fail" and bad.fields["corporate_number"].status == "mismatch"


def test_scanned_pdf_is_ocred(generated: dict[str, Case]) -> None:
    case = generated["scanpdf"]
    res = pgdocs.verify(case.path, {"business": case.record})
    assert res.source == "ocr"
    assert res.verdict != "fail", res.reasons
    assert res.fields["business_number"].status == "match"


def test_sideways_phone_photo(generated: dict[str, Case], tmp_path: Path) -> None:
    case = generated["photo"]
    with Image.open(case.path) as img:
        assert img.getexif().get(0x0112) in (6, 8)  # stored sideways, EXIF says how to turn it
    res = pgdocs.verify(case.path, {"business": case.record})
    assert res.verdict != "fail", res.reasons
    assert res.fields["business_number"].status == "match"
    tampered = next(t for t in case.tampered if t["tampered_field"] == "business_number")
    assert pgdocs.verify(case.path, tampered["record"]).verdict == "fail"


@pytest.mark.parametrize(
    ("content", "code"),
    [pytest.param(b"", "DOC_EMPTY", id="empty"),
     pytest.param(b"\x89PNG\r\n\x1a\nbroken", "DOC_UNREADABLE", id="corrupt")],
)
def test_cli_unreadable_exit_2(tmp_path: Path, content: bytes, code: str) -> None:
    p = tmp_path / "사업자등록증.png"
    p.write_bytes(content)
    got, _, err = invoke("verify", str(p), "--info", str(SAMPLE / "record.json"))
    assert got == 2 and f"[{code}]" in err and "Traceback" not in err


def test_blank_page_is_refused_as_the_wrong_kind(tmp_path: Path) -> None:
    """Issue 11: a blank page is not a certificate (it was review with advice about the scan before)."""
    p = tmp_path / "blank.png"
    Image.new("RGB", (1240, 1754), "white").save(p)
    res = pgdocs.verify(p, load_record(SAMPLE / "record.json"))
    assert (res.verdict, res.exit_code, res.code, res.detected_kind) == ("fail", 1, "DOC_WRONG_KIND", "blank")
    assert res.reasons == ["이 파일은 사업자등록증으로 보이지 않습니다 (빈 페이지로 보입니다)"]


def test_tesseract_available() -> None:
    assert shutil.which("tesseract")
