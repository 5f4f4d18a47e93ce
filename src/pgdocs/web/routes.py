"""The four pages (plan, 사업자 정보, 서류 올리기, 받기), job status and downloads."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as BaseResponse

from pgdocs.errors import FindingsError, InputError, PgdocsError
from pgdocs.jsonio import JSONObject, Report, obj
from pgdocs.ocr.kind import kind_name
from pgdocs.ocr.result import WRONG_KIND, Kind
from pgdocs.web import fields
from pgdocs.web.jobs import Job
from pgdocs.web.model import (
    CHECKABLE,
    VERDICT_KO,
    as_dict,
    as_dicts,
    as_list,
    declared_basis,
    full_record,
    plan_view,
    situation_record,
    today,
    verify_view,
)
from pgdocs.web.people import for_people
from pgdocs.web.state import state
from pgdocs.web.uploads import ACCEPT, refuse, store_upload

log = logging.getLogger(__name__)
bp = Blueprint("web", __name__)


@bp.app_context_processor
def _check_words() -> dict[str, object]:
    """The one wording of check states for the templates (pgdocs.ocr.result)."""
    from pgdocs.ocr.result import CHECK_KO, STATUS_KO
    from pgdocs.web.state import human_size, idle_minutes

    return {"CHECK_KO": CHECK_KO, "STATUS_KO": STATUS_KO, "idle_minutes": idle_minutes, "human_size": human_size}

#: when each chat message of a case is sent (rulebook chat_stages)
_STAGE_WHEN = {"requested": "PG사에 신청한 뒤", "issued": "새 MID를 받은 뒤"}

DOWNLOADS = {
    "packet.zip": "application/zip",
    "packet.pdf": "application/pdf",
    "labels.pdf": "application/pdf",
    "submission.eml": "message/rfc822",
    "manifest.json": "application/json",
}


def _folder() -> Path:
    return state().store.folder(g.sid)


def _data() -> JSONObject:
    return state().store.record_data(g.sid)


def _save(data: Mapping[str, object]) -> None:
    state().store.save_record_data(g.sid, data)


def _record_errors(data: JSONObject) -> dict[str, list[str]]:
    try:
        full_record(data, _folder())
    except InputError as err:
        details = err.details if isinstance(err.details, dict) else {}
        return fields.schema_errors_by_field(list(details.get("errors") or [err.message]))
    return {}


# -- 1. 어떤 PG를 쓰시나요? -------------------------------------------------------------------
@bp.get("/")
def index() -> str:
    data = _data()
    view = plan_view(data, _folder())
    errors = {path: [view.error.message] for path in view.missing} if view.error else {}
    return render_template("plan.html", step=1, fields=fields.SITUATION, values=fields.form_values(data),
                           plan=view.plan, complete=view.complete, plan_error=view.error, errors=errors)


@bp.post("/")
def save_situation() -> BaseResponse | tuple[str, int]:
    data = fields.apply_form(_data(), request.form, fields.SITUATION)
    try:
        situation_record(data, _folder())  # refuses an unknown PG or a bad date with the record's message
    except InputError as err:
        # shown beside the field on this step, with what was typed kept: not an error page
        details = err.details if isinstance(err.details, dict) else {}
        errors = fields.schema_errors_by_field(list(details.get("errors") or [err.message]))
        on_page = {f.path for f in fields.SITUATION}
        if not set(errors) & on_page:
            raise
        return render_template("plan.html", step=1, fields=fields.SITUATION, values=fields.form_values(data),
                               plan=None, complete=False, plan_error=None, errors=errors), 422
    _save(data)
    return redirect(url_for("web.index") + "#plan", code=303)


# -- 2. 사업자 정보 ----------------------------------------------------------------------------
def _render_info(data: JSONObject, errors: dict[str, list[str]], findings: list[Report],
                 status: int = 200, saved: bool = False) -> tuple[str, int]:
    by_path: dict[str, list[str]] = {k: list(v) for k, v in errors.items()}
    notes: dict[str, list[tuple[str, str]]] = {}  # warnings and tips: shown beside the field, never in red
    for f in findings:
        for path in _fields_on_page(str(f["path"])):
            if f["severity"] == "error":
                by_path.setdefault(path, []).append(str(f["message"]))
            else:
                notes.setdefault(path, []).append((str(f["severity"]), str(f["message"])))
    on_page = {f.path for f in fields.RECORD_FIELDS}
    general = [m for path in list(by_path) if path not in on_page for m in by_path.pop(path)]
    general_notes = [m for path in list(notes) if path not in on_page for _, m in notes.pop(path)]
    return render_template("info.html", step=2, groups=_groups(data), values=fields.form_values(data),
                           errors=by_path, notes=notes, general=general, general_notes=general_notes,
                           findings=findings, saved=saved), status


def _fields_on_page(path: str) -> list[str]:
    """Where a finding is shown: its own field, or every field of the group it is about (``pg_account.toss_keys``:
    a test key pair is said beside each key, so leaving either field shows it)."""
    paths = [f.path for f in fields.RECORD_FIELDS]
    if path in paths:
        return [path]
    return [p for p in paths if p.startswith(path + ".")] or [path]


def _groups(data: JSONObject) -> tuple[tuple[str, tuple[fields.FormField, ...]], ...]:
    """The record form for this merchant: 제출 방법 offers only the ways the case's rule allows."""
    plan = plan_view(data, _folder()).plan
    channels = [str(c) for c in as_list(plan.get("channels")) if c in ("post", "email")] if plan else None
    return fields.groups_for(data, channels)


