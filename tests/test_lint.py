"""pgdocs lint: one JUnit test case per merchant and check, read back with ElementTree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET

from batch_helpers import REPO, TODAY, bad_brn, brn

pytestmark = pytest.mark.xdist_group("lint_tree")  # the module fixtures run once, in one worker

SAMPLE = REPO / "samples" / "nicepay-individual-within-1y"
TOSS = REPO / "samples" / "toss-test-keys"


def _copy(src: Path, dst: Path, **business: str) -> Path:
    shutil.copytree(src, dst)
    if business:
        rec = json.loads((dst / "record.json").read_text(encoding="utf-8"))
        rec["business"].update(business)
        (dst / "record.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lint") / "submissions"
    root.mkdir()
    _copy(SAMPLE, root / "a-good")
    _copy(SAMPLE, root / "b-bad-checksum", business_number=bad_brn(7))
    (_copy(SAMPLE, root / "c-no-bankbook") / "통장사본.png").unlink()
    (root / "d-broken").mkdir()
    (root / "d-broken" / "record.json").write_text("{ not json", encoding="utf-8")
    _copy(TOSS, root / "nested" / "e-toss")
    _copy(SAMPLE, root / ".hidden")
    return root


@pytest.fixture(scope="module")
def linted(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    from pgdocs.lint import run_lint

    junit = tmp_path_factory.mktemp("junit") / "lint.xml"
    import datetime as dt

    result = run_lint(tree, ocr=False, today=dt.date.fromisoformat(TODAY), junit=junit)
    return result, junit


EXPECTED = {
    "a-good": {"record": "passed", "documents": "passed", "certificate": "skipped", "bankbook": "skipped"},
    "b-bad-checksum": {"record": "failure", "documents": "passed", "certificate": "skipped",
                       "bankbook": "skipped"},
    "c-no-bankbook": {"record": "passed", "documents": "failure", "certificate": "skipped", "bankbook": "skipped"},
    "d-broken": {"record": "failure", "documents": "skipped", "certificate": "skipped", "bankbook": "skipped"},
    "nested/e-toss": {"record": "passed", "documents": "skipped", "certificate": "skipped",
                      "bankbook": "skipped"},
}


def test_statuses_per_merchant_and_check(linted: tuple[object, Path]) -> None:
    result, _ = linted
    got = {m.slug: {c.check: c.status for c in m.checks} for m in result.merchants}  # type: ignore[attr-defined]
    assert got == EXPECTED
    codes = {m.slug: {c.check: c.code for c in m.checks} for m in result.merchants}  # type: ignore[attr-defined]
    assert codes["b-bad-checksum"]["record"] == "BRN_CHECKSUM"
    assert codes["c-no-bankbook"]["documents"] == "PACKET_MISSING_DOCUMENTS"
    assert codes["d-broken"]["record"] == "RECORD_BAD_JSON"
    assert result.exit_code == 1  # type: ignore[attr-defined]


def test_junit_xml_parses_back(linted: tuple[object, Path]) -> None:
    _, junit = linted
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("20", "3", "0")
    assert root.get("skipped") == str(sum(list(v.values()).count("skipped") for v in EXPECTED.values()))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert sorted(suites) == sorted(EXPECTED)
    assert suites["a-good"].find("properties/property[@name='pg']").get("value") == "nicepay"
    cases = {c.get("name"): c for c in suites["b-bad-checksum"].iter("testcase")}
    assert set(cases) == {"record (가맹점 정보 검증)", "documents (필요 서류)", "certificate (사업자등록증 대조)",
                          "bankbook (통장 사본 대조)"}
    failure = cases["record (가맹점 정보 검증)"].find("failure")
    assert failure is not None and failure.get("type") == "BRN_CHECKSUM"
    assert "검증번호" in (failure.get("message") or "") and "BRN_CHECKSUM" in (failure.text or "")
    missing = next(suites["c-no-bankbook"].iter("testcase"))
    assert missing.find("failure") is None  # the record is fine; the documents case fails
    doc_case = next(c for c in suites["c-no-bankbook"].iter("testcase")
                    if c.get("name", "").startswith("documents"))
    assert "통장" in (doc_case.find("failure").get("message") or "")


def test_cli_json_and_exit_code(tree: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junit = tmp_path / "out" / "lint.xml"
    proc = run_cli("lint", tree, "--no-ocr", "--today", TODAY, "--junit", junit, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["counts"]["failure"] == 3 and len(data["merchants"]) == 5
    assert ET.parse(junit).getroot().get("tests") == "20"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(lambda p: p.mkdir(), "LINT_NO_RECORDS", id="empty-dir"),
        pytest.param(lambda p: p.write_text("x"), "LINT_NOT_DIR", id="a-file"),
        pytest.param(lambda p: None, "LINT_DIR_NOT_FOUND", id="missing"),
    ],
)
def test_cli_bad_dir(tmp_path: Path, run_cli, make, code: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "dir"
    make(target)
    proc = run_cli("lint", target)
    assert proc.returncode == 2
    assert f"오류 [{code}]" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.tesseract
@pytest.mark.slow
def test_certificate_mismatch_is_a_failure_with_ocr(tmp_path: Path) -> None:
    """The sample's real (fictional) certificate against a record that claims another valid number."""
    from pgdocs.lint import lint_merchant

    folder = _copy(SAMPLE, tmp_path / "other-number", business_number=brn(4321))
    (folder / "통장사본.png").unlink()  # keep the test to one OCR run
    ml = lint_merchant(folder)
    status = {c.check: c for c in ml.checks}
    assert status["record"].status == "passed"
    assert status["certificate"].status == "failure", status["certificate"]
    assert status["certificate"].code == "CHECK_MISMATCH"
    assert status["bankbook"].status == "skipped"


@pytest.mark.tesseract
@pytest.mark.slow
def test_samples_pass_lint_with_ocr(tmp_path: Path) -> None:
    """What the project's CI runs: every bundled sample merchant passes every check."""
    from pgdocs.lint import run_lint

    junit = tmp_path / "samples.xml"
    import datetime as dt

    result = run_lint(REPO / "samples", ocr=True, jobs=2, junit=junit, today=dt.date.fromisoformat(TODAY))
    bad = {m.slug: [(c.check, c.status, c.message) for c in m.checks if c.status not in ("passed", "skipped")]
           for m in result.merchants}
    assert all(not v for v in bad.values()), bad
    assert result.exit_code == 0
    root = ET.parse(junit).getroot()
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert int(root.get("tests") or 0) == 4 * len(result.merchants) >= 20
