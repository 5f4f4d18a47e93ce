"""Helpers for the packet tests: fictional document images and hostile files, made on the fly.

Everything drawn here is fictional (no real business, person or account).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pgdocs.jsonio import JSONObject
from pgdocs.jsonio import loads as json_loads

REPO = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"


def sample(slug: str) -> JSONObject:
    data = json_loads((REPO / "samples" / slug / "record.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def document_image(path: Path, lines: list[str], *, size: tuple[int, int] = (1240, 1754), fmt: str | None = None,
                   exif_orientation: int | None = None, mode: str = "RGB") -> Path:
    """A fictional scanned page: a border and a few Korean lines, saved as ``path``."""
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, max(18, size[0] // 30))
    d.rectangle([20, 20, size[0] - 20, size[1] - 20], outline="black", width=4)
    y = 80
    for line in lines:
        d.text((80, y), line, font=font, fill="black")
        y += int(font.size * 1.8)
    d.rectangle([size[0] - 260, size[1] - 260, size[0] - 100, size[1] - 100], outline=(200, 0, 0), width=8)
    out: Image.Image = im.convert(mode) if mode != "RGB" else im
    kwargs: dict[str, bytes] = {}
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    out.save(path, format=fmt, **kwargs)
    return path


def blank_pdf(path: Path, pages: int = 1, *, user_password: str | None = None,
              owner_password: str | None = None) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(595, 842)
    if user_password is not None or owner_password is not None:
        w.encrypt(user_password=user_password or "", owner_password=owner_password, algorithm="AES-256")
    with path.open("wb") as fh:
        w.write(fh)
    return path


def image_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF holding a fictional scanned image (like a bank's PDF export)."""
    import img2pdf

    buf = io.BytesIO()
    im = Image.new("RGB", (800, 1100), "white")
    ImageDraw.Draw(im).text((60, 60), "\n".join(lines), font=ImageFont.truetype(FONT, 28), fill="black")
    im.save(buf, "JPEG", quality=80)
    path.write_bytes(img2pdf.convert(buf.getvalue()) or b"")
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width``×``height`` (a decompression-bomb shape); tiny on disk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    raw = zlib.compress(b"\x00" * 64)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


def heic_like(path: Path) -> Path:
    """The first bytes of an HEIC photo (ftyp box, brand heic) — enough for type sniffing."""
    ftyp = b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
    path.write_bytes(struct.pack(">I", len(ftyp) + 4) + ftyp + b"\x00" * 200)
    return path


def big_pdf(path: Path, nbytes: int) -> Path:
    """A valid one-page PDF whose page shows an uncompressed grey image of about ``nbytes`` (random noise)."""
    import os

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    side = int((nbytes) ** 0.5)
    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    img = DecodedStreamObject()
    img.set_data(os.urandom(side * side))
    img.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                NameObject("/Width"): NumberObject(side), NameObject("/Height"): NumberObject(side),
                NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    ref = w._add_object(img)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): ref})})
    content = DecodedStreamObject()
    content.set_data(b"q 500 0 0 500 47 171 cm /Im0 Do Q")
    page[NameObject("/Contents")] = w._add_object(content)
    with path.open("wb") as fh:
        w.write(fh)
    return path
