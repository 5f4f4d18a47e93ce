"""``pgdocs lint DIR``: check a folder tree of merchant submissions, as CI does on ``samples/``.

Each merchant folder holds ``record.json`` and its documents (like ``samples/<slug>/``). Four checks per
merchant, each one JUnit test case:

``record``        the record loads and :func:`pgdocs.validate.validate_record` finds no error;
``documents``     every document the rulebook case needs for this entity type is there and opens safely;
``certificate``   the 사업자등록증 matches the record (:func:`pgdocs.verify`, OCR);
``bankbook``      the 통장 사본 matches the record (:func:`pgdocs.verify`, OCR).

Statuses: passed, failure (a finding, or a document that does not match), review (OCR could not decide;
written as a JUnit failure of type ``review``), skipped (does not apply), error (the check could not run).
Exit code: 1 if any failure, else 3 if any review, else 4 if a check could not run for a missing program,
else 0.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pgdocs.errors import ExitCode, InputError, MissingDependencyError, PgdocsError
from pgdocs.findings import Severity
from pgdocs.junit import Case, Suite, write_junit
from pgdocs.text import nfc

if TYPE_CHECKING:
    from pgdocs.record import Business, MerchantRecord

log = logging.getLogger(__name__)

RECORD_NAME = "record.json"
CHECKS: dict[str, str] = {
    "record": "가맹점 정보 검증",
    "documents": "필요 서류",
    "certificate": "사업자등록증 대조",
    "bankbook": "통장 사본 대조",
}
#: ``--registry`` adds this check (opt-in; not in CHECKS so a merchant without it is not "skipped" there)
REGISTRY_CHECK = "registry"
REGISTRY_TITLE = "국세청 등록 상태"
_OCR_KINDS: dict[str, tuple[str, Literal["business_registration", "bankbook"]]] = {
    "certificate": ("business_registration", "business_registration"),
    "bankbook": ("bankbook", "bankbook"),
}
MAX_DEPTH = 4


@dataclass
class CheckResult:
    check: str
    status: str = "passed"  #: passed | failure | review | skipped | error
    code: str = ""
    message: str = ""
    details: list[str] = field(default_factory=list)
    seconds: float = 0.0
    missing_dependency: bool = False

    @property
    def title(self) -> str:
        return REGISTRY_TITLE if self.check == REGISTRY_CHECK else CHECKS.get(self.check, self.check)


@dataclass
class MerchantLint:
    slug: str
    path: Path
    checks: list[CheckResult] = field(default_factory=list)
    pg: str | None = None
    case_id: str | None = None

    @property
    def status(self) -> str:
        order = ["skipped", "passed", "error", "review", "failure"]
        return max((c.status for c in self.checks), key=order.index, default="passed")


@dataclass
class LintResult:
    root: Path
    merchants: list[MerchantLint]

    @property
    def exit_code(self) -> int:
        statuses = [c for m in self.merchants for c in m.checks]
        if any(c.status == "failure" for c in statuses):
            return int(ExitCode.FINDINGS)
        if any(c.status == "review" for c in statuses):
            return int(ExitCode.REVIEW)
        if any(c.status == "error" and c.missing_dependency for c in statuses):
            return int(ExitCode.MISSING_DEPENDENCY)
        if any(c.status == "error" for c in statuses):
            return int(ExitCode.FINDINGS)
        return int(ExitCode.OK)

    def counts(self) -> dict[str, int]:
        out = {"passed": 0, "failure": 0, "review": 0, "skipped": 0, "error": 0}
        for m in self.merchants:
            for c in m.checks:
                out[c.status] += 1
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "root": str(self.root),
            "exit_code": self.exit_code,
            "counts": self.counts(),
            "merchants": [
                {"slug": m.slug, "path": str(m.path), "pg": m.pg, "case_id": m.case_id, "status": m.status,
                 "checks": [{k: v for k, v in asdict(c).items() if k != "missing_dependency"} | {"title": c.title}
                            for c in m.checks]}
                for m in self.merchants
            ],
        }

    def suites(self) -> list[Suite]:
        suites = []
        for m in self.merchants:
            suite = Suite(name=m.slug, properties={k: v for k, v in (("pg", m.pg), ("case", m.case_id)) if v})
            for c in m.checks:
                outcome = {"passed": "passed", "failure": "failure", "review": "failure", "skipped": "skipped",
                           "error": "error"}[c.status]
                kind = "review" if c.status == "review" else c.code
                suite.cases.append(Case(
                    classname=f"pgdocs.lint.{m.slug}", name=f"{c.check} ({c.title})", seconds=c.seconds,
                    outcome=outcome, message=c.message, type=kind, text="\n".join(c.details),
                    file=str(m.path / RECORD_NAME),
                ))
            suites.append(suite)
        return suites


def find_merchants(root: Path) -> list[Path]:
    """Merchant folders under ``root`` (``root`` itself when it holds a record), sorted; hidden folders skipped."""
    if (root / RECORD_NAME).is_file():
        return [root]
    found: list[Path] = []

    def walk(d: Path, depth: int) -> None:
        try:
            children = sorted(p for p in d.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
        except OSError:
            return
        for child in children:
            if (child / RECORD_NAME).is_file():
                found.append(child)
            elif depth < MAX_DEPTH and not child.is_symlink():
                walk(child, depth + 1)

    walk(root, 1)
    return found


def _timed(fn: Callable[[], CheckResult], check: str) -> CheckResult:
    """Run one check; an unexpected crash becomes that check's ``error``, never the whole lint's."""
    t0 = time.monotonic()
    try:
        res = fn()
    except Exception as exc:
        log.info("lint check %s crashed", check, exc_info=True)  # the traceback only with -v
        res = CheckResult(check, "error", "LINT_CHECK_CRASHED",
                          f"점검 중 예기치 못한 오류가 났습니다: {type(exc).__name__}: {exc}")
    res.seconds = time.monotonic() - t0
    return res


def _from_error(check: str, err: PgdocsError) -> CheckResult:
    details = err.details.get("errors") if isinstance(err.details, dict) else None
    status = "review" if int(err.exit_code) == int(ExitCode.REVIEW) else "failure"
    if isinstance(err, MissingDependencyError) or int(err.exit_code) == int(ExitCode.MISSING_DEPENDENCY):
        return CheckResult(check, "error", err.code, err.message, [err.hint] if err.hint else [],
                           missing_dependency=True)
    if int(err.exit_code) == int(ExitCode.USAGE) and check in _OCR_KINDS:
        status = "error"
    return CheckResult(check, status, err.code, err.message,
                       [str(d) for d in details] if isinstance(details, list) else ([err.hint] if err.hint else []))


def lint_merchant(folder: Path, *, root: Path | None = None, ocr: bool = True,
                  today: dt.date | None = None) -> MerchantLint:
    """Run every check on one merchant folder. Never raises for the merchant's own problems."""
    slug = nfc(folder.relative_to(root).as_posix() if root and folder != root else folder.name)
    ml = MerchantLint(slug, folder)
    record: MerchantRecord | None = None

    def check_record() -> CheckResult:
        nonlocal record
        from pgdocs.record import load_record
        from pgdocs.validate import validate_record

        try:
            record = load_record(folder / RECORD_NAME)
        except PgdocsError as err:
            return _from_error("record", err)
        ml.pg = record.pg
        found = validate_record(record, today=today)
        errors = [f for f in found if f.severity is Severity.ERROR]
        warnings = [f for f in found if f.severity is Severity.WARNING]
        lines = [f"[{f.code}] {f.message}" for f in errors + warnings]
        if errors:
            return CheckResult("record", "failure", errors[0].code,
                               f"오류 {len(errors)}건: " + "; ".join(f.message for f in errors[:3]), lines)
        return CheckResult("record", "passed", details=lines)

    ml.checks.append(_timed(check_record, "record"))
    if record is None:
        ml.checks.extend(CheckResult(c, "skipped", message="가맹점 정보를 읽지 못해 건너뜀") for c in CHECKS
                         if c != "record")
        return ml
    loaded: MerchantRecord = record
    ml.checks.append(_timed(lambda: _check_documents(ml, loaded, folder, today), "documents"))
    for check in ("certificate", "bankbook"):
        ml.checks.append(_timed(partial(_check_ocr, check, loaded, folder, ocr), check))
    return ml


