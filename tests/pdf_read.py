"""Reading pypdf objects back in tests with their types checked (pypdf types a value as "some PDF object")."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import ArrayObject, Destination, DictionaryObject, PdfObject


def as_dict(obj: PdfObject | None) -> DictionaryObject:
    """The dictionary ``obj`` is (or points to); fails the test if it is something else."""
    assert obj is not None
    value = obj.get_object()
    assert isinstance(value, DictionaryObject), type(value)
    return value


def as_array(obj: PdfObject | None) -> ArrayObject:
    assert obj is not None
    value = obj.get_object()
    assert isinstance(value, ArrayObject), type(value)
    return value


def title(reader: PdfReader) -> str | None:
    assert reader.metadata is not None
    return reader.metadata.title


def outline_titles(reader: PdfReader) -> list[str]:
    """The top-level bookmarks' titles (a nested list where a flat one is expected fails the test)."""
    out = []
    for entry in reader.outline:
        assert isinstance(entry, Destination), entry
        out.append(str(entry.title))
    return out


def outline_starts(reader: PdfReader) -> list[int]:
    out = []
    for entry in reader.outline:
        assert isinstance(entry, Destination), entry
        page = reader.get_destination_page_number(entry)
        assert page is not None
        out.append(page)
    return out
