"""Benchmark: what the web page adds on top of the library, and whether it stays responsive during OCR.

    .venv/bin/python bench/web.py [--requests 40] [--uploads 3]

Rows (each against a baseline measured in the same run):
  * plan page (GET /) vs ``build_plan`` + ``to_dict`` called directly;
  * field check (POST /api/validate) vs ``record_from_dict`` + ``validate_record`` directly;
  * page latency while certificate checks (OCR) run in the worker pool vs on an idle server;
  * N certificate uploads checked with 2 workers vs 1 worker (wall time to the last verdict).
The machine is shared: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SLUG = "nicepay-corporation-over-1y"
TODAY = "2026-11-27"


def _record_form(data: dict[str, Any]) -> dict[str, Any]:
    from pgdocs.web.fields import RECORD_FIELDS, get_path

    out: dict[str, Any] = {}
    for f in RECORD_FIELDS:
        v = get_path(data, f.path)
        if v is not None:
            out[f.path] = list(v) if isinstance(v, list) else ("true" if v is True else str(v))
    return out


def _median_ms(fn: Callable[[], Any], n: int) -> float:
    runs = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs) * 1000


def _client(root: Path, workers: int = 2) -> Any:
    from pgdocs.web import create_app

    app = create_app({"TODAY": TODAY, "UPLOAD_ROOT": root, "JOB_WORKERS": workers, "SWEEP_SECONDS": 0})
    return app, app.test_client()


def _fill(client: Any, data: dict[str, Any]) -> None:
    acct = data["pg_account"]
    client.post("/", data={"pg": data["pg"], "business.entity": data["business"]["entity"],
                           "pg_account.already_on_imweb": "true", "pg_account.contract_date": acct["contract_date"]})
    resp = client.post("/info", data=_record_form(data))
    if resp.status_code != 303:
        raise SystemExit(f"record form refused: {resp.status_code}")


def _uploads(client: Any, n: int, cert: bytes) -> list[str]:
    jobs = []
    for _ in range(n):
        resp = client.post("/docs", data={"doc_id": "business_registration", "file": (io.BytesIO(cert), "c.png")},
                           content_type="multipart/form-data")
        jobs.append(resp.headers["Location"].rsplit("/", 1)[1])
    return jobs


def _wait(client: Any, jobs: list[str]) -> None:
    while any(client.get(f"/api/jobs/{j}").get_json()["state"] == "running" for j in jobs):
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--uploads", type=int, default=3)
    args = ap.parse_args(argv)

    from pgdocs.plan import build_plan
    from pgdocs.record import record_from_dict
    from pgdocs.validate import validate_record

    data = json.loads((REPO / "samples" / SLUG / "record.json").read_text(encoding="utf-8"))
    cert = (REPO / "samples" / SLUG / "사업자등록증.png").read_bytes()
    today = dt.date.fromisoformat(TODAY)
    rows: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        app, c = _client(Path(tmp) / "a")
        _fill(c, data)
        rec = record_from_dict(data)
        page = _median_ms(lambda: c.get("/"), args.requests)
        lib = _median_ms(lambda: build_plan(rec, today).to_dict(), args.requests)
        rows.append(("plan page GET /", page, "build_plan() direct", lib))
        form = _record_form(data)
        api = _median_ms(lambda: c.post("/api/validate", data=form), args.requests)
        lib = _median_ms(lambda: validate_record(record_from_dict(data), today=today), args.requests)
        rows.append(("POST /api/validate", api, "validate_record() direct", lib))

        idle = _median_ms(lambda: c.get("/docs"), args.requests)
        jobs = _uploads(c, args.uploads, cert)
        busy = _median_ms(lambda: c.get("/docs"), args.requests)
        _wait(c, jobs)
        rows.append((f"GET /docs during {args.uploads} OCR jobs", busy, "GET /docs idle", idle))
        app.extensions["pgdocs"].close()

        app1, c1 = _client(Path(tmp) / "b", workers=1)
        _fill(c1, data)
        t0 = time.perf_counter()
        _wait(c1, _uploads(c1, args.uploads, cert))
        one = time.perf_counter() - t0
        app1.extensions["pgdocs"].close()
        app2, c2 = _client(Path(tmp) / "c", workers=2)
        _fill(c2, data)
        t0 = time.perf_counter()
        _wait(c2, _uploads(c2, args.uploads, cert))
        two = time.perf_counter() - t0
        app2.extensions["pgdocs"].close()
        rows.append((f"{args.uploads} uploads checked, 2 workers", two * 1000, "same, 1 worker", one * 1000))

    print(f"{'case':<34} {'ms':>9}   {'baseline':<26} {'ms':>9}  {'ratio':>6}")
    for name, ms, base, base_ms in rows:
        print(f"{name:<34} {ms:>9.1f}   {base:<26} {base_ms:>9.1f}  {ms / base_ms:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
