"""Submission packets: cover sheet, filled form, attachments as A4 PDFs, merged ``packet.pdf``,
address labels, ``submission.eml`` and ``manifest.json`` — written atomically.

Modules: :mod:`documents` (discovery, safe opening), :mod:`images` (image → A4 PDF),
:mod:`cover`, :mod:`assemble` (merge, bookmarks, encryption), :mod:`mail`, :mod:`manifest`,
:mod:`content` (what goes in the folder), :mod:`build` (the orchestrator).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pgdocs.packet.build import PacketResult, build_packet

__all__ = ["PacketResult", "build_packet"]


def __getattr__(name: str) -> object:  # lazy: importing pgdocs.packet.x does not load the whole packet builder
    if name in __all__:
        from pgdocs.packet import build

        return getattr(build, name)
    raise AttributeError(name)
