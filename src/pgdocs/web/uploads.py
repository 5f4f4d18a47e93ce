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
EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "tiff": ".tif", "bmp": ".bmp", "webp": ".webp", "pdf": ".pdf",
              "gif": ".gif", "heic": ".heic"}
ACCEPT = "image/*,application/pdf,.heic,.heif"


def refuse(code: str, message: str, status: int, hint: str | None = None) -> InputError:
    return InputError(code, message, hint=hint, details={"status": status})


def check_upload(data: bytes, *, max_bytes: int) -> str:
    """The sniffed kind of ``data`` (png, jpeg, …, pdf) after the safety checks; raises :class:`InputError`."""
    from pgdocs import inputs
    from pgdocs.filetypes import sniff
    from pgdocs.ocr.load import open_image

    if not data:
        raise refuse("UPLOAD_EMPTY", "빈 파일입니다 (0 바이트). 파일을 다시 골라 주세요.", 400)
    if len(data) > max_bytes:
        from pgdocs.web.state import human_size

        raise refuse("UPLOAD_TOO_LARGE", f"파일이 너무 큽니다 (최대 {human_size(max_bytes)}).", 413,
                     hint="해상도를 낮추거나(300 dpi면 충분) 첫 쪽만 저장해 올려 주세요.")
    kind = sniff(data[:1024])
    if kind == "heic" and not inputs.heif_available():
        heic = inputs.unsupported_heic()
        raise refuse("UPLOAD_HEIC", heic.message, 415, heic.hint)
    if kind not in inputs.ACCEPTED_KINDS:
        raise refuse("UPLOAD_TYPE", f"{inputs.ACCEPTED_TEXT} 파일만 올릴 수 있습니다.", 415,
                     hint="파일 이름(확장자)이 아니라 내용으로 판단합니다.")
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
    """Open the PDF in the limited child (:mod:`pgdocs.inputs`), never in the server's own process."""
    import tempfile

    from pgdocs import inputs

    with tempfile.TemporaryDirectory(prefix="pgdocs-upload-") as tmp:
        path = Path(tmp) / "upload.pdf"
        path.write_bytes(data)
        try:
            inputs.check_pdf(path, "올린 PDF")
        except InputError as err:
            codes = {"DOC_ENCRYPTED": "UPLOAD_PDF_ENCRYPTED", "DOC_EMPTY": "UPLOAD_PDF_EMPTY"}
            status = 413 if err.code == "DOC_TOO_LARGE" else 400
            raise refuse(codes.get(err.code, err.code if err.code != "DOC_UNREADABLE" else "UPLOAD_UNREADABLE"),
                         err.message, status, err.hint) from None


def store_upload(folder: Path, doc_id: str, data: bytes, *, max_bytes: int) -> Path:
    """Check ``data`` and write it as ``<doc_id><ext>`` in ``folder`` (replacing an earlier upload)."""
    kind = check_upload(data, max_bytes=max_bytes)
    for old in folder.glob(f"{doc_id}.*"):
        old.unlink(missing_ok=True)
    target = folder / f"{doc_id}{EXTENSIONS[kind]}"
    atomic_write_bytes(target, data)
    log.info("stored upload for %s (%s, %d bytes)", doc_id, kind, len(data))
    return target
