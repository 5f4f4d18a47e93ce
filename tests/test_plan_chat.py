"""Plans, expected dates and the Imweb chat message, through the library and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import sample_record_dict
from pgdocs.bizdays import add_business_days
from pgdocs.chat import chat_message
from pgdocs.errors import FindingsError
from pgdocs.plan import build_plan
from pgdocs.record import load_record, record_from_dict
from report_read import obj

TODAY = dt.date(2026, 11, 27)  # a Friday


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(dt.date(2026, 11, 27), 1, dt.date(2026, 11, 30), id="friday-plus-1"),
        pytest.param(dt.date(2026, 9, 23), 1, dt.date(2026, 9, 28), id="chuseok"),
        pytest.param(dt.date(2026, 12, 24), 1, dt.date(2026, 12, 28), id="christmas"),
        pytest.param(dt.date(2026, 11, 28), 0, dt.date(2026, 11, 30), id="saturday-rolls"),
    ],
)
def test_business_days(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_business_days(start, n) == expected


def test_plan_for_nicepay_within_year(samples_dir: Path) -> None:
    plan = build_plan(load_record(samples_dir / "nicepay-individual-within-1y/record.json"), TODAY)
    d = plan.to_dict()
    assert d["case_id"] == "nicepay.within_1y"
    assert d["channel"] == "post"
    assert [x["id"] for x in d["documents"]] == ["id_add_form", "bankbook", "business_registration"]
    # by post: preparing 0–1, mailing 1–3, NicePay's review 2–5, Imweb 2–3 business days from Friday 2026-11-27
    assert d["expected_completion"] == {"from": add_business_days(TODAY, 5).isoformat(),
                                        "to": add_business_days(TODAY, 12).isoformat()}


def test_plan_flags_recurring_nicepay() -> None:
    data = sample_record_dict("nicepay-individual-within-1y")
    obj(data, "pg_account")["payment_types"] = ["general", "recurring"]
    plan = build_plan(record_from_dict(data), TODAY)
    assert "NICEPAY_RECURRING_SEPARATE_MID" in {w.code for w in plan.warnings}


def test_plan_flags_toss_test_keys(samples_dir: Path) -> None:
    plan = build_plan(load_record(samples_dir / "toss-test-keys/record.json"), TODAY)
    assert "TOSS_TEST_KEY" in {w.code for w in plan.warnings}


def test_chat_message_nicepay_has_eleven_items_in_order(samples_dir: Path) -> None:
    text = chat_message(load_record(samples_dir / "nicepay-individual-within-1y/record.json"), today=TODAY)
    lines = [ln for ln in text.splitlines() if re.match(r"^\d+\. ", ln)]
    assert len(lines) == 11
    assert lines[1] == "2. MID 값: hanulim02m"
    assert lines[2].startswith("3. 사업자등록증 사본: 이미지로 첨부")
    assert lines[10] == "11. 정산계좌정보(은행명/계좌번호/예금주명): 국민은행 / 123456-01-234567 / 김하늘"
    assert "[아임웹 채팅상담 > 결제설정]" in text


def test_chat_message_toss_includes_keys_and_test_warning(samples_dir: Path) -> None:
    text = chat_message(load_record(samples_dir / "toss-test-keys/record.json"), today=TODAY)
    assert "MID, mertKey, apiKey, clientKey: im_tokkimkt / PGDOCS-SAMPLE-MERTKEY-0001 / test_sk_" in text
    assert "라이브 키" in text


def test_chat_message_missing_items_named() -> None:
    data = sample_record_dict("inicis-individual")
    del data["manager"]
    obj(data, "business")["birth_date"] = None
    with pytest.raises(FindingsError) as exc:
        chat_message(record_from_dict(data), today=TODAY)
    assert exc.value.code == "CHAT_MISSING_ITEMS"
    assert exc.value.details == {"missing": ["business.birth_date", "manager.name", "manager.phone", "manager.email"]}


def test_chat_message_not_needed_for_new_application() -> None:
    data = sample_record_dict("nicepay-individual-within-1y")
    obj(data, "pg_account")["already_on_imweb"] = False
    with pytest.raises(FindingsError) as exc:
        chat_message(record_from_dict(data), today=TODAY)
    assert exc.value.code == "CHAT_NOT_NEEDED"


def test_inicis_second_message(samples_dir: Path) -> None:
    data = sample_record_dict("inicis-individual")
    obj(data, "pg_account")["new_mid"] = "MOIsolbak2"
    text = chat_message(record_from_dict(data), stage="issued", today=TODAY)
    assert "발급" in text and "MOIsolbak2" in text


# --- CLI: exit codes and one-line errors -------------------------------------------------------


def test_cli_plan_json(run_cli, samples_dir: Path) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("plan", samples_dir / "nicepay-corporation-over-1y/record.json", "--today", "2026-11-27",
                   "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["case_id"] == "nicepay.over_1y" and data["channels"] == ["post"]


def test_cli_chat_message_text(run_cli, samples_dir: Path) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("chat-message", samples_dir / "kcp-corporation/record.json")
    assert proc.returncode == 0, proc.stderr
    assert "10. 정산계좌정보" in proc.stdout


@pytest.mark.parametrize(
    ("content", "code", "exit_code"),
    [
        pytest.param(b"{", "RECORD_BAD_JSON", 2, id="broken"),
        pytest.param(b"\xff\xfe\x00", "RECORD_NOT_UTF8", 2, id="not-utf8"),
        pytest.param(json.dumps({"pg": "paypal", "business": {}}).encode(), "RECORD_SCHEMA", 2, id="unknown-pg"),
    ],
)
def test_cli_bad_input_is_one_korean_line(run_cli, tmp_path: Path, content: bytes, code: str,  # type: ignore[no-untyped-def]
                                          exit_code: int) -> None:
    p = tmp_path / "r.json"
    p.write_bytes(content)
    proc = run_cli("plan", p)
    assert proc.returncode == exit_code
    assert f"[{code}]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_directory_and_missing_field_codes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("plan", tmp_path)
    assert proc.returncode == 2 and "[RECORD_IS_DIR]" in proc.stderr
    data = sample_record_dict("toss-test-keys")
    del data["pg_account"]
    p = tmp_path / "r.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("chat-message", p, "--format", "json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "CASE_UNDECIDABLE"


def test_cli_nfd_record_file_name_and_content(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(unicodedata.normalize("NFD", json.dumps(sample_record_dict("inicis-individual"),
                                                              ensure_ascii=False)))
    p = tmp_path / unicodedata.normalize("NFD", "가맹점.json")
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("chat-message", p)
    assert proc.returncode == 0, proc.stderr
    assert "한솔" in proc.stdout and unicodedata.is_normalized("NFC", proc.stdout)


def test_cli_help_lists_every_command(run_cli) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("--help")
    assert proc.returncode == 0
    for cmd in ("validate", "plan", "chat-message", "doctor", "fill", "verify", "packet", "labels", "batch", "lint",
                "serve"):
        assert cmd in proc.stdout


def test_cli_usage_error_exit_2(run_cli) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("plan")
    assert proc.returncode == 2
    proc = run_cli("plan", "x.json", "--format", "xml")
    assert proc.returncode == 2


def test_doctor_reports_missing_tesseract(run_cli) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("doctor", "--format", "json", env={"PGDOCS_TESSERACT": "/nonexistent/tesseract"})
    assert proc.returncode == 4
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert checks["tesseract"]["ok"] is False
    assert "tesseract-ocr" in checks["tesseract"]["hint"]


def test_expected_completion_spans_the_whole_process() -> None:
    """NicePay ≤1y by e-mail and >1y by post no longer show the same 'today + 2–3 days' (issue 13 item 4)."""
    import datetime as dt

    from pgdocs.plan import build_plan
    from pgdocs.record import load_record

    today = dt.date(2026, 11, 27)
    samples = Path(__file__).resolve().parent.parent / "samples"
    within = load_record(samples / "nicepay-individual-within-1y" / "record.json")
    within_email = within.model_copy(update={"pg_account": within.pg_account.model_copy(  # type: ignore[union-attr]
        update={"preferred_channel": "email"})})
    over = load_record(samples / "nicepay-corporation-over-1y" / "record.json")
    plans = {name: build_plan(rec, today).to_dict() for name, rec in
             (("within-email", within_email), ("within-post", within), ("over", over))}
    stages = {name: [t["stage"] for t in p["timeline"]] for name, p in plans.items()}
    assert "이메일 발송" in stages["within-email"] and not any("우편" in s for s in stages["within-email"])
    assert any("우편" in s for s in stages["over"])
    ends: dict[str, str] = {}
    for name, p in plans.items():
        assert p["timeline"][-1]["stage"].startswith("아임웹") and p["timeline"][-1]["estimated"] is False
        assert any(t["estimated"] for t in p["timeline"]) and p["estimated"] is True
        # the range is the sum of the stages in business days, so it ends well after Imweb's own 2–3 days
        exp = p["expected_completion"]
        assert exp is not None and exp["to"] > "2026-12-02"
        ends[name] = exp["to"]
    assert ends["within-email"] < ends["within-post"] < ends["over"]
