"""pgdocs — paperwork for keeping a Korean PG contract when a shop moves to Imweb.

The package imports lightly; heavy parts (OCR, forms, PDF) load on first use, so
``pgdocs --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load_record", "verify"]


def load_record(*args: Any, **kwargs: Any) -> Any:
    """Load a merchant record (see :func:`pgdocs.record.load_record`)."""
    from pgdocs.record import load_record as _load

    return _load(*args, **kwargs)


def verify(*args: Any, **kwargs: Any) -> Any:
    """Verify a certificate or bank-book image against declared data (see :mod:`pgdocs.ocr.verify`)."""
    from pgdocs.ocr.verify import verify as _verify

    return _verify(*args, **kwargs)
