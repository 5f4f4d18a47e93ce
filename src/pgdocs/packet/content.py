"""What goes into the packet folder, in order: form, attachments, cover, packet.pdf, labels, e-mail, manifest.

Called by :func:`pgdocs.packet.build.build_packet` with a temporary folder; every
input has already been located, opened and checked.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pgdocs.errors import ExternalToolError
from pgdocs.forms.email import contact_line, submission_email
from pgdocs.forms.values import format_brn
from pgdocs.packet.assemble import Part, merge_parts, set_title
from pgdocs.packet.cover import CoverInfo, CoverItem, glyph_note, make_printable, render_cover
from pgdocs.packet.documents import DocCheck, DocumentFile, PdfProbe, shown_name
from pgdocs.packet.images import ImagePages, image_to_pdf
from pgdocs.packet.mail import Attachment, build_message, check_budget, write_eml
from pgdocs.packet.manifest import FileEntry, file_entries, write_manifest
from pgdocs.record import PAYMENT_METHODS, MerchantRecord
from pgdocs.rulebook import Case, DocumentSpec

log = logging.getLogger(__name__)

COVER = "00_cover.pdf"
PACKET = "packet.pdf"
LABELS = "labels.pdf"
EML = "submission.eml"
IMAGE_THREADS = 2
SEAL_REMINDER = ("아이디 추가 신청서에 사업자 인감(등록된 도장: 개인은 개인인감, 법인은 법인인감)을 날인하세요. "
                 "날인이 없거나 인감증명서와 다르면 접수되지 않을 수 있습니다.")


@dataclass
class Built:
    names: list[str]
    files: list[FileEntry]
    pages: int
    password: str | None
    warnings: list[str] = field(default_factory=list)


def describe(folder: Path, name: str, title: str) -> FileEntry:
    return file_entries(folder, [name], {name: title})[0]


def _pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _form(tmp: Path, number: int, record: MerchantRecord, spec: DocumentSpec, form: tuple[Path, Path] | None,
          today: dt.date) -> tuple[str, str]:
    """The generated document ``spec`` (the application form): ``form`` when made already, else its generator."""
    stem = f"{number:02d}_{spec.id}"
    docx, pdf = tmp / f"{stem}.docx", tmp / f"{stem}.pdf"
    title = spec.title
    if form is not None:
        shutil.copyfile(form[0], docx)
        src_pdf = form[1]
    else:
        from pgdocs.rulebook.hooks import form_filler

        if spec.form is None:  # pragma: no cover - the rulebook refuses a generated document without a generator
            raise ExternalToolError("FORM_PDF_MISSING", f"{title}: 만들 서식이 규칙집에 없습니다.")
        res = form_filler(spec.form)(record, docx, pdf=True, today=today)
        if res.pdf is None:
            raise ExternalToolError("FORM_PDF_MISSING", "신청서 PDF가 만들어지지 않았습니다.")
        src_pdf = res.pdf
    titled = tmp / f".{stem}.titled.pdf"
    set_title(src_pdf, titled, title)
    os.replace(titled, pdf)
    if src_pdf.parent == tmp and src_pdf.name != pdf.name:
        src_pdf.unlink(missing_ok=True)
    return docx.name, pdf.name


def _sender_lines(record: MerchantRecord) -> list[str]:
    b = record.business
    lines = [f"{b.business_name} (사업자등록번호 {format_brn(b.business_number)})", f"대표자 {b.representative}"]
    if b.address:
        lines.append(f"({b.postal_code}) {b.address}" if b.postal_code else b.address)
    if b.phone:
        lines.append(f"전화 {b.phone}")
    return lines


def _request(record: MerchantRecord, case: Case) -> str:
    acct = record.pg_account
    parts = [f"{case.pg_name} 가맹점 아이디(MID) 추가 신청 — 아임웹(Imweb) 호스팅 사이트용 (ID 추가)"]
    if record.site_url:
        parts.append(f"신청 사이트 주소: {record.site_url}")
    if acct and acct.existing_mid:
        parts.append(f"기존 MID: {acct.existing_mid}")
    if acct and acct.payment_methods:
        parts.append("결제수단: " + ", ".join(PAYMENT_METHODS[m] for m in acct.payment_methods))
    return "\n".join(parts)


@dataclass(frozen=True)
class Order:
    """What to put in the packet folder: the merchant, the case, the channel and the documents already checked."""

    record: MerchantRecord
    case: Case
    channel: str
    specs: list[DocumentSpec]
    docs: dict[str, DocumentFile]
    form: tuple[Path, Path] | None  #: the application form made already (.docx, .pdf), else made here
    today: dt.date
    encrypt: bool
    label_sheet: str
    label_start: int
    checks: dict[str, DocCheck]


@dataclass
class _Placed:
    """The numbered documents as written: file names, titles, PDF parts, cover lines, e-mail attachments."""

    names: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    items: list[CoverItem] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    attached: list[DocumentSpec] = field(default_factory=list)


def _convert_images(tmp: Path, specs: list[DocumentSpec], docs: dict[str, DocumentFile],
                    pool: ThreadPoolExecutor) -> dict[str, tuple[str, Future[ImagePages]]]:
    """Start every image → A4 conversion (Pillow releases the GIL: two cores work at once)."""
    jobs: dict[str, tuple[str, Future[ImagePages]]] = {}
    number = 0
    for spec in specs:
        if spec.generated or spec.id in docs:
            number += 1
        if spec.id in docs and not docs[spec.id].is_pdf:
            pdf = f"{number:02d}_{spec.id}.pdf"
            jobs[spec.id] = (pdf, pool.submit(image_to_pdf, docs[spec.id].path, tmp / pdf, title=spec.title))
    return jobs


def write_contents(tmp: Path, order: Order, probe: PdfProbe) -> Built:
    with ThreadPoolExecutor(max_workers=IMAGE_THREADS) as pool:
        jobs = _convert_images(tmp, order.specs, order.docs, pool)
        try:
            probe.finish()  # meanwhile: the child process vets the merchant's PDFs
        except BaseException:
            for _, fut in jobs.values():
                fut.cancel()
            raise
        placed = _place_documents(tmp, order, jobs)
        if order.channel == "email":  # before the cover and the merge: fail early, nothing is kept anyway
            check_budget(placed.attachments, order.case.attachment_budget_bytes)
        return _write_rest(tmp, order, placed)


def _place_documents(tmp: Path, order: Order, jobs: dict[str, tuple[str, Future[ImagePages]]]) -> _Placed:
    """Every document in checklist order, numbered: the generated form, then the merchant's files as A4 PDFs."""
    out = _Placed()
    number = 0
    for spec in order.specs:
        if spec.generated and spec.id not in order.docs:
            number += 1
            docx, pdf = _form(tmp, number, order.record, spec, order.form, order.today)
            out.names += [docx, pdf]
            out.titles[docx] = out.titles[pdf] = spec.title
            pages = _pdf_pages(tmp / pdf)
            status, reasons = "generated", []
        elif spec.id in order.docs:
            number += 1
            doc = order.docs[spec.id]
            pdf = f"{number:02d}_{spec.id}.pdf"
            if doc.is_pdf:
                pages = set_title(doc.path, tmp / pdf, spec.title)
            else:
                pdf, job = jobs[spec.id]
                pages = job.result().pages
            out.names.append(pdf)
            out.titles[pdf] = spec.title
            check = order.checks.get(spec.id)
            status = "signed" if spec.generated else check["verdict"] if check is not None else "unchecked"
            reasons = list(check["reasons"]) if check is not None and status in ("review", "unchecked") else []
        else:
            continue  # an optional document that was not supplied
        out.parts.append(Part(spec.title, tmp / pdf))
        out.items.append(CoverItem(number, spec.title, pdf, pages, status, reasons))
        out.attachments.append(Attachment(tmp / pdf, f"{spec.title}.pdf", pdf))
        out.attached.append(spec)
    return out


