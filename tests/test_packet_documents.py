"""Document discovery by name and safe opening of hostile files (all fictional, made in tmp_path)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from packet_helpers import blank_pdf, document_image, heic_like, png_header_only
from pdf_read import as_dict, title
from pgdocs.errors import ExitCode, InputError
from pgdocs.filetypes import sniff
from pgdocs.packet.documents import discover, identify, inspect_documents


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("사업자등록증.pdf", "business_registration", id="ko-brc"),
        pytest.param("사업자 등록증 사본 (2024).jpg", "business_registration", id="ko-spaces"),
        pytest.param(unicodedata.normalize("NFD", "사업자등록증.png"), "business_registration", id="nfd"),
        pytest.param("BRN_scan.PDF", "business_registration", id="en-brn"),
        pytest.param("business_license.pdf", "business_registration", id="en-license"),
        pytest.param("실소유자확인서.pdf", "beneficial_owner", id="ko-short-ubo"),
        pytest.param("business-registration.png", "business_registration", id="en-dash"),
        pytest.param("통장사본.jpg", "bankbook", id="ko-bankbook"),
        pytest.param("통장 사본.png", "bankbook", id="ko-bankbook-space"),
        pytest.param(unicodedata.normalize("NFD", "통장 사본.HEIC"), "bankbook", id="nfd-bankbook"),
        pytest.param("bank_book.pdf", "bankbook", id="en-bankbook"),
        pytest.param("법인인감증명서.pdf", "seal_certificate", id="seal-cert"),
        pytest.param("사용인감계.pdf", "seal_usage", id="seal-usage-beats-seal"),
        pytest.param("seal_usage.pdf", "seal_usage", id="en-seal-usage"),
        pytest.param("등기사항전부증명서_법인.pdf", "corporate_register", id="registry-new-name"),
        pytest.param("법인등기부등본.pdf", "corporate_register", id="registry"),
        pytest.param("실제소유자확인서.pdf", "beneficial_owner", id="ubo"),
        pytest.param("고객거래확인서.pdf", "customer_due_diligence", id="cdd"),
        pytest.param("대표자 신분증.jpg", "representative_id", id="id-card"),
        pytest.param("메모.txt", None, id="unrelated"),
        pytest.param("business_registration", "business_registration", id="record-key"),
    ],
)
def test_identify(name: str, expected: str | None) -> None:
    assert identify(name) == expected


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        pytest.param(b"%PDF-1.7\n", "pdf", id="pdf"),
        pytest.param(b"\r\n\r\n%PDF-1.4", "pdf", id="pdf-junk-before"),
        pytest.param(b"\x89PNG\r\n\x1a\n....", "png", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0..JFIF", "jpeg", id="jpeg"),
        pytest.param(b"II*\x00", "tiff", id="tiff-le"),
        pytest.param(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp", id="webp"),
        pytest.param(b"\x00\x00\x00\x18ftypheic", "heic", id="heic"),
        pytest.param(b"PK\x03\x04", "zip", id="zip-docx"),
        pytest.param(b"hello", None, id="text"),
    ],
)
def test_sniff(head: bytes, fmt: str | None) -> None:
    assert sniff(head) == fmt


def test_discover_docs_dir_and_record_paths(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    document_image(docs / unicodedata.normalize("NFD", "사업자등록증.png"), ["사업자등록증 (가상)"])
    document_image(docs / "._통장사본.png", ["AppleDouble junk"])  # macOS metadata: ignored
    explicit = document_image(tmp_path / "my-bank.jpg", ["통장 사본 (가상)"])
    found = discover({"통장 사본": explicit}, docs, ["business_registration", "bankbook", "seal_certificate"])
    assert found.found["bankbook"] == explicit
    assert found.found["business_registration"].parent == docs
    assert found.missing == ["seal_certificate"]


def test_discover_ambiguous(tmp_path: Path) -> None:
    for n in ("통장사본.png", "통장사본_2.png"):
        document_image(tmp_path / n, ["통장"])
    found = discover({}, tmp_path, ["bankbook"])
    assert sorted(p.name for p in found.ambiguous["bankbook"]) == ["통장사본.png", "통장사본_2.png"]
    assert found.missing == []


def _inspect(path: Path) -> None:
    inspect_documents({"bankbook": ("통장 사본", path)})


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(lambda p: _write(p / "통장사본.pdf", b""), "DOC_EMPTY",
                     id="zero-byte"),
        pytest.param(lambda p: _write(p / "통장사본.pdf", b"%PDF-1.4\n1 0 obj <<>> garbage\n%%EOF"),
                     "DOC_UNREADABLE", id="corrupt-pdf"),
        pytest.param(lambda p: blank_pdf(p / "통장사본.pdf", user_password="fictional-secret"),  # noqa: S106
                     "DOC_ENCRYPTED", id="encrypted-pdf"),
        pytest.param(lambda p: png_header_only(p / "통장사본.png", 10_000, 10_000), "DOC_TOO_MANY_PIXELS",
                     id="pixel-bomb-png"),
        pytest.param(lambda p: png_header_only(p / "통장사본.png", 20_000, 20_000), "DOC_TOO_MANY_PIXELS",
                     id="pixel-bomb-past-pillow-limit"),
        pytest.param(lambda p: document_image(p / "통장사본.pdf", ["PNG in disguise"], fmt="PNG"),
                     "DOC_EXTENSION_MISMATCH", id="png-named-pdf"),
        pytest.param(lambda p: document_image(p / "통장사본.png", ["JPEG in disguise"], fmt="JPEG"),
                     "DOC_EXTENSION_MISMATCH", id="jpeg-named-png"),
        pytest.param(lambda p: _write(p / "통장사본.pdf", "통장 사본입니다".encode()), "DOC_UNSUPPORTED",
                     id="text-named-pdf"),
        pytest.param(lambda p: _write(p / "통장사본.docx", b"PK\x03\x04" + b"\x00" * 100), "DOC_UNSUPPORTED",
                     id="office-document"),
        pytest.param(lambda p: _write(p / "통장사본.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), "DOC_UNREADABLE",
                     id="truncated-png"),
    ],
)
def test_hostile_documents(tmp_path: Path, make, code: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(InputError) as ei:
        _inspect(path)
    assert ei.value.code == code
    assert ei.value.exit_code == ExitCode.USAGE
    assert "통장 사본" in ei.value.message and path.name in ei.value.message
    assert ei.value.hint is None or ei.value.hint


def test_heic_without_support(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installation without pillow-heif (an optional plugin gone missing) refuses HEIC plainly."""
    from pgdocs import inputs

    monkeypatch.setattr(inputs, "heif_available", lambda: False)
    with pytest.raises(InputError) as ei:
        _inspect(heic_like(tmp_path / "통장사본.heic"))
    assert ei.value.code == "DOC_HEIC_UNSUPPORTED"
    assert "JPEG" in (ei.value.hint or "")


