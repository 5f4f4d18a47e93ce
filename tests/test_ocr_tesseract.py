"""The tesseract wrapper under faults: fake programs that hang, crash or lack Korean data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

import fakes
from cli_runner import invoke
from pgdocs.errors import ExitCode, ExternalToolError, MissingDependencyError, ReviewNeeded
from pgdocs.ocr import tesseract
from pgdocs.ocr.tesseract import parse_tsv


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    p = tmp_path / "page.png"
    im = Image.new("RGB", (1240, 1754), "white")
    # some ink, so the page is not caught as blank before Tesseract runs (pgdocs.ocr.kind.blank_image)
    ImageDraw.Draw(im).rectangle([200, 300, 1000, 340], fill="black")
    im.save(p)
    return p


@pytest.fixture()
def record(tmp_path: Path) -> Path:
    p = tmp_path / "record.json"
    p.write_text(json.dumps({"business": {"entity": "개인", "business_number": "124-81-00998",
                                          "business_name": "가상상회", "representative": "김가상"}}), encoding="utf-8")
    return p


def test_timeout_becomes_review(tmp_path: Path, page: Path, record: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGDOCS_TESSERACT", str(fakes.tesseract(tmp_path, "sleep 10\n")))
    with pytest.raises(ReviewNeeded) as ei:
        tesseract.image_to_data(Image.new("L", (100, 100), 255), timeout=0.5)
    assert ei.value.code == "OCR_TIMEOUT" and ei.value.exit_code == ExitCode.REVIEW
    code, out, _ = invoke("verify", str(page), "--info", str(record), "--timeout", "0.5", "--format", "json")
    assert code == 3
    data = json.loads(out)
    assert data["verdict"] == "review" and "끝나지 않았습니다" in data["reasons"][0]


def test_crash_is_ocr_failed(tmp_path: Path, page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGDOCS_TESSERACT", str(fakes.tesseract(tmp_path, 'echo "Segmentation fault" >&2\nexit 139\n')))
    with pytest.raises(ExternalToolError) as ei:
        tesseract.image_to_data(Image.new("L", (100, 100), 255))
    assert ei.value.code == "OCR_FAILED"
    code, _, err = invoke("extract", str(page))
    assert code == 2
    assert "오류 [OCR_FAILED]" in err and "Traceback" not in err


def test_a_whitelisted_read_that_dies_of_sigfpe_is_read_again_without_it(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract 5.3 dies of a floating-point exception on some crops when given a whitelist (a moiré photo's
    date): the crop is read once more without it. Any other crash stays a failure."""
    calls = tmp_path / "calls.txt"
    body = (f'echo "$@" >> {calls}\ncase "$*" in *whitelist*) kill -FPE $$;; esac\n'
            'printf "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight'
            '\\tconf\\ttext\\n5\\t1\\t1\\t1\\t1\\t1\\t10\\t20\\t30\\t40\\t91.5\\t2021\\n"\n')
    monkeypatch.setenv("PGDOCS_TESSERACT", str(fakes.tesseract(tmp_path, body)))
    words = tesseract.image_to_data(Image.new("L", (50, 50), 255), psm=7, whitelist="0123456789")
    assert [w.text for w in words] == ["2021"]
    argvs = calls.read_text(encoding="utf-8").splitlines()
    assert len(argvs) == 2 and "whitelist" in argvs[0] and "whitelist" not in argvs[1]
    crash = fakes.tesseract(tmp_path / "other", "kill -FPE $$\n")  # no whitelist to drop: a failure
    monkeypatch.setenv("PGDOCS_TESSERACT", str(crash))
    with pytest.raises(ExternalToolError):
        tesseract.image_to_data(Image.new("L", (50, 50), 255), psm=7)


