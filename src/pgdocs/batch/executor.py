"""The seam between the batch orchestrator and whatever runs the work.

:func:`pgdocs.batch.run.run_batch` only calls ``executor.submit(fn, *args)`` and waits on the returned futures,
so any ``concurrent.futures.Executor`` can run a batch. What the orchestrator must know besides the executor —
how many rows run at once, how to stop everything now, whether the cluster is still there — is said explicitly
by a :class:`Pool` (never read from an executor's private attributes):

* :func:`process_pool` (default): a :class:`~concurrent.futures.ProcessPoolExecutor` with ``--jobs`` workers (one
  LibreOffice profile per worker process, see :mod:`pgdocs.office`). Workers ignore SIGINT so Ctrl-C is handled
  once, by the parent, and each one watches a pipe from the parent: when the parent closes it (Ctrl-C) or dies
  (``kill -9``), the worker ends at once — it never goes on publishing rows for a run nobody reports;
* :func:`serial_pool`: :class:`SerialExecutor`, which runs each call in the calling process (tests, debugging);
* :func:`dask_pool`: a Dask distributed cluster (``--scheduler tcp://HOST:8786``, or ``local:N`` for a
  ``LocalCluster`` of N worker processes on this machine). The submitted function
  (:func:`pgdocs.batch.worker.process_chunk`) and its arguments are plain picklable dataclasses; the workers need
  pgdocs, Tesseract, LibreOffice and fonts installed, and ``OUT`` and ``--docs-root`` on a shared folder mounted at
  the same path on every machine. Dask is an optional extra: ``pip install 'pgdocs[dask]'``.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection as mp_conn
import os
import signal
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from types import ModuleType
from typing import ParamSpec, Protocol, TypeVar

from pgdocs.errors import InputError, MissingDependencyError

T = TypeVar("T")
P = ParamSpec("P")
log = logging.getLogger(__name__)

SCHEDULER_ENV = "PGDOCS_DASK_SCHEDULER"
DASK_HINT = "pip install 'pgdocs[dask]'  (저장소에서는 make setup)"
CONNECT_TIMEOUT = 10.0  #: seconds to reach a scheduler (and to wait for its first worker)
TIMEOUT_ENV = "PGDOCS_DASK_CONNECT_TIMEOUT"


class _Scheduler(Protocol):
    address: str


class DaskClient(Protocol):
    """What pgdocs uses of a ``distributed.Client`` (an optional extra, only partly typed)."""

    status: str
    scheduler: _Scheduler
    futures: Mapping[str, object]

    def wait_for_workers(self, n_workers: int, timeout: float) -> None: ...

    def scheduler_info(self) -> Mapping[str, object]: ...

    def get_executor(self, *, pure: bool) -> Executor: ...

    def run(self, function: Callable[[], T]) -> dict[str, T]: ...

    def cancel(self, futures: list[object], *, force: bool) -> None: ...

    def close(self, timeout: float = ...) -> None: ...


class DaskCluster(Protocol):
    """What pgdocs uses of the ``distributed.LocalCluster`` it starts for ``local:N``."""

    def close(self, timeout: float = ...) -> None: ...


def _timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "")
    try:
        return max(0.5, float(raw)) if raw else CONNECT_TIMEOUT
    except ValueError:
        return CONNECT_TIMEOUT


def default_jobs() -> int:
    """Number of usable cores (``os.sched_getaffinity`` when available)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _worker_exit() -> None:
    from pgdocs.office import cleanup_profile

    cleanup_profile()


def _watch_parent(lifeline: mp_conn.Connection[object, object]) -> None:
    """Block until the parent closes its end of the pipe (Ctrl-C) or dies, then end this worker now."""
    with contextlib.suppress(BaseException):
        mp_conn.wait([lifeline])
    with contextlib.suppress(BaseException):
        _worker_exit()  # os._exit skips atexit: remove the LibreOffice profile first
    os._exit(1)


def _worker_init(lifeline: mp_conn.Connection[object, object] | None = None) -> None:
    # Ctrl-C goes to the whole process group: let only the parent react, it cancels and reports.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # Pool workers end with os._exit, so atexit handlers (office's profile clean-up) never run there;
    # multiprocessing finalizers with an exit priority do.
    import multiprocessing.util as mp_util

    mp_util.Finalize(None, _worker_exit, exitpriority=10)
    if lifeline is not None:
        threading.Thread(target=_watch_parent, args=(lifeline,), name="pgdocs-lifeline", daemon=True).start()


class SerialExecutor(Executor):
    """Runs every submitted call at once in this process (same interface as the pools)."""

    def __init__(self) -> None:
        self._shutdown = False

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
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