def _findings(data: JSONObject) -> list[Report]:
    from pgdocs.validate import validate_record

    try:
        rec = full_record(data, _folder())
    except InputError:
        return []
    return [dict(f.to_dict()) for f in validate_record(rec, today=today())]  # FindingDict, read as a plain dict


@bp.get("/info")
def info() -> tuple[str, int]:
    data = _data()
    return _render_info(data, {}, _findings(data) if data.get("business") else [],
                        saved=request.args.get("saved") == "1")


@bp.post("/registry")
def registry_check() -> tuple[str, int]:
    """Opt-in: ask the National Tax Service about this business (only when the merchant ticks the box)."""
    data = _data()
    if request.form.get("consent") != "1":
        raise InputError("NTS_NO_CONSENT", "국세청 조회는 상자에 체크해야 합니다.",
                         hint="보내는 정보를 읽고 체크해 주세요.")
    try:
        rec = full_record(data, _folder())
    except InputError as err:
        raise FindingsError("WEB_RECORD_INCOMPLETE", "국세청에 물어보려면 먼저 '사업자 정보'를 모두 입력해 주세요: "
                            + err.message, details={"status": 422}) from None
    from pgdocs.registry import check_record

    validate = request.form.get("validate") == "1"
    nts = [f.to_dict() for f in check_record(rec, validate=validate)]
    return render_template("info.html", step=2, groups=_groups(data), values=fields.form_values(data),
                           errors={}, notes={}, general=[], general_notes=[], findings=[], saved=False, nts=nts,
                           nts_validate=validate), 200


def _expired_since_last_page() -> bool:
    """The session expired while the merchant typed: either this request found it gone, or the page's check on
    leaving a field did (it then opened this fresh, empty session and said so in the page)."""
    if getattr(g, "expired", False):
        return True
    store = state().store
    if store.read(g.sid, "after-expiry.json") and not store.record_data(g.sid):
        store.write(g.sid, "after-expiry.json", {})
        return True
    return False


@bp.post("/info")
def save_info() -> BaseResponse | tuple[str, int]:
    if _expired_since_last_page():
        # the session expired while the merchant typed: keep what was typed, ask only for step 1 again
        _save(fields.prune(fields.apply_form({}, request.form, fields.RECORD_FIELDS)))
        return redirect(url_for("web.index", expired="kept"), code=303)
    data = fields.apply_form(_data(), request.form, fields.RECORD_FIELDS)
    _save(data)  # keep what was typed even when it is not complete yet
    errors = _record_errors(data)
    findings = _findings(data)
    if errors or any(f["severity"] == "error" for f in findings):
        return _render_info(data, errors, findings, status=422)
    return redirect(url_for("web.info", saved="1") + "#done", code=303)


