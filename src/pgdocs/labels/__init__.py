"""Address labels on real label sheets (Formtec LS-xxxx, Avery Lxxxx, custom sheet files).

>>> from pgdocs.labels import LabelEntry, render_labels
>>> entry = LabelEntry(["서울특별시 마포구 마포대로 217, 크레디트센터 7층", "나이스페이먼츠 플랫폼사업실"],
...                    honorific="앞", postal_code="04117")
>>> render_labels([entry], "labels.pdf", sheet="LS-3108")  # doctest: +SKIP
"""

from __future__ import annotations

from pgdocs.labels.entries import HONORIFICS, LabelEntry, recipient_entry, sender_entry
from pgdocs.labels.render import PRINT_HINT, check_entries, placements, render_labels
from pgdocs.labels.sheets import DEFAULT_SHEET, Sheet, list_sheets, load_sheet

__all__ = [
    "DEFAULT_SHEET",
    "HONORIFICS",
    "PRINT_HINT",
    "LabelEntry",
    "Sheet",
    "check_entries",
    "list_sheets",
    "load_sheet",
    "placements",
    "recipient_entry",
    "render_labels",
    "sender_entry",
]
