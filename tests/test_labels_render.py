"""Label PDFs read back: every text run inside its label (±0.2 mm of the sheet spec), postal code
right-aligned, start/copies/offset/sender, embedded fonts with every glyph, print scaling, errors.

All addresses and names are fictional.
"""

from __future__ import annotations

import itertools
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import pytest
from pypdf import PdfReader

from pdf_read import as_dict
from pgdocs.errors import ExitCode, FindingsError, InputError
from pgdocs.labels import LabelEntry, load_sheet, placements, render_labels
from pgdocs.pdffonts import missing_glyphs, register_fonts
from pgdocs.resources import data_path

MM = 72 / 25.4
TOL = 0.2  # mm
SPEC = {r["code"]: r for r in tomllib.loads(data_path("label_sheets.toml").read_text("utf-8"))["sheet"]}

NICEPAY = LabelEntry(["서울특별시 마포구 마포대로 217", "크레디트센터 7층", "나이스페이먼츠 플랫폼사업실"],
                     honorific="앞", postal_code="04117")
PERSON = LabelEntry(["경기도 성남시 분당구 판교역로 235, 에이치스퀘어 N동 8층", "주식회사 가나다라 온라인사업부"],
                    name="김민준", honorific="귀하", postal_code="13494")
UNSPACED = LabelEntry(["제주특별자치도 서귀포시 중문관광로72번길 75 (색달동)",
                       "농업회사법인주식회사한라산맑은물유기농감귤가공센터"], honorific="귀중", postal_code="63535")
LATIN = LabelEntry(["83 Ttukseom-ro 1-gil, Seongdong-gu, Seoul", "Acme Korea Ltd. Payments Team"],
                   honorific="귀중", postal_code="04779")
NFD = LabelEntry([unicodedata.normalize("NFD", "대전광역시 유성구 대학로 99, 공학관 301호")],
                 name=unicodedata.normalize("NFD", "이서연"), honorific="귀하", postal_code="３４１３４")
OLD_POSTAL = LabelEntry(["서울특별시 강남구 테헤란로 152", "강남파이낸스센터 20층 재무팀"], honorific="귀중",
                        postal_code="135-080")
ENTRIES = [NICEPAY, PERSON, UNSPACED, LATIN, NFD, OLD_POSTAL]


@dataclass
class Run:
    page: int
    text: str
    x: float  # mm from the left page edge
    baseline: float  # mm from the top page edge
    size: float  # pt
    width: float  # mm


def read_runs(path: Path) -> list[Run]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, _ = register_fonts()
    reader = PdfReader(path)
    runs: list[Run] = []
    for n, page in enumerate(reader.pages):
        page_h = float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], fd: object, size: float, n: int = n,
                  page_h: float = page_h) -> None:
            t = text.strip("\n")
            if not t.strip():
                return
            x = (tm[4] * cm[0] + cm[4]) / MM
            y = (page_h - (tm[5] * cm[3] + cm[5])) / MM
            runs.append(Run(n, t, x, y, size, stringWidth(t, font, size) / MM))

        page.extract_text(visitor_text=visit)
    return runs


def expected_box(code: str, slot: int, offset: tuple[float, float] = (0, 0)) -> tuple[float, float, float, float]:
    """Label box from the raw data file (independent of the code under test)."""
    r = SPEC[code]
    row, col = divmod(slot, r["cols"])
    x = r["left"] + col * r.get("pitch_x", r["label_w"]) + offset[0]
    y = r["top"] + row * r.get("pitch_y", r["label_h"]) + offset[1]
    return x, y, r["label_w"], r["label_h"]


def slot_of(run: Run, code: str, offset: tuple[float, float] = (0, 0)) -> int:
    r = SPEC[code]
    for slot in range(r["cols"] * r["rows"]):
        x, y, w, h = expected_box(code, slot, offset)
        if x <= run.x <= x + w and y <= run.baseline <= y + h:
            return slot
    raise AssertionError(f"text outside every label: {run}")


def assert_inside(run: Run, code: str, offset: tuple[float, float] = (0, 0)) -> int:
    slot = slot_of(run, code, offset)
    x, y, w, h = expected_box(code, slot, offset)
    pad = SPEC[code].get("padding", 3.0)
    em = run.size / MM
    assert run.x >= x + pad - TOL, run
    assert run.x + run.width <= x + w - pad + TOL, run
    assert run.baseline - 0.8 * em >= y + pad - TOL, run
    assert run.baseline + 0.2 * em <= y + h - pad + TOL, run
    assert 9.0 <= run.size <= 11.0 and (run.size * 2).is_integer(), run
    return slot


