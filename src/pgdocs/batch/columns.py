"""The batch workbook's columns: Korean header ↔ record field path, format and help (data in ``batch_columns.toml``)."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from pgdocs.pglist import pg_names
from pgdocs.resources import data_path
from pgdocs.text import compact_key, nfc

log = logging.getLogger(__name__)

Format = Literal["text", "digits", "phone", "date", "bool", "enum", "list", "email", "path"]
_FORMATS = {"text", "digits", "phone", "date", "bool", "enum", "list", "email", "path"}
Mask = Literal["phone", "birth_date", "account", "secret"]
_MASKS = {"phone", "birth_date", "account", "secret"}
#: formats whose cells are identifiers: written as text (``@``) in the template, repaired when Excel made numbers
NUMBER_LIKE: frozenset[str] = frozenset({"digits", "phone"})


@dataclass(frozen=True, slots=True)
class Column:
    path: str
    header: str
    format: Format
    help: str
    example: str = ""
    aliases: tuple[str, ...] = ()
    list: str | None = None
    length: tuple[int, ...] = ()
    width: int = 14
    mask: Mask | None = None  #: personal data: how report.xlsx masks it (pgdocs.mask)

    @property
    def is_record_field(self) -> bool:
        return not self.path.startswith("_")

    @property
    def keys(self) -> tuple[str, ...]:
        """Header keys this column answers to (compared with :func:`header_key`)."""
        return tuple(header_key(h) for h in (self.header, self.path, *self.aliases))


@dataclass(frozen=True, slots=True)
class ColumnTable:
    version: str
    columns: tuple[Column, ...]
    lists: dict[str, list[str]] = field(default_factory=dict)
    index: dict[str, Column] = field(default_factory=dict, repr=False)

    def by_path(self, path: str) -> Column:
        for c in self.columns:
            if c.path == path:
                return c
        raise KeyError(path)

    def match(self, header: object) -> Column | None:
        """The column a header cell names (Korean header, field path or alias; NFD/spaces/case ignored)."""
        if header is None:
            return None
        key = header_key(str(header))
        if not key:
            return None
        return self.index.get(key)


def header_key(text: str) -> str:
    """Comparison key for a header: NFC → NFKC, no whitespace, lower case, no trailing ``*``/``:``."""
    return compact_key(nfc(text)).rstrip("*:")


def _parse(raw: Mapping[str, object]) -> ColumnTable:
    """The column table from ``batch_columns.toml``, checked (a shape it does not know raises ``ValueError``)."""
    cols: list[Column] = []
    seen: set[str] = set()
    columns, raw_lists = raw.get("column", []), raw.get("lists", {})
    if not isinstance(columns, list) or not isinstance(raw_lists, dict):
        raise ValueError("[[column]] must be tables and [lists] a table")
    for i, c in enumerate(columns):
        if not isinstance(c, dict):
            raise ValueError(f"column {i}: a table expected")
        fmt = c.get("format", "text")
        if fmt not in _FORMATS:
            raise ValueError(f"column {i}: unknown format {fmt!r}")
        path = str(c["path"])
        if path in seen:
            raise ValueError(f"column {i}: duplicate path {path!r}")
        if c.get("mask") is not None and c["mask"] not in _MASKS:
            raise ValueError(f"column {i}: unknown mask {c['mask']!r}")
        seen.add(path)
        cols.append(
            Column(
                path=path,
                header=nfc(str(c["header"])),
                format=fmt,
                help=nfc(str(c.get("help", ""))),
                example=nfc(str(c.get("example", ""))),
                aliases=tuple(nfc(str(a)) for a in c.get("aliases", [])),
                list=c.get("list"),
                length=tuple(int(n) for n in c.get("length", [])),
                width=int(c.get("width", 14)),
                mask=c.get("mask"),
            )
        )
    lists = {str(k): [nfc(str(v)) for v in vals] for k, vals in raw_lists.items()}
    lists["pg"] = list(pg_names().values())  # one PG list: the rulebook's files
    for col in cols:
        if col.list and col.list not in lists:
            raise ValueError(f"column {col.path}: unknown list {col.list!r}")
    index: dict[str, Column] = {}
    for col in cols:
        for k in col.keys:
            index.setdefault(k, col)
    return ColumnTable(version=str(raw.get("version", "0")), columns=tuple(cols), lists=lists, index=index)


@cache
def load_columns() -> ColumnTable:
    """The shipped column table (cached)."""
    with data_path("batch_columns.toml").open("rb") as fh:
        return _parse(tomllib.load(fh))


def bank_names() -> list[str]:
    """Bank names for the dropdown: from :mod:`pgdocs.ids.bank` when available, else the table's fallback list."""
    try:
        from pgdocs.ids import bank as bank_mod

        names = [str(b.name) for b in bank_mod.banks()]
        if names:
            return names
    except (ImportError, AttributeError) as exc:
        log.debug("bank list from pgdocs.ids.bank unavailable (%s); using batch_columns.toml", exc)
    return list(load_columns().lists.get("bank", []))
