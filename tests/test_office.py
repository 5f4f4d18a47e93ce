"""pgdocs.office without LibreOffice: argument checks, fake soffice faults, the core-properties fix.

The real LibreOffice path is in ``test_forms_pdf.py`` (marked ``soffice``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import fakes
from pgdocs import office
from pgdocs.errors import ExitCode, ExternalToolError, InputError, MissingDependencyError


def _one_page_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfWriter

    path = tmp_path / "one-page.pdf"
    w = PdfWriter()
    w.add_blank_page(595, 842)
    with path.open("wb") as fh:
        w.write(fh)
    return path


@pytest.fixture
def docx_in(tmp_path: Path) -> Path:
    p = tmp_path / "입력 서식.docx"
    d = docx.Document()
    d.add_paragraph("가상 신청서")
    d.save(str(p))
    return p


def test_timeout_is_a_clear_error_and_leaves_nothing(tmp_path: Path, docx_in: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(office.SOFFICE_ENV, str(fakes.soffice(tmp_path, "sleep 30")))
    out = tmp_path / "out"
    with pytest.raises(ExternalToolError) as ei:
        office.to_pdf([docx_in], out, timeout=1)
    assert ei.value.code == "SOFFICE_TIMEOUT"
    assert ei.value.exit_code == ExitCode.USAGE
    assert "초" in ei.value.message
    assert not (out / "입력 서식.pdf").exists()
    assert office.profile_dir().is_dir()  # a fresh profile for the next run


def test_exit_zero_without_output_is_an_error(tmp_path: Path, docx_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(office.SOFFICE_ENV, str(fakes.soffice(tmp_path, 'echo "convert nothing"; exit 0')))
    with pytest.raises(ExternalToolError) as ei:
        office.to_pdf([docx_in], tmp_path / "out")
    assert ei.value.code == "SOFFICE_NO_OUTPUT"
    assert "입력 서식.docx" in ei.value.message
    assert not (tmp_path / "out" / "입력 서식.pdf").exists()


def test_nonzero_exit_without_output(tmp_path: Path, docx_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fakes.soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    monkeypatch.setenv(office.SOFFICE_ENV, str(fake))
    with pytest.raises(ExternalToolError) as ei:
        office.to_pdf([docx_in], tmp_path / "out")
    assert ei.value.code == "SOFFICE_FAILED"
    assert "could not be loaded" in ei.value.message


def test_fake_that_writes_output_gets_argv_and_isolated_profile(tmp_path: Path, docx_in: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # A fake that behaves like soffice: writes <stem>.pdf into --outdir and logs its argv.
    log = tmp_path / "argv.txt"
    body = (
        f'printf "%s\\n" "$@" > "{log}"\n'
        'while [ $# -gt 0 ]; do case "$1" in --outdir) shift; out="$1";; *.docx) f="$1";; esac; shift; done\n'
        f'b=$(basename "$f" .docx); cp "{_one_page_pdf(tmp_path)}" "$out/$b.pdf"; echo "convert $f -> $out/$b.pdf"'
    )
    monkeypatch.setenv(office.SOFFICE_ENV, str(fakes.soffice(tmp_path, body)))
    [pdf] = office.to_pdf([docx_in], tmp_path / "out")
    assert pdf == tmp_path / "out" / "입력 서식.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    argv = log.read_text(encoding="utf-8").splitlines()
    assert argv[0].startswith("-env:UserInstallation=file:///")
    assert Path(argv[0].split("file://", 1)[1]) == office.profile_dir()
    assert "--headless" in argv and "--convert-to" in argv
    assert all(not a.endswith("입력 서식.docx") for a in argv), "inputs are staged under neutral names"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("printf 'not a pdf' > \"$out/$b.pdf\"", id="text"),
        pytest.param("printf '%%PDF-1.4 truncated' > \"$out/$b.pdf\"", id="pdf-header-only"),
        pytest.param("printf '\\x89PNG\\r\\n' > \"$out/$b.pdf\"", id="png"),
    ],
)
def test_output_that_is_not_a_readable_pdf_is_refused(tmp_path: Path, docx_in: Path, monkeypatch: pytest.MonkeyPatch,
                                                      content: str) -> None:
    body = ('while [ $# -gt 0 ]; do case "$1" in --outdir) shift; out="$1";; *.docx) f="$1";; esac; shift; done\n'
            f'b=$(basename "$f" .docx); {content}')
    monkeypatch.setenv(office.SOFFICE_ENV, str(fakes.soffice(tmp_path, body)))
    with pytest.raises(ExternalToolError) as ei:
        office.to_pdf([docx_in], tmp_path / "out")
    assert ei.value.code == "SOFFICE_BAD_OUTPUT" and "입력 서식.docx" in ei.value.message
    assert not (tmp_path / "out" / "입력 서식.pdf").exists()


def test_missing_soffice_override(monkeypatch: pytest.MonkeyPatch, docx_in: Path) -> None:
    monkeypatch.setenv(office.SOFFICE_ENV, "/nonexistent/soffice")
    with pytest.raises(MissingDependencyError) as ei:
        office.to_pdf([docx_in])
    assert ei.value.code == "SOFFICE_MISSING"
    assert ei.value.exit_code == ExitCode.MISSING_DEPENDENCY
    assert "apt-get install libreoffice-writer-nogui" in (ei.value.hint or "")


def test_missing_soffice_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(office.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(office, "_CANDIDATES", ("pgdocs-no-such-soffice",))
    with pytest.raises(MissingDependencyError) as ei:
        office.find_soffice()
    assert ei.value.code == "SOFFICE_MISSING"


@pytest.mark.parametrize(
    ("names", "code"),
    [
        pytest.param(["없는파일.docx"], "CONVERT_INPUT_MISSING", id="missing"),
        pytest.param(["notes.txt"], "CONVERT_INPUT_TYPE", id="wrong-type"),
    ],
)
def test_bad_inputs(tmp_path: Path, names: list[str], code: str) -> None:
    paths = []
    for n in names:
        p = tmp_path / n
        if n.endswith(".txt"):
            p.write_text("x", encoding="utf-8")
        paths.append(p)
    with pytest.raises(InputError) as ei:
        office.to_pdf(paths, tmp_path)
    assert ei.value.code == code


def test_same_stem_into_one_folder_is_refused(tmp_path: Path, docx_in: Path) -> None:
    other = tmp_path / "b" / docx_in.name
    other.parent.mkdir()
    other.write_bytes(docx_in.read_bytes())
    with pytest.raises(InputError) as ei:
        office.to_pdf([docx_in, other], tmp_path / "out")
    assert ei.value.code == "CONVERT_NAME_CLASH"


def test_empty_list_runs_nothing() -> None:
    assert office.to_pdf([]) == []


def test_profile_is_cached_per_process() -> None:
    assert office.profile_dir() == office.profile_dir()
    assert office.profile_dir().is_dir()


def _lo_style_docx() -> bytes:
    buf = io.BytesIO()
    docx.Document().save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "_rels/.rels":
                body = body.replace(office.STD_CORE_REL, office.LO_CORE_REL)
            z.writestr(info, body)
    return out.getvalue()


def test_core_properties_fix_rewrites_the_relationship_type() -> None:
    fixed = office.fix_core_properties_bytes(_lo_style_docx())
    rels = zipfile.ZipFile(io.BytesIO(fixed)).read("_rels/.rels")
    assert office.STD_CORE_REL in rels and office.LO_CORE_REL not in rels
    saved = io.BytesIO()
    docx.Document(io.BytesIO(fixed)).save(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert len(names) == len(set(names))
    assert names.count("docProps/core.xml") == 1


def test_core_properties_fix_drops_duplicate_members() -> None:
    src = _lo_style_docx()
    dup = io.BytesIO(src)
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(dup, "a") as z:
        z.writestr("docProps/core.xml", b"<dup/>")
    fixed = office.fix_core_properties_bytes(dup.getvalue())
    names = zipfile.ZipFile(io.BytesIO(fixed)).namelist()
    assert len(names) == len(set(names))


def test_core_properties_fix_is_a_no_op_on_clean_files() -> None:
    buf = io.BytesIO()
    docx.Document().save(buf)
    data = buf.getvalue()
    assert office.fix_core_properties_bytes(data) is data


def test_core_properties_fix_refuses_non_zip() -> None:
    with pytest.raises(InputError) as ei:
        office.fix_core_properties_bytes(b"not a zip")
    assert ei.value.code == "DOCX_BAD_ZIP"


def test_fill_pdf_reports_a_bad_pdf_and_prints_no_success(tmp_path: Path) -> None:
    """``fill --pdf`` with a soffice that writes something that is not a PDF: code, exit 2, no "PDF:" line."""
    import json
    import os
    import subprocess
    import sys

    from forms_helpers import RECORD

    body = ('while [ $# -gt 0 ]; do case "$1" in --outdir) shift; out="$1";; *.docx) f="$1";; esac; shift; done\n'
            'b=$(basename "$f" .docx); printf "<html>not a pdf</html>" > "$out/$b.pdf"')
    rec = tmp_path / "record.json"
    rec.write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, **{office.SOFFICE_ENV: str(fakes.soffice(tmp_path, body))})
    res = subprocess.run([sys.executable, "-m", "pgdocs", "fill", "nicepay-id-add", str(rec), "-o",
                          str(tmp_path / "np.docx"), "--pdf", "--today", "2026-11-27"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert res.returncode == 2 and "[SOFFICE_BAD_OUTPUT]" in res.stderr, res.stdout + res.stderr
    assert "PDF:" not in res.stdout and "Traceback" not in res.stderr
    assert not (tmp_path / "np.pdf").exists()
