"""Make a clean rendered page look scanned, faxed, compressed or photographed.

Variants (docs/certificates.md#what-people-send): ``clean``, ``scan`` (200 or 300 dpi), ``scan200`` (an office
scanner at 200 dpi), ``jpeg``, ``lowres`` (100–150 dpi), ``fax``, ``photo`` (a phone photo of the paper),
``closeup`` (a phone photo held close: the page fills the frame, its edges cut off, in perspective), ``bent``
(a phone photo of a page that does not lie flat: its lines of text bow),
``moire`` (a phone photo of the page shown on a monitor), ``uneven`` (a flat copy under uneven light and a
shadow), ``thumb`` (a 450-px-wide thumbnail as messengers send), ``capture`` (a screen capture of the page in a
viewer, 660–820 px wide), ``scanpdf`` and ``textpdf``.

Each function takes a clean RGB page and a seeded ``random.Random`` and returns
new image(s); :func:`save_variant` writes the file a merchant would upload.
"""

from __future__ import annotations

import io
import logging
import random
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageChops, ImageFilter

from pgdocs.fsio import atomic_write_bytes
from pgdocs.jsonio import Report
from pgdocs.ocr.preprocess import perspective_coeffs

log = logging.getLogger(__name__)

#: variant -> file extension
VARIANTS: dict[str, str] = {
    "clean": ".png",
    "scan": ".png",
    "jpeg": ".jpg",
    "lowres": ".png",
    "fax": ".tif",
    "photo": ".jpg",
    "scanpdf": ".pdf",
    "textpdf": ".pdf",
    "scan200": ".png",
    "moire": ".jpg",
    "uneven": ".jpg",
    "thumb": ".jpg",
    "capture": ".png",
    "closeup": ".jpg",
    "bent": ".jpg",
}
#: the variants of the first generator (``pgdocs samples certificates`` cycles through these by default)
CLASSIC_VARIANTS: tuple[str, ...] = ("clean", "scan", "jpeg", "lowres", "fax", "photo", "scanpdf", "textpdf")
#: width of a messenger thumbnail, px
THUMB_WIDTH = 450
#: widths of a screen capture of the page shown in a viewer (what people send: ~736×1043), px
CAPTURE_WIDTHS = (660, 820)
#: dpi each variant is rendered at before degrading (photo/lowres/fax resample afterwards)
RENDER_DPI: dict[str, int] = {
    "clean": 300,
    "scan": 300,
    "jpeg": 300,
    "lowres": 300,
    "fax": 200,
    "photo": 200,
    "scanpdf": 200,
    "textpdf": 0,
    "scan200": 200,
    "moire": 200,
    "uneven": 200,
    "thumb": 200,
    "capture": 300,
    "closeup": 200,
    "bent": 200,
}
EXIF_ORIENTATION = 0x0112
#: a slight optical blur (3×3 binomial kernel, σ≈0.8 px): much cheaper than GaussianBlur on big pages
_SOFTEN = ImageFilter.Kernel((3, 3), [1, 2, 1, 2, 4, 2, 1, 2, 1], 16)


def render_dpi(variant: str, rng: random.Random) -> int:
    """Resolution to draw the clean page at before degrading (0: vector PDF)."""
    if variant == "scan":
        return rng.choice((200, 200, 300))  # office scanners default to 200 or 300 dpi
    return RENDER_DPI[variant]


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(63))


