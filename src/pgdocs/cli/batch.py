"""``pgdocs batch-template`` and ``pgdocs batch``: many merchants from one Excel sheet."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pgdocs.cli._common import emit_json, format_option, registry_option
from pgdocs.labels.sheets import DEFAULT_SHEET

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pgdocs.batch.model import RowResult
    from pgdocs.batch.run import BatchResult

log = logging.getLogger(__name__)


@click.command("batch-template")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, help="만들 엑셀 파일 (.xlsx)")
@click.option("--force", is_flag=True, help="이미 있는 파일을 덮어쓰기")
@format_option
def batch_template(out: Path, force: bool, fmt: str) -> None:
    """일괄 처리용 엑셀 양식(머리글 설명, 목록, 예시 행, 안내 시트)을 만듭니다."""
    from pgdocs.batch.columns import load_columns
    from pgdocs.batch.template import write_template

    path = write_template(out, overwrite=force)
    table = load_columns()
    if fmt == "json":
        emit_json({"output": str(path), "template_version": table.version, "columns": len(table.columns)})
        return
    click.echo(f"양식을 만들었습니다: {path} (양식 버전 {table.version}, {len(table.columns)}칸)")
    click.echo("  '가맹점' 시트 4행부터 한 줄에 한 가맹점씩 적은 뒤:")
    click.echo("  pgdocs batch 파일.xlsx -o 결과폴더 --docs-root 서류폴더")


class _Progress:
    """rich progress bar on a terminal; plain log lines otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.failures = 0
        self.reviews = 0
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._started = False
        self.workers = 0

    def on_pool(self, workers: int, where: str) -> None:
        self.workers = workers
        log.info("batch: %d worker(s) on %s", workers, where)

    def _start(self, total: int) -> None:
        self._started = True
        if self.enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("[bold]일괄 처리"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("오류 {task.fields[failures]} · 검토 {task.fields[reviews]}"),
                                 TextColumn("작업자 {task.fields[workers]}"),
                                 TextColumn("남은 시간"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
            self._task = self._bar.add_task("batch", total=total, failures=0, reviews=0, workers=self.workers)
            self._bar.start()

    def __call__(self, result: RowResult, done: int, total: int) -> None:
        from pgdocs.batch.model import ERROR, REVIEW

        if not self._started:
            self._start(total)
        self.failures += result.status == ERROR
        self.reviews += result.status == REVIEW
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total, failures=self.failures, reviews=self.reviews,
                             workers=self.workers)
        elif self.enabled:
            codes = ",".join(result.codes[:3])
            reused = " (재사용)" if result.reused else ""
            workers = f" · 작업자 {self.workers}" if self.workers else ""
            click.echo(f"[{done}/{total}] {result.row}행 {result.status}{reused}{' ' + codes if codes else ''}"
                       f"{workers}", err=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@click.command("batch")
@click.argument("xlsx", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True, help="결과 폴더")
@click.option("--docs-root", type=click.Path(path_type=Path), default=None,
              help="서류 폴더의 기준 폴더 ('서류 폴더' 칸은 이 안의 상대 경로; 기본: 엑셀 파일이 있는 폴더)")
@click.option("--what", default="forms,packets,labels", show_default=True,
              help="만들 것 (쉼표로: forms,packets,labels)")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=64), default=None,
              help="동시에 처리할 프로세스 수 (기본: 코어 수)")
@click.option("--scheduler", default=None, envvar="PGDOCS_DASK_SCHEDULER", show_envvar=True,
              help="여러 컴퓨터(Dask 클러스터)에서 처리: tcp://주소:8786, 또는 이 컴퓨터에서 local:N "
                   "(pip install 'pgdocs[dask]' 필요)")
@click.option("--resume", is_flag=True, help="같은 결과 폴더에서 이어서 하기 (입력·결과가 그대로인 행은 건너뜀)")
@click.option("--no-check", is_flag=True, help="사업자등록증·통장 사본 자동 대조(OCR) 생략")
@click.option("--channel", type=click.Choice(["auto", "post", "email"]), default="auto", show_default=True,
              help="제출 방법 (규칙이 허용하는 경우에만)")