def _cover_notes(order: Order, items: list[CoverItem]) -> list[str]:
    notes = list(order.case.notes)
    if any(i.status == "review" for i in items):
        notes.insert(0, "자동 대조에서 '확인 필요'로 표시된 서류가 있습니다. 보내기 전에 눈으로 확인하세요.")
    if any(i.status == "unchecked" for i in items):
        notes.append("'미검사' 서류는 사업자등록증·통장 사본 자동 대조를 하지 않았습니다.")
    if "representative_id" in order.docs:
        notes.append("신분증 사본은 주민등록번호 뒷자리를 가리고 제출하세요.")
    if any(not s.confirmed for s in order.specs if s.id in order.docs):
        notes.append("일부 추가 서류는 아임웹 도움말 본문에 없는 후보 목록에 따른 것입니다 (요구 여부 미확정).")
    return notes


def _write_cover(tmp: Path, order: Order, items: list[CoverItem]) -> list[str]:
    """``00_cover.pdf`` (it goes to the PG: the case in words; rule ids and sources stay in manifest.json);
    the characters the font could not print, if any."""
    record, case, rec = order.record, order.case, order.case.recipient
    channel_text = ("우편" if order.channel == "post" else
                    f"이메일 ({rec.email})" if rec and rec.email else "이메일")
    info = CoverInfo(
        heading=f"{case.pg_name} 아이디(MID) 추가 신청 서류",
        request=_request(record, case),
        channel_text=channel_text,
        recipient_lines=[rec.inline] if rec else [case.pg_name],
        sender_lines=_sender_lines(record),
        case_lines=[case.title],
        items=items,
        contact_line=contact_line(record),
        seal_reminder=SEAL_REMINDER if any(i.status == "generated" for i in items) else "",
        notes=_cover_notes(order, items),
        date=order.today,
    )
    unprintable = make_printable(info)
    render_cover(info, tmp / COVER, title=f"{case.pg_name} 아이디 추가 신청 — 표지 ({record.business.business_name})")
    return unprintable