def by_label(runs: list[Run], code: str, offset: tuple[float, float] = (0, 0)) -> dict[tuple[int, int], list[Run]]:
    out: dict[tuple[int, int], list[Run]] = {}
    for run in runs:
        out.setdefault((run.page, assert_inside(run, code, offset)), []).append(run)
    return out


def squash(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace(" ", "")


def expected_text(entry: LabelEntry) -> str:
    return squash("".join(entry.display_lines()))


SHEETS = ["LS-3108", "LS-3105", "LS-3109", "LS-3114", "L7163", "L7169", "LS-3106"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Run]]]:
    out: dict[str, tuple[Path, list[Run]]] = {}
    base = tmp_path_factory.mktemp("labels")
    for code in SHEETS:
        path = render_labels(ENTRIES, base / f"{code}.pdf", sheet=code, copies=3)
        out[code] = (path, read_runs(path))
    return out


@pytest.mark.parametrize("code", SHEETS)
def test_every_label_text_inside_its_box_and_in_order(rendered: dict[str, tuple[Path, list[Run]]],
                                                      code: str) -> None:
    path, runs = rendered[code]
    labels = by_label(runs, code)
    count = SPEC[code]["cols"] * SPEC[code]["rows"]
    items = [e for e in ENTRIES for _ in range(3)]
    assert len(labels) == len(items)
    assert len(PdfReader(path).pages) == -(-len(items) // count)
    for i, entry in enumerate(items):
        page, slot = divmod(i, count)
        texts = [r.text for r in sorted(labels[(page, slot)], key=lambda r: r.baseline)]
        assert squash("".join(texts[:-1])) == expected_text(entry), (code, i)
        assert texts[-1] == {"３４１３４": "34134"}.get(str(entry.postal_code), entry.postal_code)


@pytest.mark.parametrize("code", SHEETS)
def test_postal_code_alone_on_the_last_line_right_aligned(rendered: dict[str, tuple[Path, list[Run]]],
                                                          code: str) -> None:
    _, runs = rendered[code]
    pad = SPEC[code].get("padding", 3.0)
    for (_page, slot), label_runs in by_label(runs, code).items():
        last = max(label_runs, key=lambda r: r.baseline)
        assert last.text.replace("-", "").isdigit()
        x, _, w, _ = expected_box(code, slot)
        assert last.x + last.width == pytest.approx(x + w - pad, abs=TOL)
        others = [r for r in label_runs if r is not last]
        assert all(r.x == pytest.approx(x + pad, abs=TOL) for r in others)  # address block left-aligned
        baselines = sorted(r.baseline for r in label_runs)
        gaps = [b - a for a, b in itertools.pairwise(baselines)]
        assert min(gaps) >= last.size / MM + 1.5 - 0.01  # Korea Post: ≥ 1.5 mm between lines


def test_default_sheet_keeps_11pt_and_narrow_sheet_shrinks(rendered: dict[str, tuple[Path, list[Run]]]) -> None:
    wide = {r.size for r in rendered["LS-3108"][1] if r.text.startswith("서울특별시 마포구")}
    assert wide == {11.0}
    short = rendered["LS-3109"][1]  # 29.9 mm high: 5 lines need 10 pt
    person = {r.size for r in short if "김민준" in r.text or "판교역로" in r.text}
    assert person and max(person) < 11.0
    assert {r.size for r in short if "크레디트센터" in r.text} == {11.0}  # 4 lines still fit at 11 pt


def test_long_unspaced_name_wraps_between_characters(rendered: dict[str, tuple[Path, list[Run]]]) -> None:
    runs = rendered["LS-3105"][1]
    first_label = [r for r in runs if r.page == 0 and slot_of(r, "LS-3105") == 6]  # 7th label = UNSPACED
    assert len(first_label) >= 5
    joined = squash("".join(r.text for r in sorted(first_label, key=lambda r: r.baseline)))
    assert "농업회사법인주식회사한라산맑은물유기농감귤가공센터귀중" in joined
    assert not any(r.text.startswith((")", ",", ".")) for r in runs)
    assert not any(r.text in ("귀하", "귀중", "앞") for r in runs)  # an honorific never wraps alone


@pytest.mark.parametrize("code", ["LS-3108", "LS-3105"])
def test_fonts_embedded_truetype_and_every_glyph_present(rendered: dict[str, tuple[Path, list[Run]]],
                                                         code: str) -> None:
    path, runs = rendered[code]
    reader = PdfReader(path)
    seen = 0
    for page in reader.pages:
        resources = as_dict(page["/Resources"])
        for ref in as_dict(resources["/Font"]).values():
            font = as_dict(ref)
            seen += 1
            assert str(font["/Subtype"]) == "/TrueType"  # no Type0/CID font that embeds nothing
            assert "NanumGothic" in str(font["/BaseFont"])
            assert "/FontFile2" in as_dict(font["/FontDescriptor"])
    assert seen
    assert missing_glyphs("".join(r.text for r in runs)) == []
    root = as_dict(reader.trailer["/Root"])
    assert str(as_dict(root["/ViewerPreferences"])["/PrintScaling"]) == "/None"
    assert reader.metadata is not None and code in str(reader.metadata.title)


def test_start_skips_used_labels_and_continues_on_a_new_page(tmp_path: Path) -> None:
    runs = read_runs(render_labels([NICEPAY, PERSON, LATIN], tmp_path / "s.pdf", start=13))
    labels = by_label(runs, "LS-3108")
    assert sorted(labels) == [(0, 12), (0, 13), (1, 0)]
    assert any("Acme" in r.text for r in labels[(1, 0)])
    assert placements(3, load_sheet("LS-3108"), 13) == [(0, 12), (0, 13), (1, 0)]


def test_copies_and_sender_follow_in_order(tmp_path: Path) -> None:
    sender = LabelEntry(["부산광역시 해운대구 센텀중앙로 79, 12층", "주식회사 바다상사"], name="최유진",
                        postal_code="48058", caption="보내는 사람")
    runs = read_runs(render_labels([NICEPAY], tmp_path / "c.pdf", sheet="LS-3114", copies=2, sender=sender,
                                   start=2))
    labels = by_label(runs, "LS-3114")
    assert sorted(labels) == [(0, 1), (0, 2), (0, 3), (0, 4)]
    firsts = [min(labels[k], key=lambda r: r.baseline).text for k in sorted(labels)]
    assert firsts == ["서울특별시 마포구 마포대로 217"] * 2 + ["보내는 사람"] * 2


def test_offset_moves_every_line_by_exactly_the_offset(tmp_path: Path,
                                                       rendered: dict[str, tuple[Path, list[Run]]]) -> None:
    base = rendered["LS-3108"][1]
    moved = read_runs(render_labels(ENTRIES, tmp_path / "o.pdf", copies=3, offset_mm=(1.5, -2.0)))
    assert len(moved) == len(base)
    for a, b in zip(base, moved, strict=True):
        assert (b.text, b.page) == (a.text, a.page)
        assert b.x - a.x == pytest.approx(1.5, abs=0.01)
        assert b.baseline - a.baseline == pytest.approx(-2.0, abs=0.01)
    by_label(moved, "LS-3108", offset=(1.5, -2.0))


def test_pitch_delta_adds_up_per_column_and_row(tmp_path: Path,
                                               rendered: dict[str, tuple[Path, list[Run]]]) -> None:
    base = rendered["LS-3108"][1]
    moved = read_runs(render_labels(ENTRIES, tmp_path / "d.pdf", copies=3, pitch_delta_mm=(0.4, -0.3)))
    for a, b in zip(base, moved, strict=True):
        slot = slot_of(a, "LS-3108")
        row, col = divmod(slot, 2)
        assert b.x - a.x == pytest.approx(0.4 * col, abs=0.01)
        assert b.baseline - a.baseline == pytest.approx(-0.3 * row, abs=0.01)
    with pytest.raises(InputError) as ei:
        render_labels(ENTRIES, tmp_path / "e.pdf", pitch_delta_mm=(2.5, 0))
    assert ei.value.code == "LABEL_OFFSET_INVALID"


def test_calibration_page_numbers_every_label_and_has_rulers(tmp_path: Path) -> None:
    path = render_labels([], tmp_path / "cal.pdf", sheet="LS-3108", calibration=True, offset_mm=(0.5, 1.0))
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    runs = read_runs(path)
    numbers = {r.text: r for r in runs if r.text.isdigit() and r.size >= 10}
    assert sorted(map(int, numbers)) == list(range(1, 15))
    for text, run in numbers.items():
        x, _, w, _ = expected_box("LS-3108", int(text) - 1, (0.5, 1.0))
        assert run.x + run.width / 2 == pytest.approx(x + w / 2, abs=TOL)
    ruler = {r.text for r in runs if r.size == 5}
    assert {"10", "100", "200", "290"} <= ruler
    assert any("LS-3108" in r.text for r in runs)
    assert any("100%" in r.text for r in runs)


@pytest.mark.parametrize(
    ("entry", "line"),
    [
        pytest.param(LabelEntry(["서울시 어딘가 1"], name="홍길동", honorific="귀하"), "홍길동 귀하",
                     id="person-gwiha"),
        pytest.param(LabelEntry(["서울시 어딘가 1", "가나상사 재무팀"], honorific="귀중"), "가나상사 재무팀 귀중",
                     id="organisation-gwijung"),
        pytest.param(LabelEntry(["서울시 어딘가 1", "플랫폼사업실"], honorific="앞"), "플랫폼사업실 앞",
                     id="neutral-ap"),
        pytest.param(LabelEntry(["서울시 어딘가 1", "플랫폼사업실 앞"], honorific="앞"), "플랫폼사업실 앞",
                     id="already-there-not-doubled"),
        pytest.param(LabelEntry(["서울시 어딘가 1", "서울역앞"], honorific="귀중"), "서울역앞 귀중",
                     id="word-ending-in-ap-is-not-an-honorific"),
        pytest.param(LabelEntry(["서울시\t어딘가\n1\u200b동"], name="홍\x00길동"), "홍 길동", id="control-chars"),
    ],
)
def test_honorific_rules(entry: LabelEntry, line: str) -> None:
    assert entry.display_lines()[-1] == line


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        pytest.param(LabelEntry(["주소"], name="김과장님", honorific="귀하"), "LABEL_HONORIFIC_STACKED",
                     id="nim-gwiha"),
        pytest.param(LabelEntry(["주소"], name="홍길동 귀중", honorific="귀하"), "LABEL_HONORIFIC_STACKED",
                     id="two-honorifics"),
        pytest.param(LabelEntry(["주소"], name="홍길동", honorific="님"),  # type: ignore[arg-type]
                     "LABEL_HONORIFIC_INVALID", id="not-an-honorific"),
    ],
)
def test_honorific_errors(entry: LabelEntry, code: str, tmp_path: Path) -> None:
    with pytest.raises(FindingsError) as ei:
        render_labels([entry], tmp_path / "h.pdf")
    assert ei.value.code == code
    assert not (tmp_path / "h.pdf").exists()


