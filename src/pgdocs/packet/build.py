"""``build_packet``: the orchestrator behind ``pgdocs packet``.

Order of work — everything that can fail on the merchant's input fails before a
byte is written: case and channel (rulebook) → required documents located (all
missing ones in one error) → each document opened safely → certificate and
bank-book checks → then, inside a temporary folder that replaces OUT only when
complete: form, attachments as A4 PDFs, cover sheet, packet.pdf, labels.pdf,
submission.eml, manifest.json, packet.zip.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import logging
import tempfile
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pgdocs.errors import ExitCode, FindingsError, InputError
from pgdocs.fsio import atomic_output_dir
from pgdocs.jsonio import Report
from pgdocs.labels.sheets import DEFAULT_SHEET
from pgdocs.packet import content
from pgdocs.packet.documents import (
    DocCheck,
    DocumentFile,
    PdfProbe,
    discover,
    document_names,
    identify,
    open_documents,
    shown_name,
)
from pgdocs.packet.manifest import FileEntry
from pgdocs.record import MerchantRecord

if TYPE_CHECKING:
    from pgdocs.ocr.result import Kind, VerifyResult
    from pgdocs.rulebook import Case, DocumentSpec

log = logging.getLogger(__name__)

CHECK_KINDS: dict[str, Kind] = {"business_registration": "business_registration", "bankbook": "bankbook"}


@dataclass
class PacketResult:
    out: Path
    channel: str
    case_id: str
    files: list[FileEntry]
    checks: dict[str, DocCheck]
    pages: int
    password: str | None = None
    warnings: list[str] = field(default_factory=list)
    signed_forms: list[str] = field(default_factory=list)  #: generated forms replaced by the merchant's sealed scan

    @property
    def needs_review(self) -> bool:
        return any(c.get("verdict") == "review" for c in self.checks.values())

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.REVIEW if self.needs_review else ExitCode.OK

    def to_dict(self) -> Report:
        return {
            "out": str(self.out), "channel": self.channel, "case_id": self.case_id, "pages": self.pages,
            "files": self.files, "checks": self.checks, "needs_review": self.needs_review,
            "encrypted": self.password is not None, "password": self.password, "warnings": self.warnings,
            "signed_forms": self.signed_forms,
            "exit_code": int(self.exit_code),
        }


def _record_paths(record: MerchantRecord) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for key in record.documents:
        p = record.document_path(key)
        if p is not None:
            out[key] = p
    return out


def locate_documents(record: MerchantRecord, specs: list[DocumentSpec], docs_dir: Path | None, *,
                     root: Path | None = None) -> tuple[dict[str, DocumentFile], PdfProbe]:
    """Find and check every supplied document; :class:`FindingsError` listing all missing required ones.

    PDFs are still being probed in a child process when this returns: call ``probe.finish()``
    before any PDF is read in this process.
    """
    supplied = [s for s in specs if not s.generated]
    wanted = [s.id for s in supplied]
    found = discover(_record_paths(record), docs_dir, wanted, root=root)
    missing_required = [s for s in supplied if s.id in found.missing and s.required]
    if missing_required or found.ambiguous:
        lines = []
        for s in missing_required:
            why = f" (파일 없음: {shown_name(found.not_found_paths[s.id])})" if s.id in found.not_found_paths else ""
            note = " — 요구 여부 미확정 서류" if not s.confirmed else ""
            lines.append(f"{s.title}{why}{note}")
        for doc_id, paths in found.ambiguous.items():
            names = ", ".join(shown_name(p) for p in paths)
            lines.append(f"{document_names()[doc_id].title}: 후보가 여러 개입니다 ({names})")
        raise FindingsError(
            "PACKET_MISSING_DOCUMENTS",
            "제출 묶음에 필요한 서류를 찾지 못했습니다: " + "; ".join(lines),
            hint="가맹점 정보의 documents 에 파일 경로를 적거나, --docs 폴더에 '사업자등록증.pdf', "
                 "'통장사본.jpg'처럼 서류 이름이 들어간 파일을 하나씩 넣어 주세요.",
            details={"missing": [s.id for s in missing_required], "ambiguous": list(found.ambiguous)},
        )
    titles = {s.id: s.title for s in supplied}
    return open_documents({**{d: (titles[d], p) for d, p in found.found.items()},
                           **_signed_forms(record, specs, root)})


def _signed_forms(record: MerchantRecord, specs: list[DocumentSpec], root: Path | None) -> dict[str, tuple[str, Path]]:
    """A generated form the merchant printed, sealed and scanned, named in the record's ``documents`` (never guessed
    from a folder: an unsigned copy there must not pass for the sealed one). It replaces the form in the packet."""
    generated = [s for s in specs if s.generated]
    named = {k: p for k, p in _record_paths(record).items() if identify(k) in {s.id for s in generated}}
    if not named:
        return {}
    found = discover(named, None, [s.id for s in generated], root=root)
    if found.not_found_paths:
        lines = [f"{s.title} 날인본 (파일 없음: {shown_name(found.not_found_paths[s.id])})"
                 for s in generated if s.id in found.not_found_paths]
        raise FindingsError("PACKET_MISSING_DOCUMENTS",
                            "제출 묶음에 필요한 서류를 찾지 못했습니다: " + "; ".join(lines),
                            hint="가맹점 정보의 documents 에 적은 날인본 파일 경로를 확인하세요.",
                            details={"missing": list(found.not_found_paths), "ambiguous": []})
    return {s.id: (f"{s.title} (날인본)", found.found[s.id]) for s in generated if s.id in found.found}


class _Verify(Protocol):
    """:func:`pgdocs.ocr.verify.verify` as the packet calls it."""

    def __call__(self, path: Path, record: MerchantRecord, *, kind: Kind) -> VerifyResult: ...


def run_checks(record: MerchantRecord, docs: dict[str, DocumentFile], *, check: bool) -> dict[str, DocCheck]:
    """Certificate and bank-book checks (two at a time: each runs tesseract in a child process).

    Every mismatch is listed in one :class:`FindingsError` ``PACKET_CHECK_MISMATCH``; review is recorded.
    """
    results: dict[str, DocCheck] = {}
    verify: _Verify | None = None
    if check:
        try:
            verify = importlib.import_module("pgdocs.ocr.verify").verify
        except ImportError:
            verify = None
    jobs: dict[str, Future[VerifyResult]] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for doc_id, doc in docs.items():
            kind = CHECK_KINDS.get(doc_id)
            if kind is None:
                results[doc_id] = {"verdict": "not_applicable", "reasons": []}
            elif not check:
                results[doc_id] = {"verdict": "unchecked", "reasons": ["자동 대조를 하지 않기로 해서 건너뛰었습니다"]}
            elif verify is None:
                results[doc_id] = {"verdict": "unchecked", "reasons": ["이 설치에는 서류 대조 기능이 없습니다"]}
            else:
                jobs[doc_id] = pool.submit(verify, doc.path, record, kind=kind)
        for doc_id, job in jobs.items():
            res = job.result()
            results[doc_id] = {"verdict": res.verdict, "reasons": [str(r) for r in getattr(res, "reasons", [])]}
            if res.code:
                results[doc_id]["code"] = res.code
    failed = [d for d in docs if results[d]["verdict"] == "fail"]
    for doc_id, doc in docs.items():
        doc.check = results[doc_id]
    wrong = [d for d in failed if results[d].get("code") == "DOC_WRONG_KIND"]
    if wrong:
        # a bank book, a blank page or another document in a slot: say so plainly, before any field talk
        parts = [f"{docs[d].title}({shown_name(docs[d].path)}): " + "; ".join(results[d]["reasons"]) for d in wrong]
        raise FindingsError(
            "DOC_WRONG_KIND",
            "다른 서류가 들어 있습니다 — " + " / ".join(parts),
            hint="각 칸에 맞는 서류 파일(사업자등록증 또는 사업자등록증명, 통장 사본)을 넣고 다시 실행하세요.",
            details={"documents": {d: results[d]["reasons"] for d in wrong}},
        )
    if failed:
        parts = [f"{docs[d].title}({shown_name(docs[d].path)}): " + "; ".join(results[d]["reasons"]) for d in failed]
        raise FindingsError(
            "PACKET_CHECK_MISMATCH",
            "서류 내용이 가맹점 정보와 다릅니다 — " + " / ".join(parts),
            hint="서류 또는 가맹점 정보를 고친 뒤 다시 실행하세요 (pgdocs verify 로 자세히 볼 수 있습니다).",
            details={"documents": {d: results[d]["reasons"] for d in failed}},
        )
    return {d: results[d] for d in docs}


def build_packet(
    record: MerchantRecord,
    out: str | Path,
    *,
    docs_dir: str | Path | None = None,
    channel: str = "auto",
    label_sheet: str = DEFAULT_SHEET,
    label_start: int = 1,
    zip_: bool = False,
    encrypt: bool = False,
    check: bool = True,
    overwrite: bool = False,
    today: dt.date | None = None,
    form: tuple[Path, Path] | None = None,
    root: str | Path | None = None,
) -> PacketResult:
    """Build the submission packet for ``record`` in the folder ``out`` (see module doc).

    ``form``: an already filled application form ``(docx, pdf)`` to use instead of filling
    one (batch mode converts many forms in one LibreOffice run). ``root``: every document must resolve inside
    this folder, symbolic links followed (``DOC_OUTSIDE_ROOT``; batch passes ``--docs-root``).
    """
    from pgdocs.rulebook import choose_channel, resolve_case

    today = today or dt.date.today()
    case = resolve_case(record, today)
    chosen = choose_channel(case, channel, record)
    specs = case.documents_for(record.business.entity)
    _check_labels(case, label_sheet, label_start)
    target = Path(out)
    check_target(target, overwrite=overwrite)
    docs, probe = locate_documents(record, specs, Path(docs_dir) if docs_dir else None,
                                   root=Path(root) if root is not None else None)
    try:
        if check and any(d.is_pdf for k, d in docs.items() if k in CHECK_KINDS):
            probe.finish()  # OCR must not parse a PDF that has not passed the probe
        checks = run_checks(record, docs, check=check)
        with atomic_output_dir(target, overwrite=overwrite) as tmp:
            order = content.Order(record=record, case=case, channel=chosen, specs=specs, docs=docs, form=form,
                                  today=today, encrypt=encrypt, label_sheet=label_sheet, label_start=label_start,
                                  checks=checks)
            built = content.write_contents(tmp, order, probe)
            _finish_zip(tmp, built, zip_)
    finally:
        probe.cancel()
    log.info("packet %s: %d file(s), channel %s", target, len(built.files), chosen)
    return PacketResult(target, chosen, case.case_id, built.files, checks, built.pages, built.password,
                        [*case.notes, *built.warnings], [s.id for s in specs if s.generated and s.id in docs])


#: written after manifest.json (so not listed in it), or left by a file manager: replaced with the packet
_UNLISTED_OK = frozenset({"manifest.json", "packet.zip", ".DS_Store", "Thumbs.db", "desktop.ini"})


def _unlisted(folder: Path) -> list[str] | None:
    """Entries of ``folder`` its ``manifest.json`` does not list; ``None`` when it is not a pgdocs packet.

    ``--overwrite`` deletes the old folder, so it must hold nothing but what pgdocs wrote there: a folder
    with a one-line manifest.json and the merchant's own files is not a packet.
    """
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith("pgdocs.packet/"):
        return None
    files = data.get("files")
    if not isinstance(files, list):
        return None
    listed = {str(f.get("name")) for f in files if isinstance(f, dict) and f.get("name")}
    extra = []
    for entry in folder.iterdir():
        if entry.name in listed and entry.is_file() and not entry.is_symlink():
            continue
        if entry.name in _UNLISTED_OK and entry.is_file() and not entry.is_symlink():
            continue
        extra.append(entry.name)
    return sorted(extra)


def check_target(target: Path, *, overwrite: bool) -> None:
    """Refuse OUT before any work when it cannot or must not become the packet folder.

    ``overwrite`` replaces only an earlier packet or an empty folder: never a file, never a
    folder of other things (``-o ~/문서 --overwrite`` must not delete the merchant's files).
    """
    if target.is_symlink() or target.exists():
        if not target.is_dir():
            raise InputError("OUTPUT_NOT_DIR", f"출력 경로가 폴더가 아니라 파일입니다: {target}",
                             hint="제출 묶음을 만들 새 폴더 이름을 지정하세요.")
        if not overwrite:
            raise InputError("OUTPUT_EXISTS", f"출력 폴더가 이미 있습니다: {target}",
                             hint="다른 폴더를 지정하거나 --overwrite 를 쓰세요.")
        if any(target.iterdir()):
            extra = _unlisted(target)
            if extra is None:
                raise InputError(
                    "OUTPUT_NOT_PACKET", f"출력 폴더에 제출 묶음이 아닌 파일이 있어 바꾸지 않습니다: {target}",
                    hint="--overwrite 는 pgdocs 가 만든 제출 묶음 폴더(manifest.json 이 있는 폴더)나 빈 폴더만 "
                         "바꿉니다. 새 폴더 이름을 지정하세요.")
            if extra:
                shown = ", ".join(shown_name(Path(n)) for n in extra[:5]) + (" …" if len(extra) > 5 else "")
                raise InputError(
                    "OUTPUT_NOT_PACKET",
                    f"출력 폴더에 제출 묶음 목록(manifest.json)에 없는 파일이 있어 바꾸지 않습니다: {shown}",
                    hint="그 파일을 다른 곳으로 옮기거나, 새 폴더 이름을 지정하세요. 아무것도 지우지 않았습니다.",
                    details={"unlisted": extra})
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=".pgdocs-probe.", dir=target.parent)
    except OSError as exc:
        raise InputError("OUTPUT_UNWRITABLE", f"출력 폴더를 만들 수 없습니다: {target} ({exc.strerror or exc})",
                         hint="쓸 수 있는 다른 위치를 지정하세요.") from None
    with contextlib.suppress(OSError):
        Path(probe).rmdir()


def _check_labels(case: Case, label_sheet: str, label_start: int) -> None:
    """Sheet code, start position and the recipient's label text, checked before any work."""
    if case.recipient is None:
        return
    from pgdocs.labels import check_entries, load_sheet, recipient_entry
    from pgdocs.labels.render import check_start

    check_start(label_start, load_sheet(label_sheet))
    check_entries([recipient_entry(case)], sheet=label_sheet)


def _finish_zip(tmp: Path, built: content.Built, zip_: bool) -> None:
    if not zip_:
        return
    in_zip = {str(f["name"]): str(f.get("in_zip") or f["name"]) for f in built.files}
    with zipfile.ZipFile(tmp / "packet.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in built.names:
            zf.write(tmp / name, arcname=in_zip.get(name, name))  # Korean names, UTF-8 flagged by zipfile
    built.files.append(content.describe(tmp, "packet.zip", "제출 묶음 (ZIP)"))
