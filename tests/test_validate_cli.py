"""``pgdocs validate``: output formats, exit codes 0/1/2, NFD input, bad files. All data fictional."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

import pytest

from cli_runner import RunCli, WriteRecord, invoke
from report_read import obj
from test_validate_record import BASE, TOSS, _with


def test_clean_record_exits_0(write_record: WriteRecord) -> None:
    code, out, err = invoke("validate", str(write_record(BASE)))
    assert code == 0
    assert "요약: 오류 0건, 경고 0건, 참고 0건 — 통과" in out
    assert err == ""


def test_errors_exit_1_with_korean_list(write_record: WriteRecord) -> None:
    data = _with(BASE, business__business_number="123-45-67892", manager__phone="02-555-0456",
                 business__phone="010-5555-0789")
    code, out, _ = invoke("validate", str(write_record(data)))
    assert code == 1
    assert "✗ 오류 [BRN_CHECKSUM] 사업자등록번호: 123-45-67892의 검증번호" in out
    assert "[PHONE_NOT_MOBILE] 담당자 연락처: 02-***-**56" in out or "[PHONE_NOT_MOBILE] 담당자 연락처:" in out
    assert "! 경고 [COMPANY_PHONE_MOBILE]" in out
    assert "항목: manager.phone" in out
    assert "요약: 오류 2건, 경고 1건, 참고 0건 — 고쳐야 할 오류가 있습니다" in out
    assert "555-0456" not in out and "5555-0789" not in out


def test_json_output(write_record: WriteRecord) -> None:
    data = _with(TOSS, pg_account__toss_keys__api_key="test_sk_Fict1onal0Secret0Key",
                 pg_account__toss_keys__client_key="test_ck_Fict1onal0Client0Key")
    code, out, _ = invoke("validate", str(write_record(data)), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["ok"] is True
    assert doc["summary"] == {"error": 0, "warning": 1, "info": 0}
    (finding,) = doc["findings"]
    assert finding["code"] == "TOSS_TEST_KEY"
    assert finding["path"] == "pg_account.toss_keys"
    assert finding["severity"] == "warning"
    assert "실제 결제 및 정산" in finding["message"]
    assert "Fict1onal0Secret0Key" not in out


def test_json_output_with_errors(write_record: WriteRecord) -> None:
    data = _with(BASE, business__postal_code="121-010")
    code, out, _ = invoke("validate", str(write_record(data)), "--format=json")
    assert code == 1
    doc = json.loads(out)
    assert doc["ok"] is False
    assert [(f["code"], f["severity"]) for f in doc["findings"]] == [("POSTAL_OLD", "error")]
    assert "2015" in doc["findings"][0]["hint"]


def test_brn_checksum_switch(write_record: WriteRecord) -> None:
    path = str(write_record(_with(BASE, business__business_number="123-45-67892")))
    assert invoke("validate", path)[0] == 1
    code, out, _ = invoke("validate", path, "--brn-checksum", "warning")
    assert code == 0
    assert "! 경고 [BRN_CHECKSUM]" in out


@pytest.mark.parametrize(
    ("content", "error_code"),
    [
        pytest.param(b"{ not json", "RECORD_BAD_JSON", id="broken-json"),
        pytest.param(json.dumps(BASE, ensure_ascii=False).encode("cp949"), "RECORD_NOT_UTF8", id="cp949"),
        pytest.param(b"[1, 2]", "RECORD_SCHEMA", id="not-an-object"),
        pytest.param(json.dumps({"business": {"entity": "individual"}}).encode(), "RECORD_SCHEMA", id="missing"),
        pytest.param(json.dumps(_with(BASE, business__business_number=True)).encode(), "RECORD_SCHEMA",
                     id="wrong-type"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path,
                                         content: bytes, error_code: str) -> None:
    p = tmp_path / "record.json"
    p.write_bytes(content)
    code, out, err = invoke("validate", str(p))
    assert code == 2
    assert err.startswith(f"오류 [{error_code}]")
    assert "Traceback" not in err + out
    assert out == ""


def test_missing_file_and_directory(tmp_path: Path) -> None:
    code, _, err = invoke("validate", str(tmp_path / "없는파일.json"))
    assert (code, err.split("]")[0]) == (2, "오류 [RECORD_NOT_FOUND")
    code, _, err = invoke("validate", str(tmp_path))
    assert (code, err.split("]")[0]) == (2, "오류 [RECORD_IS_DIR")


def test_bad_input_as_json(tmp_path: Path) -> None:
    code, out, _ = invoke("validate", str(tmp_path / "none.json"), "--format", "json")
    assert code == 2
    assert json.loads(out)["error"]["code"] == "RECORD_NOT_FOUND"


def test_bad_option_is_a_usage_error(write_record: WriteRecord) -> None:
    code, _, err = invoke("validate", str(write_record(BASE)), "--brn-checksum", "ignore")
    assert code == 2
    assert "ignore" in err


def test_subprocess_nfd_file_name_and_content(tmp_path: Path, run_cli: RunCli) -> None:
    """A record saved on macOS: NFD file name and NFD text, run as a user would."""
    data = copy.deepcopy(BASE)
    obj(data, "business")["business_name"] = unicodedata.normalize("NFD", "꽃상회")
    obj(data, "settlement_account")["holder"] = unicodedata.normalize("NFD", "꽃상회")
    obj(data, "settlement_account")["bank"] = unicodedata.normalize("NFD", "카카오뱅크")
    name = unicodedata.normalize("NFD", "가맹점정보.json")
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run_cli("validate", p, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    # holder and bank matched despite NFD; only the account length differs for 카카오뱅크 (13 digits)
    assert [f["code"] for f in doc["findings"]] == ["ACCOUNT_LENGTH"]


def test_subprocess_samples_validate(samples_dir: Path, run_cli: RunCli) -> None:
    records = sorted(samples_dir.glob("*/record.json"))
    assert records
    for rec in records[:1]:
        proc = run_cli("validate", rec)
        assert proc.returncode in (0, 1), proc.stderr
        assert proc.stdout.strip().splitlines()[-1].startswith("요약:")
        assert "Traceback" not in proc.stderr


def test_subprocess_errors_exit_1(tmp_path: Path, run_cli: RunCli) -> None:
    p = tmp_path / "record.json"
    p.write_text(json.dumps(_with(BASE, business__business_number="123-45-67892"), ensure_ascii=False),
                 encoding="utf-8")
    proc = run_cli("validate", p)
    assert proc.returncode == 1
    assert "[BRN_CHECKSUM]" in proc.stdout
    proc = run_cli("validate", p, "--brn-checksum", "warning")
    assert proc.returncode == 0
