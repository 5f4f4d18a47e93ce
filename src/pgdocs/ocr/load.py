"""Open an uploaded certificate or bank book safely: image or PDF, sniffed by content.

Uploads are hostile (docs/packets.md#untrusted-input): a byte cap, Pillow's pixel limit lowered to
~50 MP with its warning turned into an error, EXIF orientation applied, and
every failure an :class:`InputError` with a stable code (exit 2). A PDF's text
layer is returned as is (the caller decides whether to trust it); otherwise
page 1 is rasterised with ``pdftoppm`` under a timeout.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import shutil
import subprocess
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from pgdocs import inputs
from pgdocs.errors import InputError, MissingDependencyError
from pgdocs.filetypes import sniff
from pgdocs.imaging import EXIF_ORIENTATION, square_pixels, square_size, to_rgb, upright_dpi

log = logging.getLogger(__name__)

__all__ = ["MAX_BYTES", "MAX_PIXELS", "Document", "load_document", "open_image", "sniff"]

MAX_BYTES = inputs.MAX_BYTES  #: the limits are pgdocs.inputs's: the same for every command and the web page
MAX_PIXELS = inputs.MAX_PIXELS
MAX_PPM_BYTES = 200 * 1024 * 1024  #: a rendered page larger than this is refused (A4 at 300 dpi is 26 MB)
PDF_DPI = 300
#: a PDF page is rendered at :data:`PDF_DPI`, or less when its long side would pass this many pixels (14 in at
#: 300 dpi: legal paper): "JPG to PDF" tools place a phone photo at 72 dpi on a 42-inch page, which at 300 dpi
#: was a 200-MP render refused as too large — at this size it is the photo's own pixels again
MAX_RENDER_PX = 4200
PDF_TIMEOUT = 60.0

_SUPPORTED = inputs.ACCEPTED_TEXT


@dataclass
class Document:
    """A loaded input: a page image (RGB) and/or a PDF text layer."""

    path: Path
    kind: str  #: png, jpeg, tiff, webp, bmp, pdf
    image: Image.Image | None = None
    text_layer: str | None = None  #: page 1 text of a PDF, read on demand by :mod:`pgdocs.ocr.textlayer`
    dpi: float | None = None  #: from the file, when it says
    #: the file's bytes (PDFs: parsed again for the text layer without re-reading)
    data: bytes = dataclasses.field(default=b"", repr=False)
    page: int = 1  #: the PDF page read (1-based): :meth:`at_page` moves to another one
    pages: int = 1  #: a PDF's page count

    def at_page(self, page: int) -> Document:
        """The same PDF at another page, its image not rendered yet."""
        return dataclasses.replace(self, page=page, image=None, dpi=None, text_layer=None)


def _read(path: Path) -> bytes:
    if not path.exists():
        raise InputError("DOC_NOT_FOUND", f"파일이 없습니다: {path}")
    if path.is_dir():
        raise InputError("DOC_UNREADABLE", f"파일이 아니라 폴더입니다: {path}")
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(
                "DOC_EMPTY", f"빈 파일입니다 (0 바이트): {path.name}", hint="파일을 다시 저장해 올려 주세요."
            )
        if size > MAX_BYTES:
            raise InputError(
                "DOC_TOO_LARGE",
                f"파일이 너무 큽니다 ({size / 1024 / 1024:.1f} MB, 최대 {MAX_BYTES // 1024 // 1024} MB): {path.name}",
                hint="해상도를 낮추거나(300 dpi면 충분) 첫 쪽만 저장해 올려 주세요.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError("DOC_UNREADABLE", f"파일을 읽을 수 없습니다: {path.name} ({exc.strerror})") from None


def open_image(data: bytes, name: str = "이미지") -> Image.Image:
    """Decode image bytes to an upright RGB image, refusing bombs and broken files."""
    old_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                if im.width * im.height > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                frames = getattr(im, "n_frames", 1) or 1
                if frames > inputs.MAX_FRAMES:
                    raise InputError(
                        "DOC_TOO_LARGE",
                        f"이미지 쪽(프레임) 수가 너무 많습니다 ({frames}, 최대 {inputs.MAX_FRAMES}): {name}",
                        hint="필요한 쪽만 PDF나 JPEG로 저장하세요.")
                im.load()  # the first frame: a multi-page TIFF's first page, a GIF's first picture
                # turned by its EXIF orientation; one that needs no turn is used as it is (exif_transpose would
                # copy the whole page, 10 ms at 300 dpi, before _to_rgb copies it again)
                turn = im.getexif().get(EXIF_ORIENTATION, 1) not in (None, 1)
                img = (ImageOps.exif_transpose(im) or im) if turn else im
                rgb, dpi = _square_pixels(_to_rgb(img), upright_dpi(im), name)
                if dpi:
                    rgb.info["dpi"] = dpi
                if im.mode == "1":
                    rgb.info["bilevel"] = True  # a fax's black and white, whatever stretching made of its edges
                return rgb
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(
            "DOC_TOO_MANY_PIXELS",
            f"이미지 픽셀 수가 너무 많습니다 (최대 {MAX_PIXELS // 1_000_000} 메가픽셀): {name}",
            hint="사진 크기를 줄여(긴 변 4000 픽셀 이하) 다시 올려 주세요.",
        ) from None
    except InputError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, UnidentifiedImageError) as exc:
        raise InputError(
            "DOC_UNREADABLE",
            f"이미지 파일이 손상되었거나 읽을 수 없습니다: {name}",
            hint="원본을 다시 스캔하거나 PNG/JPEG로 다시 저장해 올려 주세요.",
            details={"error": type(exc).__name__},
        ) from None
    finally:
        Image.MAX_IMAGE_PIXELS = old_limit


def _square_pixels(img: Image.Image, dpi: object, name: str) -> tuple[Image.Image, tuple[float, float] | None]:
    """:func:`pgdocs.imaging.square_pixels` (a fax in standard mode stretched to square pixels), the stretched page
    held to the same pixel limit as any other."""
    w, h = square_size(img.size, dpi)
    if w * h > MAX_PIXELS:
        raise Image.DecompressionBombError("too many pixels once stretched to square")
    out, fixed = square_pixels(img, dpi)
    if out is not img:
        log.debug("%s: %s dpi stretched to square pixels %s", name, dpi, out.size)
    return out, fixed


def _to_rgb(img: Image.Image) -> Image.Image:
    return img.copy() if img.mode == "RGB" else to_rgb(img)  # a copy: the file behind ``img`` is closed next


def render_dpi(data: bytes, page: int = 1, dpi: int = PDF_DPI) -> int:
    """``dpi``, lowered for a page whose long side would render past :data:`MAX_RENDER_PX` pixels."""
    from pypdf import PdfReader

    try:
        box = PdfReader(io.BytesIO(data)).pages[page - 1].mediabox
        long_in = max(abs(float(box.width)), abs(float(box.height))) / 72.0
    except Exception:  # an odd page tree: pdftoppm says what it can do with it
        return dpi
    return dpi if long_in * dpi <= MAX_RENDER_PX else max(1, int(MAX_RENDER_PX / long_in))


def rasterize_pdf(data: bytes, name: str, *, dpi: int = PDF_DPI, timeout: float = PDF_TIMEOUT,
                  page: int = 1) -> Image.Image:
    """Page ``page`` (1-based) of a PDF as an RGB image via ``pdftoppm`` (poppler-utils), at ``dpi`` or at
    :func:`render_dpi` for a page larger than paper."""
    dpi = render_dpi(data, page, dpi)
    exe = shutil.which("pdftoppm")
    if not exe:
        raise MissingDependencyError(
            "PDFTOPPM_MISSING",
            "스캔 PDF를 이미지로 바꾸는 pdftoppm 프로그램이 없습니다.",
            hint="Debian/Ubuntu: sudo apt-get install poppler-utils",
        )
    with tempfile.TemporaryDirectory(prefix="pgdocs-pdf-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        # PPM output: poppler's PNG encoder took 20 s CPU on a plain A4 scan, raw PPM 0.2 s
        argv = [exe, "-f", str(page), "-l", str(page), "-r", str(dpi), "-singlefile", str(src), str(Path(tmp) / "page")]
        try:
            proc = subprocess.run(argv, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError("DOC_UNREADABLE", f"PDF를 이미지로 바꾸는 데 시간이 너무 걸립니다: {name}") from None
        out = Path(tmp) / "page.ppm"
        if out.exists() and out.stat().st_size > MAX_PPM_BYTES:
            raise InputError("DOC_TOO_LARGE", f"PDF 페이지가 너무 큽니다: {name}", hint="A4 크기 PDF를 올려 주세요.")
        if proc.returncode != 0 or not out.exists():
            raise InputError(
                "DOC_UNREADABLE",
                f"PDF {page}쪽을 이미지로 바꿀 수 없습니다: {name}",
                details={"stderr": proc.stderr.decode("utf-8", "replace")[-300:]},
            )
        return open_image(out.read_bytes(), name)


def _existing(p: Path) -> Path:
    """The path as given, else its NFC/NFD spelling (macOS hands out NFD names, Linux keeps bytes)."""
    if p.exists():
        return p
    for form in ("NFC", "NFD"):
        alt = Path(unicodedata.normalize(form, str(p)))
        if alt.exists():
            return alt
    return p


def load_document(path: str | Path, *, want_image: bool = True) -> Document:
    """Open ``path`` (type sniffed by content, not extension).

    For a PDF the text layer of page 1 is always read; the page image is rendered
    only when ``want_image`` (callers first try the text layer).
    """
    p = _existing(Path(path))
    data = _read(p)
    kind = sniff(data[:1024])
    if kind not in inputs.ACCEPTED_KINDS:
        raise InputError(
            "DOC_UNSUPPORTED",
            f"지원하지 않는 파일 형식입니다: {p.name}",
            hint=f"{_SUPPORTED} 파일을 올려 주세요.",
        )
    if kind == "heic" and not inputs.heif_available():
        raise inputs.unsupported_heic()
    if kind == "pdf":
        # opened first in the memory- and time-limited child (pgdocs.inputs): a PDF bomb never reaches this process
        pages = inputs.check_pdf(p)
        image = rasterize_pdf(data, p.name) if want_image else None
        return Document(p, "pdf", image=image, dpi=PDF_DPI if image is not None else None, data=data, pages=pages)
    image = open_image(data, p.name)
    dpi_info = image.info.get("dpi")
    dpi = float(dpi_info[0]) if dpi_info and dpi_info[0] else None
    return Document(p, kind, image=image, dpi=dpi)


def load_pdf_image(doc: Document) -> Image.Image:
    """Render the page image of a PDF document loaded with ``want_image=False``."""
    if doc.image is None:
        doc.image = rasterize_pdf(doc.data or _read(doc.path), doc.path.name, page=doc.page)
        doc.dpi = PDF_DPI
    return doc.image
