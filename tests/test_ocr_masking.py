"""Verify results that reach logs, reports and pages keep account numbers and birth dates masked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import sample_record_dict
from pgdocs import verify
from pgdocs.ocr.verify import masked
from pgdocs.record import record_from_dict
from report_read import obj

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "nicepay-individual-within-1y"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        pytest.param("account_number", "123456-01-234567", "******-**-**4567", id="account"),
        pytest.param("birth_date", "1988-04-12", "1988-**-**", id="birth"),
        pytest.param("business_name", "하늘공방", "하늘공방", id="not-personal"),
        pytest.param("account_number", None, None, id="none"),
    ],
)
def test_masked(name: str, value: str | None, expected: str | None) -> None:
    assert masked(name, value) == expected


@pytest.mark.tesseract
def test_bankbook_mismatch_reason_masks_both_numbers(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = sample_record_dict("nicepay-individual-within-1y")
    obj(data, "settlement_account")["number"] = "123456-01-234568"
    res = verify(SAMPLE / "통장사본.png", record_from_dict(data), kind="bankbook")
    assert res.verdict == "fail"
    text = " ".join(res.reasons)
    assert "4568" in text and "4567" in text
    assert "123456" not in text
    rec = tmp_path / "r.json"
    rec.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("verify", SAMPLE / "통장사본.png", "--kind", "bankbook", "--info", rec)
    assert proc.returncode == 1
    assert "123456" not in proc.stdout
