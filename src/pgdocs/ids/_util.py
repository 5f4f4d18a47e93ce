"""Shared guard for identifier inputs: refuse absurdly long values before any normalisation work."""

from __future__ import annotations

from pgdocs.ids._exceptions import InvalidLength

#: No identifier pgdocs checks is longer than this (an e-mail address is at most 254 characters).
MAX_INPUT = 512


def guard(value: str, what: str) -> str:
    """Return ``value`` or raise :class:`InvalidLength` when it is longer than :data:`MAX_INPUT`.

    >>> guard('x' * 600, '전화번호')
    Traceback (most recent call last):
        ...
    pgdocs.ids._exceptions.InvalidLength: 전화번호가 너무 깁니다 (600자).
    """
    if not isinstance(value, str):
        raise TypeError(f"{what}: expected str, got {type(value).__name__}")
    if len(value) > MAX_INPUT:
        raise InvalidLength(f"{what}가 너무 깁니다 ({len(value):,}자).")
    return value