@dataclass
class Pool:
    """An executor and what the orchestrator needs to know about it, said explicitly.

    ``workers``: how many calls run at the same time (sizes chunks and the submission window);
    ``where``: for progress lines (``이 컴퓨터``, ``tcp://…``); ``serial``: calls run inside ``submit``.
    """

    executor: Executor
    workers: int
    where: str = "이 컴퓨터"
    serial: bool = False
    _stop: Callable[[], None] | None = field(default=None, repr=False)
    _close: Callable[[], None] | None = field(default=None, repr=False)
    _lost: Callable[[], bool] | None = field(default=None, repr=False)

    def stop(self) -> None:
        """End the running work now (Ctrl-C, scheduler lost): nothing keeps running for this run."""
        if self._stop is not None:
            self._stop()
        else:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Normal end: wait for the workers to finish and release them."""
        if self._close is not None:
            self._close()
        else:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def lost(self) -> bool:
        """True when the cluster is gone (the scheduler cannot be reached any more)."""
        return self._lost() if self._lost is not None else False


def serial_pool() -> Pool:
    return Pool(SerialExecutor(), 1, serial=True)


def make_executor(jobs: int | None = None, *, kind: str = "process") -> Executor:
    """A plain executor for ``jobs`` parallel workers: ``kind="process"`` (default) or ``"serial"``.

    For callers that only submit and wait (``pgdocs lint``); the batch uses :func:`process_pool`.
    """
    n = default_jobs() if not jobs or jobs < 1 else jobs
    if kind == "serial":
        return SerialExecutor()
    if kind != "process":
        raise ValueError(f"unknown executor kind {kind!r}")
    return LifelinePool(n)


class LifelinePool(ProcessPoolExecutor):
    """A process pool whose workers end when this process closes :attr:`lifeline` or dies (see the module doc)."""

    def __init__(self, workers: int) -> None:
        ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        self._lifeline_r, self.lifeline = ctx.Pipe(duplex=False)
        super().__init__(max_workers=workers, mp_context=ctx, initializer=_worker_init, initargs=(self._lifeline_r,))

    def stop_now(self) -> None:
        """Every worker sees end-of-file on its lifeline and exits at once; then the pool joins them."""
        self.lifeline.close()
        super().shutdown(wait=True, cancel_futures=True)
        self._lifeline_r.close()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        if wait:  # the workers are gone; without waiting they may still finish a call
            self.lifeline.close()
            self._lifeline_r.close()


def process_pool(jobs: int) -> Pool:
    """A process pool of ``jobs`` workers tied to this process by a lifeline pipe."""
    n = max(1, jobs)
    ex = LifelinePool(n)
    return Pool(ex, n, _stop=ex.stop_now)


def parse_scheduler(value: str) -> tuple[str, int | None]:
    """``local:N`` → ("local", N); ``tcp://HOST:PORT`` (or ``HOST:PORT``) → (address, None)."""
    v = value.strip()
    if v.lower().startswith("local"):
        rest = v[5:].lstrip(":")
        if rest == "":
            return "local", default_jobs()
        if rest.isdigit() and 1 <= int(rest) <= 64:
            return "local", int(rest)
    elif v and " " not in v:
        return (v if "://" in v else f"tcp://{v}"), None
    raise InputError("BATCH_SCHEDULER_BAD", f"--scheduler 값을 알 수 없습니다: {value!r}",
                     hint="예: --scheduler tcp://192.0.2.10:8786 또는 --scheduler local:2")


def _import_distributed() -> ModuleType:
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError(
            "DASK_MISSING", "여러 컴퓨터로 나눠 처리하는 기능(Dask)이 설치되어 있지 않습니다.", hint=DASK_HINT,
        ) from None
    # Dask logs in English at INFO to stderr on its own handler; pgdocs -v (INFO/DEBUG) shows it, otherwise only
    # our Korean lines are printed (a lost worker or scheduler is reported by the batch itself).
    level = _quiet_level()
    ours = ("distributed", "tornado")  # tornado: Dask's event loop, reports a gather cut short by our own stop
    for name in [n for n in logging.root.manager.loggerDict if n in ours or n.split(".")[0] in ours]:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        for handler in logger.handlers:
            handler.setLevel(level)
    return distributed


def _quiet_level() -> int:
    level = logging.getLogger().getEffectiveLevel()
    return level if level <= logging.INFO else logging.CRITICAL


def check_scheduler(scheduler: str) -> None:
    """Refuse a bad ``--scheduler`` value or a missing Dask before anything is written."""
    parse_scheduler(scheduler)
    _import_distributed()


#: Dask settings for the worker processes pgdocs starts (``local:N``); the README gives the same as environment
#: variables for ``dask worker`` on other computers. Dask's statistical profiler samples every worker thread each
#: 10 ms and its event-loop watchdog ticks each 20 ms; the batch reads neither, and on a 2-core machine they cost
#: rows (bench/batch.py, no OCR, Dask local:2 vs the process pool: 82 % with both, 91 % without). The Nanny hands
#: this config to the worker process it starts.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "200ms"}


