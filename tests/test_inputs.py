"""One way in (issue 14 item 13): verify, packet and the web upload accept and refuse the same files with the same
limits. Every file is made by the test; nothing is real.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from pgdocs import inputs
from pgdocs.errors import InputError
from pgdocs.ocr.load import load_document
from pgdocs.packet.documents import inspect_documents
from pgdocs.web.uploads import check_upload


def _pdf(path: Path, pages: int = 1, *, owner_password: str | None = None, user_password: str | None = None) -> Path:
    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(595, 842)
    if owner_password or user_password:
        w.encrypt(user_password=user_password or "", owner_password=owner_password, algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    path.write_bytes(buf.getvalue())
    return path


def _image(path: Path, fmt: str, *, frames: int = 1) -> Path:
    inputs.heif_available()
    ims = [Image.new("RGB", (320, 240), (255, 255 - i, 255)) for i in range(frames)]
    ims[0].save(path, format=fmt, save_all=frames > 1, append_images=ims[1:])
    return path


def _verify(path: Path) -> str | None:
    try:
        load_document(path, want_image=False)
    except InputError as err:
        return err.code
    return None


def _packet(path: Path) -> str | None:
    try:
        inspect_documents({"bankbook": ("통장 사본", path)})
    except InputError as err:
        return err.code
    return None


def _web(path: Path) -> str | None:
    try:
        check_upload(path.read_bytes(), max_bytes=inputs.MAX_BYTES)
    except InputError as err:
        return err.code
    return None


Maker = Callable[[Path], Path]

ACCEPTED: list[tuple[str, Maker]] = [
    ("one-page-pdf", lambda d: _pdf(d / "a.pdf")),
    ("owner-password-pdf", lambda d: _pdf(d / "a.pdf", owner_password="owner-only")),  # noqa: S106 - fictional
    ("gif", lambda d: _image(d / "a.gif", "GIF")),
    ("heic", lambda d: _image(d / "a.heic", "HEIF")),
    ("multi-page-tiff", lambda d: _image(d / "a.tif", "TIFF", frames=3)),
]


@pytest.mark.parametrize("make", [pytest.param(m, id=i) for i, m in ACCEPTED])
def test_accepted_everywhere(tmp_path: Path, make: Maker) -> None:
    path = make(tmp_path)
    assert (_verify(path), _packet(path), _web(path)) == (None, None, None)


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


REFUSED: list[tuple[str, Maker, set[str]]] = [
    ("201-page-pdf", lambda d: _pdf(d / "a.pdf", inputs.MAX_PAGES + 1), {"DOC_TOO_LARGE"}),
    ("user-password-pdf", lambda d: _pdf(d / "a.pdf", user_password="secret"),  # noqa: S106 - fictional
     {"DOC_ENCRYPTED", "UPLOAD_PDF_ENCRYPTED"}),
    ("broken-pdf", lambda d: _written(d / "a.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage\n%%EOF"),
     {"DOC_UNREADABLE", "UPLOAD_UNREADABLE"}),
    ("gif-with-40-frames", lambda d: _image(d / "a.gif", "GIF", frames=inputs.MAX_FRAMES + 10), {"DOC_TOO_LARGE"}),
]


@pytest.mark.parametrize(("make", "codes"), [pytest.param(m, c, id=i) for i, m, c in REFUSED])
def test_refused_everywhere_with_the_same_code(tmp_path: Path, make: Maker, codes: set[str]) -> None:
    path = make(tmp_path)
    got = {"verify": _verify(path), "packet": _packet(path), "web": _web(path)}
    assert all(code in codes for code in got.values()), got


def test_one_home_for_the_limits() -> None:
    from pgdocs.ocr import load
    from pgdocs.packet import documents

    assert load.MAX_BYTES == documents.MAX_DOCUMENT_BYTES == inputs.MAX_BYTES
    assert load.MAX_PIXELS == documents.MAX_IMAGE_PIXELS == inputs.MAX_PIXELS
    assert documents.MAX_IMAGE_FRAMES == inputs.MAX_FRAMES
    argv = inputs.probe_command([Path("x.pdf")])  # the child holds no limit of its own: it is given inputs's
    assert argv[argv.index("--max-pages") + 1] == str(inputs.MAX_PAGES)


def test_the_cli_probe_forks_and_the_server_probe_spawns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Single-threaded (the CLI): a forked child; with other threads (the web server): a new interpreter. Both
    give the same answer for the same files."""
    import threading

    good, bad = _pdf(tmp_path / "a.pdf", 3), _pdf(tmp_path / "b.pdf", inputs.MAX_PAGES + 1)
    results = {}
    for mode in ("fork", "spawn"):
        # the test runner (xdist) has threads of its own: say how many the "process" has
        monkeypatch.setattr(threading, "active_count", (lambda: 1) if mode == "fork" else (lambda: 2))
        forked = inputs._probe_forked(good, "a.pdf")
        assert (forked is not None) == (mode == "fork")
        with pytest.raises(InputError) as info:
            inputs.check_pdf(bad)
        results[mode] = (inputs.check_pdf(good), info.value.code)
    assert results["fork"] == results["spawn"] == (3, "DOC_TOO_LARGE")