def test_too_long_text_names_the_label_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    out.write_bytes(b"%PDF previous run")
    long = LabelEntry([f"{i}번째 줄 아주 긴 부서 이름과 상세 주소가 계속 이어집니다" for i in range(8)],
                      name="박긴글", honorific="귀하", postal_code="04117")
    with pytest.raises(FindingsError) as ei:
        render_labels([NICEPAY, long], out, sheet="LS-3109")
    assert ei.value.code == "LABEL_TEXT_TOO_LONG"
    assert ei.value.exit_code == ExitCode.FINDINGS
    assert "2번째" in ei.value.message and "박긴글" in ei.value.message and "LS-3109" in ei.value.message
    assert out.read_bytes() == b"%PDF previous run"
    assert [p.name for p in tmp_path.iterdir()] == ["labels.pdf"]


def test_small_avery_sheet_refuses_a_five_line_address(tmp_path: Path) -> None:
    with pytest.raises(FindingsError) as ei:
        render_labels([NICEPAY], tmp_path / "x.pdf", sheet="L7651")
    assert ei.value.code == "LABEL_TEXT_TOO_LONG"


def test_missing_glyph_is_refused(tmp_path: Path) -> None:
    entry = LabelEntry(["서울시 어딘가 1", "☐ 𠀀 상사"], honorific="귀중")
    with pytest.raises(FindingsError) as ei:
        render_labels([entry], tmp_path / "g.pdf")
    assert ei.value.code == "LABEL_GLYPH_MISSING"
    assert "☐" in ei.value.message
    assert not (tmp_path / "g.pdf").exists()


