"""Per-session folders for uploads and the merchant's record, removed after a while and on shutdown.

A session is a random id (cookie) naming a folder under one temporary root. The record is kept
as ``record.json`` in that folder; uploads beside it under fixed ASCII names (never the
uploaded file's name). Nothing here logs personal data.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from pgdocs.fsio import atomic_write_text
from pgdocs.jsonio import JSONObject, JSONValue

log = logging.getLogger(__name__)

_SID = re.compile(r"^[A-Za-z0-9_-]{32}$")


class SessionStore:
    """Session folders under ``root`` (a fresh temporary folder by default)."""

    def __init__(self, root: str | Path | None = None, *, ttl_seconds: float = 3600.0) -> None:
        self._own_root = root is None
        self.root = Path(tempfile.mkdtemp(prefix="pgdocs-web-")) if root is None else Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.ttl = float(ttl_seconds)
        self._lock = threading.Lock()
        self._last_sweep = 0.0

    # -- sessions -------------------------------------------------------------------------
    def new(self) -> str:
        sid = secrets.token_urlsafe(24)  # 32 URL-safe characters
        (self.root / sid).mkdir(mode=0o700)
        return sid

    def valid(self, sid: str | None) -> bool:
        return bool(sid and _SID.match(sid) and (self.root / sid).is_dir())

    def folder(self, sid: str) -> Path:
        if not _SID.match(sid):
            raise ValueError("bad session id")
        return self.root / sid

    def touch(self, sid: str) -> None:
        with contextlib.suppress(OSError):
            self.folder(sid).touch()

    # -- the record -----------------------------------------------------------------------
    def record_data(self, sid: str) -> JSONObject:
        return self.read(sid, "record.json")

    def save_record_data(self, sid: str, data: Mapping[str, object]) -> None:
        self.write(sid, "record.json", data)

    def read(self, sid: str, name: str) -> JSONObject:
        """A JSON object kept in the session folder (``{}`` when absent or broken)."""
        p = self.folder(sid) / name
        try:
            data: JSONValue = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, sid: str, name: str, data: Mapping[str, object]) -> None:
        atomic_write_text(self.folder(sid) / name, json.dumps(data, ensure_ascii=False, indent=2))

    # -- expiry ---------------------------------------------------------------------------
    def sweep(self, *, now: float | None = None, force: bool = False) -> int:
        """Remove session folders idle longer than the TTL; at most once a minute unless ``force``."""
        now = time.time() if now is None else now
        with self._lock:
            if not force and now - self._last_sweep < 60:
                return 0
            self._last_sweep = now
        removed = 0
        for d in self.root.iterdir():
            try:
                if d.is_dir() and now - d.stat().st_mtime > self.ttl:
                    shutil.rmtree(d, ignore_errors=True)
                    removed += 1
            except OSError:
                continue
        if removed:
            log.info("removed %d expired upload session(s)", removed)
        return removed

    def close(self) -> None:
        """Delete every session folder (and the root when this store made it)."""
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)
        elif self.root.is_dir():
            for d in self.root.iterdir():
                if d.is_dir() and _SID.match(d.name):
                    shutil.rmtree(d, ignore_errors=True)
