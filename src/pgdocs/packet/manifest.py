"""``manifest.json``: every file with SHA-256 and size, the rule applied, masked identifiers, check results."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict

from pgdocs.jsonio import Report
from pgdocs.mask import mask_account, mask_digits, mask_email, mask_phone
from pgdocs.record import MerchantRecord

MANIFEST_NAME = "manifest.json"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def mask_name(name: str) -> str:
    """``김하늘`` → ``김*늘``; ``이도`` → ``이*``."""
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def masked_identifiers(record: MerchantRecord) -> Report:
    """The record's identifiers, masked for a file that may be shared or logged."""
    b = record.business
    out: Report = {
        "pg": record.pg,
        "business_name": b.business_name,
        "business_number": mask_digits(b.business_number, keep_start=3, keep_end=2),
        "representative": mask_name(b.representative),
        "entity": b.entity,
    }
    if b.corporate_number:
        out["corporate_number"] = mask_digits(b.corporate_number, keep_start=6, keep_end=0)
    acct = record.settlement_account
    if acct and acct.number:
        out["settlement_account"] = {"bank": acct.bank, "number": mask_account(acct.number),
                                     "holder": mask_name(acct.holder) if acct.holder else None}
    mgr = record.manager
    if mgr:
        out["manager"] = {"name": mask_name(mgr.name) if mgr.name else None,
                          "phone": mask_phone(mgr.phone) if mgr.phone else None,
                          "email": mask_email(mgr.email) if mgr.email else None}
    if record.pg_account and record.pg_account.existing_mid:
        out["existing_mid"] = record.pg_account.existing_mid
    return out


#: a run of digits (with - or space inside) long enough to be an account, phone, 사업자/법인 번호
_LONG_NUMBER = re.compile(r"\d[\d\- ]*\d")
#: free text in the manifest that may quote personal numbers
_FREE_TEXT_KEYS = ("reasons", "source_file")


def mask_numbers(text: str) -> str:
    """Mask every number of 9 or more digits (accounts, phones, registration numbers); dates stay.

    Check reasons quote what OCR read ("읽은 값 '123456-01-234567'") and file names often hold
    the account number; the manifest is the file that may be shared or logged.

    >>> mask_numbers("계좌번호 확인 필요 (읽은 값 '123456-01-234567'), 개업일 2021-03-02")
    "계좌번호 확인 필요 (읽은 값 '******-**-**4567'), 개업일 2021-03-02"
    """
    def one(m: re.Match[str]) -> str:
        run = m.group()
        return mask_account(run) if sum(ch.isdigit() for ch in run) >= 9 else run

    return _LONG_NUMBER.sub(one, text)


def _masked(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return _masked_dict(value)
    if isinstance(value, list):
        return [_masked(v, key) for v in value]
    if isinstance(value, str) and key in _FREE_TEXT_KEYS:
        return mask_numbers(value)
    return value


def _masked_dict(value: Mapping[str, object]) -> Report:
    return {k: _masked(v, k) for k, v in value.items()}


#: names in packet.zip of the files that carry no number (the merchant downloads the zip: Korean names)
ZIP_FIXED = {"packet.pdf": "전체 묶음 (인쇄용).pdf", "labels.pdf": "주소 라벨.pdf", "submission.eml": "이메일 초안.eml",
             "manifest.json": "manifest.json"}
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\u200b-\u200f\u202a-\u202e]+')


def zip_name(name: str, title: str | None) -> str:
    """The file's name inside packet.zip: ``01_id_add_form.pdf`` titled 아이디 추가 신청서 → ``01_아이디 추가
    신청서.pdf``. The folder keeps ASCII names (scripts, support staff); the zip is what a merchant opens.

    >>> zip_name("02_bankbook.pdf", "통장 사본"), zip_name("labels.pdf", "주소 라벨")
    ('02_통장 사본.pdf', '주소 라벨.pdf')
    """
    if name in ZIP_FIXED:
        return ZIP_FIXED[name]
    m = re.fullmatch(r"(\d{2})_[^.]*(\.[A-Za-z]+)", name)
    if m is None or not title:
        return name
    clean = " ".join(_NOT_IN_NAMES.sub(" ", unicodedata.normalize("NFC", title)).split())[:60].strip(" .")
    return f"{m.group(1)}_{clean}{m.group(2)}" if clean else name


class FileEntry(TypedDict):
    """One file of the packet folder, as the manifest and ``packet --format json`` list it."""

    name: str
    title: str | None
    in_zip: str  #: its name inside packet.zip
    size: int
    sha256: str


def file_entries(folder: Path, names: list[str], titles: dict[str, str]) -> list[FileEntry]:
    return [
        {"name": n, "title": titles.get(n), "in_zip": zip_name(n, titles.get(n)), "size": (folder / n).stat().st_size,
         "sha256": sha256_file(folder / n)}
        for n in names
    ]


def write_manifest(folder: Path, *, record: MerchantRecord, files: list[FileEntry],
                   extra: Mapping[str, object]) -> Path:
    from pgdocs import __version__

    data: Report = {
        "format": "pgdocs.packet/1",
        "pgdocs_version": __version__,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **_masked_dict(extra),
        "merchant": masked_identifiers(record),
        "files": files,
    }
    out = folder / MANIFEST_NAME
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return out
