"""Which PGs exist: one rulebook file each (``rulebook/data/<pg>.toml``), read here for their id, name and aliases.

The PG list is not written in code: a PG is known because its file is in the rulebook folder. This module reads only
the head of each file (``pg``, ``name``, ``order``, ``aliases``) and imports nothing of pgdocs, so the merchant record
can check its ``pg`` field without loading the rulebook (which itself needs the record). The full, typed rulebook is
:mod:`pgdocs.rulebook`.

``PGDOCS_RULEBOOK`` names another rulebook folder (the whole of it: ``common.toml`` and one file per PG), to try a
changed procedure or a new PG before it ships.

>>> "nicepay" in pg_ids() and pg_names()["kcp"]
'NHN KCP'
>>> canonical_pg("KG 이니시스")
'inicis'
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pgdocs.text import clean

__all__ = [
    "RULEBOOK_ENV", "PgEntry", "canonical_pg", "pg_entries", "pg_entries_in", "pg_ids", "pg_name", "pg_names",
    "rulebook_dir",
]

RULEBOOK_ENV = "PGDOCS_RULEBOOK"
COMMON_FILE = "common.toml"
_SHIPPED = Path(__file__).resolve().parent / "rulebook" / "data"


@dataclass(frozen=True, slots=True)
class PgEntry:
    id: str
    name: str
    order: int  #: position in lists shown to people (the help article's order)
    aliases: tuple[str, ...]  #: other spellings a merchant or an Excel sheet uses (KICC, 나이스페이먼츠 …)
    path: Path


def rulebook_dir() -> Path:
    """The rulebook folder in use: ``$PGDOCS_RULEBOOK`` or the one shipped in the package."""
    env = os.environ.get(RULEBOOK_ENV)
    return Path(env) if env else _SHIPPED


def _key(text: str) -> str:
    return clean(text).lower().replace(" ", "")


@cache
def _read_entries(base: Path) -> tuple[PgEntry, ...]:
    out: list[PgEntry] = []
    for path in sorted(base.glob("*.toml")):
        if path.name == COMMON_FILE:
            continue
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        pg, name = raw.get("pg"), raw.get("name")
        if pg != path.stem or not isinstance(name, str) or not name:
            raise ValueError(f"rulebook {path.name}: 'pg' must be {path.stem!r} and 'name' a non-empty string")
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"rulebook {path.name}: 'aliases' must be a list of strings")
        order = raw.get("order", 1000)
        if not isinstance(order, int):
            raise ValueError(f"rulebook {path.name}: 'order' must be an integer")
        out.append(PgEntry(id=pg, name=name, order=order, aliases=tuple(aliases), path=path))
    if not out:
        raise ValueError(f"rulebook {base}: no PG files")
    seen: dict[str, str] = {}
    for e in out:
        for spelling in (e.id, e.name, *e.aliases):
            other = seen.setdefault(_key(spelling), e.id)
            if other != e.id:
                raise ValueError(f"rulebook: {spelling!r} names both {other} and {e.id}")
    return tuple(sorted(out, key=lambda e: (e.order, e.id)))


def pg_entries_in(base: Path) -> tuple[PgEntry, ...]:
    """Every PG of the rulebook folder ``base``, in display order."""
    return _read_entries(base)


def pg_entries() -> tuple[PgEntry, ...]:
    """Every PG of the rulebook in use, in display order."""
    return _read_entries(rulebook_dir())


def pg_ids() -> tuple[str, ...]:
    return tuple(e.id for e in pg_entries())


def pg_names() -> dict[str, str]:
    """PG id → its Korean name (``{"nicepay": "나이스페이", …}``), in display order."""
    return {e.id: e.name for e in pg_entries()}


def pg_name(pg: str) -> str:
    """The PG's Korean name; the id itself for a PG the rulebook does not know."""
    return pg_names().get(pg, pg)


def canonical_pg(value: str) -> str | None:
    """The PG id for any of its spellings (id, Korean name, alias; case and spaces ignored), else None."""
    key = _key(value)
    for e in pg_entries():
        if key in {_key(s) for s in (e.id, e.name, *e.aliases)}:
            return e.id
    return None