@bp.post("/info/json")
def upload_record() -> BaseResponse:
    from pgdocs.record import load_record

    upload = request.files.get("record")
    raw = upload.read() if upload else b""
    if not raw:
        raise refuse("UPLOAD_EMPTY", "가맹점 정보 JSON 파일을 골라 주세요 (빈 파일입니다).", 400)
    tmp = _folder() / "upload-record.json"
    tmp.write_bytes(raw)
    try:
        rec = load_record(tmp)  # the CLI's loader: NOT_UTF8, BAD_JSON, SCHEMA … in Korean
    finally:
        tmp.unlink(missing_ok=True)
    data = rec.model_dump(mode="json", exclude_none=True)
    data.pop("documents", None)  # paths on the merchant's computer mean nothing here
    old_docs = _data().get("documents")
    if old_docs:
        data["documents"] = old_docs
    _save(fields.prune(data))
    return redirect(url_for("web.info", saved="1"), code=303)


@bp.post("/api/validate")
def api_validate() -> Response:
    """Validate the whole form as it stands; the page shows the messages of the field just left."""
    form = request.get_json(silent=True) if request.is_json else request.form
    if not isinstance(form, (dict, MultiDict)):
        raise InputError("BAD_REQUEST", "요청 형식이 맞지 않습니다.")
    if getattr(g, "expired", False):
        # the page sat idle past the limit: say so now; the save that follows keeps what was typed
        from pgdocs.web.state import idle_minutes

        state().store.write(g.sid, "after-expiry.json", {"expired": True})
        return jsonify({"expired": True, "fields": {}, "complete": False,
                        "message": f"{idle_minutes()}분 동안 쓰지 않아, 개인정보 보호를 위해 올린 파일과 고른 내용을 "
                                   "지웠습니다. 지금 입력한 내용은 '저장하고 확인'을 누르면 다시 넣어 둡니다."})
    data = fields.apply_form(_data(), form, fields.RECORD_FIELDS)
    errors = _record_errors(data)
    out: dict[str, list[dict[str, str]]] = {}
    for path, msgs in errors.items():
        out.setdefault(path, []).extend({"severity": "error", "code": "RECORD_SCHEMA", "message": for_people(m)}
                                        for m in msgs)
    for f in _findings(data):
        for path in _fields_on_page(str(f["path"])):
            out.setdefault(path, []).append(
                {"severity": str(f["severity"]), "code": str(f["code"]), "message": for_people(f["message"])})
    return jsonify({"fields": out, "complete": not errors})


# -- 3. 서류 올리기 ----------------------------------------------------------------------------
@bp.get("/docs")
def docs() -> str:
    return render_docs()


def render_docs(error: Mapping[str, object] | None = None) -> str:
    """The 서류 올리기 page; with ``error`` (code, message, hint) an upload that was refused is explained on the
    page itself, with its form, instead of an error page whose only way out is the first step."""
    data = _data()
    view = plan_view(data, _folder())
    uploaded = data.get("documents") or {}
    wanted = [d for d in as_dicts((view.plan or {}).get("documents")) if not d.get("generated")]
    if not wanted:
        wanted = [{"id": d, "title": t, "required": True} for d, t in
                  (("business_registration", "사업자등록증 사본"), ("bankbook", "통장 사본"))]
    return render_template("docs.html", step=3, wanted=wanted, uploaded=uploaded, accept=ACCEPT, plan_error=view.error,
                           checkable=CHECKABLE, checks=state().store.read(g.sid, "checks.json"), error=error,
                           stale=_stale_checks(data), max_bytes=int(current_app.config["MAX_CONTENT_LENGTH"]))