def _write_rest(tmp: Path, order: Order, placed: _Placed) -> Built:
    record, case = order.record, order.case
    names, titles = placed.names, placed.titles
    unprintable = _write_cover(tmp, order, placed.items)
    titles[COVER] = "표지"
    names.insert(0, COVER)

    packet_title = f"{case.pg_name} 아이디 추가 신청 서류 — {record.business.business_name}"
    merged = merge_parts([Part("표지", tmp / COVER), *placed.parts], tmp / PACKET, title=packet_title,
                         subject=f"{case.title} ({case.case_id})",
                         author=record.business.business_name,
                         keywords=f"pgdocs; {case.case_id}; 규칙집 {case.rule_version}", encrypt=order.encrypt)
    names.append(PACKET)
    titles[PACKET] = packet_title

    if case.recipient is not None:
        from pgdocs.labels import recipient_entry, render_labels

        render_labels([recipient_entry(case)], tmp / LABELS, sheet=order.label_sheet, start=order.label_start)
        names.append(LABELS)
        titles[LABELS] = "주소 라벨"

    if order.channel == "email":
        _email(tmp, record, case, placed.attachments, placed.attached)
        names.append(EML)
        titles[EML] = "이메일 초안"

    files = file_entries(tmp, names, titles)
    write_manifest(tmp, record=record, files=files, extra={
        "rulebook_version": case.rule_version,
        "case": {"id": case.case_id, "title": case.title, "source": case.source},
        "channel": order.channel,
        "encrypted": order.encrypt,
        "documents": [{"number": i.number, "title": i.title, "file": i.filename, "pages": i.pages,
                       "check": i.status, "reasons": i.reasons,
                       "source_file": shown_name(order.docs[s].path) if (s := _id_of(i.filename)) in order.docs
                       else None}
                      for i in placed.items],
        "checks": order.checks,
    })
    names.append("manifest.json")
    files.append(describe(tmp, "manifest.json", "목록(manifest)"))
    return Built(names, files, merged.pages, merged.password, [glyph_note(unprintable)] if unprintable else [])


def _id_of(filename: str) -> str:
    stem = Path(filename).stem
    return stem.split("_", 1)[1] if "_" in stem else stem


def _email(tmp: Path, record: MerchantRecord, case: Case, attachments: list[Attachment],
           attached: list[DocumentSpec]) -> None:
    draft = submission_email(record, case, attached)
    b = record.business
    m = record.manager
    from_addr = (m.email if m and m.email else None) or (
        record.representative_contact.email if record.representative_contact else None)
    msg = build_message(to_addr=draft.to_addr, to_name=draft.to_name, from_addr=from_addr, from_name=b.business_name,
                        subject=draft.subject, body=draft.body, attachments=attachments,
                        domain=from_addr.rpartition("@")[2] if from_addr else "pgdocs.invalid")
    write_eml(msg, tmp / EML)
