"""The local web page for merchants (``pgdocs serve``): plan, record form, document check, downloads.

Everything the page shows comes from the library (plan, validate, verify, packet, labels, chat);
the page only collects input and presents results. See :func:`create_app`.
"""

from __future__ import annotations

from pgdocs.web.app import create_app

__all__ = ["create_app"]
