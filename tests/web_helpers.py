"""Helpers for the web tests: sample merchants as form data, hostile upload bytes. All fictional."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from pgdocs.jsonio import JSONObject, JSONValue, obj, text
from pgdocs.jsonio import loads as json_loads

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TODAY = "2026-11-27"  #: inside the NicePay sample's first contract year


class Trigger(Protocol):
    def pull_trigger(self, thunk: Callable[[], None]) -> None: ...


class Dispatcher(Protocol):
    def shutdown(self) -> bool: ...


class WaitressServer(Protocol):
    """What the tests use of ``waitress.server.create_server(…)`` (waitress ships no types)."""

    trigger: Trigger
    task_dispatcher: Dispatcher

    def run(self) -> None: ...

    def close(self) -> None: ...


def sample(slug: str) -> JSONObject:
    data = json_loads((SAMPLES / slug / "record.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def situation_form(data: JSONObject) -> dict[str, str]:
    acct = obj(data.get("pg_account"))
    imweb = acct.get("already_on_imweb")
    return {"pg": text(data["pg"]), "business.entity": text(obj(data["business"])["entity"]),
            "pg_account.already_on_imweb": "" if imweb is None else ("true" if imweb else "false"),
            "pg_account.contract_date": text(acct.get("contract_date"))}


def record_form(data: JSONObject) -> dict[str, str | list[JSONValue]]:
    """The record as the page's form would post it (dotted field names)."""
    from pgdocs.web.fields import RECORD_FIELDS, get_path

    out: dict[str, str | list[JSONValue]] = {}
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
