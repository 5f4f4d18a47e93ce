"""A sixth PG is one TOML file: plan, validate, chat-message and packet work for it with no code change.

The PG (한빛페이, ``tests/fixtures/rulebook/hanbit.toml``) is fictional. It is added the way an engineer would try a
new PG before shipping it: a copy of the shipped rulebook folder plus its file, named by ``PGDOCS_RULEBOOK``.
The same loader refuses a broken PG file with the file and key named.
"""

from __future__ import annotations

import copy
import datetime as dt
import email
import json
import shutil
from email import policy
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli_runner import run_process
from packet_helpers import REPO, sample
from pgdocs.jsonio import JSONObject, JSONValue
from pgdocs.pglist import RULEBOOK_ENV, pg_ids, pg_names
from pgdocs.record import record_from_dict
from pgdocs.rulebook import load_rulebook
from report_read import obj

FIXTURE = Path(__file__).parent / "fixtures" / "rulebook" / "hanbit.toml"
SHIPPED = REPO / "src" / "pgdocs" / "rulebook" / "data"
SAMPLE = REPO / "samples" / "nicepay-individual-within-1y"
TODAY = dt.date(2026, 11, 27)


def _rulebook(folder: Path, extra: str | None = FIXTURE.read_text(encoding="utf-8")) -> Path:
    shutil.copytree(SHIPPED, folder)
    if extra is not None:
        (folder / "hanbit.toml").write_text(extra, encoding="utf-8")
    return folder


@pytest.fixture
def sixth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = _rulebook(tmp_path / "rulebook")
    monkeypatch.setenv(RULEBOOK_ENV, str(folder))
    return folder


def _data(**changes: JSONValue) -> JSONObject:
    data = copy.deepcopy(sample("nicepay-individual-within-1y"))
    data["pg"] = "한빛페이먼츠"  # an alias from the PG's file
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            obj(data, section)[name] = value
        else:
            data[section] = value
    return data


