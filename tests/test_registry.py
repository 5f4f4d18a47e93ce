"""The NTS registry check (``pgdocs registry``, ``--registry``) against a local stand-in of the service.

The production client talks HTTP to :mod:`nts_server` (``PGDOCS_NTS_URL``); no test reaches the internet. Every
business and key is fictional.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from batch_helpers import brn, merchant
from nts_server import Business, Registry, nts_server
from pgdocs.batch.template import write_rows
from pgdocs.findings import Severity
from pgdocs.registry import Cache, Identity, NtsClient, RegistryError, ask, check_businesses, findings_for, read_key
from pgdocs.registry.client import scrub
from report_read import text_at

#: a fictional "Decoding" key with the characters data.go.kr keys carry (+ / =)
KEY = "Fict+ional/KeyForTests0nly=="
KEY_ENCODED = urllib.parse.quote(KEY, safe="")


def _digits(number: str) -> str:
    return number.replace("-", "")


@pytest.fixture
def reg() -> Registry:
    r = Registry(key=KEY)
    r.add(Business(_digits(brn(1)), status="01", tax="01", start_dt="20210302", p_nm="김하늘", b_nm="하늘공방"),
          Business(_digits(brn(2)), status="03", end_dt="20250630"),
          Business(_digits(brn(3)), status="02"),
          Business(_digits(brn(4)), status="01", tax="02"))
    return r


@pytest.fixture
def url(reg: Registry) -> Iterator[str]:
    with nts_server(reg) as base:
        yield base


def _client(url: str, **kw: float) -> NtsClient:
    return NtsClient(KEY, base_url=url, backoff=kw.pop("backoff", 0.01), min_interval=kw.pop("min_interval", 0.0),
                     **kw)  # type: ignore[arg-type]


def _ident(n: int, **kw: object) -> Identity:
    return Identity(number=_digits(brn(n)), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("serial", "tax_type", "codes"),
    [
        pytest.param(1, "general", ["NTS_ACTIVE"], id="open"),
        pytest.param(2, None, ["NTS_CLOSED"], id="closed"),
        pytest.param(3, None, ["NTS_SUSPENDED"], id="suspended"),
        pytest.param(4, "general", ["NTS_ACTIVE", "NTS_TAX_TYPE_DIFFERS"], id="tax-type-differs"),
        pytest.param(9, None, ["NTS_NOT_REGISTERED"], id="unknown-number"),
    ],
)
def test_status_findings(url: str, serial: int, tax_type: str | None, codes: list[str]) -> None:
    ident = _ident(serial, tax_type=tax_type)
    answers = ask(_client(url), [ident])
    found = findings_for(ident, answers[ident.number])
    assert [f.code for f in found] == codes
    if serial == 2:
        assert "2025-06-30" in found[0].message and found[0].severity is Severity.ERROR
    if serial == 4:
        assert found[1].severity is Severity.WARNING and "간이과세자" in found[1].message


def test_validate_match_and_mismatch_name_what_was_sent(url: str, reg: Registry) -> None:
    import datetime as dt

    good = _ident(1, opening_date=dt.date(2021, 3, 2), representative="김하늘", business_name="하늘공방")
    other = Identity(number=_digits(brn(4)), opening_date=dt.date(2021, 3, 2), representative="김민수")
    answers = ask(_client(url), [good, other], validate=True)
    ok = findings_for(good, answers[good.number], validate=True)
    bad = findings_for(other, answers[other.number], validate=True)
    assert ok[-1].code == "NTS_VALIDATE_MATCH"
    assert bad[-1].code == "NTS_MISMATCH" and bad[-1].severity is Severity.ERROR
    assert "사업자등록번호, 개업일, 대표자" in bad[-1].message and "상호" not in bad[-1].message
    sent = [json.loads(r["body"]) for r in reg.requests if r["path"].endswith("/validate")]
    assert len(sent) == 1
    # only trusted identity fields leave the machine
    assert {k for b in sent[0]["businesses"] for k in b} <= {"b_no", "start_dt", "p_nm", "b_nm", "corp_no"}


def test_250_numbers_make_3_calls_and_the_cache_is_reused(url: str, reg: Registry, tmp_path: Path) -> None:
    idents = [_ident(100 + i) for i in range(250)]
    client = _client(url)
    cache = Cache.load(tmp_path / "cache.json")
    ask(client, idents, cache=cache)
    assert client.stats.calls == 3 and [len(json.loads(r["body"])["b_no"]) for r in reg.requests] == [100, 100, 50]
    again = _client(url)
    answers = ask(again, idents, cache=Cache.load(tmp_path / "cache.json"))  # --resume: nothing asked again
    assert again.stats.calls == 0 and len(answers) == 250
    assert all(findings_for(i, answers[i.number])[0].code == "NTS_NOT_REGISTERED" for i in idents)


def test_5xx_is_retried_then_answered(url: str, reg: Registry) -> None:
    reg.fail_next = 2
    client = _client(url)
    ident = _ident(1)
    answers = ask(client, [ident])
    assert client.stats.calls == 3 and client.stats.retries == 2
    assert findings_for(ident, answers[ident.number])[0].code == "NTS_ACTIVE"


def test_a_failed_call_marks_only_its_rows(url: str, reg: Registry) -> None:
    idents = [_ident(1)] + [_ident(200 + i) for i in range(100)]  # two calls: the first 100, then 1
    reg.fail_next = 3  # the first call fails all three attempts; the second is answered
    answers = ask(_client(url), idents)
    first = [findings_for(i, answers[i.number])[0].code for i in idents[:100]]
    last = findings_for(idents[100], answers[idents[100].number])[0].code
    assert set(first) == {"NTS_UNREACHABLE"} and last == "NTS_NOT_REGISTERED"


def test_slow_service_times_out_as_unreachable(url: str, reg: Registry) -> None:
    reg.delay = 0.5
    client = NtsClient(KEY, base_url=url, timeout=0.1, attempts=2, backoff=0.01, min_interval=0)
    with pytest.raises(RegistryError) as info:
        client.status([_digits(brn(1))])
    assert info.value.code == "NTS_UNREACHABLE" and client.stats.calls == 2


def test_unreachable_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = NtsClient(KEY, base_url=f"http://127.0.0.1:{port}/v1", timeout=1, attempts=2, backoff=0.01)
    with pytest.raises(RegistryError) as info:
        client.status([_digits(brn(1))])
    assert info.value.code == "NTS_UNREACHABLE" and KEY not in str(info.value.to_dict())


@pytest.mark.parametrize("form", [pytest.param(KEY, id="decoding-key"), pytest.param(KEY_ENCODED, id="encoding-key")])
def test_both_key_forms_work_without_double_encoding(url: str, reg: Registry, form: str) -> None:
    key = read_key({"PGDOCS_NTS_KEY": form})
    assert key == KEY
    client = NtsClient(key, base_url=url, min_interval=0)
    assert client.status([_digits(brn(1))])[0]["b_stt_cd"] == "01"
    assert f"serviceKey={KEY_ENCODED}&" in reg.requests[-1]["query"]  # encoded exactly once


def test_key_file(tmp_path: Path) -> None:
    f = tmp_path / "nts.key"
    f.write_text(KEY_ENCODED + "\n", encoding="utf-8")
    assert read_key({"PGDOCS_NTS_KEY_FILE": str(f)}) == KEY
    with pytest.raises(Exception) as info:
        read_key({})
    assert getattr(info.value, "code", "") == "NTS_NO_KEY"


def test_bad_key_and_quota(url: str, reg: Registry) -> None:
    with pytest.raises(RegistryError) as info:
        ask(NtsClient("wrong-key", base_url=url, min_interval=0), [_ident(1)])
    assert info.value.code == "NTS_BAD_KEY" and int(info.value.exit_code) == 2
    reg.quota_left = 0
    with pytest.raises(RegistryError) as info:
        ask(_client(url), [_ident(1)])
    assert info.value.code == "NTS_QUOTA" and int(info.value.exit_code) == 5


def test_scrub_removes_every_form_of_the_key() -> None:
    text = f"GET /status?serviceKey={KEY_ENCODED}&x=1 key={KEY} plus={urllib.parse.quote_plus(KEY)}"
    out = scrub(text, KEY)
    assert KEY not in out and KEY_ENCODED not in out and urllib.parse.quote_plus(KEY) not in out


def test_check_businesses_from_records(url: str) -> None:
    from pgdocs.record import record_from_dict

    recs = [record_from_dict(merchant(1, "하늘공방")), record_from_dict(merchant(2, "닫힌가게"))]
    found = check_businesses([r.business for r in recs], client=_client(url))
    assert [f.code for f in found[0]] == ["NTS_ACTIVE"] and [f.code for f in found[1]] == ["NTS_CLOSED"]


# -- the command line ----------------------------------------------------------------------------------------


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pgdocs", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120, check=False)


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PGDOCS_NTS")}
    env.update({"PGDOCS_NTS_URL": url, "PGDOCS_NTS_KEY": KEY_ENCODED, **extra})
    return env


def test_cli_workbook_shows_each_status_and_never_the_key(url: str, reg: Registry, tmp_path: Path) -> None:
    rows = [merchant(1, "하늘공방"), merchant(2, "닫힌가게"), merchant(3, "쉬는가게"), merchant(9, "없는가게")]
    xlsx = write_rows(tmp_path / "in.xlsx", rows)
    res = _run(["-vv", "registry", str(xlsx)], _env(url), tmp_path)
    assert res.returncode == 1, res.stderr
    for code in ("NTS_ACTIVE", "NTS_CLOSED", "NTS_SUSPENDED", "NTS_NOT_REGISTERED"):
        assert code in res.stdout
    assert "국세청 호출 1번" in res.stdout and "보낸 정보: 사업자등록번호" in res.stdout
    for text in (res.stdout, res.stderr):
        assert KEY not in text and KEY_ENCODED not in text and "Traceback" not in text


def test_cli_record_json_and_exit_codes(url: str, reg: Registry, tmp_path: Path) -> None:
    rec = tmp_path / "record.json"
    rec.write_text(json.dumps(merchant(1, "하늘공방"), ensure_ascii=False), encoding="utf-8")
    ok = _run(["registry", str(rec), "--validate", "--format", "json"], _env(url), tmp_path)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert [f["code"] for f in data["merchants"][0]["findings"]] == ["NTS_ACTIVE", "NTS_VALIDATE_MATCH"]
    bad_key = _run(["registry", str(rec)], _env(url, PGDOCS_NTS_KEY="nope"), tmp_path)
    assert bad_key.returncode == 2 and "[NTS_BAD_KEY]" in bad_key.stderr and "Traceback" not in bad_key.stderr
    no_key = _run(["registry", str(rec)], {k: v for k, v in _env(url).items() if k != "PGDOCS_NTS_KEY"}, tmp_path)
    assert no_key.returncode == 2 and "[NTS_NO_KEY]" in no_key.stderr
    reg.fail_next = 10
    down = _run(["-vv", "registry", str(rec)], _env(url), tmp_path)
    assert down.returncode == 5 and "NTS_UNREACHABLE" in down.stdout + down.stderr
    assert KEY_ENCODED not in down.stderr and KEY not in down.stderr


def test_validate_with_registry_adds_findings(url: str, tmp_path: Path) -> None:
    rec = tmp_path / "record.json"
    rec.write_text(json.dumps(merchant(2, "닫힌가게"), ensure_ascii=False), encoding="utf-8")
    plain = _run(["validate", str(rec)], _env(url), tmp_path)
    with_registry = _run(["validate", str(rec), "--registry"], _env(url), tmp_path)
    assert "NTS_" not in plain.stdout and plain.returncode == 0, plain.stdout + plain.stderr
    assert with_registry.returncode == 1 and "[NTS_CLOSED]" in with_registry.stdout


def test_logs_never_carry_the_key(url: str, reg: Registry, caplog: pytest.LogCaptureFixture) -> None:
    reg.fail_next = 1
    with caplog.at_level(logging.DEBUG):
        ask(_client(url), [_ident(1)])
    assert caplog.records and all(KEY not in r.getMessage() and KEY_ENCODED not in r.getMessage()
                                  for r in caplog.records)


# -- the opt-in flag on batch, lint and packet ----------------------------------------------------------------


def test_batch_of_250_rows_makes_3_calls_and_resume_reuses_answers(url: str, reg: Registry, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from pgdocs.batch.run import run_batch

    monkeypatch.setenv("PGDOCS_NTS_URL", url)
    monkeypatch.setenv("PGDOCS_NTS_KEY", KEY)
    rows = [merchant(1, "하늘공방"), merchant(2, "닫힌가게")] + [merchant(300 + i, f"가게{i}") for i in range(248)]
    xlsx = write_rows(tmp_path / "in.xlsx", rows)
    out = tmp_path / "OUT"
    first = run_batch(xlsx, out, what="labels", jobs=1, today="2026-11-27", registry="status")
    status_calls = [r for r in reg.requests if r["path"].endswith("/status")]
    assert len(status_calls) == 3
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_row = {r["row"]: r for r in report["rows"]}
    codes = [[f["code"] for f in by_row[row]["findings"]] for row in sorted(by_row)]
    assert "NTS_ACTIVE" in codes[0] and "NTS_CLOSED" in codes[1] and "NTS_NOT_REGISTERED" in codes[2]
    assert by_row[min(by_row) + 1]["status"] == "오류" and first.exit_code == 1
    for name in ("report.json", "report.xlsx"):
        data = (out / name).read_bytes()
        assert KEY.encode() not in data and KEY_ENCODED.encode() not in data
    again = run_batch(xlsx, out, what="labels", jobs=1, today="2026-11-27", registry="status", resume=True)
    assert len([r for r in reg.requests if r["path"].endswith("/status")]) == 3  # answers reused from the run
    report2 = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert again.reused == 250
    assert [[f["code"] for f in r["findings"]] for r in sorted(report2["rows"], key=lambda r: r["row"])] == codes


def test_lint_and_packet_with_registry(url: str, tmp_path: Path) -> None:
    root = tmp_path / "merchants"
    for serial, name in ((1, "open"), (2, "closed")):
        (root / name).mkdir(parents=True)
        (root / name / "record.json").write_text(json.dumps(merchant(serial, name), ensure_ascii=False),
                                                 encoding="utf-8")
    junit = tmp_path / "junit.xml"
    res = _run(["lint", str(root), "--no-ocr", "--registry", "--junit", str(junit)], _env(url), tmp_path)
    closed_part, open_part = res.stdout.split("open [")
    assert "국세청 등록 상태: 국세청에 폐업한 사업자로 나옵니다 (폐업일 2025-06-30)" in closed_part, res.stdout
    assert any(line.split()[:1] == ["통과"] and "국세청 등록 상태" in line for line in open_part.splitlines())
    assert res.returncode == 1
    xml = junit.read_text(encoding="utf-8")
    assert "NTS_CLOSED" in xml and KEY not in xml and KEY_ENCODED not in xml
    out = tmp_path / "packet"
    closed = _run(["packet", str(root / "closed" / "record.json"), "-o", str(out), "--no-check", "--registry"],
                  _env(url), tmp_path)
    assert closed.returncode == 1 and "[NTS_CLOSED]" in closed.stderr and not out.exists()


def test_web_page_asks_only_with_consent_and_sends_only_the_number(url: str, reg: Registry, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from pgdocs.web import create_app
    from test_web_app import fill, text
    from web_helpers import sample

    monkeypatch.setenv("PGDOCS_NTS_URL", url)
    monkeypatch.setenv("PGDOCS_NTS_KEY", KEY)
    number = text_at(sample("nicepay-individual-within-1y"), "business", "business_number")
    reg.add(Business(_digits(number), status="03", end_dt="20250630"))
    app = create_app({"UPLOAD_ROOT": tmp_path / "u", "TESTING": True})
    try:
        client = app.test_client()
        fill(client)
        page = text(client.get("/info"))
        assert 'id="registry"' in page and "보내는 정보: 사업자등록번호" in page
        refused = client.post("/registry", data={})  # no consent: nothing is sent
        assert refused.status_code == 400 and reg.requests == []
        resp = client.post("/registry", data={"consent": "1"})
        assert resp.status_code == 200
        html = text(resp)
        assert 'id="registry-result"' in html and "폐업한 사업자" in html and "2025-06-30" in html
        assert KEY not in html and KEY_ENCODED not in html
        bodies = [json.loads(r["body"]) for r in reg.requests]
        assert bodies == [{"b_no": [_digits(number)]}]  # the number, nothing else
    finally:
        app.extensions["pgdocs"].close()


@pytest.mark.tesseract
def test_verify_with_registry_reports_a_closed_business(url: str, reg: Registry, tmp_path: Path) -> None:
    """The certificate matches what was declared, but the NTS says the business closed: exit 1, both shown."""
    from web_helpers import SAMPLES

    slug = SAMPLES / "nicepay-individual-within-1y"
    number = json.loads((slug / "record.json").read_text(encoding="utf-8"))["business"]["business_number"]
    reg.add(Business(_digits(number), status="03", end_dt="20250630"))
    res = _run(["verify", str(slug / "사업자등록증.png"), "--info", str(slug / "record.json"), "--registry"],
               _env(url), tmp_path)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "국세청 조회:" in res.stdout and "[NTS_CLOSED]" in res.stdout and "판정:" in res.stdout
    assert [json.loads(r["body"]) for r in reg.requests] == [{"b_no": [_digits(number)]}]
