"""``pgdocs lint DIR``: check merchant submission folders; JUnit XML for CI."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pgdocs.cli._common import emit_json, format_option, registry_option
from pgdocs.ocr.result import VERDICT_KO

_MARK = {"passed": VERDICT_KO["pass"], "failure": "실패", "review": VERDICT_KO["review"], "skipped": "건너뜀",
         "error": "실행 못함"}


@click.command("lint")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--junit", "junit", type=click.Path(path_type=Path), default=None, help="JUnit XML 보고서 파일")
@click.option("--no-ocr", is_flag=True, help="사업자등록증·통장 사본 대조(OCR) 생략")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=64), default=1, show_default=True,
              help="동시에 점검할 가맹점 수")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="기준일 (기본: 오늘)")
@registry_option
@format_option
def lint(directory: Path, junit: Path | None, no_ocr: bool, jobs: int, today: dt.datetime | None, registry: str | None,
         fmt: str) -> None:
    """가맹점 폴더(record.json + 서류)들을 점검합니다: 정보 검증, 필요 서류, 사업자등록증·통장 대조."""
    from pgdocs.lint import run_lint

    result = run_lint(directory, ocr=not no_ocr, jobs=jobs, today=today.date() if today else None, junit=junit,
                      registry=registry)
    if fmt == "json":
        emit_json(result.to_dict())
    else:
        for m in result.merchants:
            click.echo(f"{m.slug} [{_MARK[m.status]}]")
            for c in m.checks:
                line = f"  {_MARK[c.status]:<5} {c.title}"
                if c.status != "passed" and c.message:
                    line += f": {c.message}"
                click.echo(line)
        n = result.counts()
        click.echo(f"가맹점 {len(result.merchants)}곳 · 통과 {n['passed']} · 실패 {n['failure']}"
                   f" · 검토 필요 {n['review']} · 건너뜀 {n['skipped']} · 실행 못함 {n['error']}")
        if junit is not None:
            click.echo(f"JUnit 보고서: {junit}")
    sys.exit(result.exit_code)
