"""HTTP client for the NTS 사업자등록정보 진위확인 및 상태조회 API (data.go.kr 15081808).

Facts: docs/identifiers.md#nts-api. Two endpoints, both ``POST`` with a JSON body:

* ``/status`` — ``{"b_no": [...]}``, ≤ 100 numbers a call: 계속/휴업/폐업 and the tax type;
* ``/validate`` — ``{"businesses": [...]}``, ≤ 100 a call: do number + 개업일 + 대표자 (+ 상호, 법인등록번호) match.

The service key travels in the query string (``serviceKey``), so it is the one secret here: it is never logged,
never put in an error, and every text that could carry the URL goes through :func:`scrub`. data.go.kr issues the
key in an "Encoding" form (already percent-encoded) and a "Decoding" form; both are accepted: the key is decoded
once when read and encoded exactly once when the URL is built (double encoding is the usual failure).

The standard library's ``urllib`` does the HTTP: two JSON POSTs need no more, and pgdocs gains no dependency for
an opt-in feature. Retries with exponential backoff on 5xx, timeouts and dropped connections; calls are spaced by
``min_interval`` seconds.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pgdocs.errors import ExitCode, InputError, PgdocsError
from pgdocs.jsonio import JSONObject, JSONValue, Report

log = logging.getLogger(__name__)

DEFAULT_URL = "https://api.odcloud.kr/api/nts-businessman/v1"
URL_ENV = "PGDOCS_NTS_URL"
KEY_ENV = "PGDOCS_NTS_KEY"
KEY_FILE_ENV = "PGDOCS_NTS_KEY_FILE"
#: numbers (or businesses) per call: the service refuses more (TOO_LARGE_REQUEST)
MAX_PER_CALL = 100
#: seconds to wait for one reply
TIMEOUT = 10.0
#: attempts per call on 5xx / timeout / dropped connection
ATTEMPTS = 3
#: first backoff (seconds); doubled each retry, with up to 25 % jitter
BACKOFF = 0.5
#: seconds between two calls (rate limit; the service allows 1,000,000 calls a day)
MIN_INTERVAL = 0.1

SERVICE_HINT = "잠시 뒤 다시 하거나, --registry 없이 진행한 뒤 홈택스에서 직접 확인하세요."


class RegistryError(PgdocsError):
    """The NTS service could not answer: unreachable, quota, refused key (exit 5)."""

    exit_code = ExitCode.SERVICE


def scrub(text: str, key: str | None) -> str:
    """``text`` with the service key (decoded, encoded and ``serviceKey=…`` forms) replaced by ``***``."""
    out = text
    if key:
        for form in {key, urllib.parse.quote(key, safe=""), urllib.parse.quote_plus(key)}:
            if form:
                out = out.replace(form, "***")
    return re.sub(r"(serviceKey=)[^&\s'\"]+", r"\1***", out)


def read_key(env: dict[str, str] | None = None) -> str:
    """The service key in its decoded form, from ``PGDOCS_NTS_KEY`` or the file ``PGDOCS_NTS_KEY_FILE`` names."""
    env = dict(os.environ) if env is None else env
    raw = env.get(KEY_ENV, "").strip()
    if not raw and env.get(KEY_FILE_ENV):
        path = Path(env[KEY_FILE_ENV])
        try:
            raw = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            raise InputError("NTS_KEY_UNREADABLE", f"국세청 서비스 키 파일을 읽을 수 없습니다: {path.name}",
                             hint=f"{KEY_FILE_ENV} 가 가리키는 파일을 확인하세요.") from None
    if not raw:
        raise InputError("NTS_NO_KEY", "국세청 조회에 필요한 서비스 키가 없습니다.",
                         hint=f"data.go.kr 에서 활용신청한 키를 환경 변수 {KEY_ENV} (또는 키 파일 경로를 "
                              f"{KEY_FILE_ENV}) 에 넣으세요.")
    # the "Encoding" key holds %2B, %2F, %3D …; the "Decoding" key holds + / = and never a '%'
    return urllib.parse.unquote(raw) if "%" in raw else raw


@dataclass
class CallStats:
    calls: int = 0  #: HTTP requests sent, retries included
    batches: int = 0  #: groups of ≤ 100 asked
    retries: int = 0


Transport = Callable[[str, bytes, float], tuple[int, bytes]]


def _urllib_transport(url: str, body: bytes, timeout: float) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method="POST",  # noqa: S310 - https (or the test's http) URL
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            return int(resp.status), resp.read(2_000_000)
    except urllib.error.HTTPError as exc:
        try:
            data = exc.read(200_000)
        except OSError:
            data = b""
        return int(exc.code), data


class NtsClient:
    """One client per run: holds the key, the spacing between calls and the call counts."""

    def __init__(self, key: str | None = None, *, base_url: str | None = None, timeout: float = TIMEOUT,
                 attempts: int = ATTEMPTS, backoff: float = BACKOFF, min_interval: float = MIN_INTERVAL,
                 transport: Transport | None = None) -> None:
        self.key = key if key is not None else read_key()
        self.base_url = (base_url or os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/")
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.min_interval = min_interval
        self.transport = transport or _urllib_transport
        self.stats = CallStats()
        self._lock = threading.Lock()
        self._last = 0.0

    def __repr__(self) -> str:  # never the key
        return f"NtsClient(base_url={self.base_url!r})"

    # -- the two endpoints ----------------------------------------------------------------------------------

    def status(self, numbers: Sequence[str]) -> list[JSONObject]:
        """``/status`` for ≤ 100 ten-digit numbers: the reply's ``data`` items."""
        if len(numbers) > MAX_PER_CALL:
            raise ValueError(f"at most {MAX_PER_CALL} numbers per call")
        return self._post("status", {"b_no": list(numbers)})

    def validate(self, businesses: Sequence[dict[str, str]]) -> list[JSONObject]:
        """``/validate`` for ≤ 100 businesses (b_no, start_dt, p_nm, optional b_nm, corp_no)."""
        if len(businesses) > MAX_PER_CALL:
            raise ValueError(f"at most {MAX_PER_CALL} businesses per call")
        return self._post("validate", {"businesses": list(businesses)})

    # -- plumbing -------------------------------------------------------------------------------------------

    def _url(self, endpoint: str) -> str:
        return f"{self.base_url}/{endpoint}?serviceKey={urllib.parse.quote(self.key, safe='')}&returnType=JSON"

    def _wait_turn(self) -> None:
        with self._lock:
            delay = self._last + self.min_interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._last = time.monotonic()

    def _post(self, endpoint: str, payload: Report) -> list[JSONObject]:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.stats.batches += 1
        last_error = ""
        for attempt in range(self.attempts):
            if attempt:
                self.stats.retries += 1
                pause = self.backoff * (2 ** (attempt - 1))
                time.sleep(pause + random.uniform(0, pause / 4))  # noqa: S311 - jitter, not a secret
            self._wait_turn()
            self.stats.calls += 1
            try:
                code, raw = self.transport(self._url(endpoint), body, self.timeout)
            except TimeoutError:
                last_error = "timeout"
                log.info("NTS %s: no reply in %.0f s (attempt %d)", endpoint, self.timeout, attempt + 1)
                continue
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                last_error = scrub(f"{type(exc).__name__}: {reason}", self.key)
                log.info("NTS %s: %s (attempt %d)", endpoint, last_error, attempt + 1)
                continue
            if code >= 500 or code == 0:
                last_error = f"HTTP {code}"
                log.info("NTS %s: HTTP %d (attempt %d)", endpoint, code, attempt + 1)
                continue
            return self._reply(endpoint, code, raw)
        raise RegistryError("NTS_UNREACHABLE", "국세청 사업자등록정보 조회 서비스에 연결할 수 없습니다.",
                            hint=SERVICE_HINT, details={"error": last_error, "attempts": self.attempts})

    def _reply(self, endpoint: str, code: int, raw: bytes) -> list[JSONObject]:
        data: JSONValue
        try:
            data = json.loads(raw.decode("utf-8", "replace")) if raw else {}
        except ValueError:
            data = {}
        text = scrub(json.dumps(data, ensure_ascii=False)[:300], self.key) if data else ""
        if code in (401, 403) or (isinstance(data, dict) and _is_key_error(data)):
            raise RegistryError("NTS_BAD_KEY", "국세청 조회 서비스가 서비스 키를 받아들이지 않았습니다.",
                                hint=f"data.go.kr 마이페이지의 일반 인증키(Encoding 또는 Decoding)를 그대로 "
                                     f"{KEY_ENV} 에 넣었는지, 활용신청이 승인됐는지 확인하세요.",
                                exit_code=ExitCode.USAGE, details={"http": code})
        if code == 429 or (isinstance(data, dict) and _is_quota_error(data)):
            raise RegistryError("NTS_QUOTA", "국세청 조회 서비스의 하루 호출 한도를 넘었습니다.",
                                hint="내일 다시 하거나 data.go.kr 에서 트래픽 증가를 신청하세요.",
                                details={"http": code})
        if not isinstance(data, dict) or code != 200 or data.get("status_code") != "OK":
            status = data.get("status_code") if isinstance(data, dict) else None
            raise RegistryError("NTS_BAD_REPLY", "국세청 조회 서비스가 알 수 없는 답을 보냈습니다.",
                                hint=SERVICE_HINT, details={"http": code, "status_code": status, "body": text})
        items = data.get("data")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise RegistryError("NTS_BAD_REPLY", "국세청 조회 서비스가 알 수 없는 답을 보냈습니다.",
                                hint=SERVICE_HINT, details={"http": code, "body": text})
        log.debug("NTS %s: %d items", endpoint, len(items))
        return [i for i in items if isinstance(i, dict)]  # all of them (checked above)


def _is_key_error(data: JSONObject) -> bool:
    """odcloud's gateway answers a refused key with a negative ``code`` and a 인증키 message."""
    msg = str(data.get("msg") or data.get("message") or "")
    return "인증키" in msg or "SERVICE_KEY" in msg.upper() or data.get("code") in (-4, -401)


def _is_quota_error(data: JSONObject) -> bool:
    msg = str(data.get("msg") or data.get("message") or "")
    return "트래픽" in msg or "LIMITED_NUMBER" in msg.upper() or data.get("code") in (-10, -429)
