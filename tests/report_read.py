"""Read values back out of JSON-shaped reports (``to_dict()``, parsed JSON) in tests, typed.

Reports are :data:`pgdocs.jsonio.Report` (``dict[str, object]``): a test walks into them with :func:`at`
instead of indexing blindly, and a missing key fails with the path where it was missing.
"""

from __future__ import annotations

from typing import overload

from pgdocs.jsonio import JSONObject, JSONValue

__all__ = ["at", "items", "obj", "strings", "text_at"]


def at(value: object, *path: str | int) -> object:
    """``value[path[0]][path[1]]…``: dict keys as strings, list positions as integers."""
    for i, key in enumerate(path):
        where = "/".join(map(str, path[:i])) or "(top)"
        if isinstance(key, int):
            assert isinstance(value, list), f"{where} is not a list: {value!r}"
            value = value[key]
        else:
            assert isinstance(value, dict), f"{where} is not an object: {value!r}"
            assert key in value, f"no {key!r} in {where}: {sorted(value)}"
            value = value[key]
    return value


@overload
def obj(value: JSONValue, *path: str | int) -> JSONObject: ...
@overload
def obj(value: object, *path: str | int) -> dict[str, object]: ...
def obj(value: object, *path: str | int) -> JSONObject | dict[str, object]:
    """The object at ``path`` (see :func:`at`) — the same object, so a test may change it in place. Inside parsed
    JSON (a record dict) it is a :data:`~pgdocs.jsonio.JSONObject`."""
    found = at(value, *path)
    assert isinstance(found, dict), f"{'/'.join(map(str, path))} is not an object: {found!r}"
    return found


def items(value: object, *path: str | int) -> list[object]:
    """The list at ``path`` (see :func:`at`)."""
    found = at(value, *path)
    assert isinstance(found, list), f"{'/'.join(map(str, path))} is not a list: {found!r}"
    return list(found)


def strings(value: object, *path: str | int) -> dict[str, str]:
    """The object at ``path`` whose values are all text (a record's ``business`` section …), as ``dict[str, str]``."""
    found = obj(value, *path)
    out = {k: v for k, v in found.items() if isinstance(v, str)}
    assert len(out) == len(found), f"not all text: {found!r}"
    return out


def text_at(value: object, *path: str | int) -> str:
    """The text at ``path`` (see :func:`at`); fails the test when it is anything else."""
    found = at(value, *path)
    assert isinstance(found, str), f"{'/'.join(map(str, path))} is not text: {found!r}"
    return found
