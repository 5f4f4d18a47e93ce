"""토스페이먼츠 keys (docs/identifiers.md#toss-keys): mode (test/live), family (API vs 결제위젯), role (client/secret).

==========  =============  ==============  ===========================
prefix      mode           family          role
==========  =============  ==============  ===========================
test_ck_    test           api             client
live_ck_    live           api             client
test_sk_    test           api             secret
live_sk_    live           api             secret
test_gck_   test           widget          client
live_gck_   live           widget          client
test_gsk_   test           widget          secret
live_gsk_   live           widget          secret
test_ak_    test           api             secret (older test secret)
==========  =============  ==============  ===========================

Keys containing ``_docs_`` are the public documentation samples and never work for a shop.

>>> k = parse('test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq')
>>> (k.mode, k.family, k.role, k.docs)
('test', 'api', 'client', False)
>>> parse('live_gsk_abcdEFGH1234').family
'widget'
>>> parse('test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm').docs
True
>>> is_valid('sk_live_123'), is_valid('test_xx_abcdefgh12')
(False, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pgdocs.ids._exceptions import InvalidFormat
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["FOLLOW_UP", "TossKey", "compact", "is_valid", "pair_problems", "parse", "validate"]

#: The help article's follow-up sentence for test keys.
FOLLOW_UP = (
    "테스트용 인증키로 먼저 전달해 주시는 경우, 추후 라이브용 인증키로 변경 요청을 진행해 주셔야 "
    "실제 결제 및 정산이 진행됩니다."
)

_KEY = re.compile(r"^(test|live)_(ck|sk|gck|gsk|ak)_([A-Za-z0-9_]+)$")
_FAMILY = {"ck": "api", "sk": "api", "ak": "api", "gck": "widget", "gsk": "widget"}
_ROLE = {"ck": "client", "gck": "client", "sk": "secret", "gsk": "secret", "ak": "secret"}


@dataclass(frozen=True, slots=True)
class TossKey:
    key: str
    mode: Literal["test", "live"]
    family: Literal["api", "widget"]
    role: Literal["client", "secret"]
    kind: str  #: ck, sk, gck, gsk, ak
    docs: bool  #: a public documentation key

    @property
    def label(self) -> str:
        fam = "결제위젯" if self.family == "widget" else "API 개별연동"
        role = "클라이언트 키" if self.role == "client" else "시크릿 키"
        mode = "테스트" if self.mode == "test" else "라이브"
        return f"{fam} {role}({mode})"


def compact(key: str) -> str:
    return re.sub(r"\s", "", clean(key))


def parse(key: str) -> TossKey:
    """Classify a key or raise :class:`InvalidFormat`."""
    k = compact(guard(key, "토스페이먼츠 키"))
    if not re.match(r"^(test|live)_", k):
        raise InvalidFormat(
            "토스페이먼츠 키는 test_ 또는 live_ 로 시작해야 합니다 (예: live_ck_…, live_sk_…)."
        )
    m = _KEY.match(k)
    if m is None:
        raise InvalidFormat(
            "토스페이먼츠 키 형식이 아닙니다 (test_/live_ 다음에 ck_, sk_, gck_, gsk_ 가 와야 합니다)."
        )
    mode, kind, body = m.groups()
    if mode == "live" and kind == "ak":
        raise InvalidFormat("live_ak_ 키는 없습니다. 개발자센터의 라이브 시크릿 키(live_sk_…)를 확인하세요.")
    if len(body.replace("docs_", "")) < 8:
        raise InvalidFormat(
            "토스페이먼츠 키가 너무 짧습니다. 개발자센터에서 키 전체를 복사했는지 확인하세요."
        )
    return TossKey(
        key=k,
        mode=mode,  # type: ignore[arg-type]
        family=_FAMILY[kind],  # type: ignore[arg-type]
        role=_ROLE[kind],  # type: ignore[arg-type]
        kind=kind,
        docs="docs_" in body,
    )


def validate(key: str) -> str:
    return parse(key).key


def is_valid(key: str) -> bool:
    try:
        return bool(validate(key))
    except ValueError:
        return False


def pair_problems(client: TossKey, secret: TossKey) -> list[tuple[str, str]]:
    """(code, Korean message) for a client/secret pair that cannot work together.

    >>> pair_problems(parse('test_ck_aaaaaaaaaa'), parse('live_sk_bbbbbbbbbb'))[0][0]
    'TOSS_KEY_MODE_MISMATCH'
    >>> pair_problems(parse('live_gck_aaaaaaaaaa'), parse('live_sk_bbbbbbbbbb'))[0][0]
    'TOSS_KEY_FAMILY_MISMATCH'
    >>> pair_problems(parse('live_ck_aaaaaaaaaa'), parse('live_sk_bbbbbbbbbb'))
    []
    """
    out: list[tuple[str, str]] = []
    if client.mode != secret.mode:
        out.append((
            "TOSS_KEY_MODE_MISMATCH",
            f"clientKey는 {client.label}, apiKey는 {secret.label}입니다. "
            "두 키는 모두 테스트이거나 모두 라이브여야 합니다.",
        ))
    if client.family != secret.family:
        out.append((
            "TOSS_KEY_FAMILY_MISMATCH",
            f"clientKey는 {client.label}, apiKey는 {secret.label}입니다. "
            "API 개별연동 키(ck/sk)와 결제위젯 키(gck/gsk)는 섞어 쓸 수 없습니다.",
        ))
    return out