def _stale_checks(data: JSONObject) -> set[str]:
    """Documents checked against what 사업자 정보 said before the merchant changed it: their verdict is old."""
    basis = state().store.read(g.sid, "checked-with.json")
    now = declared_basis(data)
    checks = state().store.read(g.sid, "checks.json")
    return {d for d in checks if d in CHECKABLE and d in obj(data.get("documents")) and basis.get(d) != now}


def _blockers(data: JSONObject, plan: Report | None) -> list[tuple[str, str]]:
    """What stops the packet, said before the merchant presses the button: (sentence, where to fix it)."""
    from pgdocs.hangul import with_particle

    if not plan:
        return []
    uploaded = obj(data.get("documents"))
    checks = state().store.read(g.sid, "checks.json")
    stale = _stale_checks(data)
    docs_url = url_for("web.docs")
    out: list[tuple[str, str]] = []
    for d in as_dicts(plan.get("documents")):
        doc_id, title = str(d["id"]), str(d["title"])
        if d.get("generated"):
            continue
        if doc_id not in uploaded:
            if checks.get(doc_id) == "wrong_kind":
                out.append((f"{title} 칸에 다른 서류가 올라와 빼 두었습니다. 맞는 파일을 올려 주세요.",
                            f"{docs_url}#doc-{doc_id}"))
            elif d.get("required"):
                out.append((f"{with_particle(title, '을')} 아직 올리지 않았습니다.", f"{docs_url}#doc-{doc_id}"))
        elif doc_id in stale:
            out.append((f"사업자 정보를 바꾼 뒤 {with_particle(title, '을')} 다시 대조하지 않았습니다. "
                        "'올린 파일로 다시 대조하기'를 눌러 주세요.", f"{docs_url}#doc-{doc_id}"))
        elif checks.get(doc_id) == "fail":
            out.append((f"{title}의 내용이 입력한 사업자 정보와 다릅니다. 서류나 사업자 정보를 고쳐 주세요.",
                        f"{docs_url}#doc-{doc_id}"))
    return out


@bp.post("/docs")
def upload_doc() -> BaseResponse:
    doc_id = request.form.get("doc_id", "")
    from pgdocs.rulebook import load_rulebook

    if doc_id not in load_rulebook().documents:
        raise InputError("UPLOAD_UNKNOWN_DOCUMENT", "알 수 없는 서류 종류입니다.")
    upload = request.files.get("file")
    if upload is None:
        raise refuse("UPLOAD_MISSING", "올릴 파일을 골라 주세요.", 400)
    limit = int(current_app.config["MAX_CONTENT_LENGTH"])
    path = store_upload(_folder(), doc_id, upload.read(limit + 1), max_bytes=limit)
    data = _data()
    _documents(data)[doc_id] = path.name
    _save(data)
    _remember_name(doc_id, upload.filename)
    checks = state().store.read(g.sid, "checks.json")
    checks.pop(doc_id, None)
    state().store.write(g.sid, "checks.json", checks)
    if doc_id in CHECKABLE:
        return _start_verify(data, doc_id, path)
    return redirect(url_for("web.docs", ok=doc_id), code=303)


def _documents(data: JSONObject) -> JSONObject:
    """The record's uploaded documents (document id → file name in the session folder), made when missing."""
    docs = data.setdefault("documents", {})
    if not isinstance(docs, dict):
        raise TypeError("the session record's documents are not an object")
    return docs


def _remember_name(doc_id: str, filename: str | None) -> None:
    """The name the merchant knows the file by (the chat message names it; the folder uses fixed names)."""
    from pathlib import PureWindowsPath

    from pgdocs.packet.documents import shown_name

    names = state().store.read(g.sid, "upload-names.json")
    base = PureWindowsPath(filename or "").name  # a client may send a folder part (either slash)
    if base:
        names[doc_id] = shown_name(Path(base))[:80]
    else:
        names.pop(doc_id, None)
    state().store.write(g.sid, "upload-names.json", names)


