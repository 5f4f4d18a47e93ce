"""The resident Tesseract (pgdocs.ocr.resident): the program's reads byte for byte, and faults kept outside.

Every read here is a real one, by the library and by the ``tesseract`` program; the faults are real signals sent
to the helper process (a crash of Tesseract is a signal that ends its process).
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from PIL import Image

from ocr_helpers import bench_page
from pgdocs.errors import ExternalToolError, ReviewNeeded
from pgdocs.ocr import resident, tesseract

pytestmark = pytest.mark.tesseract


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    path, _ = bench_page(tmp_path_factory.mktemp("resident"), "nts", "scan", 5, 0)
    return Image.open(path).convert("L")


def _program(monkeypatch: pytest.MonkeyPatch, image: Image.Image, **kw: object) -> str:
    with monkeypatch.context() as m:
        m.setenv("PGDOCS_OCR_ENGINE", "cli")
        return tesseract.raw_tsv(image, **kw)  # type: ignore[arg-type]


def _helper_pid() -> int:
    """The pid of the idle helper the next read will take (a read was made just before)."""
    return resident._POOL.idle[-1].proc.pid


def test_the_library_reads_byte_for_byte_as_the_program(page: Image.Image, monkeypatch: pytest.MonkeyPatch) -> None:
    version = tesseract.probe().version
    assert resident.resident_version(version) == version  # reads below go to the library, not the program
    crop = page.crop((0, page.height // 5, page.width, page.height // 5 + page.height // 12))
    cases: list[tuple[Image.Image, dict[str, object]]] = [
        (page, {"lang": "Hangul", "psm": 4}),
        (crop, {"lang": "kor", "psm": 6}),
        (crop, {"lang": "kor", "psm": 7, "whitelist": "0123456789-"}),
        (crop.convert("1"), {"lang": "eng", "psm": 7}),
        (page, {"lang": "kor", "psm": 4, "dpi": 200}),
    ]
    for image, kw in cases:
        ours = tesseract.raw_tsv(image, **kw)  # type: ignore[arg-type]
        assert ours == _program(monkeypatch, image, **kw), kw
        assert tesseract.parse_tsv(ours), kw  # something was read: equal empty outputs would prove nothing
    words = [w.text for w in tesseract.parse_tsv(tesseract.raw_tsv(page, lang="Hangul", psm=4))]
    assert "등록번호" in "".join(words)
    # a setting of one read does not stay for the next: the crop read with a whitelist, then without
    assert tesseract.raw_tsv(crop, lang="kor", psm=6) == _program(monkeypatch, crop, lang="kor", psm=6)


def test_the_program_is_used_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGDOCS_OCR_ENGINE", "cli")
    assert resident.resident_version(tesseract.probe().version) is None


def test_a_helper_killed_while_idle_is_replaced(page: Image.Image) -> None:
    small = page.crop((0, 0, page.width, page.height // 6))
    first = tesseract.raw_tsv(small, lang="kor", psm=6)
    pid = _helper_pid()
    os.kill(pid, signal.SIGKILL)
    again = tesseract.raw_tsv(small, lang="kor", psm=6)
    assert again == first and _helper_pid() != pid


def test_a_timeout_kills_the_helper_and_the_next_read_works(page: Image.Image) -> None:
    tesseract.raw_tsv(page.crop((0, 0, 400, 100)), lang="Hangul", psm=7)  # a helper with the model loaded
    pid = _helper_pid()
    with pytest.raises(ReviewNeeded) as ei:
        tesseract.raw_tsv(page, lang="Hangul", psm=4, timeout=0.05)
    assert ei.value.code == "OCR_TIMEOUT"
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    assert tesseract.parse_tsv(tesseract.raw_tsv(page, lang="Hangul", psm=4))


def _dies_while_reading(image: Image.Image, **kw: object) -> str:
    """Read ``image`` while the helper is sent SIGFPE a moment into the read (as Tesseract dies of one)."""
    tesseract.raw_tsv(image.crop((0, 0, 400, 100)), **kw)  # type: ignore[arg-type]  # models loaded, helper idle
    pid = _helper_pid()
    timer = threading.Timer(0.1, os.kill, (pid, signal.SIGFPE))
    timer.start()
    try:
        return tesseract.raw_tsv(image, **kw)  # type: ignore[arg-type]
    finally:
        timer.cancel()


def test_a_helper_dying_of_sigfpe_on_a_whitelisted_read_is_read_again_without_it(
        page: Image.Image, monkeypatch: pytest.MonkeyPatch) -> None:
    big = page.resize((page.width * 3 // 2, page.height * 3 // 2))  # a read long enough to be hit mid-way
    out = _dies_while_reading(big, lang="kor", psm=4, whitelist="0123456789")
    assert out == _program(monkeypatch, big, lang="kor", psm=4)  # the read without the whitelist
    with pytest.raises(ExternalToolError) as ei:  # nothing to drop: a failure, and the process lives on
        _dies_while_reading(big, lang="kor", psm=4)
    assert ei.value.code == "OCR_FAILED" and "-8" in ei.value.message
    assert tesseract.parse_tsv(tesseract.raw_tsv(page.crop((0, 0, page.width, 300)), lang="kor", psm=6))
