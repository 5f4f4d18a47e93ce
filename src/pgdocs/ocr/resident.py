"""A resident Tesseract: the library the ``tesseract`` program runs, kept loaded in helper processes.

Every ``tesseract`` run starts a process and loads its model before it reads a pixel: ~0.07 s (``kor``) to
0.11 s (``Hangul``) of the ~0.08 s a field's crop takes, and a page is read with one to two page passes and
four to six crop reads (docs/benchmarks.md#resident-engine). Here the same library (``libtesseract``, through
its C API) is loaded once in a helper process that reads image after image with its models kept in memory.

* **Same reads.** Only the library of the same version as the ``tesseract`` program is used, the page is handed
  over as the same BMP the program would open (Leptonica decodes it either way), with the same settings
  (``--oem 1``, ``--psm``, ``user_defined_dpi``, ``preserve_interword_spaces``, the whitelist): the TSV is the
  program's, byte for byte (``tests/test_resident.py``).
* **A crash stays outside.** Tesseract can die of a signal (a floating-point exception on some crops read with a
  whitelist): it takes its helper process with it, never the CLI or the web server. The caller sees what it
  would have seen from the program — the same exit signal, a timeout (the helper is killed), a failure — and the
  next read starts a new helper.
* **One read at a time per helper**, as many helpers as threads read at once (the web server's jobs); a process
  forked from one that has helpers starts its own.
* The program is used instead when ``PGDOCS_TESSERACT`` names another binary (tests put fakes there),
  ``PGDOCS_OCR_ENGINE=cli`` asks for it, or the library cannot be loaded or is of another version.

The helper is this module run as ``python -m pgdocs.ocr.resident``: it imports only the standard library.
Requests and answers are a JSON header line followed by that many bytes (the BMP; the TSV).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import json
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import IO

log = logging.getLogger(__name__)

__all__ = [
    "Crashed",
    "TimedOut",
    "Unavailable",
    "asked_for_program",
    "helper_pids",
    "program_env",
    "read_tsv",
    "resident_version",
    "shutdown",
]

#: the header line of Tesseract's TSV renderer (``TessBaseAPIGetTsvText`` gives the rows without it)
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
#: seconds a helper may take to load the library and say its version
START_TIMEOUT = 20.0


class Unavailable(Exception):
    """No resident engine in this process (the reason is logged once): use the ``tesseract`` program."""


class Crashed(Exception):
    """The helper died while reading: ``returncode`` as :class:`subprocess.Popen` gives it (``-8``: SIGFPE)."""

    def __init__(self, returncode: int) -> None:
        super().__init__(f"tesseract helper exited {returncode}")
        self.returncode = returncode


class TimedOut(Exception):
    """The read did not finish in time; the helper was killed."""


# --------------------------------------------------------------------------------------------- the helper process


class _Library:
    """``libtesseract`` and Leptonica through their C APIs, one initialised handle per model."""

    def __init__(self) -> None:
        self.tess = ctypes.CDLL(ctypes.util.find_library("tesseract") or "libtesseract.so.5")
        self.lept = ctypes.CDLL(ctypes.util.find_library("lept") or ctypes.util.find_library("leptonica")
                                or "liblept.so.5")
        t, lp, p, s = self.tess, self.lept, ctypes.c_void_p, ctypes.c_char_p
        t.TessVersion.restype = s
        t.TessBaseAPICreate.restype = p
        t.TessBaseAPIInit2.argtypes = [p, s, s, ctypes.c_int]
        t.TessBaseAPISetVariable.argtypes = [p, s, s]
        t.TessBaseAPISetPageSegMode.argtypes = [p, ctypes.c_int]
        t.TessBaseAPISetImage2.argtypes = [p, p]
        t.TessBaseAPIRecognize.argtypes = [p, p]
        t.TessBaseAPIGetTsvText.argtypes = [p, ctypes.c_int]
        t.TessBaseAPIGetTsvText.restype = p
        t.TessDeleteText.argtypes = [p]
        t.TessBaseAPIClear.argtypes = [p]
        t.TessBaseAPIEnd.argtypes = [p]
        t.TessBaseAPIDelete.argtypes = [p]
        lp.pixReadMem.argtypes = [s, ctypes.c_size_t]
        lp.pixReadMem.restype = p
        lp.pixDestroy.argtypes = [ctypes.POINTER(p)]
        self.handles: dict[str, int] = {}
        self.version = (t.TessVersion() or b"").decode()

    def _handle(self, lang: str) -> int:
        if lang not in self.handles:
            h = self.tess.TessBaseAPICreate()
            if self.tess.TessBaseAPIInit2(h, None, lang.encode(), 1) != 0:  # 1: OEM_LSTM_ONLY, as ``--oem 1``
                self.tess.TessBaseAPIDelete(h)
                raise RuntimeError(f"cannot load model {lang}")
            self.handles[lang] = h
        return self.handles[lang]

    def read(self, image: bytes, *, lang: str, psm: int, dpi: int, whitelist: str) -> str:
        t = self.tess
        h = self._handle(lang)
        pix = ctypes.c_void_p(self.lept.pixReadMem(image, len(image)))
        if not pix.value:
            raise RuntimeError("cannot decode the image")
        try:
            t.TessBaseAPISetPageSegMode(h, psm)
            # every setting a call of the program sets, set on every read: a handle keeps what the last read set
            for name, value in (("user_defined_dpi", str(dpi)), ("preserve_interword_spaces", "1"),
                                ("tessedit_char_whitelist", whitelist)):
                t.TessBaseAPISetVariable(h, name.encode(), value.encode())
            t.TessBaseAPISetImage2(h, pix)
            if t.TessBaseAPIRecognize(h, None) != 0:
                raise RuntimeError("recognition failed")
            text = t.TessBaseAPIGetTsvText(h, 0)
            try:
                return TSV_HEADER + (ctypes.string_at(text).decode("utf-8", "replace") if text else "")
            finally:
                if text:
                    t.TessDeleteText(text)
        finally:
            t.TessBaseAPIClear(h)
            self.lept.pixDestroy(ctypes.byref(pix))

    def close(self) -> None:
        for h in self.handles.values():
            self.tess.TessBaseAPIEnd(h)
            self.tess.TessBaseAPIDelete(h)
        self.handles.clear()


def _send(out: IO[bytes], header: dict[str, object], body: bytes = b"") -> None:
    out.write(json.dumps(dict(header, size=len(body))).encode() + b"\n" + body)
    out.flush()


def main() -> int:
    """The helper: say the library's version, then answer requests until stdin closes."""
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    try:
        lib = _Library()
    except (OSError, AttributeError) as e:  # no such library, or one without the C API
        _send(out, {"ok": False, "error": f"{type(e).__name__}: {e}"})
        return 1
    _send(out, {"ok": True, "version": lib.version})
    try:
        while line := inp.readline():
            req = json.loads(line)
            image = inp.read(req["size"])
            try:
                tsv = lib.read(image, lang=req["lang"], psm=req["psm"], dpi=req["dpi"],
                               whitelist=req.get("whitelist") or "")
            except RuntimeError as e:
                _send(out, {"ok": False, "error": str(e)})
                continue
            _send(out, {"ok": True}, tsv.encode("utf-8"))
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        lib.close()
    return 0