def test_missing_korean_data_exit_4(tmp_path: Path, page: Path, record: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGDOCS_TESSERACT", str(fakes.tesseract(tmp_path, "exit 0\n", langs="eng osd")))
    with pytest.raises(MissingDependencyError) as ei:
        tesseract.ensure_available()
    assert ei.value.code == "TESSDATA_KOR_MISSING"
    assert "tesseract-ocr-kor" in (ei.value.hint or "")
    code, _, err = invoke("verify", str(page), "--info", str(record))
    assert code == 4 and "TESSDATA_KOR_MISSING" in err


def test_missing_program_exit_4(tmp_path: Path, page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGDOCS_TESSERACT", str(tmp_path / "no-such-tesseract"))
    with pytest.raises(MissingDependencyError) as ei:
        tesseract.probe()
    assert ei.value.code == "TESSERACT_MISSING"
    code, out, _ = invoke("extract", str(page), "--format", "json")
    assert code == 4
    assert json.loads(out)["error"]["code"] == "TESSERACT_MISSING"


def test_fake_receives_argv_list_and_thread_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "argv.txt"
    body = (f'echo "$@" > {log}\necho "OMP=$OMP_THREAD_LIMIT" >> {log}\ncat > /dev/null\n'
            'printf "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight'
            '\\tconf\\ttext\\n'
            '5\\t1\\t1\\t1\\t1\\t1\\t10\\t20\\t30\\t40\\t91.5\\t상호\\n"\n')
    monkeypatch.setenv("PGDOCS_TESSERACT", str(fakes.tesseract(tmp_path, body)))
    words = tesseract.image_to_data(Image.new("L", (50, 50), 255), psm=7, whitelist="0123456789-")
    assert [(w.text, w.conf, w.left, w.top, w.width, w.height) for w in words] == [("상호", 91.5, 10, 20, 30, 40)]
    argv = log.read_text(encoding="utf-8")
    page = re.search(r"(\S+/pgdocs-ocr-[^/ ]+/page\.bmp) stdout -l Hangul --oem 1 --psm 7 --dpi 300", argv)
    assert page is not None
    assert not Path(page[1]).exists() and not Path(page[1]).parent.exists()  # the page image is not left behind
    assert "tessedit_char_whitelist=0123456789-" in argv and "preserve_interword_spaces=1" in argv
    assert "OMP=1" in argv


def test_parse_tsv_skips_structure_rows_and_negative_conf() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t1\t2\t3\t4\t-1\tㅁ\n"
           "5\t1\t1\t1\t1\t2\t5\t2\t3\t4\t88\t  \n"
           "5\t1\t1\t1\t1\t3\tx\t2\t3\t4\t88\tbad\n")
    words = parse_tsv(tsv)
    assert [(w.text, w.conf) for w in words] == [("ㅁ", 0.0)]
    assert parse_tsv("") == []
    with pytest.raises(ExternalToolError):
        parse_tsv("not a tsv header\n")


@pytest.mark.parametrize("mode", ["RGBA", "LA", "I;16", "I;16 8-bit values", "P"])
def test_page_image_for_tesseract_keeps_dark_text_on_white(tmp_path: Path, mode: str) -> None:
    # transparency goes onto white (not black), 16-bit grey is scaled (not clipped at 255) — unless it holds
    # 8-bit values, as Pillow's convert("I;16") writes them
    if mode == "I;16 8-bit values":
        im = Image.new("L", (60, 40), 255)
        im.paste(0, (20, 10, 40, 30))
        im = im.convert("I;16")
        assert im.getextrema() == (0, 255)
    elif mode in ("RGBA", "LA"):
        im = Image.new(mode, (60, 40), (0,) * len(mode))  # fully transparent
        im.paste((0,) * (len(mode) - 1) + (255,), (20, 10, 40, 30))  # opaque black square
    elif mode == "I;16":
        import numpy as np

        arr = np.full((40, 60), 65535, dtype=np.uint16)
        arr[10:30, 20:40] = 2000
        im = Image.fromarray(arr)
    else:
        im = Image.new("RGB", (60, 40), "white").convert("P")
        im.paste(0, (20, 10, 40, 30))
    tesseract._write_bmp(im, tmp_path / "page.bmp")
    out = Image.open(tmp_path / "page.bmp").convert("L")
    assert out.getpixel((2, 2)) > 240 and out.getpixel((30, 20)) < 40  # type: ignore[operator]
