"""Helpers for the web tests: sample merchants as form data, hostile upload bytes. All fictional."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TODAY = "2026-11-27"  #: inside the NicePay sample's first contract year


def sample(slug: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / slug / "record.json").read_text(encoding="utf-8"))
    return data


def situation_form(data: dict[str, Any]) -> dict[str, str]:
    acct = data.get("pg_account") or {}
    imweb = acct.get("already_on_imweb")
    return {"pg": data["pg"], "business.entity": data["business"]["entity"],
            "pg_account.already_on_imweb": "" if imweb is None else ("true" if imweb else "false"),
            "pg_account.contract_date": acct.get("contract_date") or ""}


def record_form(data: dict[str, Any]) -> dict[str, Any]:
    """The record as the page's form would post it (dotted field names)."""
    from pgdocs.web.fields import RECORD_FIELDS, get_path

    out: dict[str, Any] = {}
    for f in RECORD_FIELDS:
        v = get_path(data, f.path)
        if v is None:
            continue
        out[f.path] = list(v) if isinstance(v, list) else ("true" if v is True else str(v))
    return out


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid-looking PNG header claiming 900 megapixels, a few hundred bytes long."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def small_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buf, "PNG")
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.encrypt("secret-fictional", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()