def _check_documents(ml: MerchantLint, record: MerchantRecord, folder: Path, today: dt.date | None) -> CheckResult:
    from pgdocs.packet.build import locate_documents
    from pgdocs.rulebook import resolve_case

    try:
        case = resolve_case(record, today)
    except PgdocsError as err:
        return _from_error("documents", err)
    ml.case_id = case.case_id
    if not case.mail_channels:
        return CheckResult("documents", "skipped", message=f"{case.title}: 서류를 우편·이메일로 내지 않는 경우입니다.")
    specs = case.documents_for(record.business.entity)
    try:
        located = locate_documents(record, specs, folder, root=folder)
    except PgdocsError as err:
        return _from_error("documents", err)
    docs = located[0] if isinstance(located, tuple) else located  # (documents, probe) in newer packet versions
    return CheckResult("documents", "passed", details=[f"{d.title}: {d.path.name}" for d in docs.values()])


def _document(record: MerchantRecord, folder: Path, doc_id: str) -> Path | None:
    from pgdocs.packet.documents import discover

    paths = {k: p for k in record.documents if (p := record.document_path(k)) is not None}
    found = discover(paths, folder, [doc_id], root=folder)
    return found.found.get(doc_id)


def _check_ocr(check: str, record: MerchantRecord, folder: Path, ocr: bool) -> CheckResult:
    doc_id, kind = _OCR_KINDS[check]
    if not ocr:
        return CheckResult(check, "skipped", message="--no-ocr 로 건너뜀")
    try:
        path = _document(record, folder, doc_id)
    except PgdocsError as err:
        return _from_error(check, err)
    if path is None:
        return CheckResult(check, "skipped", message="서류가 없어 대조하지 않았습니다 (필요 서류 검사 참고).")
    try:
        from pgdocs.ocr.verify import verify
    except ImportError:
        return CheckResult(check, "error", "OCR_UNAVAILABLE", "이 설치에는 서류 대조(OCR) 기능이 없습니다.")
    try:
        res = verify(path, record, kind=kind)
    except PgdocsError as err:
        return _from_error(check, err)
    reasons = [str(r) for r in getattr(res, "reasons", [])]
    verdict = str(res.verdict)
    if getattr(res, "code", None) == "DOC_WRONG_KIND":
        return CheckResult(check, "failure", "DOC_WRONG_KIND", f"{path.name}: " + "; ".join(reasons), reasons)
    if verdict == "pass":
        return CheckResult(check, "passed", details=[f"{path.name}: 일치", *reasons])
    status = "review" if verdict == "review" else "failure"
    code = "CHECK_REVIEW" if status == "review" else "CHECK_MISMATCH"
    head = "사람이 확인해야 합니다" if status == "review" else "가맹점 정보와 다릅니다"
    return CheckResult(check, status, code, f"{path.name}: {head}: " + "; ".join(reasons[:3]), reasons)


