"""The ``pgdocs`` command line: a thin layer over the library.

Subcommands live in their own modules and are imported only when called, so
``pgdocs --help`` answers fast. Every :class:`~pgdocs.errors.PgdocsError` becomes
one Korean line on stderr and its exit code; tracebacks only with ``-v``.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from pgdocs import __version__

#: command name -> (module, attribute, one-line help shown by ``pgdocs --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("pgdocs.cli.validate_cmd", "validate", "가맹점 정보 검증 (사업자번호, 전화, 은행, 우편번호 …)"),
    "registry": ("pgdocs.cli.registry_cmd", "registry", "국세청에 사업자 상태 조회 (계속·휴업·폐업, 진위확인; 선택)"),
    "plan": ("pgdocs.cli.plan_cmds", "plan", "이 가맹점의 진행 절차, 준비 서류, 제출처, 예상 완료일"),
    "chat-message": ("pgdocs.cli.plan_cmds", "chat_message", "아임웹 채팅상담(결제설정)에 붙여넣을 메시지"),
    "doctor": ("pgdocs.cli.doctor", "doctor", "tesseract, 한국어 데이터, LibreOffice, 글꼴 점검"),
    "fill": ("pgdocs.cli.forms", "fill", "신청서 채우기 (.docx / PDF)"),
    "template": ("pgdocs.cli.forms", "template", "서식(템플릿) 점검"),
    "text": ("pgdocs.cli.forms", "text", "PG별 제출용 문구 (붙여넣기용)"),
    "extract": ("pgdocs.cli.ocr", "extract", "사업자등록증 이미지/PDF 읽기 (OCR)"),
    "verify": ("pgdocs.cli.ocr", "verify", "사업자등록증·통장 사본을 신고한 정보와 대조"),
    "samples": ("pgdocs.cli.samples", "samples", "가상의 예시 서류 만들기 (테스트·벤치마크용)"),
    "packet": ("pgdocs.cli.packet", "packet", "우편/이메일 제출 묶음 만들기"),
    "labels": ("pgdocs.cli.labels", "labels", "주소 라벨 PDF (라벨지 규격별)"),
    "batch-template": ("pgdocs.cli.batch", "batch_template", "일괄 처리용 엑셀 양식 만들기"),
    "batch": ("pgdocs.cli.batch", "batch", "엑셀로 여러 가맹점 일괄 처리"),
    "lint": ("pgdocs.cli.lint", "lint", "제출 폴더 점검 (CI용, JUnit 출력)"),
    "serve": ("pgdocs.cli.serve", "serve", "가맹점용 로컬 웹 페이지"),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr, _ = entry
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return _not_available(cmd_name)
            raise
        cmd = getattr(module, attr)
        if not isinstance(cmd, click.Command):  # pragma: no cover - a wiring mistake in COMMANDS
            raise TypeError(f"{module_name}.{attr} is not a click command")
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("명령"):
            formatter.write_dl(rows)


def _not_available(name: str) -> click.Command:
    @click.command(name, help="아직 이 버전에 없는 명령입니다.")
    def _cmd() -> None:
        from pgdocs.errors import InputError

        raise InputError("COMMAND_NOT_AVAILABLE", f"'{name}' 명령은 이 버전에 아직 없습니다.")

    return _cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pgdocs")
@click.option("-v", "--verbose", count=True, help="자세한 로그 (-vv: 디버그, 오류 시 traceback)")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """pgdocs — 기존 PG 계약을 아임웹에서 계속 쓰기 위한 서류 도구."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    # Without -v only errors are logged: pgdocs's own log lines and its libraries' (pypdf, Pillow, Dask …) are
    # English notes for whoever debugs; a person sees the one Korean line of the outcome. -v: INFO, -vv: DEBUG.
    level = logging.ERROR if verbose == 0 else logging.WARNING - 10 * min(verbose, 2)
    logging.captureWarnings(True)  # warnings.warn from libraries → the "py.warnings" logger, shown with -v
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def main(argv: list[str] | None = None) -> object:
    """Entry point: run the CLI, turning every known error into one line and an exit code."""
    from pgdocs.cli._common import run

    return run(cli, argv)
