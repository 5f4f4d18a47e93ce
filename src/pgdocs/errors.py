"""Exit codes and the error tree shared by every command.

Library code raises :class:`PgdocsError` subclasses carrying a stable ``code``
(e.g. ``RECORD_BAD_JSON``), a Korean ``message`` a merchant understands, an
optional ``hint`` and the process exit code. Only the CLI turns them into a
printed line and an exit status (see :mod:`pgdocs.cli`).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, the same across every command."""

    OK = 0
    FINDINGS = 1  #: validation errors, a mismatch, a missing item
    USAGE = 2  #: usage error or unreadable input
    REVIEW = 3  #: needs a human to look
    MISSING_DEPENDENCY = 4  #: tesseract, its Korean data, LibreOffice or a font is missing
    SERVICE = 5  #: an online service pgdocs was asked to use (the NTS registry, --registry) did not answer
    INTERRUPTED = 130  #: stopped with Ctrl-C (the shell's 128 + SIGINT)


class PgdocsError(Exception):
    """Base of every error pgdocs reports to a user."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(
        self,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        exit_code: ExitCode | None = None,
        details: object = None,
    ) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
        self.hint = hint
        self.details = details
        if exit_code is not None:
            self.exit_code = exit_code

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "message": self.message,
            "exit_code": int(self.exit_code),
        }
        if self.hint:
            out["hint"] = self.hint
        if self.details is not None:
            out["details"] = self.details
        return out


class InputError(PgdocsError):
    """Unreadable or invalid input: a broken file, wrong type, unknown value (exit 2)."""

    exit_code = ExitCode.USAGE


class FindingsError(PgdocsError):
    """The input is readable but something required is missing or wrong (exit 1)."""

    exit_code = ExitCode.FINDINGS


class ReviewNeeded(PgdocsError):
    """A person must look (exit 3)."""

    exit_code = ExitCode.REVIEW


class MissingDependencyError(PgdocsError):
    """A system program, language data or font is missing (exit 4)."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class ExternalToolError(PgdocsError):
    """An external program failed, crashed or timed out (exit 2 unless said otherwise)."""

    exit_code = ExitCode.USAGE