# --------------------------------------------------------------------------------------------- the caller's side


@dataclass
class _Helper:
    proc: subprocess.Popen[bytes]
    stdin: IO[bytes]
    stdout: IO[bytes]
    version: str = ""
    buffer: bytearray = field(default_factory=bytearray)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                stream.close()

    def _fill(self, deadline: float) -> None:
        """More of the answer into the buffer, waiting at most until ``deadline`` (``time.monotonic``)."""
        fd = self.stdout.fileno()
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimedOut
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise Crashed(self.proc.wait())
        self.buffer += chunk

    def _take(self, n: int, deadline: float) -> bytes:
        while len(self.buffer) < n:
            self._fill(deadline)
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out

    def _line(self, deadline: float) -> dict[str, object]:
        while b"\n" not in self.buffer:
            self._fill(deadline)
        line = self._take(self.buffer.index(b"\n") + 1, deadline)
        answer: dict[str, object] = json.loads(line)
        return answer

    def answer(self, deadline: float) -> tuple[dict[str, object], bytes]:
        head = self._line(deadline)
        size = head.get("size", 0)
        return head, self._take(size if isinstance(size, int) else 0, deadline)


def program_env() -> dict[str, str]:
    """The environment Tesseract runs in, as a program or in a helper: one OpenMP thread — several OpenMP
    tesseracts side by side run 10–50× slower (docs/ocr.md#omp-thread-limit)."""
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


