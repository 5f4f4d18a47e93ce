"""Matching against real Tesseract reads: genuine pairs never mismatch, tampered ones never match.

Fictional names and addresses are rendered with Pillow (~30 px glyphs, several fonts, mild
degradations), read line by line with ``tesseract -l kor+Hangul --psm 7`` (one process per variant,
all lines as pages of one list file) and compared with what a merchant would declare.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pgdocs.hangul import is_confusion
from pgdocs.ocr import match as m
from pgdocs.ocr.charset import representable

pytestmark = [pytest.mark.tesseract, pytest.mark.slow]

# (printed on the page, declared by the merchant, kind)
NAMES: list[tuple[str, str, str]] = [
    ("주식회사 바른정보기술", "(주)바른정보기술", "company"),
    ("(주)한빛소프트", "한빛소프트 주식회사", "company"),
    ("팜스코상사", "팜스코상사", "company"),
    ("숯불명가", "숯불명가", "company"),
    ("주식회사 누리팜", "㈜누리팜", "company"),
    ("쿤스튜디오", "쿤스튜디오", "company"),
    ("유한회사 동해수산", "동해수산(유)", "company"),
    ("푸른들농원", "푸른들 농원", "company"),
    ("행복한베이커리", "행복한베이커리", "company"),
    ("통통물산", "통통물산", "company"),
    ("호수길카페", "호수길카페", "company"),
    ("맑은샘정수기", "맑은샘정수기", "company"),
    ("스마트팜테크", "스마트팜테크", "company"),
    ("홍길동", "홍길동", "person"),
    ("김민준 외 1명", "김민준", "person"),
    ("이서연", "이서연", "person"),
    ("정예린", "정예린", "person"),
    ("서명호", "서명호", "person"),
    ("남궁민수", "남궁민수", "person"),
    ("장쌤", "장쌤", "person"),
]
ADDRESSES: list[tuple[str, str]] = [
    ("서울특별시 강남구 테헤란로 123, 5층 501호 (역삼동)", "서울 강남구 테헤란로 123 5층 501호"),
    ("경기도 성남시 분당구 판교역로 235, 지하1층 (삼평동)", "경기 성남시 분당구 판교역로 235 B1층"),
    ("강원특별자치도 춘천시 중앙로 17, 2층", "강원도 춘천시 중앙로 17, 2층"),
    ("부산광역시 해운대구 센텀중앙로 79, 1203호", "부산 해운대구 센텀중앙로79 1203호"),
]
ITEMS: list[tuple[str, str]] = [
    ("소매업 전자상거래업 통신판매업", "전자상거래업, 소매업"),
    ("서비스 도매 및 소매업", "도소매, 서비스"),
]


def _jpeg(im: Image.Image) -> Image.Image:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=35)
    return Image.open(io.BytesIO(buf.getvalue()))


_FONT_DIRS = ("/usr/share/fonts/truetype/nanum", "/usr/share/fonts/opentype/noto")
# (id, font file, face index in a collection, degradation)
VARIANTS: list[tuple[str, str, int, Callable[[Image.Image], Image.Image]]] = [
    ("gothic-clean", "NanumGothic.ttf", 0, lambda im: im),
    ("myeongjo-jpeg", "NanumMyeongjo.ttf", 0, _jpeg),
    ("noto-bold-blur", "NotoSansCJK-Bold.ttc", 1, lambda im: im.filter(ImageFilter.GaussianBlur(0.8))),
]


def _font(name: str, index: int) -> ImageFont.FreeTypeFont:
    for d in _FONT_DIRS:
        p = Path(d) / name
        if p.is_file():
            return ImageFont.truetype(str(p), 30, index=index)
    pytest.skip(f"font {name} not installed")


def _lines() -> list[str]:
    return [p for p, _, _ in NAMES] + [p for p, _ in ADDRESSES] + [p for p, _ in ITEMS]


@pytest.fixture(scope="module")
def reads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """variant id → printed line → what Tesseract read."""
    out: dict[str, dict[str, str]] = {}
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    for vid, font_name, index, degrade in VARIANTS:
        font = _font(font_name, index)
        folder = tmp_path_factory.mktemp(vid)
        paths = []
        for i, text in enumerate(_lines()):
            im = Image.new("L", (int(font.getlength(text)) + 40, 64), 255)
            ImageDraw.Draw(im).text((20, 16), text, font=font, fill=0)
            path = folder / f"{i:03d}.png"
            degrade(im).convert("L").save(path)
            paths.append(str(path))
        listing = folder / "pages.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        argv = ["tesseract", str(listing), "-", "-l", "kor+Hangul", "--psm", "7", "-c",
                "preserve_interword_spaces=1"]
        proc = subprocess.run(argv, capture_output=True, timeout=300, env=env, check=True)
        pages = proc.stdout.decode("utf-8").split("\f")
        pages = pages[: len(paths)]
        assert len(pages) == len(paths), proc.stderr.decode("utf-8", "replace")
        out[vid] = {text: page.strip() for text, page in zip(_lines(), pages, strict=True)}
    return out


_VARIANT_IDS = [v[0] for v in VARIANTS]


def _tamper(name: str) -> str:
    """Swap the middle readable syllable for a readable one that is no OCR confusion of it."""
    core = [i for i, c in enumerate(name) if "가" <= c <= "힣" and representable(c)]
    i = core[len(core) // 2]
    for new in "국밤튼섭괘림":
        if new != name[i] and representable(new) and not is_confusion(name[i], new):
            return name[:i] + new + name[i + 1:]
    raise AssertionError(name)


@pytest.mark.parametrize("vid", _VARIANT_IDS)
def test_genuine_names_never_mismatch(reads: dict[str, dict[str, str]], vid: str) -> None:
    bad = []
    for printed, declared, kind in NAMES:
        result = m.match_name(declared, reads[vid][printed], kind=kind)
        if result.status == "mismatch":
            bad.append((declared, reads[vid][printed], result.detail))
    assert bad == []


@pytest.mark.parametrize("vid", _VARIANT_IDS)
def test_tampered_names_never_match(reads: dict[str, dict[str, str]], vid: str) -> None:
    statuses = []
    for printed, declared, kind in NAMES:
        tampered = _tamper(declared)
        result = m.match_name(tampered, reads[vid][printed], kind=kind)
        assert result.status != "match", (tampered, reads[vid][printed], result)
        statuses.append(result.status)
    # most are confidently detected, not just sent to review
    assert statuses.count("mismatch") >= 0.8 * len(statuses), statuses


def test_clean_names_mostly_match(reads: dict[str, dict[str, str]]) -> None:
    statuses = [m.match_name(d, reads["gothic-clean"][p], kind=k).status for p, d, k in NAMES]
    # only out-of-model names (장쌤) may need review on a clean page
    assert statuses.count("match") >= len(NAMES) - 2, statuses


@pytest.mark.parametrize("vid", _VARIANT_IDS)
def test_addresses(reads: dict[str, dict[str, str]], vid: str) -> None:
    for printed, declared in ADDRESSES:
        found = reads[vid][printed]
        assert m.match_address(declared, found).status != "mismatch", (declared, found)
        moved = declared.replace("123", "125").replace("235", "285").replace("17", "71").replace("79", "97")
        assert m.match_address(moved, found).status == "mismatch", (moved, found)


@pytest.mark.parametrize("vid", _VARIANT_IDS)
def test_items(reads: dict[str, dict[str, str]], vid: str) -> None:
    for printed, declared in ITEMS:
        found = reads[vid][printed]
        assert m.match_items(declared, found).status == "match", (declared, found)
    assert m.match_items("건설업, 운수업", reads[vid][ITEMS[0][0]]).status == "mismatch"