def _noise(rng: random.Random, shape: tuple[int, ...], sigma: float) -> npt.NDArray[np.int16]:
    """Gaussian sensor noise from a tiled 509×503 patch (prime sizes: no visible repeat; much faster)."""
    tile = _np_rng(rng).normal(0.0, sigma, size=(509, 503)).astype(np.int16)
    oy, ox = rng.randrange(509), rng.randrange(503)
    reps = (shape[0] // 509 + 2, shape[1] // 503 + 2)
    return np.tile(tile, reps)[oy : oy + shape[0], ox : ox + shape[1]]


def scan(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """Skew ±0.3–3°, grey paper, sensor noise and a slight blur; greyscale like most office scanners."""
    angle = rng.uniform(0.3, 3.0) * rng.choice((-1, 1))
    paper = rng.randint(218, 240)
    grey = img.convert("L")
    # darken the paper: map 255 -> paper, keep ink dark
    lut = [round(v * paper / 255) for v in range(256)]
    grey = grey.point(lut)
    grey = grey.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=paper)
    if rng.random() < 0.6:
        grey = grey.filter(_SOFTEN)
    arr = np.asarray(grey, dtype=np.int16)
    sigma = rng.uniform(4.0, 10.0)
    out = Image.fromarray(np.clip(arr + _noise(rng, arr.shape, sigma), 0, 255).astype(np.uint8), "L")
    out.info["dpi"] = img.info.get("dpi", (300, 300))
    return out, {"skew_deg": round(angle, 2), "noise_sigma": round(sigma, 1), "paper": paper}


def lowres(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """Downsample a 300-dpi page to ~100–150 dpi."""
    src_dpi = img.info.get("dpi", (300, 300))[0]
    dpi = rng.randint(100, 150)
    f = dpi / src_dpi
    out = img.resize((round(img.width * f), round(img.height * f)), Image.Resampling.BILINEAR)
    out.info["dpi"] = (dpi, dpi)
    return out, {"dpi": dpi}


def fax(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """Fax standard mode: 200×100 dpi, 1-bit, speckles; stretched back to square pixels as viewers do."""
    w, h = img.size
    half = img.convert("L").resize((w, h // 2), Image.Resampling.BILINEAR)
    threshold = rng.randint(150, 190)
    arr = np.asarray(half, dtype=np.uint8) < threshold
    g = _np_rng(rng)
    speck = g.random(arr.shape) < rng.uniform(0.0005, 0.002)
    arr = arr ^ speck
    bw = Image.fromarray(np.where(arr, 0, 255).astype(np.uint8), "L").resize((w, h), Image.Resampling.NEAREST)
    out = bw.convert("1", dither=Image.Dither.NONE)
    dpi = img.info.get("dpi", (200, 200))[0]
    out.info["dpi"] = (dpi, dpi)
    return out, {"threshold": threshold, "vertical_dpi": dpi // 2}


def photo(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A phone photo of the page: on a desk, perspective, uneven light, slight blur (upright pixels)."""
    w, h = img.size
    margin = 0.08
    cw, ch = round(w * (1 + 2 * margin)), round(h * (1 + 2 * margin))
    desk = tuple(rng.randint(60, 140) for _ in range(3))
    canvas = Image.new("RGB", (cw, ch), desk)
    canvas.paste(img, (round(w * margin), round(h * margin)))
    # perspective: move each corner inward/outward a little
    j = 0.045
    src_quad = []
    for cx, cy in ((0, 0), (cw, 0), (cw, ch), (0, ch)):
        src_quad.append((cx + rng.uniform(-j, j) * cw, cy + rng.uniform(-j, j) * ch))
    coeffs = perspective_coeffs([(0, 0), (cw, 0), (cw, ch), (0, ch)], src_quad)
    warped = canvas.transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=desk
    )
    # uneven light: a linear gradient from a random direction, 0.55..1.0
    lo = rng.uniform(0.55, 0.8)
    ang = rng.uniform(0, 2 * np.pi)
    gh, gw = 64, max(1, round(64 * cw / ch))  # the gradient is smooth: compute small, scale up
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float32)
    t = (xx / gw - 0.5) * np.cos(ang) + (yy / gh - 0.5) * np.sin(ang)
    gain = lo + (1 - lo) * (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    g = Image.fromarray((gain * 255).astype(np.uint8), "L").resize((cw, ch), Image.Resampling.BILINEAR)
    out = _warm_lit(warped, g, rng).filter(_SOFTEN)
    return out, {"light_low": round(lo, 2), "perspective": j}


def closeup(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A phone photo held close over the page: the page fills the frame, no desk shows, its edges are cut off by
    1–6 % on each side (nothing to find its corners by), the phone held at a slant (each corner of the frame
    moved on its own: the lines of text converge), uneven light, slight blur."""
    w, h = img.size
    # the frame's corners on the page: each moved inward by its own share (perspective) — the frame shows less
    # than the whole page
    quad = [(cx + sx * rng.uniform(0.01, 0.06) * w, cy + sy * rng.uniform(0.01, 0.06) * h)
            for (cx, cy), (sx, sy) in zip(((0, 0), (w, 0), (w, h), (0, h)), ((1, 1), (-1, 1), (-1, -1), (1, -1)),
                                          strict=True)]
    coeffs = perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], quad)
    out = img.convert("RGB").transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR,
                                       fillcolor=(255, 255, 255))
    out, lo = _lamp_lit(out, rng)
    return out, {"light_low": round(lo, 2), "corners": [[round(x, 1), round(y, 1)] for x, y in quad]}


def _lamp_lit(img: Image.Image, rng: random.Random) -> tuple[Image.Image, float]:
    """``img`` under a room's light (:func:`_gain_map` down to 60–85 %, no shadow), warm (less blue), slightly
    blurred; and how low the light falls."""
    lo = rng.uniform(0.6, 0.85)
    g = _gain_map(rng, img.size, lo, shadow=False)
    return _warm_lit(img, g, rng).filter(_SOFTEN), lo


def _warm_lit(img: Image.Image, gain: Image.Image, rng: random.Random, blue: tuple[float, float] = (0.9, 1.0)
              ) -> Image.Image:
    """``img`` (RGB) under the light map ``gain``, warm as indoor light is: its blue channel lit ``blue`` times
    as much (one factor drawn from the range)."""
    k = rng.uniform(*blue)
    warm = gain.point([round(v * k) for v in range(256)])
    return ImageChops.multiply(img, Image.merge("RGB", (gain, gain, warm)))


#: how a page that does not lie flat stands off the desk (:func:`bent`): a bulge in its middle, one edge lifted, a
#: vertical fold not pressed out
BENT_SHAPES = ("bulge", "edge", "fold")


def _page_height(shape: str, u: npt.NDArray[np.float64], rng: random.Random) -> npt.NDArray[np.float64]:
    """How far the page stands off the desk at each column ``u`` (0..1 of its width), 0..1 of the highest point."""
    if shape == "bulge":
        return np.sin(np.pi * u)
    if shape == "edge":
        t = u if rng.random() < 0.5 else 1 - u
        start = rng.uniform(0.3, 0.5)
        return np.clip(t - start, 0, None) ** 2 / (1 - start) ** 2
    crease = rng.uniform(0.4, 0.6)
    return np.clip(1 - np.abs(u - crease) / max(crease, 1 - crease), 0, None) ** 1.5


def bent(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A phone photo, from above, of a page that does not lie flat (:data:`BENT_SHAPES`), 3–10 % of its width off
    the desk at the highest: the parts nearer the camera are magnified about the photo's centre, so the lines of
    text bow — those above the middle one way, those below it the other — and the page is foreshortened along its
    slope; uneven light, slight blur. The page fills the frame."""
    w, h = img.size
    shape = rng.choice(BENT_SHAPES)
    lift = rng.uniform(0.03, 0.10) * w
    distance = rng.uniform(1.2, 1.6) * h  # the camera above the page's centre
    u = np.linspace(0.0, 1.0, 1001)
    z = lift * _page_height(shape, u, rng)
    slope = np.gradient(z, u * w)
    run = np.concatenate([[0.0], np.cumsum(np.diff(u) * w / np.sqrt(1 + slope[1:] ** 2))])  # foreshortened
    run *= w / run[-1]
    k = distance / (distance - z)  # magnification of each column
    cx, cy = w / 2, h / 2
    x_img = cx + (run - cx) * k  # the photo's x of each page column (rises with u)
    # the photo's pixels mapped back to the page: column u from x, row v = cy + (y - cy) / k(u)
    gx, gy = 48, 64
    xs = np.linspace(float(x_img.min()), float(x_img.max()), gx + 1)
    us = np.interp(xs, x_img, u * w)
    ks = np.interp(us, u * w, k)
    ys = np.linspace(0.0, float(h), gy + 1)
    left = float(x_img.min())
    mesh = []
    for i in range(gx):
        for j in range(gy):
            box = (round(xs[i] - left), round(ys[j]), round(xs[i + 1] - left), round(ys[j + 1]))
            corners = [(us[a], cy + (ys[b] - cy) / ks[a]) for a, b in ((i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j))]
            mesh.append((box, tuple(float(c) for xy in corners for c in xy)))
    size = (round(float(x_img.max()) - left), h)
    out = img.convert("RGB").transform(size, Image.Transform.MESH, mesh, Image.Resampling.BILINEAR,
                                       fillcolor=(255, 255, 255))
    out, lo = _lamp_lit(out, rng)
    # how far the top line of text (15 % down the page) bows: the magnification's spread across the page, there
    sag = float((k.max() - k.min()) * (cy - 0.15 * h))
    return out, {"shape": shape, "lift_px": round(lift, 1), "sag_px": round(sag, 1), "light_low": round(lo, 2)}


def _gain_map(rng: random.Random, size: tuple[int, int], lo: float, *, shadow: bool) -> Image.Image:
    """A smooth light map (L, 0..255 = dark..full): a linear fall-off from a random side, a lamp's hot spot and,
    with ``shadow``, the soft shadow of a hand or phone across one part of the page."""
    w, h = size
    gh, gw = 96, max(1, round(96 * w / h))
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float32)
    u, v = xx / gw, yy / gh
    ang = rng.uniform(0, 2 * np.pi)
    t = (u - 0.5) * np.cos(ang) + (v - 0.5) * np.sin(ang)
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    gain = lo + (1 - lo) * t
    hx, hy = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)
    gain = gain + 0.25 * np.exp(-((u - hx) ** 2 + (v - hy) ** 2) / 0.08)  # the lamp's hot spot
    if shadow:
        sx, sy = rng.uniform(0.0, 1.0), rng.uniform(0.0, 1.0)
        rx, ry = rng.uniform(0.2, 0.45), rng.uniform(0.15, 0.35)
        d = ((u - sx) / rx) ** 2 + ((v - sy) / ry) ** 2
        gain = gain * (1 - rng.uniform(0.25, 0.45) * np.clip(1.5 - d, 0, 1))
    gain = np.clip(gain, 0.0, 1.0)
    return Image.fromarray((gain * 255).astype(np.uint8), "L").resize((w, h), Image.Resampling.BILINEAR)


def uneven(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A flat copy (a phone held square over the page, or a flat-bed with the lid open) under uneven light: one
    side down to 35–60 % brightness, a lamp's hot spot, a soft shadow, warm light, a little sensor noise."""
    lo = rng.uniform(0.35, 0.6)
    g = _gain_map(rng, img.size, lo, shadow=True)
    out = _warm_lit(img.convert("RGB"), g, rng, blue=(0.85, 0.97))
    arr = np.asarray(out, dtype=np.int16)
    sigma = rng.uniform(2.0, 5.0)
    noise = _noise(rng, arr.shape[:2], sigma)[..., None]
    out = Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8), "RGB").filter(_SOFTEN)
    out.info["dpi"] = img.info.get("dpi", (200, 200))
    return out, {"light_low": round(lo, 2), "noise_sigma": round(sigma, 1)}


def moire(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A phone photo of the page shown on a monitor.

    The page is shown at screen size (1000–1300 screen pixels high), each screen pixel drawn as its R, G and B
    sub-pixel stripes with a dark gap (the panel's black matrix), then photographed: a slight turn and
    perspective, and a camera grid that does not line up with the panel's, so the stripes alias into moiré
    bands. Then the lens blur, a bright glare, vignetting, sensor noise and JPEG (the caller encodes)."""
    w, h = img.size
    screen_h = rng.randint(1000, 1300)
    screen_w = round(w * screen_h / h)
    screen = np.asarray(img.convert("RGB").resize((screen_w, screen_h), Image.Resampling.BILINEAR), dtype=np.uint8)
    k = 3  # sub-pixels per screen pixel, each way
    gap = rng.uniform(0.35, 0.6)  # the black matrix between rows of pixels
    boost = rng.uniform(1.05, 1.2)
    chans = []
    for c in range(3):
        # column c of each pixel lit in colour c only (85 % contrast: stripes are not perfectly saturated)
        cell = np.full((k, k), 0.15, dtype=np.float32)
        cell[:, c] = 1.0
        cell[k - 1, :] *= gap
        big = np.repeat(np.repeat(screen[..., c], k, axis=0), k, axis=1).astype(np.float32)
        big *= np.tile(cell * boost, (screen_h, screen_w))
        chans.append(Image.fromarray(np.clip(big, 0, 255).astype(np.uint8), "L"))
        del big
    panel = Image.merge("RGB", chans)
    bw, bh = panel.size
    # camera: the screen fills 80–92 % of the frame; its pixel pitch lands between camera pixels
    fill = rng.uniform(0.8, 0.92)
    out_h = rng.randint(1900, 2500)
    out_w = round(out_h * bw / bh * rng.uniform(1.02, 1.1))
    scale = fill * out_h / bh
    j = 0.03
    ang = np.radians(rng.uniform(-3.5, 3.5))
    cx, cy = out_w / 2, out_h / 2
    dst = [(0.0, 0.0), (float(out_w), 0.0), (float(out_w), float(out_h)), (0.0, float(out_h))]
    src = []
    for x, y in dst:
        # where each output corner looks in the panel: undo scale and turn about the centre, with a little skew
        dx, dy = (x - cx) / scale, (y - cy) / scale
        sx = bw / 2 + dx * np.cos(ang) - dy * np.sin(ang) + rng.uniform(-j, j) * bw
        sy = bh / 2 + dx * np.sin(ang) + dy * np.cos(ang) + rng.uniform(-j, j) * bh
        src.append((float(sx), float(sy)))
    coeffs = perspective_coeffs(dst, src)
    bezel = tuple(rng.randint(10, 40) for _ in range(3))
    shot = panel.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR,
                           fillcolor=bezel)
    shot = shot.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    # glare and vignetting, then the camera's auto exposure: the screen's white lands at 200–235
    g = _gain_map(rng, shot.size, rng.uniform(0.6, 0.8), shadow=False)
    shot = ImageChops.multiply(shot, Image.merge("RGB", (g, g, g)))
    arr = np.asarray(shot, dtype=np.float32)
    white = float(np.percentile(arr.mean(axis=2), 95))
    arr = np.clip(arr * (rng.uniform(200, 235) / max(white, 1.0)), 0, 255).astype(np.int16)
    sigma = rng.uniform(3.0, 7.0)
    noise = _noise(rng, arr.shape[:2], sigma)[..., None]
    out = Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8), "RGB")
    return out, {"screen_h": screen_h, "camera_h": out_h, "turn_deg": round(float(np.degrees(ang)), 2)}


def _to_width(img: Image.Image, width: int, rendered_dpi: int) -> tuple[Image.Image, Report]:
    """``img`` scaled down to ``width`` pixels with antialiasing, and the dpi it now stands for."""
    h = round(img.height * width / img.width)
    out = img.convert("RGB").resize((width, h), Image.Resampling.LANCZOS)
    dpi = width / (img.width / img.info.get("dpi", (rendered_dpi, rendered_dpi))[0])
    out.info["dpi"] = (round(dpi), round(dpi))
    return out, {"width": width, "dpi": round(dpi, 1)}


def thumb(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A 450-px-wide thumbnail (a messenger's preview saved instead of the original; glyphs ~9 px)."""
    return _to_width(img, THUMB_WIDTH, RENDER_DPI["thumb"])


def capture(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Report]:
    """A screen capture of the page as a viewer shows it (홈택스's preview, a PDF viewer): the page scaled down to
    660–820 px wide with the viewer's antialiasing, saved losslessly (glyphs ~11–14 px)."""
    return _to_width(img, rng.randint(*CAPTURE_WIDTHS), RENDER_DPI["capture"])


#: EXIF orientation -> transpose that stores the pixels so a viewer applying the tag shows them upright
_STORE_SIDEWAYS = {
    6: Image.Transpose.ROTATE_90,  # viewer rotates 90° clockwise
    8: Image.Transpose.ROTATE_270,  # viewer rotates 90° counter-clockwise
    3: Image.Transpose.ROTATE_180,
}


def jpeg_bytes(img: Image.Image, quality: int, *, orientation: int | None = None) -> bytes:
    """Encode as JPEG; with ``orientation`` the pixels are stored turned and EXIF says how to undo it."""
    buf = io.BytesIO()
    kwargs: dict[str, object] = {"quality": quality}
    if orientation:
        img = img.transpose(_STORE_SIDEWAYS[orientation])
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = orientation
        exif[0x010F] = "pgdocs-fictional"  # Make
        exif[0x0110] = "sample-phone"  # Model
        kwargs["exif"] = exif.tobytes()
    else:
        dpi = img.info.get("dpi")
        if dpi:
            kwargs["dpi"] = dpi
    img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(buf, "JPEG", **kwargs)
    return buf.getvalue()


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=img.info.get("dpi", (300, 300)), compress_level=3)
    return buf.getvalue()


def tiff_fax_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "TIFF", compression="group4", dpi=img.info.get("dpi", (200, 200)))
    return buf.getvalue()


def image_pdf_bytes(img: Image.Image, quality: int = 75) -> bytes:
    """An image-only A4 PDF (a scanner's "scan to PDF") via img2pdf, JPEG kept losslessly."""
    import img2pdf

    data = jpeg_bytes(img, quality)
    a4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
    layout = img2pdf.get_layout_fun(a4)
    out = img2pdf.convert(data, layout_fun=layout, nodate=True, engine=img2pdf.Engine.internal)
    return bytes(out)


def encode(img: Image.Image, variant: str, rng: random.Random) -> tuple[bytes, Report]:
    """Degrade a clean page for a raster ``variant`` and encode it as that variant's file."""
    info: Report = {}
    if variant == "clean":
        return png_bytes(img), info
    if variant == "scan":
        img, info = scan(img, rng)
        return png_bytes(img), info
    if variant == "jpeg":
        q = rng.randint(35, 60)
        return jpeg_bytes(img, q), {"quality": q}
    if variant == "lowres":
        img, info = lowres(img, rng)
        return png_bytes(img), info
    if variant == "fax":
        img, info = fax(img, rng)
        return tiff_fax_bytes(img), info
    if variant == "photo":
        img, info = photo(img, rng)
        orientation = rng.choice((6, 6, 8, 3))
        q = rng.randint(70, 88)
        return jpeg_bytes(img, q, orientation=orientation), {**info, "orientation": orientation, "quality": q}
    if variant == "closeup":
        img, info = closeup(img, rng)
        orientation = rng.choice((0, 0, 6, 8))  # 0: upright, no EXIF turn
        q = rng.randint(70, 88)
        return jpeg_bytes(img, q, orientation=orientation), {**info, "orientation": orientation, "quality": q}
    if variant == "bent":
        img, info = bent(img, rng)
        q = rng.randint(70, 88)
        return jpeg_bytes(img, q), {**info, "quality": q}
    if variant == "scanpdf":
        img, info = scan(img, rng)
        return image_pdf_bytes(img), info
    if variant == "scan200":
        img, info = scan(img, rng)
        return png_bytes(img), info
    if variant == "uneven":
        img, info = uneven(img, rng)
        q = rng.randint(75, 90)
        return jpeg_bytes(img, q), {**info, "quality": q}
    if variant == "moire":
        img, info = moire(img, rng)
        q = rng.randint(75, 90)
        return jpeg_bytes(img, q), {**info, "quality": q}
    if variant == "capture":
        img, info = capture(img, rng)
        return png_bytes(img), info
    if variant == "thumb":
        img, info = thumb(img, rng)
        q = rng.randint(70, 85)
        return jpeg_bytes(img, q), {**info, "quality": q}
    raise ValueError(f"not a raster variant: {variant}")


def write(path: Path, data: bytes) -> Path:
    return atomic_write_bytes(path, data)
