"""Site URLs (신청 사이트 주소): a host with a dot, no spaces, scheme optional.

>>> validate('https://www.Example.co.kr/shop ')
'https://www.example.co.kr/shop'
>>> host('example.co.kr/path'), host('http://샵.한국')
('example.co.kr', '샵.한국')
>>> inicis_url('https://myshop.imweb.me/')
'*myshop.imweb.me'
>>> is_valid('my shop.com'), is_valid('localhost'), is_valid('ftp://x.com')
(False, False, False)
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pgdocs.ids._exceptions import InvalidComponent, InvalidFormat
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["compact", "format", "host", "inicis_url", "is_test_host", "is_valid", "validate"]

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TEST_WORDS = ("dev", "test", "staging", "stage", "sandbox", "localhost")


def compact(url: str) -> str:
    return clean(url)


def _split(url: str) -> tuple[str, str, str]:
    """(scheme or '', host, rest) of a URL that may lack its scheme."""
    text = compact(guard(url, "사이트 주소"))
    if not text:
        raise InvalidFormat("사이트 주소가 비어 있습니다.")
    if re.search(r"\s", text):
        raise InvalidFormat("사이트 주소에 공백이 있습니다.")
    # "*shop.imweb.me" is how the KG이니시스 form wants it (our own tip says so): the address is what follows
    text = text.lstrip("*").strip()
    if not text:
        raise InvalidFormat("사이트 주소가 비어 있습니다.")
    has_scheme = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) is not None
    try:
        parts = urlsplit(text if has_scheme else "//" + text)
    except ValueError:  # e.g. an unbalanced "[" (IPv6 syntax)
        raise InvalidFormat("사이트 주소 형식이 올바르지 않습니다.") from None
    scheme = parts.scheme.lower()
    if has_scheme and scheme not in ("http", "https"):
        raise InvalidComponent("사이트 주소는 http:// 또는 https:// 로 시작하거나 도메인만 적어 주세요.")
    if parts.username or parts.password:
        raise InvalidFormat("사이트 주소에 사용자 이름이나 비밀번호를 넣을 수 없습니다.")
    try:
        hostname = parts.hostname or ""
        _ = parts.port
    except ValueError:
        raise InvalidFormat("사이트 주소의 포트 번호가 올바르지 않습니다.") from None
    rest = text[len(scheme) + 3 :] if has_scheme else text
    rest = rest[len(parts.netloc) :]
    return scheme, hostname.rstrip("."), rest


def _check_host(hostname: str) -> str:
    if "." not in hostname:
        raise InvalidFormat("사이트 주소에 도메인(예: myshop.co.kr)이 없습니다.")
    try:
        ascii_host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidFormat("사이트 주소의 도메인에 쓸 수 없는 문자가 있습니다.") from None
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_LABEL.match(lbl) for lbl in labels):
        raise InvalidFormat("사이트 주소의 도메인 형식이 올바르지 않습니다.")
    if labels[-1].isdigit():
        raise InvalidFormat("사이트 주소는 IP 주소가 아닌 도메인이어야 합니다.")
    return hostname.lower()


def validate(url: str) -> str:
    """Return the URL with a lower-case host (scheme kept if given) or raise."""
    scheme, hostname, rest = _split(url)
    h = _check_host(hostname)
    head = f"{scheme}://" if scheme else ""
    text = compact(url)
    netloc_start = len(head) if scheme else 0
    netloc = text[netloc_start : len(text) - len(rest)] if rest else text[netloc_start:]
    port = netloc.rsplit(":", 1)[1] if ":" in netloc else ""
    return f"{head}{h}{':' + port if port else ''}{rest}"


def is_valid(url: str) -> bool:
    try:
        return bool(validate(url))
    except ValueError:
        return False


def format(url: str) -> str:
    return validate(url)


def host(url: str) -> str:
    """The lower-case host name (Unicode kept for Korean domains)."""
    _, hostname, _ = _split(url)
    return _check_host(hostname)


def inicis_url(site_url: str) -> str:
    """The value for KG이니시스's MID form: ``*`` + host, no scheme, no path.

    The help article's example is ``*imweb.me``.
    """
    return "*" + host(site_url)


def is_test_host(url: str) -> bool:
    """A host that looks like a development site (card reviews may reject it).

    >>> is_test_host('dev.myshop.com'), is_test_host('myshop-staging.imweb.me'), is_test_host('devshop.com')
    (True, True, False)
    """
    try:
        h = host(url)
    except ValueError:
        return False
    tokens = re.split(r"[.\-]", h)
    return any(t in _TEST_WORDS for t in tokens)
