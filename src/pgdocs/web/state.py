"""What the web app owns and the small helpers every web module needs: the session store and job pool of the
running app, the idle limit, a byte limit in words. Below :mod:`pgdocs.web.app` and :mod:`pgdocs.web.routes`, so
neither needs the other for them (no import circle).
"""

from __future__ import annotations

import logging
import threading

from pgdocs.web.jobs import JobRunner
from pgdocs.web.store import SessionStore

log = logging.getLogger(__name__)


class WebState:
    """What the app owns: the session folders, the job pool and the thread that expires uploads."""

    def __init__(self, store: SessionStore, jobs: JobRunner, sweep_seconds: float = 0) -> None:
        self.store = store
        self.jobs = jobs
        self.closed = False
        self._stop = threading.Event()
        self._sweeper: threading.Thread | None = None
        if sweep_seconds > 0:
            self._sweeper = threading.Thread(target=self._sweep_loop, args=(sweep_seconds,), daemon=True,
                                             name="pgdocs-web-sweeper")
            self._sweeper.start()

    def _sweep_loop(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self.store.sweep(force=True)
            except OSError as exc:  # keep sweeping; a vanished folder is not a reason to stop
                log.warning("upload clean-up failed: %s", type(exc).__name__)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._stop.set()
            self.jobs.close()
            self.store.close()


def state() -> WebState:
    from flask import current_app

    st: WebState = current_app.extensions["pgdocs"]
    return st


def idle_minutes() -> int:
    """How long an idle session is kept, in minutes (for the page's words)."""
    from flask import current_app

    return max(1, round(float(current_app.config["UPLOAD_TTL_SECONDS"]) / 60))


def human_size(n: int) -> str:
    """``20 MB``, ``64 KB``: a byte limit as a merchant reads it."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{max(1, n // 1024)} KB"
