"""Excel cell repairs: numbers that Excel made floats, lost leading zeros, dates, formulas (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest

from pgdocs.batch.cells import convert_cell, echo_text, safe_relative_path
from pgdocs.batch.columns import load_columns

COLS = load_columns()
#: what openpyxl hands over for a cell
Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None


def conv(path: str, value: Cell, data_type: str | None = None) -> tuple[object, list[str], list[str]]:
    res = convert_cell(value, data_type, COLS.by_path(path))
    return res.value, [f.code for f in res.findings], [str(f.severity) for f in res.findings]


@pytest.mark.parametrize(
    ("path", "value", "data_type", "expected", "codes"),
    [
        pytest.param("business.business_number", 2208162517.0, "n", "2208162517", ["BATCH_NUMBER_REPAIRED"],
                     id="brn-float"),
        pytest.param("business.business_number", 2208162517, "n", "2208162517", ["BATCH_NUMBER_REPAIRED"],
                     id="brn-int"),
        pytest.param("business.business_number", "220-81-62517", "s", "220-81-62517", [], id="brn-text"),
        pytest.param("business.business_number", "2.208162517E+09", "s", None, ["BATCH_NUMBER_SCIENTIFIC"],
                     id="brn-scientific-text"),
        pytest.param("business.business_number", 2208162517.5, "n", None, ["BATCH_NUMBER_NOT_INTEGER"],
                     id="brn-fraction"),
        pytest.param("business.postal_code", 4117, "n", "04117", ["BATCH_LEADING_ZERO_RESTORED"],
                     id="postal-lost-zero"),
        pytest.param("business.postal_code", "04117", "s", "04117", [], id="postal-text"),
        pytest.param("manager.phone", 1023456789, "n", "01023456789", ["BATCH_PHONE_LEADING_ZERO"],
                     id="mobile-lost-zero"),
        pytest.param("business.phone", 23331234, "n", "023331234", ["BATCH_PHONE_LEADING_ZERO"],
                     id="seoul-lost-zero"),
        pytest.param("business.phone", 15887335, "n", "15887335", [], id="uan-no-zero"),
        pytest.param("manager.phone", 12345, "n", None, ["BATCH_PHONE_AMBIGUOUS"], id="phone-ambiguous"),
        pytest.param("settlement_account.number", 12345601234567, "n", "12345601234567",
                     ["BATCH_NUMBER_AS_NUMBER"], id="account-number-warned"),
        pytest.param("settlement_account.number", 1234560123456789, "n", None, ["BATCH_NUMBER_PRECISION"],
                     id="account-16-digits-precision"),
        pytest.param("business.opening_date", dt.datetime(2019, 7, 1), "d", "2019-07-01", [], id="date-cell"),
        pytest.param("business.opening_date", 43647, "n", "2019-07-01", ["BATCH_DATE_SERIAL"], id="date-serial"),
        pytest.param("business.opening_date", 20190701, "n", "20190701", [], id="date-yyyymmdd-number"),
        pytest.param("business.postal_code", dt.datetime(2019, 7, 1), "d", None, ["BATCH_CELL_IS_DATE"],
                     id="date-in-text-field"),
        pytest.param("business.business_name", "=1+1", "f", None, ["BATCH_FORMULA_CELL"], id="formula-cell"),
        pytest.param("business.business_name", "=1+1", "s", "=1+1", [], id="formula-looking-text-kept"),
        pytest.param("business.business_name", "#N/A", "e", None, ["BATCH_CELL_ERROR"], id="error-cell"),
        pytest.param("business.business_name", "  ", "s", None, [], id="blank"),
        pytest.param("business.business_name", "하늘공방", "s", "하늘공방", [],
                     id="nfd-to-nfc"),
        pytest.param("pg_account.already_on_imweb", True, "b", True, [], id="bool-cell"),
        pytest.param("pg_account.already_on_imweb", 1, "n", True, [], id="bool-as-1"),
        pytest.param("business.business_name", True, "b", None, ["BATCH_CELL_TYPE"], id="bool-in-text"),
        pytest.param("_docs_dir", "../../etc", "s", None, ["BATCH_UNSAFE_PATH"], id="path-climbs-out"),
        pytest.param("_docs_dir", "/etc", "s", None, ["BATCH_UNSAFE_PATH"], id="path-absolute"),
        pytest.param("_docs_dir", "C:\\Windows", "s", None, ["BATCH_UNSAFE_PATH"], id="path-windows-drive"),
        pytest.param("_docs_dir", "가게/서류", "s", "가게/서류", [], id="path-relative"),
    ],
)
def test_convert_cell(path: str, value: Cell, data_type: str, expected: object, codes: list[str]) -> None:
    got, got_codes, _ = conv(path, value, data_type)
    assert got == expected
    assert got_codes == codes
    if isinstance(expected, str):
        import unicodedata

        assert unicodedata.is_normalized("NFC", expected)


def test_nfd_text_becomes_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "하늘공방")
    got, codes, _ = conv("business.business_name", nfd, "s")
    assert got == "하늘공방" and len(got) == 4 and codes == []


def test_repairs_are_reported_with_severity() -> None:
    _, _, sev = conv("manager.phone", 1023456789, "n")
    assert sev == ["warning"]
    _, _, sev = conv("business.business_name", "=A1", "f")
    assert sev == ["error"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(2208162517.0, "2208162517", id="float-int"),
        pytest.param(dt.datetime(2019, 7, 1), "2019-07-01", id="datetime-midnight"),
        pytest.param(True, "TRUE", id="bool"),
        pytest.param(None, "", id="none"),
        pytest.param(1.5, "1.5", id="float"),
    ],
)
def test_echo_text(value: Cell, text: str) -> None:
    assert echo_text(value) == text


@pytest.mark.parametrize(
    ("text", "safe"),
    [("a/b", "a/b"), ("./a", "a"), ("a\\b", "a/b"), ("../a", None), ("a/../../b", None), ("", None),
     ("\\\\server\\share", None), ("a\x00b", None)],
)
def test_safe_relative_path(text: str, safe: str | None) -> None:
    assert safe_relative_path(text) == safe


@pytest.mark.parametrize(
    ("path", "value", "secret"),
    [
        pytest.param("manager.phone", 1023456789, "23456789", id="phone"),
        pytest.param("manager.phone", 12345678901234, "2345678901234", id="phone-ambiguous"),
        pytest.param("settlement_account.number", 12345601234567, "123456012", id="account"),
    ],
)
def test_messages_mask_personal_numbers(path: str, value: int, secret: str) -> None:
    res = convert_cell(value, "n", COLS.by_path(path))
    assert res.findings
    assert all(secret not in f.message for f in res.findings)
