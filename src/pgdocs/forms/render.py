"""docxtpl, wrapped safely: autoescape always on, StrictUndefined, variables checked before writing.

docxtpl renders with autoescape off and lenient undefined variables by default; a
``&`` or ``<`` then corrupts the document and a missing value renders empty
(docs/forms.md#docxtpl). Every render in pgdocs goes through :func:`render_docx`.
Legacy ``.doc`` templates are converted once with LibreOffice, and LibreOffice-made
``.docx`` get their core-properties relationship fixed (§4.3).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from pgdocs.errors import FindingsError, InputError
from pgdocs.forms.safety import jinja_env, open_template, scan_template
from pgdocs.fsio import atomic_output_file
from pgdocs.text import nfc

log = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  #: legacy .doc and password-protected Office files


def read_docx_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a Word template as a clean .docx (``.doc`` converted; core properties fixed)."""
    from pgdocs import office

    p = Path(nfc(str(path)))
    if not p.exists():
        raise InputError("TEMPLATE_NOT_FOUND", f"서식 파일이 없습니다: {p}")
    if not p.is_file():
        raise InputError("TEMPLATE_NOT_FILE", f"서식 경로가 파일이 아닙니다: {p}")
    suffix = p.suffix.lower()
    if suffix not in (".docx", ".doc"):
        raise InputError("TEMPLATE_TYPE", f"서식은 Word 파일(.docx 또는 .doc)이어야 합니다: {p.name}")
    if p.stat().st_size > MAX_TEMPLATE_BYTES:
        raise InputError("TEMPLATE_TOO_LARGE", f"서식 파일이 너무 큽니다: {p.name}")
    if suffix == ".doc":
        with tempfile.TemporaryDirectory(prefix="pgdocs-doc-") as tmp:
            converted = office.doc_to_docx(p, tmp)
            data = converted.read_bytes()
    else:
        data = p.read_bytes()
    if data.startswith(OLE_MAGIC):
        raise InputError(
            "TEMPLATE_BAD",
            f"서식 파일이 .docx 형식이 아닙니다 (암호가 걸린 Word 파일이거나 이름만 바꾼 .doc): {p.name}",
            hint="Word에서 암호를 풀고 'Word 문서(*.docx)'로 다시 저장하세요.",
        )
    try:
        return office.fix_core_properties_bytes(data)
    except InputError as exc:
        raise InputError("TEMPLATE_BAD", f"서식 파일을 열 수 없습니다 ({exc.message}): {p.name}") from None


def check_output(out: str | os.PathLike[str], *inputs: str | os.PathLike[str] | None) -> Path:
    """Refuse an output that is not a .docx, is a folder, or would overwrite an input."""
    target = Path(out)
    if target.suffix.lower() != ".docx":
        raise InputError("OUTPUT_SUFFIX", f"출력 파일은 .docx 여야 합니다: {target.name}")
    if target.is_dir():
        raise InputError("OUTPUT_IS_DIR", f"출력 경로가 폴더입니다: {target}",
                         hint="파일 이름까지 적어 주세요 (예: 신청서.docx).")
    for src in inputs:
        if src is not None and Path(src).exists() and target.exists() and target.resolve() == Path(src).resolve():
            raise InputError("OUTPUT_IS_INPUT", f"출력 파일이 입력 서식과 같습니다: {target.name}",
                             hint="원본 서식을 덮어쓰지 않도록 다른 이름을 지정하세요.")
    return target


class SavableDocument(Protocol):
    """A python-docx ``Document`` or a docxtpl ``DocxTemplate``: what :func:`save_docx` needs of it."""

    def save(self, path: str) -> None: ...


def save_docx(document: SavableDocument, target: Path) -> Path:
    """``document.save()`` (python-docx or docxtpl) into ``target`` atomically; OS errors → one Korean line."""
    try:
        with atomic_output_file(target) as tmp:
            document.save(str(tmp))
    except OSError as exc:
        raise InputError("OUTPUT_UNWRITABLE", f"신청서 파일을 쓸 수 없습니다: {target} ({exc.strerror or exc})",
                         hint="쓸 수 있는 다른 폴더나 파일 이름을 지정하세요.") from None
    return target