def _sealed_form(plan: Report | None) -> dict[str, object] | None:
    """The generated form the merchant seals and scans, when the case may go by e-mail (else None)."""
    if not plan or "email" not in as_list(plan.get("channels")):
        return None
    return next((d for d in as_dicts(plan.get("documents")) if d.get("generated")), None)


@bp.post("/get/signed")
def upload_signed() -> BaseResponse:
    """The sealed, scanned application form (e-mail route): kept as the generated document's file, and the packet
    is made again with it when one was made already (the e-mail draft then attaches the scan)."""
    from pgdocs.rulebook import load_rulebook

    data = _data()
    plan = plan_view(data, _folder()).plan
    sealed = _sealed_form(plan)
    if sealed is None:
        raise refuse("UPLOAD_UNKNOWN_DOCUMENT", "이 경우에는 날인한 신청서를 올리지 않습니다.", 400)
    doc_id = str(sealed["id"])
    upload = request.files.get("file")
    if upload is None:
        raise refuse("UPLOAD_MISSING", "올릴 파일을 골라 주세요.", 400)
    limit = int(current_app.config["MAX_CONTENT_LENGTH"])
    path = store_upload(_folder(), doc_id, upload.read(limit + 1), max_bytes=limit)
    _documents(data)[doc_id] = path.name
    _save(data)
    log.info("sealed form uploaded (%s)", load_rulebook().documents[doc_id].title)
    options = state().store.read(g.sid, "packet-options.json")
    if options and (_folder() / "packet").is_dir() and not _blockers(data, plan):
        return _start_build(data, {**options, "channel": "email"})
    # kept; the packet is made when the merchant presses the button (받기 says what stops it, if anything)
    return redirect(url_for("web.get_page", signed="1") + "#signed", code=303)


@bp.post("/docs/recheck")
def recheck_doc() -> BaseResponse:
    """Check a document already uploaded again — after the merchant fixed 사업자 정보 — without uploading it again."""
    doc_id = request.form.get("doc_id", "")
    data = _data()
    name = obj(data.get("documents")).get(doc_id)
    path = _folder() / str(name) if name else None
    if doc_id not in CHECKABLE or path is None or not path.is_file():
        raise refuse("UPLOAD_MISSING", "다시 대조할 파일이 없습니다. 서류를 올려 주세요.", 400)
    return _start_verify(data, doc_id, path)


def _start_verify(data: JSONObject, doc_id: str, path: Path) -> BaseResponse:
    try:
        rec = full_record(data, _folder())
    except InputError as err:
        raise FindingsError("WEB_RECORD_INCOMPLETE", "파일은 올렸습니다. 서류와 대조하려면 먼저 '사업자 정보'를 "
                            "모두 입력해 주세요: " + err.message, hint="2단계 사업자 정보를 채운 뒤 다시 올려 주세요.",
                            details={"status": 422}) from None
    folder, sid, basis = _folder(), g.sid, declared_basis(data)
    annotated = folder / f"annotated-{doc_id}.png"
    store = state().store

    def work() -> Report:
        from pgdocs import verify

        kind: Kind = "bankbook" if doc_id == "bankbook" else "business_registration"  # doc_id is CHECKABLE
        res = verify(path, rec, kind=kind, annotate=annotated)
        result = res.to_dict()
        checks = store.read(sid, "checks.json")
        checks[doc_id] = res.verdict
        if res.code == WRONG_KIND:
            # another document (a bank book, a blank page …) in this slot: it must not reach the packet
            checks[doc_id] = "wrong_kind"
            record = store.record_data(sid)
            documents = obj(record.get("documents"))
            if documents.get(doc_id) == path.name:
                del documents[doc_id]
                store.save_record_data(sid, record)
            path.unlink(missing_ok=True)
        store.write(sid, "checks.json", checks)
        checked_with = store.read(sid, "checked-with.json")
        checked_with[doc_id] = basis
        store.write(sid, "checked-with.json", checked_with)
        return {"doc_id": doc_id, "verify": result, "annotated": annotated.is_file()}

    job = state().jobs.submit(g.sid, "verify", work)
    return redirect(url_for("web.job_page", job_id=job.id), code=303)


