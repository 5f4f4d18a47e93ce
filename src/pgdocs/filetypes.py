"""What a file really is, from its first bytes — never from its name.

One table for every place that opens merchant files (OCR, packets, the web upload).
"""

from __future__ import annotations

#: ISO-BMFF brands of HEIC/HEIF/AVIF photos (iPhone default); readable only with pillow-heif.
HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"})

# Which kinds are accepted, and the limits, live in pgdocs.inputs (one set for every command and the web page).


def sniff(head: bytes) -> str | None:
    """The real format of a file from its first bytes (pass at least 1,024), or ``None``.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"\\x89PNG\\r\\n\\x1a\\n..."), sniff(b"\\x00\\x00\\x00\\x18ftypheic")
    ('pdf', 'png', 'heic')
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:2] == b"BM" and len(head) >= 14:
        return "bmp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heic"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    # a PDF may have junk before its header (allowed within the first 1,024 bytes)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None
