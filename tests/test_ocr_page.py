"""Finding a photographed page and straightening it (no Tesseract): corners, refusals, boxes mapped back."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pgdocs.ocr.preprocess import find_page, keystone, perspective_coeffs, prepare

PAGE = (840, 1188)  # A4 proportions


def _page(marker: tuple[int, int] | None = None) -> Image.Image:
    """A white sheet with lines of 'text' (dark bars) and optionally a black square marker."""
    img = Image.new("RGB", PAGE, (246, 246, 240))
    d = ImageDraw.Draw(img)
    for i, y in enumerate(range(140, 1000, 46)):
        d.rectangle((90, y, 90 + 300 + (i * 37) % 360, y + 14), fill=(30, 30, 30))
    if marker:
        d.rectangle((marker[0], marker[1], marker[0] + 24, marker[1] + 24), fill=(0, 0, 0))
    return img


def _photo(page: Image.Image, corners: list[tuple[float, float]], size: tuple[int, int] = (1100, 1500),
           desk: tuple[int, int, int] = (95, 80, 70)) -> Image.Image:
    """``page`` placed on a desk of ``size`` so that its corners land on ``corners`` (tl, tr, br, bl)."""
    w, h = page.size
    coeffs = perspective_coeffs(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = page.transform(size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=desk)
    inside = Image.new("L", page.size, 255).transform(size, Image.Transform.PERSPECTIVE, coeffs,
                                                        Image.Resampling.BILINEAR, fillcolor=0)
    return Image.composite(warped, Image.new("RGB", size, desk), inside)


CORNERS = [(140.0, 180.0), (960.0, 120.0), (1010.0, 1380.0), (110.0, 1330.0)]


def test_corners_of_a_photographed_page_are_found() -> None:
    quad = find_page(_photo(_page(), CORNERS).convert("L"))
    assert quad is not None
    assert np.abs(quad - np.array(CORNERS)).max() < 12  # px, on a 1500 px photo


@pytest.mark.parametrize("desk", [(120, 35, 45), (170, 105, 60)], ids=["maroon-cloth", "wooden-desk"])
def test_a_page_on_a_red_or_brown_desk_is_found(desk: tuple[int, int, int]) -> None:
    """The red of a seal is turned white before reading; a desk that red is not paper (bench/ocr.py seed 311)."""
    photo = _photo(_page(), CORNERS, desk=desk)
    quad = find_page(photo)
    assert quad is not None and np.abs(quad - np.array(CORNERS)).max() < 12
    prep = prepare(photo)
    assert any("반듯하게" in w for w in prep.warnings)
    w, h = prep.image.size
    assert abs(w / h - PAGE[0] / PAGE[1]) < 0.03


@pytest.mark.parametrize(
    "image",
    [
        pytest.param(lambda: _page(), id="scan-fills-the-image"),
        pytest.param(lambda: _photo(_page(), [(-60.0, 180.0), (960.0, 120.0), (1010.0, 1380.0), (110.0, 1330.0)]),
                     id="page-cut-by-the-edge"),
        pytest.param(lambda: _photo(_page(), CORNERS, desk=(225, 225, 220)), id="desk-as-bright-as-paper"),
        pytest.param(lambda: _triangle(), id="triangle"),
        pytest.param(lambda: _with_white_box(_photo(_page(), CORNERS)), id="something-else-bright"),
        pytest.param(lambda: Image.new("RGB", (1100, 1500), (90, 90, 90)), id="no-page"),
    ],
)
def test_no_page_means_no_warp(image) -> None:  # type: ignore[no-untyped-def]
    assert find_page(image().convert("L")) is None


def _triangle() -> Image.Image:
    img = Image.new("RGB", (1000, 1400), (40, 40, 40))
    ImageDraw.Draw(img).polygon([(100, 100), (900, 700), (100, 1300)], fill=(246, 246, 240))
    return img


def test_a_desk_nearly_as_bright_as_the_paper_is_refused_by_the_contrast_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    from pgdocs.ocr import preprocess

    blank = Image.new("RGB", PAGE, (246, 246, 240))  # no ink: Otsu splits paper from desk, 34 grey levels apart
    photo = _photo(blank, CORNERS, desk=(212, 212, 210)).convert("L")
    assert find_page(photo) is None
    monkeypatch.setattr(preprocess, "PAGE_CONTRAST", 0.0)
    assert find_page(photo) is not None  # it was the contrast gate, not another one


def _with_white_box(img: Image.Image) -> Image.Image:
    ImageDraw.Draw(img).rectangle((1020, 40, 1090, 700), fill=(250, 250, 250))
    return img


@pytest.mark.parametrize("turned", [False, True], ids=["upright", "turned-90"])
def test_prepared_photo_is_straight_and_boxes_map_back(turned: bool) -> None:
    marker = (600, 1050)
    page = _page(marker)
    corners = CORNERS
    size = (1100, 1500)
    if turned:  # the sheet lies sideways in a landscape photo: the warp, then the 90° turn
        page = page.rotate(-90, expand=True)  # clockwise: prepare() turns it back counter-clockwise
        corners = [(180.0, 140.0), (1380.0, 110.0), (1330.0, 960.0), (120.0, 1010.0)]
        size = (1500, 1100)
    photo = _photo(page, corners, size=size)
    prep = prepare(photo)
    assert any("반듯하게" in w for w in prep.warnings)
    assert prep.rotation == (90 if turned else 0)
    # the straightened, upright page has the page's proportions, not the photo's
    w, h = prep.image.size
    assert abs(w / h - PAGE[0] / PAGE[1]) < 0.03
    # find the marker on the prepared image and map its box back into the photo
    arr = np.asarray(prep.image) < 60
    arr[: int(h * 0.85)] = False  # only the marker is down there (the text bars end above it)
    ys, xs = np.nonzero(arr)
    box = prep.to_original((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
    pw, ph = page.size
    coeffs = perspective_coeffs(corners, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    a, b, c, d, e, f, g, hh = coeffs  # photo -> page; invert to put the marker's centre into the photo
    fwd = np.linalg.inv(np.array([[a, b, c], [d, e, f], [g, hh, 1.0]]))
    centre = (marker[0] + 12, marker[1] + 12)
    if turned:  # Image.rotate(-90) turns clockwise: (x, y) → (H - y, x)
        centre = (PAGE[1] - centre[1], centre[0])
    px, py, pz = fwd @ np.array([centre[0], centre[1], 1.0])
    cx, cy = px / pz, py / pz
    assert box[0] - 4 <= cx <= box[2] + 4 and box[1] - 4 <= cy <= box[3] + 4
    assert box[2] - box[0] < 60 and box[3] - box[1] < 60


def test_a_black_and_white_page_is_softened_and_a_grey_one_is_not() -> None:
    """A fax or a 1-bit scan holds two grey levels: read at the size it is (glyphs of ~26 px) it is blurred by
    BILEVEL_BLUR_PX, so its jagged strokes reach Tesseract anti-aliased; a page with grey in it is left as it is."""
    from pgdocs.ocr.preprocess import BILEVEL_BLUR_PX

    page = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(page)
    for i, y in enumerate(range(140, 1600, 60)):  # lines of 26-px "glyphs"
        for x in range(120, 120 + 400 + (i * 37) % 500, 34):
            d.rectangle((x, y, x + 24, y + 26), fill=0)
    soft = prepare(page.convert("1").convert("RGB"))
    assert soft.bilevel and soft.scale == 1.0 and BILEVEL_BLUR_PX > 0
    assert len(np.unique(np.asarray(soft.image.convert("L")))) > 2  # the glyphs' edges are grey now
    d.rectangle((90, 1640, 400, 1660), fill=150)  # a third level: a grey page
    kept = prepare(page.convert("RGB"))
    assert not kept.bilevel
    assert len(np.unique(np.asarray(kept.image.convert("L")))) == 3  # read as it is


def _text_page() -> Image.Image:
    """A sheet of 'text' filling the frame: rows of word-like blocks every 34 px (no frame, no rules)."""
    img = Image.new("RGB", PAGE, (246, 246, 240))
    d = ImageDraw.Draw(img)
    for i, y in enumerate(range(60, PAGE[1] - 60, 34)):
        x = 70 + (i * 13) % 40
        while x < PAGE[0] - 120:
            w = 20 + (x * 7 + i * 11) % 40  # words about half the row: glyphs, not a table rule
            d.rectangle((x, y, x + w, y + 16), fill=(30, 30, 30))
            x += w + 26 + (x * 3) % 20
    return img


def _band_fit(image: Image.Image) -> tuple[float, float] | None:
    from pgdocs.ocr import preprocess

    small, _ = preprocess._small_gray(image.convert("L"))
    return keystone(preprocess._ink(small))


def test_a_page_filling_the_frame_at_a_slant_is_levelled_by_its_lines() -> None:
    """A phone held close and at a slant: no desk shows, so no corners to find, and the lines of text converge (each
    corner of the frame on the page by its own share). The bands' skews change steadily down the page; the page is
    unwarped so that they are level. A page turned as a whole (a scan's skew) is no such thing."""
    page = _text_page()
    w, h = page.size
    frame = [(50.0, 20.0), (w - 20.0, 75.0), (w - 45.0, h - 70.0), (25.0, h - 25.0)]  # the frame's corners on the page
    coeffs = perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], frame)
    photo = page.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR,
                           fillcolor=(246, 246, 240))
    assert find_page(photo) is None
    fit = _band_fit(photo)
    assert fit is not None and abs(fit[1]) >= 2.2  # degrees of skew, top to bottom
    prep = prepare(photo)
    assert any("반듯하게" in note for note in prep.warnings)
    assert _band_fit(prep.image) is None  # level now
    # a box in the prepared image maps back into the photo (the matrix holds the warp)
    box = prep.to_original((0.0, 0.0, float(prep.image.width), float(prep.image.height)))
    assert box[0] <= 5 and box[1] <= 5 and box[2] >= w - 5 and box[3] >= h - 5

    turned = page.rotate(2.0, expand=False, fillcolor=(246, 246, 240), resample=Image.Resampling.BICUBIC)
    assert _band_fit(turned) is None
    assert not any("반듯하게" in note for note in prepare(turned).warnings)