# -- jobs -------------------------------------------------------------------------------------
def _job(job_id: str) -> Job:
    job = state().jobs.get(g.sid, job_id)
    if job is None:
        abort(404)
    return job


@bp.get("/jobs/<job_id>")
def job_page(job_id: str) -> str:
    job = _job(job_id)
    from pgdocs.rulebook import load_rulebook

    ctx: dict[str, object] = {"job": job, "step": 3 if job.kind == "verify" else 4,
                           "poll": current_app.config["POLL_SECONDS"],
                           "titles": {k: d.title for k, d in load_rulebook().documents.items()}}
    if job.state == "done" and job.kind == "verify":
        res = as_dict(job.result["verify"])
        ctx.update(wrong_kind=res.get("code") == WRONG_KIND,
                   detected=kind_name(str(res.get("detected_kind") or "")),
                   rows=verify_view(res), verdict=res.get("verdict"),
                   verdict_ko=VERDICT_KO.get(str(res.get("verdict")), ""), reasons=res.get("reasons") or [],
                   doc_id=job.result["doc_id"], page_note=_page_note(res))
    return render_template("job.html", **ctx)


def _page_note(res: Mapping[str, object]) -> str | None:
    """Where in a PDF of several papers the document was found (:func:`pgdocs.ocr.kind.page_note`)."""
    from pgdocs.ocr.kind import found_page, page_note

    page = found_page(as_dict(res.get("quality")))
    return page_note(page, str(res.get("document"))) if page is not None else None


@bp.get("/api/jobs/<job_id>")
def job_status(job_id: str) -> Response:
    return jsonify(_job(job_id).to_dict())


@bp.get("/jobs/<job_id>/annotated.png")
def job_annotated(job_id: str) -> Response:
    job = _job(job_id)
    if job.kind != "verify" or job.state != "done":
        abort(404)
    path = _folder() / f"annotated-{job.result['doc_id']}.png"
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="image/png", max_age=0)


# -- 4. 받기 ----------------------------------------------------------------------------------
@bp.get("/get")
def get_page() -> str:
    return render_get()


def render_get(error: Mapping[str, object] | None = None) -> str:
    """The 받기 page; ``error`` explains a refused upload of the sealed form on the page itself."""
    from pgdocs.labels import list_sheets

    data = _data()
    view = plan_view(data, _folder())
    plan, complete = view.plan, view.complete
    chat, chat_error = None, None
    chats: list[tuple[str, str, str]] = []  # (id, when to send it, text) — every message of the case
    pg_texts: list[tuple[str, str, str]] = []  # (id, title, text) — the PG's own form values / e-mail to paste
    if complete:
        from pgdocs.chat import chat_message
        from pgdocs.forms.texts import build_text
        from pgdocs.rulebook import pg_of, resolve_case

        try:
            rec = full_record(data, _folder())
            case = resolve_case(rec, today())
            for stage in case.chat_stages or ():
                try:
                    names = state().store.read(g.sid, "upload-names.json")
                    body = chat_message(rec, stage=stage, today=today(),
                                        file_names={k: v for k, v in names.items() if isinstance(v, str)})
                except PgdocsError as err:
                    if not chats:  # the first message cannot be made: say why
                        raise
                    # a later message needs what the merchant does not have yet (the new MID)
                    body = f"({for_people(err.message)} 받은 뒤 '사업자 정보'에 적으면 이 메시지를 만들어 드립니다.)"
                chats.append((f"chat-{stage}", _STAGE_WHEN.get(stage, ""), body))
            chat = chats[0][2] if chats else None
        except PgdocsError as err:
            chat_error = err.message
        try:
            rec = full_record(data, _folder())
            case = resolve_case(rec, today())
            for spec in pg_of(rec.pg).texts if rec.pg else ():
                if spec.channel is None or spec.channel in case.channels:  # the e-mail text only where e-mail goes
                    pg_texts.append((spec.id, spec.title, build_text(spec.id, rec, today()).text))
        except PgdocsError as err:
            log.info("PG text not made: %s", err.code)
    built = sorted(n for n in DOWNLOADS if (_folder() / "packet" / n).is_file())
    return render_template("get.html", step=4, plan=plan, complete=complete, chat=chat, chat_error=chat_error,
                           chats=chats, pg_texts=pg_texts, blockers=_blockers(data, plan) if complete else [],
                           sealed=_sealed_form(plan) if complete else None,
                           plan_error=view.error, error=error, accept=ACCEPT,
                           max_bytes=int(current_app.config["MAX_CONTENT_LENGTH"]),
                           sheets=list_sheets(), built=built, uploaded=data.get("documents") or {})


