"""pgdocs — paperwork for keeping a Korean PG contract when a shop moves to Imweb.

The package imports lightly; heavy parts (OCR, forms, PDF) load on first use, so
``pgdocs --help`` stays fast: :func:`load_record` and :func:`verify` are imported from their modules when first
asked for (the type checker sees them as the functions they are).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "load_record", "verify"]

if TYPE_CHECKING:
    from pgdocs.ocr.verify import verify
    from pgdocs.record import load_record

#: public name → the module that defines it (imported on first use)
_LAZY = {"load_record": "pgdocs.record", "verify": "pgdocs.ocr.verify"}


def __getattr__(name: str) -> object:
    """``pgdocs.load_record`` (:func:`pgdocs.record.load_record`) and ``pgdocs.verify``
    (:func:`pgdocs.ocr.verify.verify`: read a certificate or bank-book image and compare it with declared data)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pgdocs' has no attribute {name!r}")
    import importlib

    value: object = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
