"""Shared CLI plumbing: output formats, error reporting, exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import click

from pgdocs.errors import ExitCode, InputError, PgdocsError

#: ``--format text|json`` for every command.
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="출력 형식",
)

#: the parameters and result of a click command callback that an option decorator wraps
_P = ParamSpec("_P")
_R = TypeVar("_R")

#: ``--registry`` / ``--registry-validate`` (opt-in): also ask the NTS registry (docs/identifiers.md#nts-api).
_registry_status = click.option(
    "--registry", "registry", flag_value="status", default=None,
    help="국세청에 사업자 상태(계속·휴업·폐업, 과세 유형)도 조회: 사업자등록번호를 국세청에 보냄 (키: PGDOCS_NTS_KEY)",
)
_registry_validate = click.option(
    "--registry-validate", "registry", flag_value="validate",
    help="--registry 에 진위확인까지: 개업일·대표자(적었다면 상호·법인등록번호)도 국세청에 보냄",
)


def registry_option(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Both registry flags, into one ``registry`` parameter: None, ``"status"`` or ``"validate"``."""
    return _registry_status(_registry_validate(fn))


def emit_json(data: object) -> None:
    """Print ``data`` as UTF-8 JSON (Korean kept readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(err: PgdocsError, fmt: str = "text") -> NoReturn:
    """Report an error in the chosen format and exit with its code."""
    if fmt == "json":
        click.echo(json.dumps({"error": err.to_dict()}, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(f"오류 [{err.code}] {err.message}", err=True)
        if err.hint:
            click.echo(f"  도움말: {err.hint}", err=True)
    sys.exit(int(err.exit_code))


def _wants_json(argv: list[str]) -> bool:
    for i, a in enumerate(argv):
        if a == "--format" and i + 1 < len(argv):
            return argv[i + 1] == "json"
        if a == "--format=json":
            return True
    return False


def run(cli: click.Group, argv: list[str] | None = None) -> object:
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = any(a in ("-v", "-vv", "--verbose") or (a.startswith("-v") and set(a[1:]) == {"v"}) for a in args)
    fmt = "json" if _wants_json(args) else "text"
    try:
        rv = cli.main(args=args, prog_name="pgdocs", standalone_mode=False)
        # Non-standalone click returns ctx.exit(code)'s code instead of raising: make it the process status.
        if isinstance(rv, int) and not isinstance(rv, bool):
            sys.exit(rv)
        return rv
    except PgdocsError as err:
        if verbose:
            import traceback

            traceback.print_exc()
        fail(err, fmt)
    except click.exceptions.Abort:
        click.echo("중단했습니다.", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "pgdocs"
        fail(InputError("USAGE", _korean_usage(exc.format_message()), hint=f"{where} --help"), fmt)
    except click.ClickException as exc:
        fail(InputError("USAGE", _korean_usage(exc.format_message())), fmt)
    except KeyboardInterrupt:
        click.echo("중단했습니다.", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # a write that failed below any atomic writer: a full disk, a read-only folder
        from pgdocs.fsio import output_error

        known = output_error(exc, exc.filename or "")
        if verbose:
            raise
        if known is not None:
            fail(known, fmt)
        _internal(exc)
    except Exception as exc:  # last line of defence: one line, never a traceback unless -v
        if verbose:
            raise
        _internal(exc)


def _internal(exc: BaseException) -> NoReturn:
    """An error pgdocs did not foresee: one line, the way to learn more, exit 2."""
    click.echo(
        f"오류 [INTERNAL] 예기치 못한 오류가 발생했습니다: {type(exc).__name__}: {exc}"
        " (자세한 내용은 -v 로 다시 실행하세요)",
        err=True,
    )
    sys.exit(int(ExitCode.USAGE))



_CLICK_PHRASES = (
    ("Missing argument", "인수가 빠졌습니다:"),
    ("Missing option", "필수 옵션이 빠졌습니다:"),
    ("No such option:", "없는 옵션입니다:"),
    ("No such option", "없는 옵션입니다:"),
    ("Did you mean", "혹시"),
    ("No such command", "없는 명령입니다:"),
    ("Got unexpected extra arguments", "필요 없는 인수가 있습니다:"),
    ("Got unexpected extra argument", "필요 없는 인수가 있습니다:"),
    ("Invalid value for", "값이 잘못됐습니다:"),
    ("does not exist", "없습니다"),
    ("is not one of", "가능한 값이 아닙니다:"),
    ("is not a valid integer", "정수가 아닙니다"),
    ("is not a valid float", "숫자가 아닙니다"),
    ("Option", "옵션"),
    ("requires an argument", "에는 값이 필요합니다"),
)


def _korean_usage(message: str) -> str:
    """Click's built-in English usage messages with Korean key phrases (ours are Korean already)."""
    out = message
    for en, ko in _CLICK_PHRASES:
        out = out.replace(en, ko)
    return out
