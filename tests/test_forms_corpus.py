"""``--by-labels`` on the form corpus (tests/form_corpus.py): every cell read back, both copies of a text
box from the raw XML, pre-filled cells untouched, the report complete, .doc input through LibreOffice."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_runner import WriteRecord
from form_corpus import HELD_OUT, TUNING, Form, Score, f_composite, f_nested, record_for, score
from pgdocs import office
from pgdocs.forms.bylabels import fill_by_labels
from pgdocs.forms.fillreport import LabelFillResult

TODAY = dt.date(2026, 11, 27)
#: a form of the corpus, built fresh for each test
Build = Callable[[], Form]


def _fill(form: Form, folder: Path, suffix: str = ".docx") -> tuple[LabelFillResult, Score]:
    src = folder / f"{form.name}{suffix}"
    if not src.exists():
        form.doc.save(str(src))
    res = fill_by_labels(record_for(form), src, folder / f"{form.name}.filled.docx", today=TODAY)
    return res, score(form, res.docx)


@pytest.mark.parametrize("build", [pytest.param(b, id=f"form{i:02d}") for i, b in enumerate(TUNING)])
def test_tuning_form(build: Build, tmp_path: Path) -> None:
    form = build()
    res, s = _fill(form, tmp_path)
    assert s.wrong == [] and s.touched == [], (s.wrong, s.touched)
    assert s.missed == [], s.missed
    rep = res.report
    assert rep.needs_attention == form.attention, rep.to_text()
    assert {r["label"] for r in rep.unknown} >= set(form.unknown), rep.unknown
    assert {r["label"] for r in rep.not_held} >= set(form.not_held), rep.not_held
    for kind in ("filled", "unknown", "not_held", "kept"):
        for entry in getattr(rep, kind):
            assert entry["code"].startswith("FORM_") and entry["where"]["area"] in (
                "body", "header", "footer", "textbox")


def test_text_box_both_copies_filled_and_reported_once(tmp_path: Path) -> None:
    import zipfile

    form = TUNING[0]()
    res, s = _fill(form, tmp_path)
    xml = zipfile.ZipFile(res.docx).read("word/document.xml").decode()
    choice, fallback = xml.split("<mc:Fallback>")
    assert "(주)가상상점" in choice and "(주)가상상점" in fallback
    assert [r["where"]["area"] for r in res.report.filled] == ["textbox"] * 3
    assert s.filled == s.supply == 6


def test_report_lists_and_positions(tmp_path: Path) -> None:
    from form_corpus import f_checkboxes, f_not_held, f_prefilled

    res, _ = _fill(f_checkboxes(), tmp_path)
    unknown = {r["label"]: r for r in res.report.unknown}
    assert unknown["신청 구분"]["code"] == "FORM_CHOICE_UNKNOWN"
    assert unknown["신청 구분"]["where"] == {"area": "body", "table": 1, "row": 3, "cell": 2}
    assert [r["key"] for r in res.report.ticked] == ["entity_corporation", "method_card", "method_vbank"]
    res, _ = _fill(f_prefilled(), tmp_path)
    assert sorted(r["existing"] for r in res.report.kept) == [
        "999-99-99999", "other001m", "기존상호", "다른상점", "다른은행"]
    res, _ = _fill(f_not_held(), tmp_path)
    assert [r["label"] for r in res.report.no_value] == ["개업연월일"]
    text = res.report.to_text()
    assert "pgdocs가 갖고 있지 않은 정보" in text and "주민등록번호" in text and "[FORM_NOT_HELD]" in text
    assert "business." not in text  # merchants never see field paths


def test_held_out_fill_rate(tmp_path: Path) -> None:
    total = Score()
    for build in HELD_OUT:
        res, s = _fill(build(), tmp_path)
        total.add(s)
        if s.missed:  # a miss is never silent: the label is in the report and the exit code says so
            assert res.report.unknown and res.report.needs_attention, res.report.to_text()
    assert total.wrong == [] and total.touched == [], (total.wrong, total.touched)
    assert total.rate >= 0.9, total.missed


@pytest.mark.soffice
def test_doc_inputs_ole_and_ooxml_named_doc(tmp_path: Path) -> None:
    """Legacy .doc (made by LibreOffice, one soffice run for both) and a .docx saved under a .doc name."""
    forms = [f_composite(), f_nested()]
    for f in forms:
        f.doc.save(str(tmp_path / f"{f.name}.docx"))
    docs = office.convert([tmp_path / f"{f.name}.docx" for f in forms], "doc", tmp_path / "doc")
    assert all(p.read_bytes().startswith(b"\xd0\xcf\x11\xe0") for p in docs)
    for f, d in zip(forms, docs, strict=True):
        shutil.copyfile(d, tmp_path / f"{f.name}.doc")
    named = f_composite("individual")
    named.doc.save(str(tmp_path / f"{named.name}.doc"))  # OOXML bytes, .doc name
    for f in [*forms, named]:
        _res, s = _fill(f, tmp_path, ".doc")
        assert s.wrong == [] and s.touched == [] and s.missed == [], (f.name, s)


@pytest.mark.parametrize(("build", "code"), [pytest.param(f_composite, 0, id="all-filled-exit-0"),
                                             pytest.param(TUNING[-1], 1, id="unknown-label-exit-1")])
def test_cli_exit_codes_and_json_positions(build: Build, code: int, tmp_path: Path,
                                           write_record: WriteRecord) -> None:
    import json

    from cli_runner import invoke
    from forms_helpers import RECORD

    form = build()
    form.doc.save(str(tmp_path / "form.docx"))
    rec = write_record(RECORD)
    args = ("fill", "--template", tmp_path / "form.docx", "--by-labels", rec, "--today", "2026-11-27")
    got, out, _err = invoke(*args, "-o", tmp_path / "o.docx")
    assert got == code, out
    assert "채운 칸" in out and "[FORM_FILLED]" in out and "business." not in out
    got, out, _err = invoke(*args, "-o", tmp_path / "o2.docx", "--format", "json")
    data = json.loads(out)
    assert got == code and data["needs_attention"] is bool(code)
    assert all({"area", "table", "row", "cell"} <= set(e["where"]) for e in data["filled"])
    if code:
        assert data["unknown"][0]["label"] == "간판명"
        assert data["unknown"][0]["where"] == {"area": "body", "table": 1, "row": 2, "cell": 1}
