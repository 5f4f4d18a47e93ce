"""``pgdocs serve``: the merchants' local web page, served by waitress on loopback by default."""

from __future__ import annotations

import errno
import ipaddress
import logging
from typing import Protocol

import click

from pgdocs.errors import InputError
from pgdocs.hangul import particle

log = logging.getLogger(__name__)


class _Server(Protocol):
    """What we use of the server ``waitress.create_server`` returns (waitress ships no types)."""

    effective_port: int

    def run(self) -> None: ...

    def close(self) -> None: ...


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="받을 주소 (기본: 이 컴퓨터만)")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="포트")
@click.option("--allow-remote", is_flag=True, help="다른 컴퓨터에서도 접속 허용 (--host 0.0.0.0 등에 필요)")
@click.option("--ttl", "ttl_minutes", type=click.IntRange(1, 24 * 60), default=60, show_default=True,
              help="올린 파일을 지우기까지의 시간(분, 마지막 사용 기준)")
@click.option("--threads", type=click.IntRange(1, 32), default=4, show_default=True, help="요청 처리 스레드 수")
def serve(host: str, port: int, allow_remote: bool, ttl_minutes: int, threads: int) -> None:
    """가맹점용 로컬 웹 페이지: 절차 안내, 사업자 정보, 서류 대조, 제출 묶음 받기.

    \b
    예) pgdocs serve              → http://127.0.0.1:8000 을 브라우저로 여세요
        pgdocs serve --port 8080
    """
    remote = not is_loopback(host)
    if remote and not allow_remote:
        raise InputError(
            "SERVE_REMOTE_NOT_ALLOWED",
            f"'{host}'는 이 컴퓨터 밖에서 접속할 수 있는 주소입니다. 올린 서류가 네트워크에 노출될 수 있습니다.",
            hint="정말 필요하면 --allow-remote 를 함께 주세요. 보통은 --host 127.0.0.1 (기본값)로 충분합니다.",
        )
    try:
        import waitress
    except ImportError:  # pragma: no cover - a dependency of the package
        from pgdocs.errors import MissingDependencyError

        raise MissingDependencyError("WAITRESS_MISSING", "waitress 가 설치되어 있지 않습니다.",
                                     hint="pip install waitress") from None
    from pgdocs.web import create_app

    app = create_app({"ALLOW_REMOTE": remote, "UPLOAD_TTL_SECONDS": ttl_minutes * 60})
    try:
        server: _Server = waitress.create_server(app, host=host, port=port, threads=threads, ident="pgdocs")
    except OSError as exc:
        app.extensions["pgdocs"].close()
        if exc.errno == errno.EADDRINUSE:
            raise InputError("SERVE_PORT_IN_USE",
                             f"포트 {port}{particle(port, '을')} 이미 다른 프로그램이 쓰고 있습니다.",
                             hint="--port 8080 처럼 다른 포트를 고르세요.") from None
        raise InputError("SERVE_BIND_FAILED", f"{host}:{port} 에서 페이지를 열 수 없습니다 ({exc.strerror}).",
                         hint="--host 127.0.0.1 과 1024 이상의 포트를 쓰세요.") from None
    except ValueError:  # waitress: a host name that does not resolve ("Invalid host/port specified")
        app.extensions["pgdocs"].close()
        raise InputError("SERVE_BAD_HOST", f"'{host}' 주소를 찾을 수 없어 페이지를 열 수 없습니다.",
                         hint="--host 127.0.0.1 (기본값)이나 이 컴퓨터의 IP 주소를 쓰세요.") from None
    if remote:
        click.echo(f"경고: {host} 로 열면 같은 네트워크의 다른 기기도 이 페이지와 올린 서류에 접근할 수 있습니다. "
                   "믿을 수 있는 네트워크에서만 쓰고, 다 쓰면 Ctrl+C 로 끄세요.", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"pgdocs 페이지: http://{shown}:{server.effective_port}/  "
               "(끝내려면 Ctrl+C, 올린 파일은 끌 때 지워집니다)")
    try:
        server.run()  # returns on Ctrl+C
    finally:
        server.close()
        app.extensions["pgdocs"].close()
    click.echo("페이지를 닫았습니다. 올린 파일은 모두 지웠습니다.")
