"""``pgdocs serve``: loopback by default, an explicit flag for anything else, clean shutdown."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cli_runner import RunCli

ANY_HOST = "0.0.0.0"  # noqa: S104  # the host these tests check is refused or warned about


@pytest.mark.parametrize(("host", "loopback"), [
    pytest.param("127.0.0.1", True, id="v4"),
    pytest.param("127.5.6.7", True, id="v4-range"),
    pytest.param("localhost", True, id="name"),
    pytest.param("::1", True, id="v6"),
    pytest.param("[::1]", True, id="v6-brackets"),
    pytest.param(ANY_HOST, False, id="any"),
    pytest.param("192.168.0.10", False, id="lan"),
    pytest.param("shop.example", False, id="other-name"),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    from pgdocs.cli.serve import is_loopback

    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", [ANY_HOST, "192.168.0.10", "shop.example"])
def test_non_loopback_host_needs_the_flag(run_cli: RunCli,
                                          host: str) -> None:
    res = run_cli("serve", "--host", host, "--port", "0")
    assert res.returncode == 2
    assert "오류 [SERVE_REMOTE_NOT_ALLOWED]" in res.stderr and "--allow-remote" in res.stderr
    assert "Traceback" not in res.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pgdocs", "serve", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    end = time.monotonic() + 30
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                assert resp.status == 200
                return proc, port
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    out, err = proc.communicate(timeout=10)
    raise AssertionError(f"server did not start: {out} {err}")


def test_serve_answers_on_loopback_and_removes_uploads_on_ctrl_c(tmp_path: Path) -> None:
    proc, port = _serve(tmp_path)
    try:
        roots = list(tmp_path.glob("pgdocs-web-*"))
        assert len(roots) == 1 and any(roots[0].iterdir()), "a session folder for the request"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/app.js", timeout=5) as resp:
            assert resp.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out
    assert proc.returncode == 0 and "올린 파일은 모두 지웠습니다" in out
    assert "Traceback" not in err
    assert not list(tmp_path.glob("pgdocs-web-*")), "uploads are deleted on shutdown"


def test_allow_remote_warns(tmp_path: Path) -> None:
    proc, _ = _serve(tmp_path, "--host", ANY_HOST, "--allow-remote")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert "경고" in err and "다른 기기" in err


def test_port_in_use_is_a_korean_error(run_cli: RunCli) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        res = run_cli("serve", "--port", str(busy.getsockname()[1]))
    assert res.returncode == 2
    assert "오류 [SERVE_PORT_IN_USE]" in res.stderr and "--port" in res.stderr
    assert "Traceback" not in res.stderr


def test_unresolvable_host_is_a_korean_error(run_cli: RunCli) -> None:
    """waitress raises ValueError for a host that does not resolve: it was an INTERNAL error."""
    res = run_cli("serve", "--host", "no-such-host.invalid", "--allow-remote", "--port", "0")
    assert res.returncode == 2
    assert "오류 [SERVE_BAD_HOST]" in res.stderr and "Traceback" not in res.stderr
