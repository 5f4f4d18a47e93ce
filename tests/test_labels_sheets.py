"""Label sheet geometry: the shipped table, code lookup, custom sheet files and their validation."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from pgdocs.errors import ExitCode, InputError
from pgdocs.labels import list_sheets, load_sheet
from pgdocs.resources import data_path

REQUIRED_CODES = [
    "LS-3105", "LS-3106", "LS-3107", "LS-3108", "LS-3109", "LS-3114", "LS-3116", "LS-3212",
    "L7160", "L7162", "L7163", "L7165", "L7169", "L7651",
]
RAW = tomllib.loads(data_path("label_sheets.toml").read_text(encoding="utf-8"))["sheet"]


def test_every_required_sheet_is_shipped_with_source_and_confidence() -> None:
    codes = [s.code for s in list_sheets()]
    assert set(REQUIRED_CODES) <= set(codes)
    assert len(codes) == len(set(codes))
    for s in list_sheets():
        assert s.source, s.code
        assert s.confidence in {"high", "medium-high", "medium", "low-medium", "low"}, s.code


@pytest.mark.parametrize("raw", RAW, ids=[r["code"] for r in RAW])
def test_every_shipped_sheet_fits_a4(raw: dict[str, object]) -> None:
    # computed from the raw data file, not from the Sheet class under test
    w, h = float(raw["label_w"]), float(raw["label_h"])  # type: ignore[arg-type]
    px = float(raw.get("pitch_x", w))  # type: ignore[arg-type]
    py = float(raw.get("pitch_y", h))  # type: ignore[arg-type]
    cols, rows = int(raw["cols"]), int(raw["rows"])  # type: ignore[call-overload]
    right = float(raw["left"]) + (cols - 1) * px + w  # type: ignore[arg-type]
    bottom = float(raw["top"]) + (rows - 1) * py + h  # type: ignore[arg-type]
    assert right <= 210.15
    assert bottom <= 297.15
    assert px >= w - 0.15 and py >= h - 0.15
    sheet = load_sheet(str(raw["code"]))
    assert sheet.count == cols * rows
    last = sheet.label_box(sheet.count - 1)
    assert last[0] + last[2] == pytest.approx(right)
    assert last[1] + last[3] == pytest.approx(bottom)


@pytest.mark.parametrize(
    ("typed", "code", "summary"),
    [
        pytest.param("LS-3108", "LS-3108", "14칸 (2×7) 99.1×38.1 mm", id="full-code"),
        pytest.param("ls-3108", "LS-3108", "14칸 (2×7) 99.1×38.1 mm", id="lower-case"),
        pytest.param("3108", "LS-3108", "14칸 (2×7) 99.1×38.1 mm", id="bare-number-is-not-the-8-up"),
        pytest.param("LS 3114", "LS-3114", "8칸 (2×4) 99.1×67.7 mm", id="space"),
        pytest.param("ls3116", "LS-3116", "6칸 (2×3) 99.1×93.1 mm", id="no-dash"),
        pytest.param("j8160", "L7160", "21칸 (3×7) 63.5×38.1 mm", id="avery-inkjet-twin"),
        pytest.param("L7651", "L7651", "65칸 (5×13) 38.1×21.2 mm", id="avery-65"),
        pytest.param("ＬＳ－３１０８", "LS-3108", None, id="full-width"),
        pytest.param("LS\u20133108", "LS-3108", None, id="en-dash"),
    ],
)
def test_lookup_by_code(typed: str, code: str, summary: str | None) -> None:
    sheet = load_sheet(typed)
    assert sheet.code == code
    if summary:
        assert sheet.summary == summary


def test_unknown_code_is_a_usage_error_listing_codes() -> None:
    with pytest.raises(InputError) as ei:
        load_sheet("LS-9999")
    assert ei.value.code == "LABEL_SHEET_UNKNOWN"
    assert ei.value.exit_code == ExitCode.USAGE
    assert "LS-3108" in (ei.value.hint or "")


GOOD = """
code = "MY-2x5"
maker = "우리문구"
cols = 2
rows = 5
label_w = 100
label_h = 55
top = 11
left = 4
gap_x = 2
"""


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_custom_sheet_file(tmp_path: Path, suffix: str) -> None:
    data = tomllib.loads(GOOD)
    path = tmp_path / f"내라벨지{suffix}"
    path.write_text(GOOD if suffix == ".toml" else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sheet = load_sheet(path)
    assert (sheet.code, sheet.cols, sheet.rows, sheet.pitch_x, sheet.pitch_y) == ("MY-2x5", 2, 5, 102.0, 55.0)
    assert sheet.confidence == "custom"
    assert load_sheet(str(path)) == sheet  # a string path works too
    assert sheet.label_box(3) == (4 + 102.0, 11 + 55.0, 100.0, 55.0)


def test_custom_sheet_in_a_sheet_table_without_code(tmp_path: Path) -> None:
    path = tmp_path / "a4-1x1.toml"
    path.write_text("[[sheet]]\ncols = 1\nrows = 1\nlabel_w = 200\nlabel_h = 287\ntop = 5\nleft = 5\n",
                    encoding="utf-8")
    sheet = load_sheet(path)
    assert sheet.code == "custom:a4-1x1"
    assert sheet.count == 1


def _replace(text: str, key: str, value: str | None) -> str:
    lines = [ln for ln in text.splitlines() if not ln.startswith(f"{key} ")]
    if value is not None:
        lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        pytest.param(_replace(GOOD, "left", "15"), "가로 배열이 용지 밖", id="grid-off-right-edge"),
        pytest.param(_replace(GOOD, "top", "25"), "세로 배열이 용지 밖", id="grid-off-bottom-edge"),
        pytest.param(_replace(GOOD, "gap_x", "-5"), "겹칩니다", id="labels-overlap"),
        pytest.param(_replace(GOOD, "label_w", None), "label_w", id="missing-key"),
        pytest.param(_replace(GOOD, "cols", '"two"'), "cols", id="cols-not-int"),
        pytest.param(_replace(GOOD, "cols", "0"), "cols", id="cols-zero"),
        pytest.param(_replace(GOOD, "label_h", "true"), "label_h", id="bool-not-number"),
        pytest.param(_replace(GOOD, "label_h", "nan"), "label_h", id="nan"),
        pytest.param(_replace(GOOD, "lable_w", "100"), "lable_w", id="typo-key"),
        pytest.param(_replace(GOOD, "confidence", '"sure"'), "confidence", id="bad-confidence"),
        pytest.param(_replace(GOOD, "pitch_x", "110"), "pitch_x", id="pitch-and-gap-disagree"),
        pytest.param("cols = [", "형식 오류", id="broken-toml"),
        pytest.param("[[sheet]]\ncols=1\n[[sheet]]\ncols=2\n", "하나만", id="two-sheets"),
    ],
)
def test_bad_custom_sheet_is_one_clear_error(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as ei:
        load_sheet(path)
    assert ei.value.code == "LABEL_SHEET_INVALID"
    assert ei.value.exit_code == ExitCode.USAGE
    assert needle in ei.value.message


@pytest.mark.parametrize(
    ("content", "code"),
    [
        pytest.param(b"\xff\xfe\x00c\x00o", "LABEL_SHEET_INVALID", id="not-utf8"),
        pytest.param(b"#" * 70_000, "LABEL_SHEET_INVALID", id="too-big"),
        pytest.param(b"[1, 2]", "LABEL_SHEET_INVALID", id="json-not-object"),
    ],
)
def test_unreadable_custom_sheet(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as ei:
        load_sheet(path)
    assert ei.value.code == code


def test_missing_custom_sheet_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as ei:
        load_sheet(tmp_path / "nope.toml")
    assert ei.value.code == "LABEL_SHEET_NOT_FOUND"
