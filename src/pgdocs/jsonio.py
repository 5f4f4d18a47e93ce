"""JSON from people's files, with a nesting limit.

``json.loads`` recurses once per level and raises ``RecursionError`` near 1,000 levels; a record 900 levels deep
parses, then overflows the validators. Merchant records, label sheets and web sessions are at most a few levels
deep, so anything beyond :data:`MAX_DEPTH` is refused as malformed input with the caller's code.
"""

from __future__ import annotations

import json
from typing import TypeAlias

#: deepest nesting accepted in a file a person hands us (a record is 3 levels deep)
MAX_DEPTH = 32

#: a parsed JSON (or TOML) value: what ``json.loads`` can return. Read it with ``isinstance`` narrowing (or
#: :func:`obj` / :func:`text`), never by indexing blindly: the file came from a person.
JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool | None"
#: a JSON object as read from a file
JSONObject: TypeAlias = "dict[str, JSONValue]"
#: a JSON-shaped report being built for :func:`json.dumps` (``to_dict`` and friends): values of any JSON-able type,
#: written, not read back by indexing
Report: TypeAlias = "dict[str, object]"


class TooDeep(ValueError):
    """The JSON nests deeper than :data:`MAX_DEPTH` (or than Python can parse)."""


def depth(value: object) -> int:
    """Nesting depth of parsed JSON, iteratively (no recursion on hostile input)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in node)
    return deepest


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> JSONValue:
    """``json.loads`` that raises :class:`TooDeep` instead of ``RecursionError`` or a later stack overflow.

    Other malformed JSON raises ``json.JSONDecodeError`` as usual.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise TooDeep(f"nested deeper than Python can parse (limit {max_depth})") from None
    if depth(data) > max_depth:
        raise TooDeep(f"nested deeper than {max_depth} levels")
    result: JSONValue = data
    return result


def obj(value: JSONValue) -> JSONObject:
    """``value`` as a JSON object, or an empty one when it is anything else (a list, a string …)."""
    return value if isinstance(value, dict) else {}


def text(value: JSONValue, default: str = "") -> str:
    """``value`` as a string: strings as they are, numbers written out, anything else ``default``."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return default
