"""A local stand-in for the NTS 사업자등록정보 API (data.go.kr 15081808), for tests only.

It implements ``POST /status`` and ``POST /validate`` from the published request/response schema: the
``serviceKey`` query parameter, ``{"b_no": [...]}`` / ``{"businesses": [...]}`` bodies, the 100-item limit
(``TOO_LARGE_REQUEST``), ``BAD_JSON_REQUEST`` / ``REQUEST_DATA_MALFORMED``, the gateway's reply to a refused key
(HTTP 401, ``{"code": -4, "msg": "등록되지 않은 인증키 입니다."}``), an empty ``b_stt_cd`` for an unknown number,
``valid`` 01/02. Faults on demand: slow replies, 5xx for the next N calls. Every business is fictional.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TAX = {"01": "부가가치세 일반과세자", "02": "부가가치세 간이과세자", "04": "부가가치세 면세사업자"}


@dataclass
class Business:
    number: str
    status: str = "01"  #: 01 계속 / 02 휴업 / 03 폐업
    tax: str = "01"
    start_dt: str = "20200101"
    p_nm: str = "김하늘"
    b_nm: str = "하늘공방"
    end_dt: str = ""


@dataclass
class Registry:
    key: str  #: the decoded key the server accepts
    businesses: dict[str, Business] = field(default_factory=dict)
    fail_next: int = 0  #: answer HTTP 500 to this many calls
    delay: float = 0.0  #: seconds before each reply
    quota_left: int | None = None  #: None: unlimited
    requests: list[dict[str, str]] = field(default_factory=list)  #: every call: path, raw query, body
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, *items: Business) -> None:
        for b in items:
            self.businesses[b.number] = b

    def status_item(self, number: str) -> dict[str, str]:
        b = self.businesses.get(number)
        if b is None:
            return {"b_no": number, "b_stt": "", "b_stt_cd": "",
                    "tax_type": "국세청에 등록되지 않은 사업자등록번호입니다.", "tax_type_cd": "", "end_dt": "",
                    "utcc_yn": "", "tax_type_change_dt": "", "invoice_apply_dt": "",
                    "rbf_tax_type": "", "rbf_tax_type_cd": ""}
        return {"b_no": number, "b_stt": {"01": "계속사업자", "02": "휴업자", "03": "폐업자"}[b.status],
                "b_stt_cd": b.status, "tax_type": TAX[b.tax], "tax_type_cd": b.tax, "end_dt": b.end_dt,
                "utcc_yn": "N", "tax_type_change_dt": "", "invoice_apply_dt": "", "rbf_tax_type": "해당없음",
                "rbf_tax_type_cd": "99"}


def _handler(reg: Registry) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def _send(self, code: int, data: Mapping[str, object]) -> None:
            raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with reg.lock:
                reg.requests.append({"path": url.path, "query": url.query, "body": body.decode("utf-8", "replace")})
                fail = reg.fail_next > 0
                if fail:
                    reg.fail_next -= 1
            if reg.delay:
                time.sleep(reg.delay)
            if fail:
                self._send(500, {"status_code": "INTERNAL_ERROR"})
                return
            if query.get("serviceKey", [""])[0] != reg.key:  # parse_qs decodes once: a double-encoded key fails
                self._send(401, {"code": -4, "msg": "등록되지 않은 인증키 입니다. 인증키를 확인하세요."})
                return
            with reg.lock:
                if reg.quota_left is not None:
                    if reg.quota_left <= 0:
                        self._send(429, {"code": -10, "msg": "API 트래픽 제한을 초과하였습니다."})
                        return
                    reg.quota_left -= 1
            try:
                data = json.loads(body)
            except ValueError:
                self._send(400, {"status_code": "BAD_JSON_REQUEST"})
                return
            if url.path.endswith("/status"):
                self._status(data)
            elif url.path.endswith("/validate"):
                self._validate(data)
            else:
                self._send(404, {"status_code": "HTTP_ERROR"})

        def _status(self, data: object) -> None:
            numbers = data.get("b_no") if isinstance(data, dict) else None
            if not isinstance(numbers, list) or not numbers:
                self._send(400, {"status_code": "REQUEST_DATA_MALFORMED"})
                return
            if len(numbers) > 100:
                self._send(413, {"status_code": "TOO_LARGE_REQUEST"})
                return
            items = [reg.status_item(str(n)) for n in numbers]
            self._send(200, {"request_cnt": len(numbers), "match_cnt": sum(1 for i in items if i["b_stt_cd"]),
                             "status_code": "OK", "data": items})

        def _validate(self, data: object) -> None:
            items = data.get("businesses") if isinstance(data, dict) else None
            if not isinstance(items, list) or not items:
                self._send(400, {"status_code": "REQUEST_DATA_MALFORMED"})
                return
            if len(items) > 100:
                self._send(413, {"status_code": "TOO_LARGE_REQUEST"})
                return
            out: list[dict[str, object]] = []
            for it in items:
                if not all(isinstance(it, dict) and it.get(k) for k in ("b_no", "start_dt", "p_nm")):
                    self._send(400, {"status_code": "REQUEST_DATA_MALFORMED"})
                    return
                b = reg.businesses.get(str(it["b_no"]))
                ok = (b is not None and it["start_dt"] == b.start_dt and it["p_nm"] == b.p_nm
                      and it.get("b_nm", b.b_nm) == b.b_nm)
                entry: dict[str, object] = {"b_no": it["b_no"], "valid": "01" if ok else "02", "request_param": it}
                if ok and b is not None:
                    entry["status"] = reg.status_item(b.number)
                else:
                    entry["valid_msg"] = "확인할 수 없습니다."
                out.append(entry)
            self._send(200, {"request_cnt": len(items), "valid_cnt": sum(1 for e in out if e["valid"] == "01"),
                             "status_code": "OK", "data": out})

    return Handler


@contextmanager
def nts_server(reg: Registry) -> Iterator[str]:
    """Serve ``reg`` on a free loopback port; yields the base URL (``http://127.0.0.1:PORT/api/nts-businessman/v1``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(reg))
    # a short poll: shutdown() waits for it, and the default half second was most of each test's time
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/nts-businessman/v1"
    finally:
        server.shutdown()
        server.server_close()
