"""``packet.pdf``: every part merged in checklist order, one Korean bookmark per document,
document metadata, identical objects shared, optionally AES-256 encrypted (docs/packets.md#pdf-assembly)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.pdfprobe import SAFE_LIMITS

if TYPE_CHECKING:
    from pypdf import PageObject

log = logging.getLogger(__name__)

#: characters of generated passwords: no 0/O, 1/l/I
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"  # noqa: S105


@dataclass(frozen=True)
class Part:
    title: str  #: bookmark text (Korean)
    path: Path


@dataclass(frozen=True)
class MergeResult:
    pages: int
    bookmarks: list[str]
    password: str | None


def make_password(length: int = 16) -> str:
    """A random password that reads unambiguously when printed or dictated."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def merge_parts(parts: list[Part], out: Path, *, title: str, subject: str = "", author: str = "pgdocs",
                keywords: str = "", encrypt: bool = False, password: str | None = None) -> MergeResult:
    """Merge ``parts`` into ``out``. With ``encrypt`` the file gets AES-256 (/V 5 /R 6), a random
    owner password and the returned user password (``password`` or a random one)."""
    from pypdf import PdfReader, PdfWriter, apply_configuration
    from pypdf.generic import BooleanObject, NameObject

    writer = PdfWriter()
    now = dt.datetime.now(dt.UTC)
    with apply_configuration(**SAFE_LIMITS):
        for part in parts:
            reader = PdfReader(part.path, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")  # owner-password-only PDFs (the probe refused real passwords)
            writer.append(reader, outline_item=part.title)
        writer.add_metadata({
            "/Title": title,
            "/Subject": subject,
            "/Author": author,
            "/Keywords": keywords,
            "/Creator": "pgdocs",
            "/Producer": "pgdocs (pypdf)",
            "/CreationDate": _pdf_date(now),
            "/ModDate": _pdf_date(now),
        })
        writer.root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
        prefs = writer.create_viewer_preferences()
        prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        used_password: str | None = None
        if encrypt:
            used_password = password or make_password()
            writer.encrypt(user_password=used_password, owner_password=make_password(32),
                           algorithm="AES-256")
        with out.open("wb") as fh:
            writer.write(fh)
    pages = len(writer.pages)
    log.debug("merged %d part(s) → %s (%d pages)", len(parts), out.name, pages)
    return MergeResult(pages, [p.title for p in parts], used_password)


#: A4 in points, and how far a page may differ from it and still count as A4
A4_PT = (595.276, 841.89)
A4_TOLERANCE_PT = 3.0


def fit_a4(page: PageObject) -> bool:
    """Make a pypdf page A4 (portrait or landscape, as the page is): shrink to fit, never enlarge, centred.

    Letter, legal or oversized pages from a bank's PDF export or a scanner would otherwise print
    cropped or tiny; the packet promises A4 pages. Returns whether the page changed.
    """
    from pypdf.generic import RectangleObject

    box = page.cropbox
    w, h = float(box.width), float(box.height)
    turned = int(page.get("/Rotate", 0) or 0) % 180 == 90
    vw, vh = (h, w) if turned else (w, h)  # as a viewer shows it
    tw, th = A4_PT if vh >= vw else (A4_PT[1], A4_PT[0])
    if abs(vw - tw) <= A4_TOLERANCE_PT and abs(vh - th) <= A4_TOLERANCE_PT:
        return False
    scale = min(1.0, tw / vw, th / vh)
    if scale < 1.0:
        page.scale_by(scale)
    box = page.cropbox
    pw, ph = (th, tw) if turned else (tw, th)  # the target in the page's own (unrotated) space
    left = float(box.left) - (pw - float(box.width)) / 2
    bottom = float(box.bottom) - (ph - float(box.height)) / 2
    a4 = RectangleObject([left, bottom, left + pw, bottom + ph])
    page.mediabox = a4
    page.cropbox = a4
    for name in ("/TrimBox", "/BleedBox", "/ArtBox"):
        page.pop(name, None)
    return True


def set_title(src: Path, out: Path, title: str) -> int:
    """Copy a merchant PDF's pages to ``out`` as A4 pages (:func:`fit_a4`) with ``/Title``; return the page count.

    Only the pages travel: document-level actions, JavaScript, embedded files and forms of an
    untrusted PDF stay behind, and page open/close actions (``/AA``) are dropped.
    """
    from pypdf import PdfReader, PdfWriter, apply_configuration
    from pypdf.generic import NameObject

    with apply_configuration(**SAFE_LIMITS):
        reader = PdfReader(src, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        writer = PdfWriter()
        writer.append(reader, import_outline=False)
        for page in writer.pages:
            page.pop(NameObject("/AA"), None)
            fit_a4(page)
        writer.add_metadata({"/Title": title, "/Producer": "pgdocs (pypdf)"})
        with out.open("wb") as fh:
            writer.write(fh)
        return len(writer.pages)
