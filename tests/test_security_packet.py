"""Hostile output folders for ``pgdocs packet`` (issue 14 items 7 and 11): ``--overwrite`` never deletes a file
its manifest does not list, and a temporary folder left by ``kill -9`` is removed by the next run after a day.

The merchant and its documents are fictional; the application form is a stand-in (no LibreOffice needed).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import docx
import pytest

from cli_runner import RunCli
from packet_helpers import blank_pdf, document_image, sample
from pgdocs.errors import InputError
from pgdocs.packet import build_packet
from pgdocs.record import MerchantRecord, record_from_dict

TODAY = dt.date(2026, 11, 27)
Run = RunCli


def _merchant(folder: Path) -> MerchantRecord:
    document_image(folder / "사업자등록증.png", ["사업자등록증 (가상)", "상호: 하늘공방"])
    document_image(folder / "통장사본.png", ["통장 사본 (가상)", "예금주 김하늘"])
    data = sample("nicepay-individual-within-1y")
    return record_from_dict(data, folder)


def _form(folder: Path) -> tuple[Path, Path]:
    d = docx.Document()
    d.add_paragraph("아이디 추가 신청서 (시험용 대역)")
    d.save(str(folder / "form.docx"))
    return folder / "form.docx", blank_pdf(folder / "form.pdf")


@pytest.fixture
def merchant(tmp_path: Path) -> tuple[MerchantRecord, tuple[Path, Path]]:
    src = tmp_path / "merchant"
    src.mkdir()
    return _merchant(src), _form(src)


def _build(rec: MerchantRecord, form: tuple[Path, Path], out: Path, **kw: object) -> None:
    build_packet(rec, out, check=False, today=TODAY, form=form, **kw)  # type: ignore[arg-type]


def test_overwrite_replaces_an_unchanged_packet(tmp_path: Path, merchant: tuple[MerchantRecord, tuple[Path, Path]]
                                                ) -> None:
    rec, form = merchant
    out = tmp_path / "out"
    _build(rec, form, out, zip_=True)
    first = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["created_at"]
    (out / ".DS_Store").write_bytes(b"\0")  # a file manager's droppings do not make it someone's folder
    _build(rec, form, out, overwrite=True, zip_=True)
    assert (out / "packet.pdf").is_file() and (out / "packet.zip").is_file()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["created_at"] >= first


@pytest.mark.parametrize(
    "intruder",
    [
        pytest.param("file", id="personal-file-beside-a-packet"),
        pytest.param("folder", id="subfolder"),
        pytest.param("symlink", id="listed-name-is-a-symlink"),
    ],
)
def test_overwrite_refuses_a_packet_with_unlisted_files(tmp_path: Path, intruder: str,
                                                         merchant: tuple[MerchantRecord, tuple[Path, Path]]) -> None:
    rec, form = merchant
    out = tmp_path / "out"
    _build(rec, form, out)
    precious = tmp_path / "precious.hwp"
    precious.write_bytes(b"merchant's own file")
    if intruder == "file":
        (out / "가족관계증명서.pdf").write_bytes(b"%PDF-1.4 personal")
    elif intruder == "folder":
        (out / "사진").mkdir()
        (out / "사진" / "a.jpg").write_bytes(b"personal")
    else:
        (out / "labels.pdf").unlink(missing_ok=True)
        (out / "00_cover.pdf").unlink()
        (out / "00_cover.pdf").symlink_to(precious)
    before = sorted(p.name for p in out.iterdir())
    with pytest.raises(InputError) as err:
        _build(rec, form, out, overwrite=True)
    assert err.value.code == "OUTPUT_NOT_PACKET"
    assert "아무것도 지우지 않았습니다" in (err.value.hint or "")
    assert sorted(p.name for p in out.iterdir()) == before
    assert precious.read_bytes() == b"merchant's own file"


def test_one_line_manifest_is_not_a_licence_to_delete(tmp_path: Path, run_cli: Run, samples_dir: Path) -> None:
    out = tmp_path / "내 서류"
    out.mkdir()
    (out / "manifest.json").write_text('{"format": "pgdocs.packet/1"}\n', encoding="utf-8")
    (out / "주민등록등본.pdf").write_bytes(b"%PDF-1.4 personal")
    r = run_cli("packet", samples_dir / "nicepay-individual-within-1y" / "record.json", "-o", out,
                "--overwrite", "--no-check")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "오류 [OUTPUT_NOT_PACKET]" in r.stderr and "Traceback" not in r.stderr
    assert (out / "주민등록등본.pdf").read_bytes() == b"%PDF-1.4 personal"


def test_stale_part_folders_are_removed_by_the_next_run(tmp_path: Path,
                                                       merchant: tuple[MerchantRecord, tuple[Path, Path]]) -> None:
    rec, form = merchant
    out = tmp_path / "out"
    stale = tmp_path / ".out.k9x2ab_q.part"  # what a kill -9 during a packet leaves behind
    young = tmp_path / ".out.running1.part"  # a run still going
    other = tmp_path / ".other.k9x2ab_q.part"  # another output's: not ours to touch
    for d in (stale, young, other):
        d.mkdir()
        document_image(d / "02_bankbook.png", ["통장 사본 (가상)"])
    two_days = time.time() - 2 * 24 * 3600
    for d in (stale, other):
        os.utime(d, (two_days, two_days))
    _build(rec, form, out)
    assert not stale.exists()
    assert young.is_dir() and other.is_dir()
    assert (out / "packet.pdf").is_file()


def test_business_number_is_formatted_on_the_cover_and_in_the_mail(tmp_path: Path) -> None:
    """Issue 13 item 12: a number typed as ten digits is shown as 000-00-00000 where the PG reads it."""
    import email
    from email import policy

    from pypdf import PdfReader

    src = tmp_path / "merchant"
    src.mkdir()
    rec = _merchant(src)
    rec.business.business_number = rec.business.business_number.replace("-", "")
    out = tmp_path / "out"
    build_packet(rec, out, check=False, today=TODAY, form=_form(src), channel="email")
    cover = "\n".join(p.extract_text() for p in PdfReader(out / "00_cover.pdf").pages)
    msg = email.message_from_bytes((out / "submission.eml").read_bytes(), policy=policy.default)
    assert "214-12-34567" in cover and "214-12-34567" in str(msg["Subject"])
    assert "2141234567" not in cover and "2141234567" not in str(msg["Subject"])
