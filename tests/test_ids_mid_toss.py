"""MID shapes (warnings only, data/mid_shapes.toml) and 토스페이먼츠 keys."""

from __future__ import annotations

import tomllib

import pytest

from pgdocs.ids import InvalidFormat, mid, toss
from pgdocs.pglist import pg_names
from pgdocs.resources import data_path


def test_every_pg_has_a_shape_with_a_source() -> None:
    raw = tomllib.loads(data_path("mid_shapes.toml").read_text(encoding="utf-8"))
    assert raw["version"]
    assert set(mid.shapes()) == set(pg_names())
    for shape in mid.shapes().values():
        assert shape.source and shape.description
        for test_mid in shape.test_mids:  # published test MIDs must fit their own shape
            assert shape.pattern.match(test_mid), (shape.pg, test_mid)


@pytest.mark.parametrize(
    ("pg", "value", "fits"),
    [
        pytest.param("nicepay", "nicepay00m", True, id="nicepay-sample"),
        pytest.param("nicepay", "UT0000113m", True, id="nicepay-ut"),
        pytest.param("nicepay", "IMPabc123m", True, id="nicepay-host-prefix"),
        pytest.param("nicepay", "nicepay001", False, id="nicepay-no-m"),
        pytest.param("nicepay", "nicepay0m", False, id="nicepay-9"),
        pytest.param("inicis", "MOIimweb01", True, id="inicis-10"),
        pytest.param("inicis", "MOI1234", False, id="inicis-7"),
        pytest.param("kcp", "A1B2C", True, id="kcp-5"),
        pytest.param("kcp", "a1b2c", False, id="kcp-lower"),
        pytest.param("easypay", "05123456", True, id="kicc-8"),
        pytest.param("toss", "tnhigogz5bi", True, id="toss-11"),
        pytest.param("toss", "im_shop01", True, id="toss-im-prefix"),
        pytest.param("toss", "Tnhigogz5bi", False, id="toss-upper"),
        pytest.param("toss", " tnhigogz5bi ", True, id="spaces-stripped"),
    ],
)
def test_mid_shapes(pg: str, value: str, fits: bool) -> None:
    assert mid.is_valid(pg, value) is fits
    problem = mid.check(pg, value)
    assert (problem is None) is fits
    if problem:
        assert pg_names()[pg] in problem


def test_test_mids() -> None:
    assert mid.is_test_mid("inicis", "INIpayTest")
    assert mid.is_test_mid("easypay", "T5102001")
    assert not mid.is_test_mid("inicis", "MOIimweb01")
    assert not mid.is_test_mid("unknown", "x")


@pytest.mark.parametrize(
    ("key", "mode", "family", "role", "docs"),
    [
        pytest.param("test_ck_Abc123Def456", "test", "api", "client", False, id="test-ck"),
        pytest.param("live_ck_Abc123Def456", "live", "api", "client", False, id="live-ck"),
        pytest.param("test_sk_Abc123Def456", "test", "api", "secret", False, id="test-sk"),
        pytest.param("live_sk_Abc123Def456", "live", "api", "secret", False, id="live-sk"),
        pytest.param("test_gck_Abc123Def456", "test", "widget", "client", False, id="test-gck"),
        pytest.param("live_gck_Abc123Def456", "live", "widget", "client", False, id="live-gck"),
        pytest.param("test_gsk_Abc123Def456", "test", "widget", "secret", False, id="test-gsk"),
        pytest.param("live_gsk_Abc123Def456", "live", "widget", "secret", False, id="live-gsk"),
        pytest.param("test_ak_Abc123Def456", "test", "api", "secret", False, id="old-test-ak"),
        pytest.param("test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm", "test", "widget", "client", True, id="docs"),
        pytest.param(" live_ck_Abc123Def456\n", "live", "api", "client", False, id="whitespace"),
    ],
)
def test_toss_key_classes(key: str, mode: str, family: str, role: str, docs: bool) -> None:
    k = toss.parse(key)
    assert (k.mode, k.family, k.role, k.docs) == (mode, family, role, docs)
    assert k.key == key.strip()


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("ck_live_Abc123Def456", id="swapped-prefix"),
        pytest.param("prod_ck_Abc123Def456", id="unknown-mode"),
        pytest.param("test_xk_Abc123Def456", id="unknown-kind"),
        pytest.param("live_ak_Abc123Def456", id="live-ak"),
        pytest.param("test_ck_abc", id="too-short"),
        pytest.param("test_ck_Abc 123Def-456", id="bad-chars"),
        pytest.param("", id="empty"),
    ],
)
def test_toss_key_invalid(key: str) -> None:
    with pytest.raises(InvalidFormat):
        toss.parse(key)
    assert not toss.is_valid(key)


@pytest.mark.parametrize(
    ("client", "secret", "codes"),
    [
        pytest.param("live_ck_aaaaaaaaaa", "live_sk_bbbbbbbbbb", [], id="live-api-pair"),
        pytest.param("test_gck_aaaaaaaaaa", "test_gsk_bbbbbbbbbb", [], id="test-widget-pair"),
        pytest.param("test_ck_aaaaaaaaaa", "test_ak_bbbbbbbbbb", [], id="old-test-secret"),
        pytest.param("test_ck_aaaaaaaaaa", "live_sk_bbbbbbbbbb", ["TOSS_KEY_MODE_MISMATCH"], id="mode"),
        pytest.param("live_gck_aaaaaaaaaa", "live_sk_bbbbbbbbbb", ["TOSS_KEY_FAMILY_MISMATCH"], id="family"),
        pytest.param("test_gck_aaaaaaaaaa", "live_sk_bbbbbbbbbb",
                     ["TOSS_KEY_MODE_MISMATCH", "TOSS_KEY_FAMILY_MISMATCH"], id="both"),
    ],
)
def test_toss_pairs(client: str, secret: str, codes: list[str]) -> None:
    problems = toss.pair_problems(toss.parse(client), toss.parse(secret))
    assert [code for code, _ in problems] == codes
    assert all("bbbbbbbbbb" not in message for _, message in problems)  # never echo a secret


def test_follow_up_is_the_help_article_sentence() -> None:
    assert "라이브용 인증키로 변경 요청" in toss.FOLLOW_UP
    assert "실제 결제 및 정산" in toss.FOLLOW_UP
