"""End to end: build packets for the fictional sample merchants and read every output back."""

from __future__ import annotations

import datetime as dt
import email
import json
import zipfile
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest
from pypdf import PdfReader

from packet_helpers import big_pdf, blank_pdf, document_image, image_pdf, png_header_only, sample
from pdf_read import as_dict, outline_starts, outline_titles
from pgdocs.errors import FindingsError, InputError
from pgdocs.packet import PacketResult, build_packet
from pgdocs.packet.manifest import sha256_file
from pgdocs.pdffonts import missing_glyphs
from pgdocs.record import MerchantRecord, record_from_dict

TODAY = dt.date(2026, 11, 27)
pytestmark = pytest.mark.soffice  # the application form is filled and converted once per session


@pytest.fixture(scope="session")
def form_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The NicePay form for the individual sample, filled and converted once (LibreOffice)."""
    from pgdocs.forms.nicepay import fill_nicepay_id_add

    d = tmp_path_factory.mktemp("form")
    rec = record_from_dict(sample("nicepay-individual-within-1y"), d)
    res = fill_nicepay_id_add(rec, d / "form.docx", pdf=True, today=TODAY)
    assert res.pdf is not None
    return res.docx, res.pdf


def _record(slug: str, folder: Path, documents: dict[str, str]) -> MerchantRecord:
    data = sample(slug)
    data["documents"] = dict(documents)
    return record_from_dict(data, folder)


def _individual(folder: Path) -> MerchantRecord:
    document_image(folder / "사업자등록증.png",
                   ["사 업 자 등 록 증 (가상)", "상호: 하늘공방", "등록번호: 214-12-34567"])
    image_pdf(folder / "통장사본.pdf", ["통장 사본 (가상)", "예금주 김하늘"])
    return _record("nicepay-individual-within-1y", folder,
                   {"business_registration": "사업자등록증.png", "bankbook": "통장사본.pdf"})


@dataclass(frozen=True)
class Built:
    result: PacketResult
    out: Path  #: the packet folder
    src: Path  #: the merchant's folder


@pytest.fixture(scope="module")
def email_packet(tmp_path_factory: pytest.TempPathFactory, form_files: tuple[Path, Path]) -> Built:
    src = tmp_path_factory.mktemp("merchant")
    rec = _individual(src)
    out = tmp_path_factory.mktemp("packets") / "하늘공방_email"
    res = build_packet(rec, out, channel="email", zip_=True, check=False, today=TODAY, form=form_files)
    return Built(res, out, src)


EXPECTED = ["00_cover.pdf", "01_id_add_form.docx", "01_id_add_form.pdf", "02_bankbook.pdf",
            "03_business_registration.pdf", "labels.pdf", "manifest.json", "packet.pdf", "packet.zip",
            "submission.eml"]


def test_folder_contents_and_ascii_names(email_packet: Built) -> None:
    out: Path = email_packet.out
    names = sorted(p.name for p in out.iterdir())
    assert names == EXPECTED
    assert all(n.isascii() for n in names)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp leftovers
    assert email_packet.result.channel == "email"
    assert email_packet.result.case_id == "nicepay.within_1y"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        pytest.param("01_id_add_form.pdf", "아이디 추가 신청서", id="form"),
        pytest.param("02_bankbook.pdf", "통장 사본", id="bankbook"),
        pytest.param("03_business_registration.pdf", "사업자등록증 사본", id="brc"),
    ],
)
def test_korean_titles_inside(email_packet: Built, name: str, title: str) -> None:
    meta = PdfReader(email_packet.out / name).metadata
    assert meta is not None and meta.title == title


def test_packet_pdf_order_bookmarks_metadata(email_packet: Built) -> None:
    out: Path = email_packet.out
    reader = PdfReader(out / "packet.pdf")
    form_pages = len(PdfReader(out / "01_id_add_form.pdf").pages)
    cover_pages = len(PdfReader(out / "00_cover.pdf").pages)
    assert len(reader.pages) == cover_pages + form_pages + 1 + 1 == email_packet.result.pages
    titles = outline_titles(reader)
    assert titles == ["표지", "아이디 추가 신청서", "통장 사본", "사업자등록증 사본"]
    starts = outline_starts(reader)
    assert starts == [0, cover_pages, cover_pages + form_pages, cover_pages + form_pages + 1]
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "나이스페이 아이디 추가 신청 서류 — 하늘공방"
    assert "nicepay.within_1y" in (meta.subject or "")
    assert str(as_dict(reader.trailer["/Root"])["/PageMode"]) == "/UseOutlines"
    for page in reader.pages:  # every page is A4, the merchant's 800×1100 px bank-book PDF page too
        w, h = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert w == pytest.approx(595.3, abs=1.5) and h == pytest.approx(841.9, abs=1.5)


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    found = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    return found


def test_cover_sheet_text_and_fonts(email_packet: Built) -> None:
    reader = PdfReader(email_packet.out / "00_cover.pdf")
    fonts = _fonts(reader)
    assert fonts and all(emb for _, emb in fonts), fonts
    assert any("NanumGothic" in name for name, _ in fonts)
    text = "\n".join(p.extract_text() for p in reader.pages)
    for expected in ("받는 곳", "04117", "플랫폼사업실", "하늘공방", "214-12-34567", "ID 추가",
                     "인감", "이도윤", "미검사", "1. 아이디 추가 신청서", "2. 통장 사본",
                     "3. 사업자등록증 사본", "pghelp@nicepay.co.kr"):
        assert expected in text, expected
    assert "nicepay.within_1y" not in text and "help article" not in text  # rule ids stay in manifest.json
    assert "02_통장 사본.pdf" in text and "02_bankbook.pdf" not in text  # the names packet.zip holds
    assert text.count("□") == 3 and "☐" not in text
    assert missing_glyphs(text) == []


def test_eml_parsed_back(email_packet: Built) -> None:
    out: Path = email_packet.out
    raw = (out / "submission.eml").read_bytes()
    assert b"\r\n" in raw and raw.isascii()  # SMTP policy: CRLF, every header and body encoded
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"].addresses[0].addr_spec == "pghelp@nicepay.co.kr"
    assert msg["From"].addresses[0].addr_spec == "manager@haneul-craft.example"
    assert str(msg["Subject"]) == "[ID 추가 신청] 하늘공방 / 214-12-34567"
    assert msg["X-Unsent"] == "1" and msg["Date"] and msg["Message-ID"]
    part = msg.get_body(("plain",))
    assert part is not None
    body = part.get_content()
    assert "아이디(MID) 추가를 신청합니다" in body and "hanulcr01m" in body
    atts = list(msg.iter_attachments())
    assert [a.get_filename() for a in atts] == ["아이디 추가 신청서.pdf", "통장 사본.pdf", "사업자등록증 사본.pdf"]
    assert [a.get_param("name") for a in atts] == ["01_id_add_form.pdf", "02_bankbook.pdf",
                                                   "03_business_registration.pdf"]
    for a, name in zip(atts, ["01_id_add_form.pdf", "02_bankbook.pdf", "03_business_registration.pdf"],
                       strict=True):
        assert a.get_content_type() == "application/pdf"
        assert a.get_content() == (out / name).read_bytes()


def test_line_break_in_business_name_cannot_break_or_inject_headers(tmp_path: Path,
                                                                  form_files: tuple[Path, Path]) -> None:
    """A 상호 pasted with a line break (Excel Alt+Enter) was an INTERNAL ValueError; it must not add a header."""
    src = tmp_path / "m"
    src.mkdir()
    rec = _individual(src)
    rec.business.business_name = '하늘, "큰" <공방>\r\nBcc: evil@example.com'
    out = tmp_path / "out"
    build_packet(rec, out, channel="email", check=False, today=TODAY, form=form_files)
    msg = email.message_from_bytes((out / "submission.eml").read_bytes(), policy=policy.default)
    assert msg["Bcc"] is None
    assert [a.addr_spec for a in msg["From"].addresses] == ["manager@haneul-craft.example"]
    assert msg["From"].addresses[0].display_name == '하늘, "큰" <공방> Bcc: evil@example.com'
    assert str(msg["Subject"]) == '[ID 추가 신청] 하늘, "큰" <공방> Bcc: evil@example.com / 214-12-34567'


def test_manifest_hashes_and_masking(email_packet: Built) -> None:
    out: Path = email_packet.out
    text = (out / "manifest.json").read_text(encoding="utf-8")
    data = json.loads(text)
    listed = {f["name"]: f for f in data["files"]}
    assert set(listed) == set(EXPECTED) - {"manifest.json", "packet.zip"}
    for name, entry in listed.items():
        assert entry["sha256"] == sha256_file(out / name)
        assert entry["size"] == (out / name).stat().st_size
    assert data["rulebook_version"] and data["case"]["id"] == "nicepay.within_1y"
    assert data["checks"]["business_registration"]["verdict"] == "unchecked"
    m = data["merchant"]
    assert m["business_number"] != "214-12-34567" and m["business_number"].endswith("67")
    assert m["settlement_account"]["number"].endswith("4567") and "123456" not in m["settlement_account"]["number"]
    for secret in ("214-12-34567", "123456-01-234567", "010-3456-7890", "manager@haneul", "김하늘", "1988-04-12"):
        assert secret not in text, secret


def test_zip_holds_every_file(email_packet: Built) -> None:
    out: Path = email_packet.out
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    in_zip = {f["name"]: f["in_zip"] for f in manifest["files"]}
    with zipfile.ZipFile(out / "packet.zip") as zf:
        # the merchant opens the zip: Korean names (UTF-8 flagged), the folder keeps ASCII ones
        assert sorted(zf.namelist()) == sorted(
            ["00_표지.pdf", "01_아이디 추가 신청서.docx", "01_아이디 추가 신청서.pdf", "02_통장 사본.pdf",
             "03_사업자등록증 사본.pdf", "주소 라벨.pdf", "manifest.json", "전체 묶음 (인쇄용).pdf", "이메일 초안.eml"])
        assert all(info.flag_bits & 0x800 for info in zf.infolist() if not info.filename.isascii())
        for name in set(EXPECTED) - {"packet.zip", "manifest.json"}:
            assert zf.read(in_zip[name]) == (out / name).read_bytes(), name


def test_labels_pdf_has_recipient(email_packet: Built) -> None:
    text = PdfReader(email_packet.out / "labels.pdf").pages[0].extract_text()
    assert "04117" in text and "플랫폼사업실" in text


def test_post_packet_encrypted_aes256(tmp_path: Path, form_files: tuple[Path, Path]) -> None:
    rec = _individual(tmp_path)
    out = tmp_path / "post"
    res = build_packet(rec, out, channel="auto", encrypt=True, check=False, today=TODAY, form=form_files)
    assert res.channel == "post"  # auto: post when both are allowed
    assert not (out / "submission.eml").exists()
    assert res.password and len(res.password) >= 16
    reader = PdfReader(out / "packet.pdf")
    enc = as_dict(reader.trailer["/Encrypt"])
    assert (str(enc["/V"]), str(enc["/R"])) == ("5", "6")
    assert str(as_dict(as_dict(enc["/CF"])["/StdCF"])["/CFM"]) == "/AESV3"
    assert not reader.decrypt("wrong-password")
    assert reader.decrypt(res.password)
    assert outline_titles(reader)[0] == "표지"
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["encrypted"] is True


def _nothing_written(out: Path) -> None:
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]


def test_channel_rule_refuses_email_over_one_year(tmp_path: Path) -> None:
    rec = _record("nicepay-corporation-over-1y", tmp_path, {})
    out = tmp_path / "out"
    with pytest.raises(FindingsError) as ei:
        build_packet(rec, out, channel="email", check=False, today=TODAY)
    assert ei.value.code == "CHANNEL_NOT_ALLOWED"
    assert "우편으로만" in ei.value.message and "1년" in ei.value.message
    _nothing_written(out)


def test_missing_documents_are_all_listed(tmp_path: Path) -> None:
    document_image(tmp_path / "사업자등록증.png", ["사업자등록증 (가상)"])
    rec = _record("nicepay-corporation-over-1y", tmp_path, {"business_registration": "사업자등록증.png",
                                                             "bankbook": "없는파일.png"})
    out = tmp_path / "out"
    with pytest.raises(FindingsError) as ei:
        build_packet(rec, out, check=False, today=TODAY)
    err = ei.value
    assert err.code == "PACKET_MISSING_DOCUMENTS"
    assert isinstance(err.details, dict)
    assert err.details["missing"] == ["bankbook", "seal_certificate", "corporate_register",
                                      "customer_due_diligence", "beneficial_owner"]
    assert "없는파일.png" in err.message and "법인등기부등본" in err.message
    _nothing_written(out)


def test_not_applicable_for_online_cases(tmp_path: Path) -> None:
    rec = _record("kcp-corporation", tmp_path, {})
    with pytest.raises(FindingsError) as ei:
        build_packet(rec, tmp_path / "out", check=False, today=TODAY)
    assert ei.value.code == "CHANNEL_NOT_APPLICABLE"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        pytest.param(lambda p: blank_pdf(p / "통장사본.pdf", user_password="x"), "DOC_ENCRYPTED", id="encrypted"),  # noqa: S106
        pytest.param(lambda p: png_header_only(p / "통장사본.png", 9000, 9000), "DOC_TOO_MANY_PIXELS", id="bomb"),
        pytest.param(lambda p: document_image(p / "통장사본.jpg", ["x"], fmt="PNG"), "DOC_EXTENSION_MISMATCH",
                     id="lying-extension"),
    ],
)
def test_hostile_document_leaves_nothing(tmp_path: Path, make, code: str) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    docs.mkdir()
    document_image(docs / "사업자등록증.png", ["사업자등록증 (가상)"])
    make(docs)
    rec = _record("nicepay-individual-within-1y", tmp_path, {})
    out = tmp_path / "out"
    with pytest.raises(InputError) as ei:
        build_packet(rec, out, docs_dir=docs, check=False, today=TODAY)
    assert ei.value.code == code
    _nothing_written(out)


def test_email_over_budget_fails_cleanly(tmp_path: Path, form_files: tuple[Path, Path]) -> None:
    big_pdf(tmp_path / "통장사본.pdf", 10_500_000)  # a real, valid PDF holding an incompressible scan
    document_image(tmp_path / "사업자등록증.png", ["사업자등록증 (가상)"])
    rec = _record("nicepay-individual-within-1y", tmp_path,
                  {"business_registration": "사업자등록증.png", "bankbook": "통장사본.pdf"})
    out = tmp_path / "out"
    with pytest.raises(FindingsError) as ei:
        build_packet(rec, out, channel="email", check=False, today=TODAY, form=form_files)
    assert ei.value.code == "PACKET_EMAIL_TOO_LARGE"
    assert "통장 사본.pdf" in ei.value.message and "--channel post" in (ei.value.hint or "")
    _nothing_written(out)


def test_existing_output_refused_then_overwritten(tmp_path: Path, form_files: tuple[Path, Path]) -> None:
    rec = _individual(tmp_path)
    out = tmp_path / "out"
    build_packet(rec, out, check=False, today=TODAY, form=form_files)
    (out / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(InputError) as ei:
        build_packet(rec, out, check=False, today=TODAY, form=form_files)
    assert ei.value.code == "OUTPUT_EXISTS"
    assert (out / "old.txt").exists()
    with pytest.raises(InputError) as ei:  # old.txt is not in the manifest: --overwrite would delete it
        build_packet(rec, out, check=False, overwrite=True, today=TODAY, form=form_files)
    assert ei.value.code == "OUTPUT_NOT_PACKET" and "old.txt" in ei.value.message
    assert (out / "old.txt").read_text(encoding="utf-8") == "old"
    (out / "old.txt").unlink()
    build_packet(rec, out, check=False, overwrite=True, today=TODAY, form=form_files)
    assert (out / "packet.pdf").exists()


@pytest.mark.parametrize("kind", [
    pytest.param("folder", id="folder-of-other-files"),
    pytest.param("file", id="file"),
])
def test_overwrite_never_replaces_what_is_not_a_packet(tmp_path: Path, form_files: tuple[Path, Path],
                                                      kind: str) -> None:
    """``-o ~/문서 --overwrite`` must not delete the merchant's own folder (or a file such as the record)."""
    rec = _individual(tmp_path)
    out = tmp_path / "my_documents"
    if kind == "folder":
        out.mkdir()
        (out / "contract.hwp").write_bytes(b"precious")
    else:
        out.write_bytes(b"precious")
    with pytest.raises(InputError) as ei:
        build_packet(rec, out, check=False, overwrite=True, today=TODAY, form=form_files)
    assert ei.value.code == ("OUTPUT_NOT_PACKET" if kind == "folder" else "OUTPUT_NOT_DIR")
    kept = out / "contract.hwp" if kind == "folder" else out
    assert kept.read_bytes() == b"precious"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".my_documents")]


def test_empty_folder_is_used_and_unwritable_place_is_one_error(tmp_path: Path,
                                                               form_files: tuple[Path, Path]) -> None:
    rec = _individual(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    build_packet(rec, empty, check=False, overwrite=True, today=TODAY, form=form_files)
    assert (empty / "packet.pdf").exists()
    with pytest.raises(InputError) as ei:
        build_packet(rec, Path("/proc/pgdocs-packet"), check=False, today=TODAY, form=form_files)
    assert ei.value.code == "OUTPUT_UNWRITABLE"
