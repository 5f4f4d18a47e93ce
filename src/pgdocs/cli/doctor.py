"""``pgdocs doctor``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.errors import ExitCode

if TYPE_CHECKING:
    from pgdocs.doctor import Check


def _print_checks(checks: list[Check], indent: str = "") -> None:
    for c in checks:
        mark = "✓" if c.ok else ("✗" if c.required else "–")
        ver = f" {c.version}" if c.version else ""
        click.echo(f"{indent}{mark} {c.name}{ver}  {c.detail}")
        if c.hint:
            click.echo(f"{indent}    설치: {c.hint}")


@click.command("doctor")
@click.option("--scheduler", default=None, envvar="PGDOCS_DASK_SCHEDULER", show_envvar=True,
              help="Dask 클러스터의 작업 컴퓨터마다 점검: tcp://주소:8786 (또는 local:N)")
@format_option
def doctor(scheduler: str | None, fmt: str) -> None:
    """tesseract와 한국어 데이터, LibreOffice, 글꼴, poppler가 있는지 점검하고 설치 방법을 알려 줍니다."""
    if scheduler:
        _cluster(scheduler, fmt)
        return
    from pgdocs.doctor import run_checks

    checks = run_checks()
    missing = [c for c in checks if c.required and not c.ok]
    if fmt == "json":
        emit_json({"ok": not missing, "checks": [c.to_dict() for c in checks]})
    else:
        _print_checks(checks)
        click.echo("모두 준비됐습니다." if not missing else f"빠진 것 {len(missing)}개: 위 설치 방법을 따르세요.")
    if missing:
        sys.exit(int(ExitCode.MISSING_DEPENDENCY))


def _cluster(scheduler: str, fmt: str) -> None:
    from pgdocs.doctor import run_checks_on_cluster

    reports = run_checks_on_cluster(scheduler)
    bad = [r for r in reports if r.missing]
    if fmt == "json":
        emit_json({"ok": not bad, "scheduler": scheduler, "workers": [r.to_dict() for r in reports]})
    else:
        for r in reports:
            click.echo(f"작업 컴퓨터 {r.host} ({r.address}): "
                       + ("준비됨" if not r.missing else f"빠진 것 {len(r.missing)}개"))
            _print_checks(r.checks, indent="  ")
        click.echo(f"작업 컴퓨터 {len(reports)}대 모두 준비됐습니다." if not bad
                   else f"작업 컴퓨터 {len(reports)}대 중 {len(bad)}대에 빠진 것이 있습니다: 위 설치 방법을 따르세요.")
    if bad:
        sys.exit(int(ExitCode.MISSING_DEPENDENCY))
