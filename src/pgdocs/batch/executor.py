"""The seam between the batch orchestrator and whatever runs the work: any ``concurrent.futures.Executor``.

:func:`pgdocs.batch.run.run_batch` only calls ``executor.submit(fn, *args)`` and waits on the returned futures,
so any executor with that interface can run a batch:

* default: a :class:`~concurrent.futures.ProcessPoolExecutor` with ``--jobs`` workers (one LibreOffice profile
  per worker process, see :mod:`pgdocs.office`); workers ignore SIGINT so Ctrl-C is handled once, by the parent;
* ``jobs=1`` in tests or debugging: :class:`SerialExecutor`, which runs each call in the calling process;
* a cluster: Dask's ``distributed.Client(...).get_executor()`` returns a ``concurrent.futures``-compatible
  executor. Pass it as ``run_batch(..., executor=client.get_executor())``. The submitted function
  (:func:`pgdocs.batch.worker.process_chunk`) and its arguments are plain picklable dataclasses; the
  workers need pgdocs, LibreOffice and fonts installed, and ``OUT`` and ``--docs-root`` on a shared file system.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util as mp_util
import os
import signal
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def default_jobs() -> int:
    """Number of usable cores (``os.sched_getaffinity`` when available)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _worker_exit() -> None:
    from pgdocs.office import cleanup_profile

    cleanup_profile()


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: let only the parent react, it cancels and reports.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # Pool workers end with os._exit, so atexit handlers (office's profile clean-up) never run there;
    # multiprocessing finalizers with an exit priority do.
    mp_util.Finalize(None, _worker_exit, exitpriority=10)


class SerialExecutor(Executor):
    """Runs every submitted call at once in this process (same interface as the pools)."""

    def __init__(self) -> None:
        self._shutdown = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        if self._shutdown:
            raise RuntimeError("executor is shut down")
        fut: Future[T] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        return fut

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._shutdown = True


def make_executor(jobs: int | None = None, *, kind: str = "process") -> Executor:
    """An executor for ``jobs`` parallel workers: ``kind="process"`` (default) or ``"serial"``."""
    n = default_jobs() if not jobs or jobs < 1 else jobs
    if kind == "serial":
        return SerialExecutor()
    if kind != "process":
        raise ValueError(f"unknown executor kind {kind!r}")
    ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_worker_init)


def terminate_workers(executor: Executor) -> None:
    """Stop a process pool's workers now (Ctrl-C). Other executors are just shut down without waiting."""
    procs = dict(getattr(executor, "_processes", None) or {})  # before shutdown(), which forgets them
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in procs.values():
        if proc.is_alive():
            proc.terminate()
    for proc in procs.values():
        proc.join(timeout=5)
    from pgdocs.office import remove_profiles_of

    remove_profiles_of([p for p in procs if isinstance(p, int)])  # terminated workers cannot clean up themselves
