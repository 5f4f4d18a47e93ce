"""``pgdocs labels``: address labels for the merchant's PG on a real label sheet."""

from __future__ import annotations

from pathlib import Path

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.errors import InputError
from pgdocs.labels.sheets import DEFAULT_SHEET, Sheet


@click.command("labels")
@click.argument("record", required=False, type=click.Path(path_type=Path, dir_okay=True))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="만들 PDF 파일 (예: labels.pdf)")
@click.option("--sheet", default=DEFAULT_SHEET, show_default=True,
              help="라벨지 코드(LS-3108, LS-3114, L7163 …) 또는 라벨지 정의 파일(.toml/.json)")
@click.option("--start", type=int, default=1, show_default=True,
              help="첫 라벨을 붙일 칸 번호 (이미 쓴 칸 건너뛰기)")
@click.option("--copies", type=int, default=1, show_default=True, help="라벨 매수")
@click.option("--sender", is_flag=True, help="보내는 사람(가맹점) 라벨도 다음 칸에 인쇄")
@click.option("--offset-x", type=float, default=0.0, show_default=True, help="프린터 보정: 오른쪽으로 (mm)")
@click.option("--offset-y", type=float, default=0.0, show_default=True, help="프린터 보정: 아래로 (mm)")
@click.option("--pitch-dx", type=float, default=0.0, show_default=True,
              help="프린터 보정: 열마다 더할 가로 간격 (mm, ±2)")
@click.option("--pitch-dy", type=float, default=0.0, show_default=True,
              help="프린터 보정: 줄마다 더할 세로 간격 (mm, ±2)")
@click.option("--calibration", is_flag=True, help="라벨 윤곽선과 mm 눈금자가 있는 보정 페이지만 인쇄")
@click.option("--list-sheets", is_flag=True, help="지원하는 라벨지 목록")
@format_option
def labels(
    record: Path | None,
    out: Path | None,
    sheet: str,
    start: int,
    copies: int,
    sender: bool,
    offset_x: float,
    offset_y: float,
    pitch_dx: float,
    pitch_dy: float,
    calibration: bool,
    list_sheets: bool,
    fmt: str,
) -> None:
    """주소 라벨 PDF: 규칙집의 PG 우편 주소(받는 곳)를 라벨지 규격에 맞춰 인쇄합니다.

    \b
    예) pgdocs labels record.json -o labels.pdf --sheet LS-3108 --start 3 --sender
        pgdocs labels --calibration --sheet LS-3114 -o calib.pdf
        pgdocs labels --list-sheets
    """
    from pgdocs.labels import list_sheets as all_sheets

    if list_sheets:
        _print_sheets(all_sheets(), fmt)
        return
    if out is None:
        raise InputError("USAGE_MISSING_OUTPUT", "출력 파일을 -o 로 지정하세요.", hint="예: -o labels.pdf")
    offset = (offset_x, offset_y)
    delta = (pitch_dx, pitch_dy)
    if calibration:
        from pgdocs.labels.job import calibration_page

        result = calibration_page(out, sheet=sheet, offset_mm=offset, pitch_delta_mm=delta)
    else:
        if record is None:
            raise InputError("USAGE_MISSING_RECORD", "가맹점 정보 파일(RECORD)을 지정하세요.",
                             hint="예: pgdocs labels record.json -o labels.pdf")
        from pgdocs.labels.job import labels_for_record
        from pgdocs.record import load_record

        result = labels_for_record(load_record(record), out, sheet=sheet, start=start, copies=copies,
                                   sender=sender, offset_mm=offset, pitch_delta_mm=delta)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    spec = result.sheet
    if result.calibration:
        click.echo(f"보정 페이지를 만들었습니다: {result.path} ({spec.code} · {spec.summary})")
        click.echo("  보통 용지에 인쇄한 뒤 라벨지에 겹쳐 보고,"
                   " 어긋난 만큼 --offset-x/--offset-y (mm)로 보정하세요.")
    else:
        click.echo(f"라벨 PDF를 만들었습니다: {result.path} ({spec.code} · {spec.summary})")
        click.echo(f"  받는 곳: {' / '.join(result.recipient)}")
        extra = " + 보내는 사람" if result.sender else ""
        click.echo(f"  라벨 {result.labels}장 ({result.copies}매{extra}),"
                   f" {result.pages}쪽, 시작 칸 {result.start}")
    if spec.confidence not in ("high",):
        click.echo(f"  참고: {spec.code} 치수의 신뢰도는 '{spec.confidence}'입니다."
                   " 먼저 --calibration 으로 확인하세요.")
    click.echo(f"  {_hint()}")


def _hint() -> str:
    from pgdocs.labels import PRINT_HINT

    return PRINT_HINT


def _print_sheets(sheets: list[Sheet], fmt: str) -> None:
    if fmt == "json":
        emit_json([s.to_dict() for s in sheets])
        return
    click.echo("라벨지 (코드 · 칸 수 (열×행) 라벨 크기 · 여백 위/왼쪽 · 신뢰도)")
    for s in sheets:
        aliases = f"  [= {', '.join(s.aliases)}]" if s.aliases else ""
        click.echo(f"  {s.code:<8} {s.maker:<8} {s.summary:<28} 위 {s.top:g} / 왼쪽 {s.left:g} mm  "
                   f"{s.confidence}{aliases}")
    click.echo("다른 라벨지는 --sheet 정의파일.toml 로 지정할 수 있습니다"
               " (cols, rows, label_w, label_h, top, left, pitch_x).")
