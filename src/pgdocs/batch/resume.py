"""``--resume``: per-row content hashes of inputs (cells, documents, options) and outputs.

A row is skipped on resume when its input hash is the one recorded and every recorded output file still has
its recorded SHA-256. The state lives in ``OUT/.pgdocs-batch-state.json`` (rewritten atomically at the end of a
run, also an interrupted one) plus a journal ``OUT/.pgdocs-batch-state.jsonl`` that gets one line per finished
row as soon as the orchestrator learns of it — so a run stopped any way (Ctrl-C, a lost scheduler, ``kill -9``)
keeps every row it finished, and a long run never rewrites the whole state per row. A torn last journal line (the
process died while writing it) is ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from pgdocs import __version__, jsonio
from pgdocs.batch.model import BatchOptions, RowResult
from pgdocs.batch.reader import RowInput
from pgdocs.fsio import atomic_write_text
from pgdocs.jsonio import Report

log = logging.getLogger(__name__)

STATE_NAME = ".pgdocs-batch-state.json"
JOURNAL_NAME = ".pgdocs-batch-state.jsonl"
STATE_VERSION = 1
_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
    return h.hexdigest()


def _rulebook_version() -> str:
    try:
        from pgdocs.rulebook import load_rulebook

        return str(load_rulebook().version)
    except Exception:  # the rulebook is someone else's; an unreadable one changes nothing here
        return "?"


def _doc_files(item: RowInput, opts: BatchOptions) -> list[Path]:
    root = opts.docs_root
    if root is None:
        return []
    files: list[Path] = []
    base = root / item.docs_dir if item.docs_dir else None
    if base is not None and base.is_dir():
        files.extend(sorted(p for p in base.iterdir() if p.is_file() and not p.name.startswith(".")))
    for rel in jsonio.obj(item.data.get("documents")).values():
        p = (base or root) / str(rel)
        if p.is_file() and p not in files:
            files.append(p)
    return files


def input_hash(item: RowInput, opts: BatchOptions) -> str:
    """Hash of everything a row's outputs depend on."""
    docs = []
    for p in _doc_files(item, opts):
        try:
            docs.append([p.name, file_sha256(p)])
        except OSError:
            docs.append([p.name, "unreadable"])
    payload: Report = {
        "data": item.data,
        "docs_dir": item.docs_dir,
        "docs": docs,
        "what": list(opts.what),
        "check": opts.check,
        "channel": opts.channel,
        "today": opts.today,
        "pgdocs": __version__,
        "rulebook": _rulebook_version(),
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def output_hashes(out: Path, rel_paths: list[str]) -> dict[str, str]:
    return {rel: file_sha256(out / rel) for rel in rel_paths if (out / rel).is_file()}


def load_state(out: Path) -> dict[str, RowResult]:
    """The recorded rows by folder: the state file, then the journal's lines (later lines win)."""
    rows: dict[str, RowResult] = {}
    path = out / STATE_NAME
    if path.is_file():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") == STATE_VERSION:
                rows = {k: RowResult.from_dict(v) for k, v in raw.get("rows", {}).items()}
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            log.warning("resume state unreadable (%s); every row runs again", type(exc).__name__)
            rows = {}
    journal = out / JOURNAL_NAME
    if journal.is_file():
        try:
            lines = journal.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
                if entry.get("version") == STATE_VERSION:
                    res = RowResult.from_dict(entry["row"])
                    rows[res.folder] = res
            except (ValueError, TypeError, AttributeError, KeyError):
                continue  # a torn line from a process that died while writing it
    return rows


def save_state(out: Path, results: dict[str, RowResult]) -> None:
    """Write the whole state atomically, then drop the journal it now contains."""
    data = {"version": STATE_VERSION, "rows": {k: r.to_dict() for k, r in sorted(results.items())}}
    atomic_write_text(out / STATE_NAME, json.dumps(data, ensure_ascii=False, indent=1, default=str))
    (out / JOURNAL_NAME).unlink(missing_ok=True)


class Journal:
    """Append-only per-row state for a running batch (one JSON line per finished row, flushed at once)."""

    def __init__(self, out: Path) -> None:
        self.path = out / JOURNAL_NAME
        self._fh = self.path.open("a", encoding="utf-8")

    def add(self, result: RowResult) -> None:
        if not result.input_hash:
            return
        self._fh.write(json.dumps({"version": STATE_VERSION, "row": result.to_dict()}, ensure_ascii=False,
                                  default=str) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def still_valid(prev: RowResult, digest: str, out: Path) -> bool:
    """True when ``prev`` was made from the same inputs and its outputs are untouched."""
    if prev.input_hash != digest:
        return False
    for rel, sha in prev.output_hashes.items():
        p = out / rel
        try:
            if not p.is_file() or file_sha256(p) != sha:
                return False
        except OSError:
            return False
    return set(prev.outputs) <= set(prev.output_hashes)
