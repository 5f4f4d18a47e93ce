"""Checking and storing an uploaded document: sniffed by content, size and pixel limits, fixed names.

Every refusal is a :class:`~pgdocs.errors.InputError` whose ``details["status"]`` is the HTTP
status for it (400 empty or broken, 413 too large, 415 wrong type).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pgdocs.errors import InputError
from pgdocs.fsio import atomic_write_bytes

log = logging.getLogger(__name__)

#: extension for each sniffed kind (the stored name never comes from the upload)
EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "tiff": ".tif", "bmp": ".bmp", "webp": ".webp", "pdf": ".pdf"}
ACCEPT = "image/*,application/pdf"


def refuse(code: str, message: str, status: int, hint: str | None = None) -> InputError:
    return InputError(code, message, hint=hint, details={"status": status})


def check_upload(data: bytes, *, max_bytes: int) -> str:
    """The sniffed kind of ``data`` (png, jpeg, …, pdf) after the safety checks; raises :class:`InputError`."""
    from pgdocs.filetypes import DOCUMENT_KINDS, sniff
    from pgdocs.ocr.load import open_image

    if not data:
        raise refuse("UPLOAD_EMPTY", "빈 파일입니다 (0 바이트). 파일을 다시 골라 주세요.", 400)
    if len(data) > max_bytes:
        from pgdocs.web.app import human_size

        raise refuse("UPLOAD_TOO_LARGE", f"파일이 너무 큽니다 (최대 {human_size(max_bytes)}).", 413,
                     hint="해상도를 낮추거나(300 dpi면 충분) 첫 쪽만 저장해 올려 주세요.")
    kind = sniff(data[:1024])
    if kind == "heic":
        raise refuse("UPLOAD_HEIC", "아이폰 HEIC(HEIF) 사진은 읽을 수 없습니다.", 415,
                     hint="사진 앱에서 JPEG로 내보내거나, 설정 > 카메라 > 포맷을 '높은 호환성'으로 바꿔 다시 찍어 "
                          "올려 주세요.")
    if kind not in DOCUMENT_KINDS:
        raise refuse("UPLOAD_TYPE", "사진(PNG, JPEG, TIFF, WebP, BMP) 또는 PDF 파일만 올릴 수 있습니다.", 415,
                     hint="파일 이름(확장자)이 아니라 내용으로 판단합니다. HEIC 사진은 JPEG로 바꿔 올려 주세요.")
    if kind == "pdf":
        _check_pdf(data)
    else:
        try:
            open_image(data, "올린 사진")
        except InputError as err:
            status = 413 if err.code in ("DOC_TOO_LARGE", "DOC_TOO_MANY_PIXELS") else 400
            raise refuse(err.code, err.message, status, err.hint) from None
    return kind


def _check_pdf(data: bytes) -> None:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise refuse("UPLOAD_PDF_ENCRYPTED", "암호가 걸린 PDF는 읽을 수 없습니다.", 400,
                         hint="암호를 푼 PDF나 사진으로 올려 주세요.")
        if len(reader.pages) == 0:
            raise refuse("UPLOAD_PDF_EMPTY", "쪽이 없는 PDF입니다.", 400)
    except InputError:
        raise
    except (PdfReadError, ValueError, OSError, KeyError, TypeError, RecursionError):
        raise refuse("UPLOAD_UNREADABLE", "PDF 파일이 손상되었거나 읽을 수 없습니다.", 400,
                     hint="원본을 다시 저장하거나 스캔해 올려 주세요.") from None


def store_upload(folder: Path, doc_id: str, data: bytes, *, max_bytes: int) -> Path:
    """Check ``data`` and write it as ``<doc_id><ext>`` in ``folder`` (replacing an earlier upload)."""
    kind = check_upload(data, max_bytes=max_bytes)
    for old in folder.glob(f"{doc_id}.*"):
        old.unlink(missing_ok=True)
    target = folder / f"{doc_id}{EXTENSIONS[kind]}"
    atomic_write_bytes(target, data)
    log.info("stored upload for %s (%s, %d bytes)", doc_id, kind, len(data))
    return target
