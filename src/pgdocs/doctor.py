"""``pgdocs doctor``: what system pieces are there, their versions, and how to install what is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TypedDict

from pgdocs.errors import MissingDependencyError
from pgdocs.resources import font_path

APT_HINT = "sudo apt-get install {pkg}  (또는 저장소에서 make setup)"


class CheckDict(TypedDict):
    """:meth:`Check.to_dict`."""

    name: str
    ok: bool
    version: str | None
    detail: str
    hint: str | None
    required: bool


class _Probe(TypedDict):
    """What :func:`_probe_here` sends back from a worker: plain data, whatever pgdocs version the worker has."""

    host: str
    checks: list[CheckDict]


@dataclass
class Check:
    name: str
    ok: bool
    version: str | None
    detail: str
    hint: str | None
    required: bool = True

    def to_dict(self) -> CheckDict:
        return {"name": self.name, "ok": self.ok, "version": self.version, "detail": self.detail, "hint": self.hint,
                "required": self.required}


def _run(argv: list[str], timeout: float = 20) -> str | None:
    exe = shutil.which(argv[0])
    if exe is None:
        return None
    try:
        proc = subprocess.run([exe, *argv[1:]], capture_output=True, text=True, timeout=timeout, check=False,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (proc.stdout or "") + (proc.stderr or "")


def _first_version(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"\d+\.\d+(?:\.\d+)*", text)
    return m.group(0) if m else text.strip().splitlines()[0][:60]


def _resident_check(version: str) -> Check:
    """The library the program runs, kept loaded between reads (:mod:`pgdocs.ocr.resident`): optional, ~20 %
    faster; without it every read runs the program."""
    from pgdocs.ocr import resident

    why = "상주 OCR 엔진 (모델을 한 번만 읽어 더 빠름)"
    if resident.asked_for_program():
        return Check("tesseract:resident", False, None, f"{why}: 꺼짐 (PGDOCS_OCR_ENGINE=cli)", None, required=False)
    found = resident.resident_version(version)
    hint = "libtesseract5 (tesseract-ocr와 같은 버전) — 없으면 읽을 때마다 tesseract를 실행합니다"
    return Check("tesseract:resident", found is not None, found, why, None if found else hint, required=False)


def run_checks() -> list[Check]:
    checks: list[Check] = []
    tess = os.environ.get("PGDOCS_TESSERACT", "tesseract")
    out = _run([tess, "--version"])
    checks.append(Check("tesseract", out is not None, _first_version(out), "OCR 엔진",
                        None if out else APT_HINT.format(pkg="tesseract-ocr")))
    langs_out = _run([tess, "--list-langs"]) if out else None
    langs = set((langs_out or "").split())
    for lang, pkg, why in (
        ("kor", "tesseract-ocr-kor", "한국어 모델"),
        ("Hangul", "tesseract-ocr-script-hang", "한글 문자 모델 (라틴 문자 포함)"),
        ("osd", "tesseract-ocr-osd", "페이지 방향 판별"),
    ):
        present = lang in langs or f"script/{lang}" in langs
        checks.append(Check(f"tesseract:{lang}", present, None, why, None if present else APT_HINT.format(pkg=pkg),
                            required=lang != "osd"))
    if out and not os.environ.get("PGDOCS_TESSERACT"):
        checks.append(_resident_check(_first_version(out) or ""))
    soffice = os.environ.get("PGDOCS_SOFFICE", "soffice")
    out = _run([soffice, "--version"], timeout=60)
    checks.append(Check("libreoffice", out is not None, _first_version(out), "신청서 PDF 변환",
                        None if out else APT_HINT.format(pkg="libreoffice-writer-nogui")))
    for font in ("NanumGothic", "NanumGothicBold", "NanumMyeongjo"):
        try:
            p = font_path(font)
            checks.append(Check(f"font:{font}", True, None, str(p), None))
        except MissingDependencyError:
            checks.append(Check(f"font:{font}", False, None, "한글 글꼴", APT_HINT.format(pkg="fonts-nanum")))
    out = _run(["pdftoppm", "-v"])
    checks.append(Check("pdftoppm", out is not None, _first_version(out), "스캔 PDF 읽기 (poppler)",
                        None if out else APT_HINT.format(pkg="poppler-utils")))
    return checks


@dataclass
class WorkerReport:
    """The dependency probe as one Dask worker ran it."""

    address: str
    host: str
    checks: list[Check]

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if c.required and not c.ok]

    def to_dict(self) -> dict[str, object]:
        return {"address": self.address, "host": self.host, "ok": not self.missing,
                "checks": [c.to_dict() for c in self.checks]}


def _probe_here() -> _Probe:
    """Runs on a worker: its host name and its checks, as plain data."""
    import socket

    return {"host": socket.gethostname(), "checks": [c.to_dict() for c in run_checks()]}


def run_checks_on_cluster(scheduler: str) -> list[WorkerReport]:
    """The probe on every worker of the Dask cluster ``scheduler`` (``tcp://…`` or ``local:N``), by address."""
    from pgdocs.batch.executor import CONNECT_TIMEOUT, connect

    client, cluster = connect(scheduler)
    try:
        raw = client.run(_probe_here)
    finally:
        client.close(timeout=CONNECT_TIMEOUT)
        if cluster is not None:
            cluster.close(timeout=CONNECT_TIMEOUT)
    return [WorkerReport(addr, str(r["host"]), [Check(**c) for c in r["checks"]]) for addr, r in sorted(raw.items())]
