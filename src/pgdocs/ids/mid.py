"""MID shapes per PG — warnings only, because no PG publishes a grammar.

Patterns live in ``data/mid_shapes.toml`` with their sources.

>>> check('nicepay', 'nicepay00m') is None
True
>>> check('nicepay', 'nicepay001')
'나이스페이 MID는 보통 영문·숫자 10자, 마지막 글자 m (예: nicepay00m, UT0000113m) 형식입니다.'
>>> is_test_mid('kcp', 't0000')
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from pgdocs.ids._exceptions import InvalidComponent, InvalidFormat
from pgdocs.ids._util import MAX_INPUT, guard
from pgdocs.resources import data_path
from pgdocs.text import clean

__all__ = ["MidShape", "check", "compact", "is_test_mid", "is_valid", "shapes", "validate"]


@dataclass(frozen=True, slots=True)
class MidShape:
    pg: str
    name: str
    pattern: re.Pattern[str]
    description: str
    test_mids: tuple[str, ...]
    source: str


@cache
def shapes() -> dict[str, MidShape]:
    """The shapes from ``data/mid_shapes.toml``, keyed by PG id."""
    with data_path("mid_shapes.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    out: dict[str, MidShape] = {}
    for pg, entry in raw.items():
        if not isinstance(entry, dict):
            continue
        out[pg] = MidShape(
            pg=pg,
            name=str(entry["name"]),
            pattern=re.compile(str(entry["pattern"])),
            description=str(entry["description"]),
            test_mids=tuple(str(t) for t in entry.get("test_mids", ())),
            source=str(entry["source"]),
        )
    return out


def compact(mid: str) -> str:
    return re.sub(r"\s", "", clean(mid))


def validate(pg: str, mid: str) -> str:
    """Return the compact MID or raise when it does not fit the observed shape (a heuristic!)."""
    shape = shapes().get(pg)
    if shape is None:
        raise InvalidComponent(f"알 수 없는 PG입니다: {pg}")
    m = compact(guard(mid, "MID"))
    if not shape.pattern.match(m):
        raise InvalidFormat(f"{shape.name} MID는 보통 {shape.description} 형식입니다.")
    return m


def is_valid(pg: str, mid: str) -> bool:
    try:
        return bool(validate(pg, mid))
    except ValueError:
        return False


def check(pg: str, mid: str) -> str | None:
    """A Korean warning when ``mid`` does not look like ``pg``'s MIDs, else ``None``."""
    try:
        validate(pg, mid)
    except ValueError as exc:
        return str(exc)
    return None


def is_test_mid(pg: str, mid: str) -> bool:
    """A published test/sample MID (case-insensitive)."""
    shape = shapes().get(pg)
    if len(mid) > MAX_INPUT:
        return False
    return shape is not None and compact(mid).lower() in {t.lower() for t in shape.test_mids}
