"""통장 사본: a holder found on the page without a 예금주 label is shown as found, never an empty "일치"
(issue 13 item 12). The page is drawn here; every value is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from web_helpers import SAMPLES

FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

pytestmark = pytest.mark.tesseract


def _passbook(path: Path, lines: list[str]) -> Path:
    img = Image.new("RGB", (1400, 900), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 44)
    for i, line in enumerate(lines):
        draw.text((80, 80 + i * 110), line, font=font, fill="black")
    img.save(path, dpi=(300, 300))
    return path


def test_holder_without_a_label_is_shown_as_what_was_found(tmp_path: Path) -> None:
    from pgdocs import verify
    from pgdocs.record import record_from_dict

    data = json.loads((SAMPLES / "inicis-individual" / "record.json").read_text(encoding="utf-8"))
    data.pop("documents", None)
    record = record_from_dict(data)
    page = _passbook(tmp_path / "통장.png", ["신한은행 보통예금 통장", "한솔 님",
                                              "계좌번호 110-123-456789", "판교역지점 031-700-1234"])
    res = verify(page, record, kind="bankbook")
    holder = res.fields["holder"]
    assert holder.status == "match", res.to_dict()
    assert holder.found == "한솔"


def test_web_rows_never_show_an_empty_match() -> None:
    from pgdocs.web.model import verify_view

    rows = verify_view({"fields": {"holder": {"status": "match", "declared": "한솔", "found": None},
                                   "account_number": {"status": "unreadable", "declared": "110", "found": None}}})
    by = {r["name"]: r for r in rows}
    assert by["holder"]["found"] == "서류에서 같은 값을 찾았습니다"
    assert by["account_number"]["found"] is None  # unread stays unread ("—" on the page)