def test_owner_password_only_pdf_is_accepted(tmp_path: Path) -> None:
    """Bank PDFs often carry only permission flags (empty user password): they open without a password."""
    path = blank_pdf(tmp_path / "통장사본.pdf", pages=2, owner_password="fictional-owner")  # noqa: S106
    docs = inspect_documents({"bankbook": ("통장 사본", path)})
    assert docs["bankbook"].pages == 2


def test_good_documents_open(tmp_path: Path) -> None:
    png = document_image(tmp_path / "사업자등록증.png", ["사업자등록증 (가상)"])
    pdf = blank_pdf(tmp_path / "통장사본.pdf", pages=3)
    docs = inspect_documents({"business_registration": ("사업자등록증 사본", png), "bankbook": ("통장 사본", pdf)})
    assert docs["business_registration"].format == "png"
    assert docs["business_registration"].pixels == (1240, 1754)
    assert docs["bankbook"].format == "pdf" and docs["bankbook"].pages == 3


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_merchant_pdf_scripts_and_attachments_stay_behind(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    from pgdocs.packet.assemble import set_title

    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    w.add_attachment("payload.txt", b"fictional attachment")
    w.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                             NameObject("/JS"): TextStringObject("app.alert(2)")})})
    src = tmp_path / "hostile.pdf"
    with src.open("wb") as fh:
        w.write(fh)
    out = tmp_path / "clean.pdf"
    assert set_title(src, out, "통장 사본") == 1
    reader = PdfReader(out)
    root = as_dict(reader.trailer["/Root"])
    assert "/OpenAction" not in root and "/Names" not in root
    assert "/AA" not in reader.pages[0]
    assert b"app.alert" not in out.read_bytes() and b"fictional attachment" not in out.read_bytes()
    assert title(reader) == "통장 사본"


def test_animated_gif_with_many_frames_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    frames = []
    for i in range(40):
        im = Image.new("L", (40, 40), 255)
        im.putpixel((i, i), 0)  # every frame differs, so the GIF keeps all 40
        frames.append(im)
    path = tmp_path / "통장사본.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=10)
    with pytest.raises(InputError) as ei:
        _inspect(path)
    assert ei.value.code == "DOC_TOO_LARGE"


def test_record_path_found_when_disk_name_is_nfd(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "통장사본.png")
    document_image(tmp_path / nfd, ["통장 사본 (가상)"])
    found = discover({"bankbook": tmp_path / "통장사본.png"}, None, ["bankbook"])  # the record holds NFC
    assert found.found["bankbook"].name == nfd


def test_hostile_file_name_is_printed_safely(tmp_path: Path) -> None:
    path = tmp_path / "통장사본\x1b[2J\n.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError) as ei:
        _inspect(path)
    assert "\x1b" not in ei.value.message and "\n" not in ei.value.message
    assert "통장사본?[2J?.pdf" in ei.value.message


def test_merchant_pdf_pages_become_a4(tmp_path: Path) -> None:
    """A Letter page, a 5 m landscape poster page and a sideways (/Rotate 90) landscape page all print on A4."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    from pgdocs.packet.assemble import set_title
    from pgdocs.pdffonts import register_fonts

    regular, _ = register_fonts()
    src = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(src))
    for size in ((612, 792), (14400, 7200), (842, 595)):
        c.setPageSize(size)
        c.setFont(regular, 12 if size[0] < 1000 else 300)
        c.drawString(size[0] * 0.3, size[1] * 0.5, "통장 사본 가상")
        c.showPage()
    c.save()
    w = PdfWriter(clone_from=str(src))
    w.pages[2].rotate(90)  # a landscape page turned portrait by /Rotate
    w.write(str(src))
    out = tmp_path / "a4.pdf"
    assert set_title(src, out, "통장 사본") == 3
    reader = PdfReader(out)
    sizes = []
    for page in reader.pages:
        w_, h_ = float(page.mediabox.width), float(page.mediabox.height)
        if int(page.get("/Rotate", 0)) % 180:
            w_, h_ = h_, w_
        sizes.append((round(w_), round(h_)))
        assert "통장 사본 가상" in page.extract_text()
    assert sizes == [(595, 842), (842, 595), (595, 842)]
    a4 = tmp_path / "already.pdf"
    assert set_title(out, a4, "x") == 3 and [p.mediabox for p in PdfReader(a4).pages] == \
        [p.mediabox for p in reader.pages]