class LabelArgs(TypedDict, total=False):
    """Keyword arguments of :func:`render_labels` the bad-argument cases set (values deliberately wrong)."""

    start: int
    copies: int
    offset_mm: tuple[float, float]
    sheet: str


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        pytest.param({"start": 0}, "LABEL_START_OUT_OF_RANGE", id="start-0"),
        pytest.param({"start": 15}, "LABEL_START_OUT_OF_RANGE", id="start-past-sheet"),
        pytest.param({"start": True}, "LABEL_START_OUT_OF_RANGE", id="start-bool"),
        pytest.param({"copies": 0}, "LABEL_COPIES_OUT_OF_RANGE", id="copies-0"),
        pytest.param({"copies": 101}, "LABEL_COPIES_OUT_OF_RANGE", id="copies-huge"),
        pytest.param({"offset_mm": (12.0, 0.0)}, "LABEL_OFFSET_INVALID", id="offset-too-big"),
        pytest.param({"offset_mm": ("a", 0)}, "LABEL_OFFSET_INVALID", id="offset-not-number"),
        pytest.param({"offset_mm": (float("nan"), 0)}, "LABEL_OFFSET_INVALID", id="offset-nan"),
        pytest.param({"sheet": "LS-0000"}, "LABEL_SHEET_UNKNOWN", id="unknown-sheet"),
    ],
)
def test_bad_arguments(tmp_path: Path, kwargs: LabelArgs, code: str) -> None:
    with pytest.raises(InputError) as ei:
        render_labels([NICEPAY], tmp_path / "a.pdf", **kwargs)
    assert ei.value.code == code
    assert ei.value.exit_code == ExitCode.USAGE
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("entries", "code", "error"),
    [
        pytest.param([], "LABEL_NO_ENTRIES", InputError, id="no-entries"),
        pytest.param([LabelEntry([" ", "\n"])], "LABEL_EMPTY", InputError, id="blank-entry"),
        pytest.param([LabelEntry(["주소"], postal_code="1234")], "LABEL_POSTAL_CODE_INVALID", FindingsError,
                     id="postal-4-digits"),
    ],
)
def test_bad_entries(tmp_path: Path, entries: list[LabelEntry], code: str, error: type[Exception]) -> None:
    with pytest.raises(error) as ei:
        if code == "LABEL_POSTAL_CODE_INVALID":
            from pgdocs.labels.entries import postal_code_text

            postal_code_text(entries[0].postal_code)
        render_labels(entries, tmp_path / "e.pdf")
    assert getattr(ei.value, "code", None) == code