def write_docx_and_pdf(out: Path, write: Callable[[Path], object], *, pdf: bool,
                       timeout: float) -> Path | None:
    """``write(path)`` the .docx to ``out``; with ``pdf`` also ``<stem>.pdf`` beside it — both or neither.

    The .docx is first written and converted in a temporary folder beside ``out``, so a
    LibreOffice failure (missing, timeout, no output) leaves no lone .docx behind.
    """
    if not pdf:
        write(out)
        return None
    from pgdocs.office import to_pdf

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.stem}.", suffix=".part", dir=out.parent))
    except OSError as exc:
        raise InputError("OUTPUT_UNWRITABLE", f"신청서 파일을 쓸 수 없습니다: {out} ({exc.strerror or exc})",
                         hint="쓸 수 있는 다른 폴더나 파일 이름을 지정하세요.") from None
    try:
        tmp_docx = work / out.name
        write(tmp_docx)
        tmp_pdf = to_pdf([tmp_docx], work, timeout=timeout)[0]
        pdf_out = out.with_suffix(".pdf")
        os.replace(tmp_pdf, pdf_out)
        os.replace(tmp_docx, out)
        return pdf_out
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def refuse_unsafe(data: bytes) -> None:
    """Refuse a template with any tag beyond a placeholder (``TEMPLATE_UNSAFE``) before it is rendered.

    The sandbox would stop such a tag anyway; refusing first gives one clear line that says where it is.
    """
    issues = scan_template(data)
    syntax = [i for i in issues if i.code == "TEMPLATE_SYNTAX"]
    if syntax:
        first = syntax[0]
        raise InputError("TEMPLATE_SYNTAX",
                         f"서식의 {{{{ }}}} 태그 문법이 잘못되었습니다: {first.where} '{first.excerpt}'",
                         hint="Word에서 그 문단의 태그를 고친 뒤 다시 실행하세요.")
    if issues:
        first = issues[0]
        more = f" (이 밖에 {len(issues) - 1}건)" if len(issues) > 1 else ""
        raise InputError(
            "TEMPLATE_UNSAFE",
            f"서식에 값 자리표시가 아닌 태그가 있어 채우지 않았습니다: {first.where} '{first.excerpt}' "
            f"— {first.message}{more}",
            hint="서식에는 {{ business_name }} 같은 변수 자리만 쓸 수 있습니다. "
                 "'pgdocs template check 서식.docx'로 모든 곳을 확인하세요.",
            details={"issues": [i.to_dict() for i in issues]},
        )


def template_variables(source: str | os.PathLike[str] | bytes) -> set[str]:
    """Every variable a template uses (body, headers, footers)."""
    data = source if isinstance(source, bytes) else read_docx_bytes(source)
    return set(_variables(data))


@lru_cache(maxsize=16)
def _variables(data: bytes) -> frozenset[str]:
    # cached per template content: a batch of 20 forms parses the template's tags once
    tpl = open_template(data)
    try:
        return frozenset(tpl.get_undeclared_template_variables(jinja_env()))
    except Exception as exc:  # jinja2.TemplateSyntaxError and friends
        log.info("template syntax: %s", exc)
        raise InputError("TEMPLATE_SYNTAX", "서식의 {{ }} 태그 문법이 잘못되었습니다.",
                         hint="'pgdocs template check 서식.docx'로 잘못된 문단을 찾으세요.") from None


def render_docx(
    source: str | os.PathLike[str] | bytes,
    context: Mapping[str, object],
    out: str | os.PathLike[str],
    *,
    label: Callable[[str], str] = str,
) -> Path:
    """Render ``source`` with ``context`` into ``out`` atomically.

    Every template variable must be in ``context``; otherwise a :class:`FindingsError`
    (``FORM_MISSING_VALUES``) names them with ``label(var)`` and nothing is written.
    """
    data = source if isinstance(source, bytes) else read_docx_bytes(source)
    refuse_unsafe(data)
    needed = template_variables(data)
    missing = sorted(v for v in needed if context.get(v) is None)
    if missing:
        names = ", ".join(label(v) for v in missing)
        raise FindingsError(
            "FORM_MISSING_VALUES",
            f"신청서에 넣을 값이 없습니다: {names}",
            hint="가맹점 정보 파일에 위 항목을 채운 뒤 다시 실행하세요.",
            details={"missing": missing},
        )
    tpl = open_template(data)
    values = {k: (nfc(v) if isinstance(v, str) else v) for k, v in context.items()}
    try:
        tpl.render(values, jinja_env(), autoescape=True)
    except Exception as exc:
        raise InputError(
            "TEMPLATE_RENDER", f"서식을 채우지 못했습니다: {type(exc).__name__}: {exc}"
        ) from None
    target = Path(out)
    save_docx(tpl, target)
    log.info("rendered %s (%d variables)", target.name, len(needed))
    return target