def run_lint(root: str | Path, *, ocr: bool = True, jobs: int = 1, today: dt.date | None = None,
             junit: str | Path | None = None, registry: str | None = None) -> LintResult:
    """Lint every merchant under ``root``; write JUnit XML to ``junit`` when given.

    ``registry`` (``"status"`` / ``"validate"``, opt-in): one more check per merchant from the NTS registry, asked
    for all merchants together (100 numbers a call).
    """
    base = Path(nfc(str(root)))
    if not base.exists():
        raise InputError("LINT_DIR_NOT_FOUND", f"폴더가 없습니다: {base}")
    if not base.is_dir():
        raise InputError("LINT_NOT_DIR", f"폴더가 아닙니다: {base}", hint="가맹점 폴더들이 든 폴더를 지정하세요.")
    folders = find_merchants(base)
    if not folders:
        raise InputError("LINT_NO_RECORDS", f"{base} 아래에 {RECORD_NAME} 가 있는 가맹점 폴더가 없습니다.",
                         hint="samples/<이름>/record.json 처럼 가맹점마다 폴더를 만드세요.")
    if jobs > 1 and len(folders) > 1:
        from pgdocs.batch.executor import make_executor

        with make_executor(min(jobs, len(folders))) as ex:
            futs = [ex.submit(lint_merchant, f, root=base, ocr=ocr, today=today) for f in folders]
            merchants = [f.result() for f in futs]
    else:
        merchants = [lint_merchant(f, root=base, ocr=ocr, today=today) for f in folders]
    if registry:
        _check_registry(merchants, validate=registry == "validate")
    result = LintResult(base, merchants)
    if junit is not None:
        write_junit(junit, result.suites(), name="pgdocs lint")
    return result


def _check_registry(merchants: list[MerchantLint], *, validate: bool) -> None:
    """Append the registry check to every merchant whose record could be read."""
    from pgdocs.record import load_record
    from pgdocs.registry import check_businesses

    t0 = time.monotonic()
    asked: list[tuple[MerchantLint, Business]] = []
    for ml in merchants:
        try:
            asked.append((ml, load_record(ml.path / RECORD_NAME).business))
        except PgdocsError:
            ml.checks.append(CheckResult(REGISTRY_CHECK, "skipped", message="가맹점 정보를 읽지 못해 건너뜀"))
    results = check_businesses([b for _, b in asked], validate=validate)
    share = (time.monotonic() - t0) / max(1, len(asked))
    for (ml, _), found in zip(asked, results, strict=True):
        errors = [f for f in found if f.severity is Severity.ERROR]
        lines = [f"[{f.code}] {f.message}" for f in found]
        if errors:
            service = errors[0].code in ("NTS_UNREACHABLE", "NTS_BAD_REPLY")
            res = CheckResult(REGISTRY_CHECK, "error" if service else "failure", errors[0].code, errors[0].message,
                              lines)
        elif any(f.severity is Severity.WARNING for f in found):
            res = CheckResult(REGISTRY_CHECK, "review", found[-1].code, "; ".join(
                f.message for f in found if f.severity is Severity.WARNING), lines)
        else:
            res = CheckResult(REGISTRY_CHECK, "passed", details=lines)
        res.seconds = share
        ml.checks.append(res)
