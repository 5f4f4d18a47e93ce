"""The printed decorations of real NTS certificates, drawn as stand-ins (docs/certificates.md#layout-a).

None of these is the real artwork: they are shapes with the same size, place, colour and texture, because
those are what disturb OCR on a real page — the large pale emblem behind the middle of the page (a taegeuk
circle ringed by "NATIONAL TAX SERVICE · REPUBLIC OF KOREA"), the grey security-pattern boxes at the foot,
the square code with "nts.go.kr" top right and the little 국세청 mascot, the red "원본대조필" stamp of a copy
made for submission, and the barcode-like strip of a 사업자등록증명.

Every function returns an RGBA image (cached by its arguments) that :class:`pgdocs.samples.render.Stamp`
places in mm; the renderers multiply it with what is under it, like ink.
"""

from __future__ import annotations

import math
import random
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pgdocs.samples.render import _pil_font, get_font

RGBA = tuple[int, int, int, int]


def _latin_font(px: int) -> ImageFont.FreeTypeFont:
    spec = get_font("NanumGothic")
    return _pil_font(spec.bold[0], spec.bold[1], px)


@cache
def emblem_watermark(seed: int, strength: float = 1.0, size: int = 900) -> Image.Image:
    """The large pale emblem printed behind the middle of the page.

    A taegeuk circle (upper half red, lower half blue, the two small circles of the S-curve) inside a ring of
    spaced capitals "NATIONAL TAX SERVICE" over the top and "REPUBLIC OF KOREA" under the bottom, with
    "국세청" below the circle; light green/teal/grey ink. ``strength`` (0.5–1.5) scales how dark the ink is."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    a = max(20, min(255, round(rng.uniform(60, 95) * strength)))
    tint = rng.choice(((120, 175, 165), (135, 165, 175), (150, 160, 150), (110, 170, 150)))
    ring: RGBA = (*tint, a)
    red: RGBA = (215, 120, 120, max(15, round(a * 0.75)))
    blue: RGBA = (110, 140, 205, max(15, round(a * 0.75)))
    # the outer ring and the circle band the letters sit in
    d.ellipse([size * 0.02, size * 0.02, size * 0.98, size * 0.98], outline=ring, width=max(3, size // 120))
    d.ellipse([size * 0.17, size * 0.17, size * 0.83, size * 0.83], outline=ring, width=max(2, size // 200))
    # taegeuk
    r = size * 0.26
    d.pieslice([c - r, c - r, c + r, c + r], 180, 360, fill=red)
    d.pieslice([c - r, c - r, c + r, c + r], 0, 180, fill=blue)
    d.ellipse([c - r, c - r / 2, c, c + r / 2], fill=red)
    d.ellipse([c, c - r / 2, c + r, c + r / 2], fill=blue)
    # ring text: each capital turned to follow the circle
    font = _latin_font(round(size * 0.065))
    radius = size * 0.405

    def arc(text: str, centre_deg: float, step_deg: float, *, bottom: bool) -> None:
        n = len(text)
        for i, ch in enumerate(text):
            if ch == " ":
                continue
            off = (i - (n - 1) / 2) * step_deg
            deg = centre_deg - off if bottom else centre_deg + off
            th = math.radians(deg)
            x, y = c + radius * math.cos(th), c + radius * math.sin(th)
            tile = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
            ImageDraw.Draw(tile).text((size / 16, size / 16), ch, font=font, fill=ring, anchor="mm")
            turn = -(deg + 90) if not bottom else -(deg - 90)
            tile = tile.rotate(turn, resample=Image.Resampling.BICUBIC)
            img.alpha_composite(tile, (round(x - tile.width / 2), round(y - tile.height / 2)))

    arc("NATIONAL TAX SERVICE", 270, 8.2, bottom=False)
    arc("REPUBLIC OF KOREA", 90, 8.2, bottom=True)
    for deg in (180, 0):  # the "·" between the two names
        th = math.radians(deg)
        x, y = c + radius * math.cos(th), c + radius * math.sin(th)
        d.ellipse([x - 6, y - 6, x + 6, y + 6], fill=ring)
    kfont = _pil_font(get_font("NanumGothic").bold[0], get_font("NanumGothic").bold[1], round(size * 0.07))
    d.text((c, c + r + size * 0.06), "국 세 청", font=kfont, fill=ring, anchor="mm")
    return img


@cache
def security_pattern(seed: int, w_px: int = 600, h_px: int = 360) -> Image.Image:
    """A grey security-pattern box (~5×3 cm): dense noise-like dots over fine wavy guilloche lines."""
    g = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h_px, 0:w_px].astype(np.float32)
    f1, f2 = g.uniform(0.03, 0.08), g.uniform(0.02, 0.06)
    waves = (np.sin(xx * f1 + 6 * np.sin(yy * f2)) > 0.6).astype(np.float32) * 0.5
    dots = (g.random((h_px, w_px)) < g.uniform(0.18, 0.32)).astype(np.float32)
    ink = np.clip(dots * 0.8 + waves, 0, 1)
    grey = round(float(g.uniform(110, 160)))
    alpha = (ink * g.uniform(150, 220)).astype(np.uint8)
    rgba = np.zeros((h_px, w_px, 4), dtype=np.uint8)
    rgba[..., :3] = grey
    rgba[..., 3] = alpha
    img = Image.fromarray(rgba, "RGBA")
    ImageDraw.Draw(img).rectangle([0, 0, w_px - 1, h_px - 1], outline=(grey, grey, grey, 230), width=3)
    return img


@cache
def nts_code(seed: int, px: int = 420) -> Image.Image:
    """The small square code top right (a QR-like matrix, not a readable code) with "nts.go.kr" printed
    vertically beside it; the image is 1.3 times as wide as it is high."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    n = 25
    cell = px // n
    side = cell * n
    img = Image.new("RGBA", (round(side * 1.3), side), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    ink = (25, 25, 25, 255)
    grid = [[rng.random() < 0.5 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):  # finder squares
        for y in range(7):
            for x in range(7):
                edge = x in (0, 6) or y in (0, 6)
                core = 2 <= x <= 4 and 2 <= y <= 4
                grid[fy + y][fx + x] = edge or core
            if fx + 7 < n:
                grid[fy + y][fx + 7] = False
    for y in range(n):
        for x in range(n):
            if grid[y][x]:
                d.rectangle([x * cell, y * cell, (x + 1) * cell - 1, (y + 1) * cell - 1], fill=ink)
    label = Image.new("RGBA", (side, round(side * 0.25)), (0, 0, 0, 0))
    ImageDraw.Draw(label).text((side / 2, label.height / 2), "nts.go.kr", font=_latin_font(round(side * 0.13)),
                               fill=(60, 60, 60, 255), anchor="mm")
    img.alpha_composite(label.rotate(90, expand=True), (side + round(side * 0.04), 0))
    return img


@cache
def mascot(seed: int, px: int = 240) -> Image.Image:
    """The little round 국세청 mascot logo (a face in a blue circle with a red-blue swirl on top)."""
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([px * 0.1, px * 0.15, px * 0.9, px * 0.95], fill=(60, 110, 190, 255))
    d.ellipse([px * 0.22, px * 0.3, px * 0.78, px * 0.86], fill=(250, 240, 225, 255))
    d.pieslice([px * 0.2, px * 0.02, px * 0.8, px * 0.5], 180, 360, fill=(210, 60, 60, 255))
    for ex in (0.38, 0.62):
        d.ellipse([px * (ex - 0.04), px * 0.5, px * (ex + 0.04), px * 0.58], fill=(30, 30, 30, 255))
    d.arc([px * 0.38, px * 0.55, px * 0.62, px * 0.75], 20, 160, fill=(200, 60, 60, 255), width=max(2, px // 40))
    return img


@cache
def copy_stamp(seed: int, font_key: str, px: int = 600) -> Image.Image:
    """The red rectangular "원본대조필" stamp a copy for submission carries (a date line and (인) under it)."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    w, h = px, round(px * 0.42)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (200 + rng.randint(-20, 30), 40 + rng.randint(0, 30), 50 + rng.randint(0, 30), 225)
    d.rectangle([6, 6, w - 7, h - 7], outline=red, width=10)
    spec = get_font(font_key)
    big = _pil_font(spec.bold[0], spec.bold[1], round(h * 0.36))
    small = _pil_font(spec.regular[0], spec.regular[1], round(h * 0.17))
    d.text((w / 2, h * 0.34), "원본대조필", font=big, fill=red, anchor="mm")
    d.line([w * 0.08, h * 0.6, w * 0.92, h * 0.6], fill=red, width=4)
    year = rng.randint(2019, 2026)
    d.text((w / 2, h * 0.78), f"{year}.    .    .   확인자          (인)", font=small, fill=red, anchor="mm")
    # uneven ink: knock out specks so the stamp looks pressed, not printed
    a = np.asarray(img).copy()
    holes = np.random.default_rng(seed).random(a.shape[:2]) < 0.12
    a[holes, 3] = 0
    return Image.fromarray(a, "RGBA").rotate(rng.uniform(-7, 7), expand=True, resample=Image.Resampling.BICUBIC)


@cache
def barcode_strip(seed: int, w_px: int = 900, h_px: int = 110) -> Image.Image:
    """The barcode-like security strip at the foot of a 사업자등록증명."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    img = Image.new("RGBA", (w_px, h_px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    x = 0
    while x < w_px:
        bar = rng.choice((2, 2, 3, 4, 6))
        if rng.random() < 0.55:
            d.rectangle([x, 0, x + bar - 1, h_px - 1], fill=(70, 70, 70, 255))
        x += bar + rng.choice((2, 3, 4))
    return img
