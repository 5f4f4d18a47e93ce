"""The merchant record: loading, normalisation and every bad-input path."""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from pathlib import Path

import pytest

from pgdocs.errors import ExitCode, FindingsError, InputError
from pgdocs.record import load_record, record_from_dict, require

MINIMAL = {"business": {"entity": "individual", "business_number": "214-12-34567", "business_name": "하늘공방",
                        "representative": "김하늘"}}


def test_loads_every_sample(samples_dir: Path) -> None:
    paths = sorted(samples_dir.glob("*/record.json"))
    assert len(paths) >= 5
    pgs = {load_record(p).pg for p in paths}
    assert pgs == {"inicis", "kcp", "nicepay", "easypay", "toss"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("2019-07-01", id="iso"),
        pytest.param("2019.07.01", id="dots"),
        pytest.param("20190701", id="compact"),
        pytest.param("2019년 7월 1일", id="korean"),
        pytest.param("２０１９．０７．０１", id="fullwidth"),
    ],
)
def test_date_formats(text: str) -> None:
    rec = record_from_dict({**MINIMAL, "business": {**MINIMAL["business"], "opening_date": text}})
    assert rec.business.opening_date == dt.date(2019, 7, 1)


def test_nfd_input_is_stored_nfc(write_record) -> None:  # type: ignore[no-untyped-def]
    nfd = unicodedata.normalize("NFD", "하늘공방")
    assert nfd != "하늘공방"
    p = write_record({**MINIMAL, "business": {**MINIMAL["business"], "business_name": nfd}})
    assert load_record(p).business.business_name == "하늘공방"


def test_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(MINIMAL, ensure_ascii=False).encode())
    assert load_record(p).business.representative == "김하늘"


def test_aliases_and_coercions() -> None:
    rec = record_from_dict({
        "pg": "나이스페이",
        "business": {**MINIMAL["business"], "entity": "법인", "business_number": 2141234567},
        "pg_account": {"already_on_imweb": "예", "payment_methods": "신용카드, 가상계좌", "payment_types": "정기"},
    })
    assert rec.pg == "nicepay"
    assert rec.business.entity == "corporation"
    assert rec.business.business_number == "2141234567"
    assert rec.pg_account is not None
    assert rec.pg_account.already_on_imweb is True
    assert rec.pg_account.payment_methods == ["card", "vbank"]
    assert rec.pg_account.payment_types == ["recurring"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param(b"{not json", "RECORD_BAD_JSON", id="broken-json"),
        pytest.param(b"{\"business\": 1}", "RECORD_SCHEMA", id="wrong-type"),
        pytest.param(b"[1, 2]", "RECORD_SCHEMA", id="array"),
        pytest.param(json.dumps({**MINIMAL, "pg": "paypal"}).encode(), "RECORD_SCHEMA", id="unknown-pg"),
        pytest.param(json.dumps({**MINIMAL, "busines": {}}).encode(), "RECORD_SCHEMA", id="typo-field"),
        pytest.param(json.dumps(MINIMAL, ensure_ascii=False).encode("cp949"), "RECORD_NOT_UTF8", id="cp949"),
        pytest.param(json.dumps({**MINIMAL, "business": {**MINIMAL["business"], "birth_date": "31/02/1990"}}).encode(),
                     "RECORD_SCHEMA", id="bad-date"),
    ],
)
def test_bad_records(tmp_path: Path, content: bytes, code: str) -> None:
    p = tmp_path / "r.json"
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_record(p)
    assert exc.value.code == code
    assert exc.value.exit_code == ExitCode.USAGE
    assert any("\uac00" <= ch <= "\ud7a3" for ch in exc.value.message), "message must be Korean"


def test_directory_and_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        load_record(tmp_path)
    assert exc.value.code == "RECORD_IS_DIR"
    with pytest.raises(InputError) as exc:
        load_record(tmp_path / "nope.json")
    assert exc.value.code == "RECORD_NOT_FOUND"


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "record.json"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as exc:
        load_record(fifo)  # would block forever if opened
    assert exc.value.code == "RECORD_NOT_FILE"


def test_schema_message_names_the_field_in_korean() -> None:
    with pytest.raises(InputError) as exc:
        record_from_dict({"business": {"entity": "individual", "business_name": "x", "representative": "y"}})
    assert "사업자등록번호" in exc.value.message
    assert "business.business_number" in exc.value.message


def test_require_lists_every_missing_field() -> None:
    rec = record_from_dict(MINIMAL)
    with pytest.raises(FindingsError) as exc:
        require(rec, ["business.birth_date", "manager.phone", "business.business_name"], purpose="신청서")
    assert exc.value.details == {"missing": ["business.birth_date", "manager.phone"]}
    assert "대표자 생년월일" in exc.value.message and "담당자 연락처" in exc.value.message


def test_documents_resolve_against_the_record_folder(write_record, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = write_record({**MINIMAL, "documents": {"bankbook": "통장사본.png"}})
    rec = load_record(p)
    assert rec.document_path("bankbook") == tmp_path.resolve() / "통장사본.png"
    assert rec.document_path("business_registration") is None
