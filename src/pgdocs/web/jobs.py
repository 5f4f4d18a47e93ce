"""Slow work (OCR, packet building) in a worker pool; the page polls a job id.

A job belongs to the session that started it: another session asking for it gets nothing.
Errors become plain dicts (code, Korean message, hint); nothing personal is logged.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pgdocs.errors import PgdocsError
from pgdocs.jsonio import Report

log = logging.getLogger(__name__)


@dataclass
class Job:
    id: str
    sid: str
    kind: str
    state: str = "running"  #: running | done | error
    result: Report = field(default_factory=dict)
    error: Report | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> Report:
        return {"id": self.id, "kind": self.kind, "state": self.state, "result": self.result, "error": self.error}


class JobRunner:
    """A small thread pool (the work itself runs tesseract / LibreOffice as subprocesses)."""

    def __init__(self, workers: int = 2, keep: int = 200) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pgdocs-web-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def submit(self, sid: str, kind: str, fn: Callable[[], Report]) -> Job:
        job = Job(id=secrets.token_urlsafe(12), sid=sid, kind=kind)
        with self._lock:
            self._jobs[job.id] = job
            self._trim()
        self._pool.submit(self._run, job, fn)
        return job

    def _run(self, job: Job, fn: Callable[[], Report]) -> None:
        try:
            job.result = fn()
            job.state = "done"
        except PgdocsError as err:
            job.error = {"code": err.code, "message": err.message, "hint": err.hint}
            job.state = "error"
        except Exception as exc:  # a worker must never die silently; no personal data in the log
            log.error("job %s (%s) failed: %s", job.id, job.kind, type(exc).__name__)
            job.error = {"code": "INTERNAL", "message": "예기치 못한 오류로 작업을 마치지 못했습니다.",
                         "hint": "다시 시도해 보시고, 계속되면 아임웹 채팅 상담에 이 화면을 보여 주세요."}
            job.state = "error"
        finally:
            job.finished = time.time()
            log.info("job %s (%s): %s in %.1fs", job.id, job.kind, job.state, job.finished - job.started)

    def get(self, sid: str, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and secrets.compare_digest(job.sid, sid) else None

    def _trim(self) -> None:
        done = [j for j in self._jobs.values() if j.state != "running"]
        for j in sorted(done, key=lambda j: j.started)[: max(0, len(self._jobs) - self._keep)]:
            del self._jobs[j.id]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
