"""Pasted-over fields (issue 14 item 3): a value typed on a box over the printed one is *review*, never *pass*.

Pages are generated here (fictional); the forgery is made the way people make it: a box in white or in the paper's
colour over the value, another value typed on it in another font.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pgdocs.ocr import tamper
from pgdocs.resources import font_path

FONT = str(font_path("NanumGothic"))


def _other_font() -> str:
    found = subprocess.run(["fc-match", "-f", "%{file}", "UnDotum"], capture_output=True, text=True, check=False)
    return found.stdout if found.returncode == 0 and found.stdout else FONT


def _page(noise: float, *, paper: int = 232, seed: int = 1) -> tuple[Image.Image, list[list[int]]]:
    """A grey, grainy A4-ish page with five value lines; their boxes."""
    img = Image.new("L", (1600, 1200), paper)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 44)
    boxes = []
    lines = ["123-45-67890", "하늘공방", "김하늘", "2021 년 03 월 02 일", "서울특별시 마포구 양화로 45"]
    for i, text in enumerate(lines):
        y = 150 + i * 180
        d.text((500, y), text, font=font, fill=25)
        x0, y0, x1, y1 = d.textbbox((500, y), text, font=font)
        boxes.append([int(x0), int(y0), int(x1), int(y1)])
    if noise:
        arr = np.asarray(img, dtype=np.float64)
        arr += np.random.default_rng(seed).normal(0, noise, arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return img, boxes


def _paste(img: Image.Image, box: list[int], text: str, fill: int) -> tuple[Image.Image, list[int]]:
    out = img.copy()
    d = ImageDraw.Draw(out)
    x0, y0, x1, y1 = box
    d.rectangle((x0 - 12, y0 - 12, x1 + 40, y1 + 12), fill=fill)
    font = ImageFont.truetype(_other_font(), 44)
    d.text((x0, y0 - 6), text, font=font, fill=25)
    return out, [int(v) for v in d.textbbox((x0, y0 - 6), text, font=font)]


@pytest.mark.parametrize("fill", [pytest.param(255, id="white-box"), pytest.param(232, id="paper-colour-box")])
@pytest.mark.parametrize("line", [pytest.param(0, id="number"), pytest.param(2, id="name"), pytest.param(3, id="date")])
def test_a_pasted_value_on_a_grainy_page_is_flagged(fill: int, line: int) -> None:
    page, boxes = _page(noise=6.0)
    forged, box = _paste(page, boxes[line], "987-65-43210" if line == 0 else "박민수", fill)
    gray = np.asarray(forged)
    sig = tamper.check_box(gray, box, "field")
    assert sig is not None and sig.ratio < tamper.FLAT_RATIO
    # the lines nobody touched are not flagged
    untouched = [b for i, b in enumerate(boxes) if i != line]
    assert all(tamper.check_box(gray, b) is None for b in untouched)


@pytest.mark.parametrize("noise", [pytest.param(3.0, id="light-grain"), pytest.param(9.0, id="heavy-grain")])
def test_genuine_grainy_pages_are_not_flagged(noise: float) -> None:
    for seed in range(3):
        page, boxes = _page(noise=noise, seed=seed)
        gray = np.asarray(page)
        assert [tamper.check_box(gray, b) for b in boxes] == [None] * len(boxes)


def test_uneven_light_is_not_grain() -> None:
    """A phone photo's slow light gradient is not mistaken for texture the value lacks."""
    page, boxes = _page(noise=4.0)
    arr = np.asarray(page, dtype=np.float64)
    ramp = np.linspace(-40, 20, arr.shape[1])[None, :] + np.linspace(-15, 15, arr.shape[0])[:, None]
    lit = Image.fromarray(np.clip(arr + ramp, 0, 255).astype(np.uint8), "L")
    gray = np.asarray(lit)
    assert [tamper.check_box(gray, b) for b in boxes] == [None] * len(boxes)


def test_no_grain_no_judgement() -> None:
    """A software render (no grain anywhere) gives nothing to compare: no signal either way."""
    page, boxes = _page(noise=0.0)
    forged, box = _paste(page, boxes[0], "987-65-43210", 255)
    assert tamper.check_box(np.asarray(forged), box) is None


@pytest.mark.tesseract
def test_verify_makes_a_pasted_number_review_not_pass(tmp_path: Path) -> None:
    """End to end: a generated scan with its 등록번호 pasted over, declared as the forged number."""
    from pgdocs.ocr.verify import verify
    from pgdocs.record import record_from_dict
    from pgdocs.samples.certificates import render_certificate
    from pgdocs.samples.fakedata import brn_check_digit, make_business, seeded

    bd = make_business(seeded(7), "general")
    path, info = render_certificate(bd, "scan", "NanumGothic", tmp_path / "page", rng=seeded(8))
    record = bd.record()
    digits = str(record["business_number"]).replace("-", "")
    nine = digits[:5] + ("1234" if digits[5:9] != "1234" else "4321")
    forged = f"{nine[:3]}-{nine[3:5]}-{nine[5:]}{brn_check_digit(nine)}"
    page = Image.open(path).convert("L")
    x0, y0, x1, y1 = info["boxes_px"]["business_number"]
    d = ImageDraw.Draw(page)
    d.rectangle((x0 - 10, y0 - 6, x1 + 30, y1 + 6), fill=255)
    d.text((x0, y0), forged, font=ImageFont.truetype(_other_font(), round((y1 - y0) * 0.8)), fill=20)
    fake = tmp_path / "forged.png"
    page.save(fake)
    declared = {k: str(v) for k, v in record.items() if v is not None}
    declared["business_number"] = forged
    res = verify(fake, record_from_dict({"business": declared, "pg": "nicepay"}))
    assert res.verdict != "pass"
    fc = res.fields["business_number"]
    # the forged number is read as typed (it matches the record), so only its texture can stop it
    assert fc.found is not None and fc.found.replace("-", "") == forged.replace("-", "")
    assert fc.status == "unreadable" and fc.evidence == "tamper" and "편집" in fc.detail and fc.box is not None
