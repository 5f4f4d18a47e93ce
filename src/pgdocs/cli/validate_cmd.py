"""``pgdocs validate RECORD`` — every finding for a merchant record."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pgdocs.cli._common import emit_json, format_option, registry_option
from pgdocs.errors import ExitCode

_SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "참고"}
_MARK = {"error": "✗", "warning": "!", "info": "i"}


@click.command("validate")
@click.argument("record", type=click.Path(path_type=Path, dir_okay=True, exists=False))
@format_option
@click.option(
    "--brn-checksum",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="사업자등록번호 검증번호가 맞지 않을 때: 오류(error) 또는 경고(warning)",
)
@registry_option
def validate(record: Path, fmt: str, brn_checksum: str, registry: str | None) -> None:
    """가맹점 정보 파일(RECORD, JSON)을 검증합니다. 오류가 없으면 0, 있으면 1로 끝납니다."""
    from pgdocs.findings import has_errors
    from pgdocs.record import load_record
    from pgdocs.validate import summarize, validate_record

    rec = load_record(record)
    findings = validate_record(rec, brn_checksum="warning" if brn_checksum == "warning" else "error")
    if registry:
        from pgdocs.registry import check_record

        findings += check_record(rec, validate=registry == "validate")
    counts = summarize(findings)
    ok = not has_errors(findings)
    if fmt == "json":
        findings_json = [f.to_dict() for f in findings]
        emit_json({"ok": ok, "record": str(record), "summary": counts, "findings": findings_json})
    else:
        click.echo(f"가맹점 정보 검증: {record}")
        for f in findings:
            sev = str(f.severity)
            click.echo(f"  {_MARK[sev]} {_SEVERITY_KO[sev]} [{f.code}] {f.message}")
            click.echo(f"      항목: {f.path}")
            if f.hint:
                click.echo(f"      도움말: {f.hint}")
        verdict = "통과" if ok else "고쳐야 할 오류가 있습니다"
        click.echo(
            f"요약: 오류 {counts['error']}건, 경고 {counts['warning']}건, 참고 {counts['info']}건 — {verdict}"
        )
    if not ok:
        # sys.exit, not ctx.exit: click's non-standalone mode would turn ctx.exit into a return value
        sys.exit(int(ExitCode.FINDINGS))