def _local_cluster(distributed: ModuleType, n: int) -> DaskCluster:
    """A LocalCluster of ``n`` worker processes on loopback, started with SIGINT ignored.

    Ctrl-C in a terminal reaches the whole process group; the worker processes inherit the ignored SIGINT (Python
    keeps a disposition its parent set), so only the batch reacts — it stops them and writes the report.
    """
    main = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        import dask

        with dask.config.set(WORKER_CONFIG):
            cluster: DaskCluster = distributed.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0,
                dashboard_address=None,
                # no dashboard; its HTTP server on a free loopback port
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=_quiet_level())
            return cluster
    finally:
        if main:
            signal.signal(signal.SIGINT, old)


def connect(scheduler: str) -> tuple[DaskClient, DaskCluster | None]:
    """A Dask ``Client`` (and the ``LocalCluster`` it owns, or None) for ``--scheduler``; at least one worker."""
    distributed = _import_distributed()
    address, n_local = parse_scheduler(scheduler)
    cluster: DaskCluster | None = None
    client: DaskClient
    timeout = _timeout()
    try:
        if n_local is not None:
            # one thread per worker process: each worker runs one chunk at a time, with its own LibreOffice
            cluster = _local_cluster(distributed, n_local)
            client = distributed.Client(cluster, timeout=timeout)
        else:
            client = distributed.Client(address, timeout=timeout)
    except RuntimeError as exc:  # LocalCluster: a worker process could not start
        if cluster is not None:
            cluster.close()
        raise MissingDependencyError("BATCH_CLUSTER_FAILED", "이 컴퓨터에서 Dask 작업 프로세스를 시작하지 못했습니다.",
                                     hint="pgdocs -v 로 다시 실행해 자세한 내용을 확인하세요.",
                                     details={"error": str(exc)[:200]}) from None
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise InputError("BATCH_SCHEDULER_UNREACHABLE", f"Dask 스케줄러에 연결할 수 없습니다: {address}",
                         hint="스케줄러 주소·포트와 방화벽을 확인하세요 (dask scheduler 가 실행 중이어야 합니다).",
                         details={"error": type(exc).__name__}) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        if cluster is not None:
            cluster.close()
        raise InputError("BATCH_NO_WORKERS", f"Dask 스케줄러에 연결된 작업 컴퓨터(worker)가 없습니다: {address}",
                         hint="작업 컴퓨터마다 'dask worker 스케줄러주소' 를 실행하세요.") from None
    return client, cluster


def cluster_workers(client: DaskClient) -> int:
    """Rows that can run at once on the cluster: the sum of its workers' threads."""
    workers = client.scheduler_info().get("workers", {})
    threads = [w.get("nthreads", 1) for w in workers.values()] if isinstance(workers, dict) else []
    return max(1, sum(int(n) for n in threads))


def dask_pool(scheduler: str) -> Pool:
    """A :class:`Pool` on a Dask cluster (see :func:`parse_scheduler`)."""
    client, cluster = connect(scheduler)
    ex = client.get_executor(pure=False)  # pure=False: two equal chunks are still two tasks
    where = "이 컴퓨터 (Dask)" if cluster is not None else str(client.scheduler.address)

    def release() -> None:
        with contextlib.suppress(Exception):
            client.close(timeout=CONNECT_TIMEOUT)
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close(timeout=CONNECT_TIMEOUT)

    def stop() -> None:
        with contextlib.suppress(Exception):
            ex.shutdown(wait=False)
        with contextlib.suppress(Exception):
            client.cancel(list(client.futures.values()), force=True)
        release()  # our own LocalCluster's worker processes are ended with it

    def close() -> None:
        with contextlib.suppress(Exception):
            ex.shutdown(wait=True)
        release()

    def lost() -> bool:
        return str(client.status) not in ("running", "connecting", "newly-created")

    return Pool(ex, cluster_workers(client), where=where, _stop=stop, _close=close, _lost=lost)


def make_pool(jobs: int | None = None, *, scheduler: str | None = None) -> Pool:
    """The pool for a batch: Dask when ``scheduler`` (or ``$PGDOCS_DASK_SCHEDULER``) is set, else a process pool."""
    sched = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if sched:
        return dask_pool(sched)
    return process_pool(jobs if jobs and jobs > 0 else default_jobs())


def pool_of(executor: Executor, workers: int | None = None) -> Pool:
    """Wrap an executor the caller made (``run_batch(executor=...)``); ``workers`` says how many run at once."""
    if isinstance(executor, SerialExecutor):
        return Pool(executor, 1, serial=True)
    return Pool(executor, max(1, workers or default_jobs()))