def _record_file(tmp_path: Path, data: JSONObject) -> Path:
    for name in ("사업자등록증.png", "통장사본.png"):
        shutil.copyfile(SAMPLE / name, tmp_path / name)
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_pg_list_is_the_rulebook_folder(sixth: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert pg_ids()[-1] == "hanbit" and pg_names()["hanbit"] == "한빛페이"
    assert record_from_dict(_data(), SAMPLE).pg == "hanbit"
    monkeypatch.delenv(RULEBOOK_ENV)
    assert pg_ids() == ("inicis", "kcp", "nicepay", "easypay", "toss")
    with pytest.raises(Exception, match="알 수 없는 PG사"):
        record_from_dict(_data(), SAMPLE)


def test_plan(sixth: Path) -> None:
    from pgdocs.plan import build_plan

    plan = build_plan(record_from_dict(_data(pg_account__payment_types=["general", "recurring"]), SAMPLE), TODAY)
    assert (plan.case.case_id, plan.case.pg_name) == ("hanbit.id_addition", "한빛페이")
    assert [d.spec.id for d in plan.documents] == ["bankbook", "business_registration"]  # the seal: corporations
    assert all(d.present for d in plan.documents)
    assert plan.channel == "post" and plan.case.recipient is not None
    assert plan.case.recipient.inline.startswith("(04524) 서울특별시 중구 가상로 12")
    assert plan.case.steps[1].startswith("[아임웹 채팅상담 > 결제설정]에")
    assert [st.name for st in plan.case.stages("post")] == ["서류 준비", "우편 발송·배달", "한빛페이 심사"]
    assert plan.expected is not None and plan.expected[0] > TODAY
    assert "HANBIT_RECURRING" in {w.code for w in plan.warnings}

    corp = _data(business__entity="corporation", business__corporate_number="110111-1234567")
    corp_plan = build_plan(record_from_dict(corp, SAMPLE), TODAY, validate=False)
    assert [d.spec.id for d in corp_plan.documents][-1] == "seal_certificate"
    unconfirmed = next(w for w in corp_plan.warnings if w.code == "DOCUMENT_UNCONFIRMED")
    assert "한빛페이에 확인" in unconfirmed.message and "나이스페이" not in unconfirmed.message


def test_plan_cli(sixth: Path, tmp_path: Path) -> None:
    res = run_process("plan", _record_file(tmp_path, _data()), "--today", "2026-11-27", "--format", "json",
                      env={RULEBOOK_ENV: str(sixth)})
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert (data["pg"], data["case_id"], data["channel"]) == ("hanbit", "hanbit.id_addition", "post")
    assert data["recipient"]["email"] == "merchant@hanbitpay.example"


def test_validate(sixth: Path) -> None:
    from pgdocs.validate import validate_record

    keys: JSONObject = {"mid": "tvivarepublica", "mert_key": "abc", "api_key": "test_sk_Fict1onal0Secret0Key",
            "client_key": "test_ck_Fict1onal0Client0Key"}
    data = _data(pg_account={**obj(_data(), "pg_account"), "toss_keys": keys})
    found = validate_record(record_from_dict(data, SAMPLE), today=TODAY)
    by_code = {f.code: f for f in found}
    # declared by the PG's file: the *-prefixed URL tip, with this PG's name
    assert "한빛페이 MID 추가 양식" in by_code["INICIS_URL"].message
    # another PG's own field: named as unused, and still checked
    assert "토스페이먼츠에만 쓰는 값" in by_code["TOSS_KEYS_UNUSED"].message
    assert "TOSS_TEST_KEY" in by_code
    assert not [f for f in found if f.severity == "error"]


def test_validate_cli_unknown_pg_lists_the_sixth(sixth: Path, tmp_path: Path) -> None:
    res = run_process("validate", _record_file(tmp_path, _data(pg="없는페이")), env={RULEBOOK_ENV: str(sixth)})
    assert res.returncode == 2 and "hanbit" in res.stderr and "Traceback" not in res.stderr


def test_chat_message_cli(sixth: Path, tmp_path: Path) -> None:
    res = run_process("chat-message", _record_file(tmp_path, _data()), env={RULEBOOK_ENV: str(sixth)})
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "[아임웹 채팅상담 > 결제설정] 한빛페이 아이디 추가 문의"
    assert "한빛페이에서 아이디 추가 MID를 받았습니다. 연동을 요청합니다." in lines
    assert "2. MID 값: hanulim02m" in lines
    assert "3. 사업자등록증 사본: PDF로 첨부합니다 (사업자등록증.png)" in lines


@pytest.mark.parametrize("channel", ["email", "post"])
def test_packet(sixth: Path, tmp_path: Path, channel: str) -> None:
    from pgdocs.packet.build import build_packet

    rec = record_from_dict(_data(), SAMPLE)
    out = tmp_path / "packet"
    res = build_packet(rec, out, channel=channel, check=False, today=TODAY)
    assert res.case_id == "hanbit.id_addition"
    names = sorted(p.name for p in out.iterdir())
    expected = ["00_cover.pdf", "01_bankbook.pdf", "02_business_registration.pdf", "labels.pdf", "manifest.json",
                "packet.pdf"]
    assert names == sorted(expected + (["submission.eml"] if channel == "email" else []))
    cover = "".join(p.extract_text() for p in PdfReader(out / "00_cover.pdf").pages)
    assert "한빛페이 아이디(MID) 추가 신청 서류" in cover and "나이스페이" not in cover
    assert "04524" in PdfReader(out / "labels.pdf").pages[0].extract_text()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["case"]["id"] == "hanbit.id_addition"
    if channel == "email":
        msg = email.message_from_bytes((out / "submission.eml").read_bytes(), policy=policy.default)
        assert msg["To"].addresses[0].addr_spec == "merchant@hanbitpay.example"
        assert msg["Subject"] == "[한빛페이 ID 추가] 하늘공방 (214-12-34567)"
        assert [a.get_filename() for a in msg.iter_attachments()] == ["통장 사본.pdf", "사업자등록증 사본.pdf"]


BROKEN = [
    pytest.param(("id = \"bankbook\"", "id = \"bank_book\""), "unknown document 'bank_book'", id="unknown-document"),
    pytest.param(("validation = [\"star_url\"]", "validation = [\"star-url\"]"), "unknown check 'star-url'",
                 id="unknown-check"),
    pytest.param(("channels = [\"email\", \"post\"]", "channels = [\"email\", \"fax\"]"), "unknown channel 'fax'",
                 id="unknown-channel"),
    pytest.param(("lead_days = [1, 4]", "lead_dayz = [1, 4]"), "unknown key(s) lead_dayz", id="typo"),
    pytest.param(("when = {}", "when = { weekday = true }"), "unknown condition weekday", id="unknown-condition"),
    pytest.param(("order = 6", "order = \"6\""), "'order' must be an integer", id="wrong-type"),
    pytest.param(("id = \"hanbit.id_addition\"", "id = \"other.id_addition\""), "starts with the PG's id",
                 id="case-id"),
    pytest.param(("id = \"bankbook\"", "id = \"id_add_form\""), "name its generator in [forms]",
                 id="generated-without-form"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_a_broken_pg_file_is_refused_with_file_and_key(tmp_path: Path, change: tuple[str, str],
                                                       message: str) -> None:
    from pgdocs.rulebook.model import parse_rulebook

    text = FIXTURE.read_text(encoding="utf-8")
    assert change[0] in text
    folder = _rulebook(tmp_path / "rulebook", text.replace(change[0], change[1], 1))
    with pytest.raises(ValueError, match=r"hanbit\.toml") as ei:
        parse_rulebook(folder)
    assert message in str(ei.value)


def test_the_fixture_itself_loads(tmp_path: Path) -> None:
    book = load_rulebook(_rulebook(tmp_path / "rulebook"))
    assert list(book.pgs) == ["inicis", "kcp", "nicepay", "easypay", "toss", "hanbit"]
    assert book.pgs["hanbit"].recipient is not None