@click.option("--sheet", default=None, help="읽을 시트 이름 (기본: '가맹점' 또는 첫 시트)")
@click.option("--label-sheet", default=DEFAULT_SHEET, show_default=True, help="라벨지 코드")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="기준일 (기본: 오늘)")
@click.option("--quiet", "-q", is_flag=True, help="진행 표시 없이")
@click.option("--show-personal", is_flag=True,
              help="report.xlsx에 전화번호·생년월일·계좌번호를 가리지 않고 씀 (정보의 주인만)")
@registry_option
@format_option
def batch(xlsx: Path, out: Path, docs_root: Path | None, what: str, jobs: int | None, scheduler: str | None,
          resume: bool, no_check: bool, channel: str, sheet: str | None, label_sheet: str,
          today: dt.datetime | None, quiet: bool, show_personal: bool, registry: str | None, fmt: str) -> None:
    """엑셀 한 장의 가맹점들을 한꺼번에 처리합니다 (신청서, 제출 묶음, 라벨, 결과 보고서)."""
    import os

    from pgdocs.batch.run import run_batch

    bar = _Progress(enabled=not quiet and fmt == "text")
    fault = os.environ.get("PGDOCS_BATCH_FAULT_ROW")
    stop_after = os.environ.get("PGDOCS_BATCH_INTERRUPT_AFTER")
    try:
        result = run_batch(
            xlsx, out, docs_root=docs_root, what=what, jobs=jobs, scheduler=scheduler or None, resume=resume,
            check=not no_check, channel=channel, sheet=sheet, label_sheet=label_sheet,
            today=today.date().isoformat() if today else None, progress=bar, on_pool=bar.on_pool,
            fault_row=int(fault) if fault and fault.isdigit() else None,
            interrupt_after=int(stop_after) if stop_after and stop_after.isdigit() else None,
            show_personal=show_personal, registry=registry,
        )
    finally:
        bar.close()
    if fmt == "json":
        emit_json(result.to_dict())
    else:
        _print_summary(result)
    sys.exit(result.exit_code)


def _print_summary(result: BatchResult) -> None:
    from pgdocs.batch.report import counts

    c = counts(result.rows)
    if result.scheduler_lost:
        click.echo("[BATCH_SCHEDULER_LOST] Dask 스케줄러와 연결이 끊겨 처리를 멈췄습니다. "
                   "끝난 행까지 보고서를 썼습니다. 스케줄러를 다시 띄운 뒤 --resume 을 붙여 다시 실행하세요.", err=True)
    elif result.interrupted:
        click.echo("중단했습니다. 처리한 행까지 보고서를 썼습니다. "
                   "이어서 하려면 --resume 을 붙여 다시 실행하세요.", err=True)
    click.echo(f"완료 {c['완료']} · 검토 필요 {c['검토 필요']} · 오류 {c['오류']}"
               + (f" · 중단됨 {c['중단됨']}" if c["중단됨"] else "")
               + (f" (이전 결과 재사용 {result.reused})" if result.reused else ""))
    for f in result.findings:  # sheet-level: hidden sheets with data, unknown columns, template version
        if f.get("severity") in ("warning", "error"):
            click.echo(f"  주의 [{f['code']}] {f['message']}")
    for rr in result.rows:
        if rr.result is not None and rr.result.status != "완료":
            first = next((f["message"] for f in rr.result.findings if f.get("severity") != "info"), "")
            click.echo(f"  {rr.row}행 {rr.result.status}: {', '.join(rr.result.codes)} {first}")
    click.echo(f"보고서: {result.report_xlsx}")
    if result.labels_pdf:
        click.echo(f"라벨: {result.labels_pdf} (인쇄할 때 '실제 크기(100%)'로 인쇄하세요)")
