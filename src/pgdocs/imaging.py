"""Pillow images in the modes our tools take: one RGB flattening for every reader of merchant images."""

from __future__ import annotations

import weakref

from PIL import Image

__all__ = ["EXIF_ORIENTATION", "QUARTER_TURNS", "SQUARE_TOLERANCE", "grey", "square_pixels", "square_size", "to_rgb",
           "turned_quarter", "upright_dpi"]

_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I")
#: the EXIF tag that says how a stored image is to be turned, and its values that turn it by a quarter
EXIF_ORIENTATION = 0x0112
QUARTER_TURNS = (5, 6, 7, 8)
#: pixels are square when an image's two resolutions agree within this share; a fax in standard mode is 204×98 dpi
SQUARE_TOLERANCE = 0.1


def to_rgb(im: Image.Image) -> Image.Image:
    """``im`` as RGB: transparency composited onto white (a transparent PNG would otherwise turn black),
    16-bit and 32-bit grey scaled to 8 bits (not clipped at 255), float grey converted."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGB", rgba.size, "white")
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    if im.mode in _SIXTEEN_BIT:
        # a 16-bit file may hold 8-bit values (Pillow's convert("I;16"), some scanning tools): scaled by 256 those
        # are black, and the page was called blank
        top = im.getextrema()[1]
        im = (im.point(lambda v: v / 256) if isinstance(top, (int, float)) and top > 255 else im).convert("L")
    elif im.mode == "F":
        im = im.convert("L")
    return im if im.mode == "RGB" else im.convert("RGB")


#: greyscale copies of page images, by the id of the image (dropped when it is: :func:`grey`)
_GREYS: dict[int, Image.Image] = {}


def grey(im: Image.Image) -> Image.Image:
    """``im`` in mode "L" (``im`` itself when it is), converted once for as long as ``im`` lives: a page image is
    turned grey to find whether it is blank, to prepare it, and to look for pasted fields — 5–18 ms each time on a
    300-dpi page. The page is never changed once loaded; nor is what this gives: copy it before drawing on it."""
    if im.mode == "L":
        return im
    key = id(im)
    out = _GREYS.get(key)
    if out is None:
        out = _GREYS[key] = im.convert("L")
        weakref.finalize(im, _GREYS.pop, key, None)
    return out


def turned_quarter(im: Image.Image) -> bool:
    """Does the image's EXIF orientation turn it by 90° (its stored width is the page's height)?"""
    return im.getexif().get(EXIF_ORIENTATION, 1) in QUARTER_TURNS


def upright_dpi(im: Image.Image) -> object:
    """``im.info["dpi"]`` for the image once its EXIF orientation is applied: a quarter turn swaps the two."""
    dpi = im.info.get("dpi")
    if isinstance(dpi, tuple) and len(dpi) == 2 and turned_quarter(im):
        return (dpi[1], dpi[0])
    return dpi


def _resolution(dpi: object) -> tuple[float, float] | None:
    """Pillow's ``info["dpi"]`` as two positive numbers, or None when the file says nothing usable."""
    if not isinstance(dpi, tuple | list) or len(dpi) != 2:
        return None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError):
        return None
    return (x, y) if x > 0 and y > 0 else None


def square_size(size: tuple[int, int], dpi: object) -> tuple[int, int]:
    """The size an image of ``size`` pixels at ``dpi`` has once its pixels are square (:func:`square_pixels`)."""
    res = _resolution(dpi)
    if res is None or abs(res[0] / res[1] - 1) <= SQUARE_TOLERANCE:
        return size
    x, y = res
    return (size[0], round(size[1] * x / y)) if x > y else (round(size[0] * y / x), size[1])


def square_pixels(im: Image.Image, dpi: object) -> tuple[Image.Image, tuple[float, float] | None]:
    """``im`` with square pixels, and its resolution: a fax TIFF in standard mode stores 204×98 dpi — every line of
    text half as tall as it is wide, which OCR reads as junk and a PDF page shows squashed — and viewers stretch it
    back; so does this, along the coarser axis, to the finer resolution. ``dpi`` as Pillow gives it (``info["dpi"]``;
    None when the file says nothing). The caller holds the new size (:func:`square_size`) to its pixel limit."""
    res = _resolution(dpi)
    size = square_size(im.size, dpi)
    if res is None or size == im.size:
        return im, res
    fine = max(res)
    return im.resize(size, Image.Resampling.BICUBIC), (fine, fine)