class _Pool:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: list[_Helper] = []
        self.pid = os.getpid()
        self.unavailable: str | None = None

    def _start(self, expected: str) -> _Helper:
        src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = program_env()
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
        try:
            proc = subprocess.Popen([sys.executable, "-m", "pgdocs.ocr.resident"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError as e:  # no interpreter to start (an embedded Python)
            raise Unavailable(f"cannot start the helper: {e}") from None
        if proc.stdin is None or proc.stdout is None:  # never: both are pipes
            proc.kill()
            raise Unavailable("no pipes to the helper")
        helper = _Helper(proc, proc.stdin, proc.stdout)
        try:
            hello, _ = helper.answer(time.monotonic() + START_TIMEOUT)
        except (TimedOut, Crashed, ValueError) as e:
            helper.kill()
            raise Unavailable(f"the helper did not start ({type(e).__name__})") from None
        if not hello.get("ok"):
            helper.kill()
            raise Unavailable(str(hello.get("error")))
        helper.version = str(hello.get("version", ""))
        if expected and helper.version != expected:
            helper.kill()
            raise Unavailable(f"libtesseract {helper.version} is not the program's {expected}")
        return helper

    def take(self, expected: str) -> _Helper:
        with self.lock:
            if self.pid != os.getpid():  # forked: the parent's helpers answer the parent
                self.idle, self.pid, self.unavailable = [], os.getpid(), None
            if self.unavailable is not None:
                raise Unavailable(self.unavailable)
            while self.idle:
                helper = self.idle.pop()
                if helper.alive():
                    return helper
                helper.kill()  # died while idle (killed from outside): not this read's doing
        try:
            return self._start(expected)
        except Unavailable as e:
            with self.lock:
                if self.unavailable is None:
                    log.info("resident tesseract unavailable, using the program: %s", e)
                self.unavailable = str(e)
            raise

    def give_back(self, helper: _Helper) -> None:
        with self.lock:
            if helper.alive() and self.pid == os.getpid():
                self.idle.append(helper)
            else:
                helper.kill()

    def shutdown(self) -> None:
        with self.lock:
            helpers, self.idle = self.idle, []
        if self.pid != os.getpid():
            return
        for helper in helpers:
            with contextlib.suppress(OSError):
                helper.stdin.close()  # the helper ends at the end of its input
            with contextlib.suppress(subprocess.TimeoutExpired):
                helper.proc.wait(timeout=2)
            helper.kill()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def helper_pids() -> list[int]:
    """Process ids of this process's idle helpers (for measuring their CPU time: ``bench/ocr.py``)."""
    with _POOL.lock:
        return [h.proc.pid for h in _POOL.idle if _POOL.pid == os.getpid()]


def shutdown() -> None:
    """End this process's helpers (they also end with it)."""
    _POOL.shutdown()


#: a helper ended by these was killed from outside (the OOM killer, an operator), not by the image it read
_KILLED = (-signal.SIGKILL, -signal.SIGTERM)


def read_tsv(image: bytes, *, lang: str, psm: int, dpi: int, whitelist: str | None, timeout: float,
             expected_version: str) -> str:
    """Tesseract's TSV (header included) for ``image`` (a BMP), read by a resident helper.

    Raises :class:`Unavailable` (use the program), :class:`TimedOut` (the helper was killed), :class:`Crashed`
    (the helper died reading it) or :class:`RuntimeError` (Tesseract refused the image). A helper killed from
    outside is replaced and the image read once more.
    """
    request: dict[str, object] = {"lang": lang, "psm": psm, "dpi": dpi, "whitelist": whitelist or ""}
    deadline = time.monotonic() + timeout
    try:
        return _read_once(request, image, deadline, expected_version)
    except Crashed as e:
        if e.returncode not in _KILLED:
            raise
    return _read_once(request, image, deadline, expected_version)


def _read_once(request: dict[str, object], image: bytes, deadline: float, expected_version: str) -> str:
    helper = _POOL.take(expected_version)
    try:
        try:
            _send(helper.stdin, request, image)
        except BrokenPipeError:
            raise Crashed(helper.proc.wait()) from None
        head, body = helper.answer(deadline)
    except (TimedOut, Crashed):
        helper.kill()
        raise
    except ValueError:  # an answer that is not ours: the helper is not to be trusted with another read
        helper.kill()
        raise RuntimeError("the helper's answer could not be read") from None
    _POOL.give_back(helper)
    if not head.get("ok"):
        raise RuntimeError(str(head.get("error")))
    return body.decode("utf-8", "replace")


def asked_for_program() -> bool:
    """``PGDOCS_OCR_ENGINE=cli`` asks for the program, and a ``PGDOCS_TESSERACT`` binary (a test's fake) is one."""
    return bool(os.environ.get("PGDOCS_TESSERACT")) or os.environ.get("PGDOCS_OCR_ENGINE", "").lower() == "cli"


def resident_version(expected: str = "") -> str | None:
    """The version of the resident library in use, or None when reads go to the program."""
    if asked_for_program():
        return None
    try:
        helper = _POOL.take(expected)
    except Unavailable:
        return None
    _POOL.give_back(helper)
    return helper.version


if __name__ == "__main__":
    sys.exit(main())