def test_output_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as ei:
        render_labels([NICEPAY], tmp_path)
    assert ei.value.code == "OUTPUT_IS_DIR"


def test_custom_sheet_file_renders_inside_its_boxes(tmp_path: Path) -> None:
    sheet = tmp_path / "mine.toml"
    sheet.write_text('code = "MINE"\ncols = 2\nrows = 5\nlabel_w = 100\nlabel_h = 55\ntop = 11\nleft = 4\n'
                     "gap_x = 2\npadding = 4\n", encoding="utf-8")
    SPEC["MINE"] = {"cols": 2, "rows": 5, "label_w": 100, "label_h": 55, "top": 11, "left": 4,
                    "pitch_x": 102, "padding": 4}
    runs = read_runs(render_labels(ENTRIES, tmp_path / "m.pdf", sheet=sheet))
    assert len(by_label(runs, "MINE")) == len(ENTRIES)


def test_same_input_same_page_content(tmp_path: Path) -> None:
    a = render_labels(ENTRIES, tmp_path / "a.pdf")
    b = render_labels(ENTRIES, tmp_path / "b.pdf")
    pa, pb = PdfReader(a).pages[0], PdfReader(b).pages[0]
    assert pa.get_contents().get_data() == pb.get_contents().get_data()  # type: ignore[union-attr]


def test_check_entries_runs_the_same_checks_without_writing(tmp_path: Path) -> None:
    from pgdocs.labels import check_entries

    check_entries(ENTRIES, sheet="LS-3108")
    with pytest.raises(FindingsError) as ei:
        check_entries([NICEPAY, PERSON], sheet="L7651")
    assert ei.value.code == "LABEL_TEXT_TOO_LONG" and "1번째" in ei.value.message
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError) as ei:
        render_labels([NICEPAY], blocker / "sub" / "labels.pdf")  # parent is a file
    assert ei.value.code == "OUTPUT_UNWRITABLE"
