"""Pillow images in the modes our tools take: one RGB flattening for every reader of merchant images."""

from __future__ import annotations

from PIL import Image

__all__ = ["to_rgb"]

_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I")


def to_rgb(im: Image.Image) -> Image.Image:
    """``im`` as RGB: transparency composited onto white (a transparent PNG would otherwise turn black),
    16-bit and 32-bit grey scaled to 8 bits (not clipped at 255), float grey converted."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGB", rgba.size, "white")
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    if im.mode in _SIXTEEN_BIT:
        im = im.point(lambda v: v / 256).convert("L")
    elif im.mode == "F":
        im = im.convert("L")
    return im if im.mode == "RGB" else im.convert("RGB")
