"""``pgdocs batch`` on a real Dask cluster (LocalCluster with worker processes, loopback only; no mock of Dask).

Faults are real: a worker process killed with SIGKILL, a worker started with a PATH that has no tesseract,
the scheduler closed under a running batch.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from pypdf import PdfReader

import fakes
from batch_helpers import TODAY, bad_brn, brn, docs_folder, merchant
from cli_runner import RunCli
from pgdocs.batch.model import RowResult
from pgdocs.batch.run import run_batch
from pgdocs.batch.template import write_rows
from pgdocs.jsonio import JSONObject
from pgdocs.jsonio import loads as json_loads
from report_read import obj

distributed = pytest.importorskip("distributed")

if TYPE_CHECKING:
    from distributed import Client, LocalCluster
pytestmark = [pytest.mark.xdist_group("dask"),  # clusters of worker processes: one at a time on 2 cores
              pytest.mark.slow]  # seconds each: not in make test-fast


def _cluster(n: int = 2) -> LocalCluster:
    c: LocalCluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                               scheduler_port=0, dashboard_address=None, silence_logs=50,
                                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    return c


@pytest.fixture
def cluster() -> Iterator[LocalCluster]:
    c = _cluster()
    try:
        yield c
    finally:
        c.close()


def _label_rows(n: int, start: int = 400) -> list[JSONObject]:
    rows = [merchant(start + i, f"분산{i}") for i in range(n)]
    obj(rows[3], "business")["business_number"] = bad_brn(start + 3)  # an error row: same error in both reports
    return rows


def _xlsx_values(path: Path) -> list[list[list[object]]]:
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = [[c.value for c in r] for r in ws.iter_rows()]
        sheets.append([r for r in rows if r[0] != "걸린 시간(초)"])  # the one timing line
    return sheets


def _json_without_timings(path: Path) -> JSONObject:
    data = obj(json_loads(path.read_text(encoding="utf-8")))
    data.pop("seconds")
    return data


def test_cluster_report_is_the_local_report(cluster: LocalCluster, tmp_path: Path) -> None:
    xlsx = write_rows(tmp_path / "in.xlsx", _label_rows(30))
    local = run_batch(xlsx, tmp_path / "local", what="labels", jobs=2, today=TODAY)
    seen: list[tuple[int, str]] = []
    remote = run_batch(xlsx, tmp_path / "dask", what="labels", today=TODAY, scheduler=cluster.scheduler_address,
                       on_pool=lambda n, where: seen.append((n, where)))
    assert seen == [(2, cluster.scheduler_address)] and remote.workers == 2
    assert remote.exit_code == local.exit_code == 1
    assert _json_without_timings(tmp_path / "dask" / "report.json") == \
        _json_without_timings(tmp_path / "local" / "report.json")
    assert _xlsx_values(tmp_path / "dask" / "report.xlsx") == _xlsx_values(tmp_path / "local" / "report.xlsx")
    texts = [[p.extract_text() for p in PdfReader(tmp_path / d / "labels.pdf").pages] for d in ("local", "dask")]
    assert texts[0] == texts[1]
    assert "\n".join(texts[1]).count("04117") == 29  # one recipient label per good row, none twice
    assert not (tmp_path / "dask" / ".work").exists()


def _worker_pids(client: Client) -> dict[str, int]:
    pids: dict[str, int] = client.run(os.getpid)
    return pids


@pytest.mark.soffice
def test_worker_killed_mid_run_loses_no_row(cluster: LocalCluster, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    rows = [merchant(500 + i, f"강제종료{i}", docs_dir=docs_folder(docs, f"m{i}")) for i in range(6)]
    xlsx = write_rows(tmp_path / "in.xlsx", rows)
    client = distributed.Client(cluster)
    pids = _worker_pids(client)
    killed: list[int] = []

    def kill_one(res: RowResult, done: int, total: int) -> None:
        if not killed:  # after the first row: the other worker is in the middle of its own row
            victim = next(pid for pid in pids.values() if not res.worker.endswith(f":{pid}"))
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    out = tmp_path / "OUT"
    res = run_batch(xlsx, out, docs_root=docs, what="forms,labels", today=TODAY, chunk_size=1,
                    scheduler=cluster.scheduler_address, progress=kill_one)
    client.close()
    assert killed
    assert [r.result.status if r.result else None for r in res.rows] == ["완료"] * 6, \
        [r.result.findings for r in res.rows if r.result]
    # the victim may have finished the row it held in the instant before the kill (its result then arrives after
    # the first one: seen once under a loaded CI machine); it cannot have finished any other
    assert sum(r.result.worker.endswith(f":{killed[0]}") for r in res.rows if r.result) <= 1
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == [f"{4 + i:04d}_{brn(500 + i).replace('-', '')}" for i in range(6)]
    for i, folder in enumerate(folders):  # whole, and each once: the form of its own merchant
        names = sorted(p.name for p in (out / folder).rglob("*") if p.is_file())
        assert names == ["01_id_add_form.docx", "01_id_add_form.pdf"], names
        assert brn(500 + i) in PdfReader(out / folder / "01_id_add_form.pdf").pages[0].extract_text()
    assert "\n".join(p.extract_text() for p in PdfReader(out / "labels.pdf").pages).count("04117") == 6


@pytest.mark.soffice
@pytest.mark.tesseract
def test_worker_without_tesseract_reports_missing_dependency_per_row(tmp_path: Path) -> None:
    cluster = _cluster(1)
    env = {k: v for k, v in os.environ.items() if k != "PGDOCS_TESSERACT"}
    env["PATH"] = fakes.path_without("tesseract", tmp_path / "bin")
    dask = Path(sys.executable).with_name("dask")
    worker = subprocess.Popen([str(dask), "worker", cluster.scheduler_address, "--nthreads", "1", "--nworkers", "1",
                               "--host", "127.0.0.1", "--no-dashboard", "--name", "no-tesseract"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = distributed.Client(cluster)
        client.wait_for_workers(2, timeout=60)
        info = client.scheduler_info()["workers"]
        bad_addr = next(a for a, w in info.items() if w["name"] == "no-tesseract")
        bad_pid = client.run(os.getpid, workers=[bad_addr])[bad_addr]
        assert client.run(lambda: __import__("shutil").which("tesseract"), workers=[bad_addr]) == {bad_addr: None}
        client.close()
        docs = tmp_path / "docs"
        rows = [merchant(600 + i, f"글자인식{i}", docs_dir=docs_folder(docs, f"m{i}")) for i in range(4)]
        xlsx = write_rows(tmp_path / "in.xlsx", rows)
        res = run_batch(xlsx, tmp_path / "OUT", docs_root=docs, what="packets", today=TODAY, chunk_size=1,
                        check=True, scheduler=cluster.scheduler_address)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        cluster.close()
    on_bad = [r.result for r in res.rows if r.result and r.result.worker.endswith(f":{bad_pid}")]
    on_good = [r.result for r in res.rows if r.result and not r.result.worker.endswith(f":{bad_pid}")]
    assert len(on_bad) + len(on_good) == 4
    assert on_bad and on_good, [r.result.worker for r in res.rows if r.result]
    for r in on_bad:
        assert r.status == "오류" and "MISSING_DEPENDENCY" in r.codes, r.findings
        msg = next(f["message"] for f in r.findings if f["code"] == "MISSING_DEPENDENCY")
        assert "tesseract" in msg and "TESSERACT_MISSING" in msg
    for r in on_good:  # the fictional scans are read by a real tesseract: checked, never a missing program
        assert "MISSING_DEPENDENCY" not in r.codes and any(c.startswith("BATCH_CHECK") for c in r.codes), r.findings


def _first_progress_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stderr is not None
    for _ in range(200):
        line = proc.stderr.readline()
        if not line or line.startswith("["):
            return line
    return ""


def test_scheduler_lost_then_resume_finishes(tmp_path: Path) -> None:
    cluster = _cluster()
    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(700 + i, f"스케줄러{i}") for i in range(300)])
    out = tmp_path / "OUT"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgdocs", "batch", str(xlsx), "-o", str(out), "--what", "labels", "--today", TODAY],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PGDOCS_DASK_SCHEDULER": cluster.scheduler_address, "PGDOCS_DASK_CONNECT_TIMEOUT": "2"},
    )
    try:
        first = _first_progress_line(proc)
        assert first.startswith("[1/300]") and "작업자 2" in first, first
        cluster.close()  # the scheduler (and its workers) go away under the running batch
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "[BATCH_SCHEDULER_LOST]" in err and "Traceback" not in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    done, pending = report["summary"]["done"], report["summary"]["pending"]
    assert report["interrupted"] is True and 0 < done < 300 and done + pending == 300
    assert "BATCH_SCHEDULER_LOST" in [f["code"] for f in report["findings"]]
    again = run_batch(xlsx, out, what="labels", jobs=1, today=TODAY, resume=True)
    assert (again.reused, again.processed, again.exit_code) == (done, pending, 0)
    assert "\n".join(p.extract_text() for p in PdfReader(again.labels_pdf or "").pages).count("04117") == 300


def test_dask_missing_says_how_to_install(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "site"
    (fake / "distributed").mkdir(parents=True)
    (fake / "distributed" / "__init__.py").write_text("raise ImportError('simulated: not installed')\n")
    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(800, "설치안됨")])
    proc = run_cli("batch", xlsx, "-o", tmp_path / "OUT", "--what", "labels", "--scheduler", "local:2",
                   env={"PYTHONPATH": str(fake)})
    assert proc.returncode == 4
    assert "오류 [DASK_MISSING]" in proc.stderr and "pip install 'pgdocs[dask]'" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "OUT").exists()
    doctor = run_cli("doctor", "--scheduler", "local:2", env={"PYTHONPATH": str(fake)})
    assert doctor.returncode == 4 and "[DASK_MISSING]" in doctor.stderr


@pytest.mark.parametrize(
    ("value", "code", "exit_code"),
    [
        pytest.param("local:zero", "BATCH_SCHEDULER_BAD", 2, id="bad-value"),
        pytest.param("tcp://127.0.0.1:9", "BATCH_SCHEDULER_UNREACHABLE", 2, id="nobody-listening"),
    ],
)
def test_scheduler_errors(tmp_path: Path, run_cli, value: str, code: str, exit_code: int) -> None:  # type: ignore[no-untyped-def]
    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(801, "주소오류")])
    proc = run_cli("batch", xlsx, "-o", tmp_path / "OUT", "--what", "labels", "--scheduler", value,
                   env={"PGDOCS_DASK_CONNECT_TIMEOUT": "1"})
    assert proc.returncode == exit_code, proc.stderr
    assert f"오류 [{code}]" in proc.stderr and "Traceback" not in proc.stderr


def test_doctor_reports_every_worker(cluster: LocalCluster, run_cli: RunCli) -> None:
    proc = run_cli("doctor", "--scheduler", cluster.scheduler_address, "--format", "json")
    data = json.loads(proc.stdout)
    client = distributed.Client(cluster)
    addresses = sorted(client.scheduler_info()["workers"])
    client.close()
    assert [w["address"] for w in data["workers"]] == addresses
    for w in data["workers"]:
        names = {c["name"]: c["ok"] for c in w["checks"]}
        assert {"tesseract", "libreoffice", "font:NanumGothic"} <= set(names)
        assert w["ok"] == all(c["ok"] for c in w["checks"] if c["required"])
    assert proc.returncode == (0 if data["ok"] else 4)


def _live_in_group(pgid: int) -> list[int]:
    """Processes of process group ``pgid`` that still run (zombies waiting for a reaper do nothing)."""
    alive = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            alive.append(int(d.name))
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("where", [pytest.param(["-j", "2"], id="process-pool"),
                                   pytest.param(["--scheduler", "local:2"], id="dask-local")])
def test_kill_9_of_the_batch_ends_its_workers(tmp_path: Path, where: list[str]) -> None:
    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(900 + i, f"고아{i}") for i in range(400)])
    out = tmp_path / "OUT"
    args = [sys.executable, "-m", "pgdocs", "batch", str(xlsx), "-o", str(out), "--what", "labels", "--today", TODAY]
    proc = subprocess.Popen([*args, *where], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group: every worker is in it
    try:
        assert _first_progress_line(proc).startswith("[1/400]")
        assert len(_live_in_group(proc.pid)) >= 3  # the batch and its two workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while _live_in_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _live_in_group(proc.pid) == []
    finally:
        for pid in _live_in_group(proc.pid):
            os.kill(pid, signal.SIGKILL)
    # rows finished before the kill were journaled: --resume keeps them
    again = subprocess.run([*args, "-j", "2", "--resume", "-q", "--format", "json"], capture_output=True, text=True,
                           timeout=300, check=False)
    data = json.loads(again.stdout)
    assert again.returncode == 0 and data["reused"] >= 1 and data["reused"] + data["processed"] == 400


def test_progress_and_resume_state_advance_per_row(tmp_path: Path) -> None:
    """One 300-row chunk on one worker process: Ctrl-C after its first row keeps the rows finished so far."""
    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(1000 + i, f"한줄{i}") for i in range(300)])
    out = tmp_path / "OUT"
    counts: list[int] = []
    first = run_batch(xlsx, out, what="labels", jobs=1, chunk_size=300, today=TODAY, interrupt_after=1,
                      progress=lambda res, done, total: counts.append(done))
    assert first.interrupted
    # one call per row; the rows a worker published before the stop are kept, so on a fast machine that can be
    # the whole chunk (labels take a millisecond a row): the report and the resume must agree either way
    assert counts == list(range(1, len(counts) + 1)) and len(counts) > 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["done"] == len(counts) and report["summary"]["pending"] == 300 - len(counts)
    again = run_batch(xlsx, out, what="labels", jobs=1, today=TODAY, resume=True)
    assert (again.reused, again.processed) == (len(counts), 300 - len(counts))


def test_ctrl_c_on_a_local_cluster(tmp_path: Path) -> None:
    """SIGINT to the whole process group (a terminal's Ctrl-C): one Korean line, report written, no worker left."""
    xlsx = write_rows(tmp_path / "in.xlsx", [merchant(1400 + i, f"중단{i}") for i in range(300)])
    out = tmp_path / "OUT"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgdocs", "batch", str(xlsx), "-o", str(out), "--what", "labels", "--today", TODAY,
         "--scheduler", "local:2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert _first_progress_line(proc).startswith("[1/300]")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "중단했습니다" in err and "Traceback" not in err and "ERROR" not in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["interrupted"] is True and 0 < report["summary"]["done"] < 300
    deadline = time.monotonic() + 20  # the workers see their lifeline close a moment after the batch exits
    while _live_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _live_in_group(proc.pid) == [] and not (out / ".work").exists()
