"""The validation error tree, stdnum style: every error is a ``ValueError``.

Each class carries a fixed Korean ``message``; a raise may pass a more precise
one. The classes also derive from python-stdnum's classes, so code that catches
``stdnum.exceptions.ValidationError`` catches ours too.

>>> try:
...     raise InvalidChecksum()
... except ValueError as exc:
...     print(exc)
검증번호(체크 디지트)가 맞지 않습니다.
"""

from __future__ import annotations

from stdnum import exceptions as _std

__all__ = ["InvalidChecksum", "InvalidComponent", "InvalidFormat", "InvalidLength", "ValidationError"]


class ValidationError(_std.ValidationError):
    """Root of every validation error (a :class:`ValueError`)."""

    message = "값이 올바르지 않습니다."

    def __str__(self) -> str:
        return "".join(str(a) for a in self.args[:1]) or self.message


class InvalidFormat(ValidationError, _std.InvalidFormat):
    """Characters or separators that do not belong, or a missing part."""

    message = "형식이 올바르지 않습니다."


class InvalidLength(InvalidFormat, _std.InvalidLength):
    """Too many or too few digits."""

    message = "자릿수가 맞지 않습니다."


class InvalidChecksum(ValidationError, _std.InvalidChecksum):
    """The check digit does not match."""

    message = "검증번호(체크 디지트)가 맞지 않습니다."


class InvalidComponent(ValidationError, _std.InvalidComponent):
    """A part of the value refers to something that does not exist (a region, a type, a bank)."""

    message = "번호의 일부(구분 코드 등)가 올바르지 않습니다."
