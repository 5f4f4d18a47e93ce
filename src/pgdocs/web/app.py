"""The Flask application factory: configuration, session cookie, security headers, Korean error pages."""

from __future__ import annotations

import atexit
import logging
from collections.abc import Mapping

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from pgdocs.errors import FindingsError, InputError, MissingDependencyError, PgdocsError
from pgdocs.web.jobs import JobRunner
from pgdocs.web.state import WebState, human_size, state
from pgdocs.web.store import SessionStore

log = logging.getLogger(__name__)

COOKIE = "pgdocs_sid"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
DEFAULTS: dict[str, object] = {
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,  #: one request; Flask answers 413 above it
    "UPLOAD_ROOT": None,  #: None: a fresh temporary folder, removed on shutdown
    "UPLOAD_TTL_SECONDS": 3600,  #: idle sessions (and their uploads) are deleted after this
    "JOB_WORKERS": 2,
    "ALLOW_REMOTE": False,  #: False: only Host 127.0.0.1/localhost is answered (DNS rebinding)
    "TODAY": None,  #: a fixed date for tests and demos
    "POLL_SECONDS": 2,
    "SWEEP_SECONDS": 60,  #: how often a background thread deletes expired sessions (0: only on requests)
}

_HTTP_MESSAGES = {
    400: ("BAD_REQUEST", "요청을 처리할 수 없습니다."),
    404: ("NOT_FOUND", "페이지를 찾을 수 없습니다."),
    405: ("METHOD_NOT_ALLOWED", "이 주소에서는 그 방식으로 요청할 수 없습니다."),
    413: ("UPLOAD_TOO_LARGE", "파일이 너무 큽니다 (최대 {limit})."),
}


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app. ``config`` overrides :data:`DEFAULTS` (and any Flask setting)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # DefaultJSONProvider
    st = WebState(SessionStore(app.config["UPLOAD_ROOT"], ttl_seconds=app.config["UPLOAD_TTL_SECONDS"]),
                  JobRunner(workers=int(app.config["JOB_WORKERS"])), float(app.config["SWEEP_SECONDS"]))
    app.extensions["pgdocs"] = st
    atexit.register(st.close)

    from pgdocs.web.routes import bp

    app.register_blueprint(bp)
    from pgdocs.hangul import particle
    from pgdocs.web.people import for_people

    app.jinja_env.filters["people"] = for_people
    app.jinja_env.filters["particle"] = particle  # {{ word }}{{ word|particle("으로") }}: never "(으)로"
    app.before_request(_before)
    app.after_request(_after)
    app.register_error_handler(PgdocsError, _pgdocs_error)
    app.register_error_handler(HTTPException, _http_error)
    return app


def _before() -> Response | None:
    from flask import current_app

    if not current_app.config["ALLOW_REMOTE"] and hostname(request.host or "") not in LOOPBACK_HOSTS:
        return _error_response("HOST_NOT_ALLOWED", "이 페이지는 이 컴퓨터에서만 열 수 있습니다.", 400,
                               "주소창에 http://127.0.0.1:포트 로 여세요.")
    if request.method == "POST" and not _same_origin():
        return _error_response("CROSS_SITE_REQUEST", "다른 사이트에서 보낸 요청은 받지 않습니다.", 403,
                               "pgdocs 페이지에서 직접 입력해 주세요.")
    st = state()
    st.store.sweep()
    sid = request.cookies.get(COOKIE)
    if sid is not None and st.store.valid(sid):
        st.store.touch(sid)
        g.sid, g.new_sid = sid, False
    else:
        # a cookie whose session was swept: the merchant left the page idle past the limit; say so
        g.expired = sid is not None
        g.sid, g.new_sid = st.store.new(), True
    return None


def _same_origin() -> bool:
    """A POST whose browser says it came from another site is refused (the cookie is SameSite=Lax too)."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin is None
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc.lower() == (request.host or "").lower()


def hostname(host: str) -> str:
    """``127.0.0.1:8000`` → ``127.0.0.1``; ``[::1]:8000`` → ``[::1]``."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0].lower()


def _after(resp: Response) -> Response:
    if getattr(g, "new_sid", False):
        resp.set_cookie(COOKIE, g.sid, httponly=True, samesite="Lax", path="/")
    resp.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for browsers that ignore CSP
    resp.headers.setdefault("Referrer-Policy", "same-origin")  # "no-referrer" makes Chromium send Origin: null
    resp.headers.setdefault("Cache-Control", "no-store")
    return resp


def status_for(err: PgdocsError) -> int:
    status = err.details.get("status") if isinstance(err.details, dict) else None
    if isinstance(status, int):
        return status
    if isinstance(err, MissingDependencyError):
        return 503
    if isinstance(err, FindingsError):
        return 422
    if isinstance(err, InputError):
        return 400
    return 500


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _error_response(code: str, message: str, status: int, hint: str | None = None) -> Response:
    if _wants_json():
        resp = jsonify({"error": {"code": code, "message": message, "hint": hint}})
    elif request.endpoint == "web.upload_doc" and getattr(g, "sid", None):
        from pgdocs.web.routes import render_docs  # the upload step again, with the reason and its forms

        resp = Response(render_docs({"code": code, "message": message, "hint": hint}))
    elif request.endpoint == "web.upload_signed" and getattr(g, "sid", None):
        from pgdocs.web.routes import render_get  # the 받기 step again, beside the sealed-form slot

        resp = Response(render_get({"code": code, "message": message, "hint": hint}))
    else:
        resp = Response(render_template("error.html", code=code, message=message, hint=hint, status=status))
    resp.status_code = status
    return resp


def _pgdocs_error(err: PgdocsError) -> Response:
    log.info("request refused: %s", err.code)
    return _error_response(err.code, err.message, status_for(err), err.hint)


def _http_error(exc: HTTPException) -> Response:
    from flask import current_app

    status = exc.code or 500
    code, message = _HTTP_MESSAGES.get(status, ("HTTP_ERROR", "요청을 처리할 수 없습니다."))
    message = message.format(limit=human_size(int(current_app.config["MAX_CONTENT_LENGTH"])))
    hint = "해상도를 낮추거나(300 dpi면 충분) 첫 쪽만 저장해 올려 주세요." if status == 413 else None
    return _error_response(code, message, status, hint)
