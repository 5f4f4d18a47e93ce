"""``pgdocs doctor``."""

from __future__ import annotations

import sys

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.errors import ExitCode


@click.command("doctor")
@format_option
def doctor(fmt: str) -> None:
    """tesseract와 한국어 데이터, LibreOffice, 글꼴, poppler가 있는지 점검하고 설치 방법을 알려 줍니다."""
    from pgdocs.doctor import run_checks

    checks = run_checks()
    missing = [c for c in checks if c.required and not c.ok]
    if fmt == "json":
        emit_json({"ok": not missing, "checks": [c.to_dict() for c in checks]})
    else:
        for c in checks:
            mark = "✓" if c.ok else ("✗" if c.required else "–")
            ver = f" {c.version}" if c.version else ""
            click.echo(f"{mark} {c.name}{ver}  {c.detail}")
            if c.hint:
                click.echo(f"    설치: {c.hint}")
        click.echo("모두 준비됐습니다." if not missing else f"빠진 것 {len(missing)}개: 위 설치 방법을 따르세요.")
    if missing:
        sys.exit(int(ExitCode.MISSING_DEPENDENCY))