def _label_args() -> tuple[str, int]:
    from pgdocs.labels import DEFAULT_SHEET, load_sheet

    sheet = load_sheet(request.form.get("sheet", DEFAULT_SHEET))  # LABEL_SHEET_UNKNOWN for anything else
    try:
        start = int(request.form.get("start", "1"))
    except ValueError:
        raise InputError("LABEL_BAD_START", "시작 위치는 숫자로 적어 주세요.") from None
    return sheet.code, start


@bp.post("/packet")
def build() -> BaseResponse:
    sheet, start = _label_args()
    options = {"channel": request.form.get("channel", "auto"), "check": request.form.get("check") == "1",
               "sheet": sheet, "start": start}
    return _start_build(_data(), options)


def _start_build(data: JSONObject, options: Mapping[str, object]) -> BaseResponse:
    rec = full_record(data, _folder())
    start = options["start"]
    if not isinstance(start, (int, str, float)):
        raise TypeError("packet options: start is not a number")
    channel, check, sheet, start = (str(options["channel"]), bool(options["check"]), str(options["sheet"]),
                                    int(start))
    from pgdocs.rulebook import choose_channel, resolve_case

    choose_channel(resolve_case(rec, today()), channel, rec)  # refuse a forbidden channel now, with the rule
    blockers = _blockers(data, plan_view(data, _folder()).plan)
    if blockers:  # the page says so before the button; a request sent anyway gets the same sentences
        raise FindingsError("WEB_PACKET_NOT_READY", "제출 묶음을 아직 만들 수 없습니다: "
                            + " ".join(text for text, _ in blockers), hint="4단계 받기 화면의 안내를 따라 주세요.",
                            details={"status": 409})
    out = _folder() / "packet"
    day = today()
    state().store.write(g.sid, "packet-options.json", options)  # a sealed scan uploaded later rebuilds the same way

    def work() -> Report:
        from pgdocs.packet import build_packet

        res = build_packet(rec, out, channel=channel, label_sheet=sheet, label_start=start, zip_=True,
                           check=check, overwrite=True, today=day)
        result = res.to_dict()
        result.pop("out", None)
        return result

    job = state().jobs.submit(g.sid, "packet", work)
    return redirect(url_for("web.job_page", job_id=job.id), code=303)


@bp.post("/labels")
def labels() -> Response:
    from pgdocs.labels import recipient_entry, render_labels

    sheet, start = _label_args()
    rec = situation_record(_data(), _folder())
    if rec is None:
        raise FindingsError("WEB_NO_PG", "먼저 1단계에서 PG사를 골라 주세요.")
    from pgdocs.rulebook import resolve_case

    entry = recipient_entry(resolve_case(rec, today()))
    out = _folder() / "labels-only.pdf"
    render_labels([entry], out, sheet=sheet, start=start)
    return send_file(out, mimetype="application/pdf", as_attachment=True, download_name="labels.pdf", max_age=0)


@bp.get("/download/<name>")
def download(name: str) -> Response:
    if name not in DOWNLOADS:
        abort(404)
    path = _folder() / "packet" / name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=DOWNLOADS[name], as_attachment=True, download_name=name, max_age=0)
