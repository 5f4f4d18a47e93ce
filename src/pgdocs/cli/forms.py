"""``pgdocs fill``, ``pgdocs template check``, ``pgdocs text``: thin wrappers over :mod:`pgdocs.forms`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pgdocs.cli._common import emit_json, format_option
from pgdocs.cli._options import KoreanDate, today_option
from pgdocs.errors import ExitCode, InputError
from pgdocs.rulebook.hooks import HOOKS

FORMS = ("nicepay-id-add",)
_ARTIFACTS = tuple(HOOKS["text"])  #: every text builder; which PG a text belongs to is in the rulebook


@click.command("fill", help=(
    "신청서 채우기.\n\n"
    "  pgdocs fill nicepay-id-add RECORD -o OUT.docx [--pdf] [--template FILE.docx|.doc]\n\n"
    "  pgdocs fill --template FORM.docx|.doc --by-labels RECORD -o OUT.docx [--pdf]\n\n"
    "--by-labels: 태그 없는 서식의 항목명(상호, 대표자 …)을 찾아 옆/아래 빈 칸이나 '상호: ____' 자리에 적고 "
    "□를 ■로 체크합니다 (본문, 중첩 표, 머리글/바닥글, 글상자). 이미 적힌 칸은 그대로 둡니다. "
    "값이 없는 칸, 넣을 칸을 못 찾은 항목, 알아보지 못한 항목명이 있으면 종료 코드 1."
))
@click.argument("args", nargs=-1, metavar="[nicepay-id-add] RECORD")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="출력 .docx")
@click.option("--pdf", is_flag=True, help="PDF도 만들기 (LibreOffice)")
@click.option("--template", "template_file", type=click.Path(path_type=Path), help="다른 서식 (.docx/.doc)")
@click.option("--by-labels", is_flag=True, help="태그 없는 서식을 항목명으로 채우기")
@click.option("--today", type=KoreanDate(), default=None, help="신청일 (기본: 오늘, 예: 2026-11-27)")
@format_option
def fill(args: tuple[str, ...], output: Path, pdf: bool, template_file: Path | None, by_labels: bool,
         today: dt.date | None, fmt: str) -> None:
    from pgdocs.record import load_record

    day = today
    if by_labels:
        if template_file is None:
            raise InputError("USAGE", "--by-labels 에는 채울 서식 파일을 --template 으로 지정하세요.")
        if len(args) != 1:
            raise InputError("USAGE", "사용법: pgdocs fill --template FORM.docx --by-labels RECORD -o OUT.docx")
        from pgdocs.forms.bylabels import fill_by_labels

        res = fill_by_labels(load_record(args[0]), template_file, output, pdf=pdf, today=day)
        if fmt == "json":
            emit_json(res.to_dict())
        else:
            click.echo(f"채운 서식: {res.docx}" + (f"\nPDF: {res.pdf}" if res.pdf else ""))
            click.echo(res.report.to_text())
        if res.report.needs_attention:
            sys.exit(int(ExitCode.FINDINGS))
        return
    if len(args) != 2 or args[0] not in FORMS:
        raise InputError(
            "USAGE",
            "사용법: pgdocs fill nicepay-id-add RECORD -o OUT.docx [--pdf]  "
            "(태그 없는 서식은 --template FORM --by-labels RECORD)",
        )
    from pgdocs.forms.nicepay import fill_nicepay_id_add

    result = fill_nicepay_id_add(load_record(args[1]), output, pdf=pdf, template=template_file, today=day)
    if fmt == "json":
        emit_json(result.to_dict())
    else:
        click.echo(f"신청서: {result.docx}")
        if result.pdf:
            click.echo(f"PDF: {result.pdf}")
        click.echo("※ 인쇄 후 신청인(인) 자리에 인감증명서와 같은 인감으로 날인하세요.")


@click.group("template", help="서식(템플릿) 점검")
def template() -> None:
    pass


@template.command("check", help="서식의 변수 목록, 가맹점 정보로 채울 수 없는 변수, "
                                 "값 자리표시가 아닌 태그(종료 코드 2)를 보여 줍니다.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--record", "record_file", type=click.Path(path_type=Path), help="가맹점 정보 JSON")
@format_option
def check(file: Path, record_file: Path | None, fmt: str) -> None:
    from pgdocs.forms.nicepay import check_template
    from pgdocs.record import load_record

    record = load_record(record_file) if record_file else None
    report = check_template(file, record)
    if fmt == "json":
        emit_json(report)
    else:
        click.echo(f"서식: {file} — 변수 {len(report['variables'])}개")
        for issue in report["issues"]:
            click.echo(f"✗ 오류 [{issue['code']}] {issue['where']}: {issue['message']}")
            if issue["excerpt"]:
                click.echo(f"      문단 내용: {issue['excerpt']}")
        for v in report["variables"]:
            mark = "  " if v["known"] else "? "
            click.echo(f"{mark}{v['name']}: {v['label'] or 'pgdocs가 모르는 변수'}")
        if report["unknown"]:
            click.echo(f"pgdocs가 채울 수 없는 변수: {', '.join(report['unknown'])}")
        if record is not None:
            miss = report["unsupplied"]
            click.echo("가맹점 정보로 모두 채울 수 있습니다." if not miss else
                       "가맹점 정보에 없는 값: " + ", ".join(m["label"] for m in miss))
    if report["issues"]:
        if fmt != "json":
            click.echo(f"값 자리표시가 아닌 태그 문제 {len(report['issues'])}건: 이 서식은 fill 이 거절합니다.")
        sys.exit(int(ExitCode.USAGE))
    if report["unknown"] or report.get("unsupplied"):
        sys.exit(int(ExitCode.FINDINGS))


@click.command("text", help="PG별 붙여넣기용 문구: " + ", ".join(_ARTIFACTS))
@click.argument("artifact", type=click.Choice(_ARTIFACTS))
@click.argument("record_file", metavar="RECORD", type=click.Path(path_type=Path))
@today_option
@format_option
def text(artifact: str, record_file: Path, today: dt.date | None, fmt: str) -> None:
    from pgdocs.findings import has_errors
    from pgdocs.forms.texts import build_text
    from pgdocs.record import load_record

    result = build_text(artifact, load_record(record_file), today)
    if fmt == "json":
        emit_json(result.to_dict())
    else:
        click.echo(result.text)
        for f in result.findings:
            level = "오류" if f.severity == "error" else "주의"
            click.echo(f"{level} [{f.code}] {f.message}", err=True)
    if has_errors(result.findings):
        sys.exit(int(ExitCode.FINDINGS))
