"""``pgdocs registry RECORD|IN.xlsx`` — ask the NTS registry whether each business exists, is open and matches."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.errors import ExitCode
from pgdocs.findings import Finding, Severity

if TYPE_CHECKING:
    from pgdocs.record import Business

_SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "참고"}
_MARK = {"error": "✗", "warning": "!", "info": "✓"}



class _Row(TypedDict):
    merchant: str
    business_number: str
    findings: list[Finding]


SENT_TEXT = "사업자등록번호"
SENT_VALIDATE_TEXT = "사업자등록번호, 개업일, 대표자 (적었다면 상호, 법인등록번호)"


def echo_findings(findings: list[Finding], indent: str = "  ") -> None:
    for f in findings:
        sev = str(f.severity)
        click.echo(f"{indent}{_MARK[sev]} {_SEVERITY_KO[sev]} [{f.code}] {f.message}")
        if f.hint and f.severity is not Severity.INFO:
            click.echo(f"{indent}    도움말: {f.hint}")


def _businesses(path: Path) -> list[tuple[str, Business | None, list[Finding]]]:
    """(label, business or None, findings) per merchant of a record file or a batch workbook."""
    from pgdocs.errors import PgdocsError
    from pgdocs.record import load_record, record_from_dict

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from pgdocs.batch.reader import read_batch

        out: list[tuple[str, Business | None, list[Finding]]] = []
        for item in read_batch(path).rows:
            try:
                business = record_from_dict(item.data, path.parent).business
            except PgdocsError as exc:
                out.append((f"{item.row}행", None, [Finding(exc.code, "", Severity.ERROR, exc.message)]))
                continue
            out.append((f"{item.row}행 {business.business_name}", business, []))
        return out
    rec = load_record(path)
    return [(rec.business.business_name, rec.business, [])]


@click.command("registry")
@click.argument("source", type=click.Path(path_type=Path, exists=False))
@click.option("--validate", "validate_", is_flag=True,
              help="진위확인도 함: 개업일·대표자(적었다면 상호·법인등록번호)도 국세청에 보냄")
@format_option
def registry(source: Path, validate_: bool, fmt: str) -> None:
    """국세청에 사업자 상태(계속·휴업·폐업, 과세 유형)를 조회합니다 (SOURCE: 가맹점 정보 파일 또는 일괄 처리 엑셀).

    보내는 정보: 사업자등록번호 (--validate 면 개업일, 대표자, 상호, 법인등록번호도). 서비스 키는 환경 변수
    PGDOCS_NTS_KEY (또는 PGDOCS_NTS_KEY_FILE).
    """
    from pgdocs.ids import brn
    from pgdocs.registry import NtsClient, check_businesses

    entries = _businesses(source)
    client = NtsClient()
    asked = [(label, b) for label, b, _ in entries if b is not None]
    results = check_businesses([b for _, b in asked], validate=validate_, client=client)
    by_label = dict(zip([label for label, _ in asked], results, strict=True))
    rows: list[_Row] = []
    any_error = unreachable = False
    for label, business, pre in entries:
        found = pre + by_label.get(label, [])
        any_error |= any(f.severity is Severity.ERROR for f in found)
        unreachable |= any(f.code in ("NTS_UNREACHABLE", "NTS_BAD_REPLY") and f.severity is Severity.ERROR
                           for f in found)
        number = str(business.business_number) if business is not None else ""
        rows.append({"merchant": label, "business_number": number, "findings": found})
    sent = SENT_VALIDATE_TEXT if validate_ else SENT_TEXT
    if fmt == "json":
        emit_json({"source": str(source), "sent": sent, "calls": client.stats.calls,
                   "merchants": [{**r, "findings": [f.to_dict() for f in r["findings"]]} for r in rows]})
    else:
        click.echo(f"국세청 사업자 조회 — 보낸 정보: {sent}")
        for r in rows:
            shown = brn.format(r["business_number"]) if len(r["business_number"]) >= 10 else r["business_number"]
            click.echo(f"{r['merchant']} {shown}".rstrip())
            echo_findings(r["findings"])
        errors = sum(1 for r in rows for f in r["findings"] if f.severity is Severity.ERROR)
        click.echo(f"요약: {len(rows)}곳 조회 · 오류 {errors}건 · 국세청 호출 {client.stats.calls}번")
    if unreachable:
        sys.exit(int(ExitCode.SERVICE))
    if any_error:
        sys.exit(int(ExitCode.FINDINGS))
