"""The e-mail attachment budget: one figure, the rulebook's, on both sides (docs/packets.md#mail-size-budget)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgdocs.errors import FindingsError
from pgdocs.packet.mail import Attachment, check_budget
from pgdocs.rulebook import case_by_id, load_rulebook


def _attachment(path: Path, size: int) -> Attachment:
    with path.open("wb") as fh:  # sparse: the size is what counts, not the content
        fh.truncate(size)
    return Attachment(path, f"{path.stem}.pdf", path.name)


def test_every_case_that_takes_email_has_the_one_budget() -> None:
    budget = load_rulebook().default_attachment_budget_bytes
    assert budget == 7_000_000  # ×1.37 base64 ≈ 9.6 MB: under Naver Mail's 10 MB
    assert case_by_id("nicepay.within_1y").attachment_budget_bytes == budget


@pytest.mark.parametrize(("extra", "refused"), [pytest.param(0, False, id="at-budget"),
                                                 pytest.param(1, True, id="one-byte-over")])
def test_budget_both_sides(tmp_path: Path, extra: int, refused: bool) -> None:
    budget = case_by_id("nicepay.within_1y").attachment_budget_bytes
    atts = [_attachment(tmp_path / "a.pdf", 4_000_000), _attachment(tmp_path / "b.pdf", budget - 4_000_000 + extra)]
    if not refused:
        assert check_budget(atts, budget) == budget
        return
    with pytest.raises(FindingsError) as ei:
        check_budget(atts, budget)
    assert ei.value.code == "PACKET_EMAIL_TOO_LARGE"
    assert "7.0 MB로 한도 7.0 MB를 넘습니다" in ei.value.message and "가장 큰 파일: a.pdf 4.0 MB" in ei.value.message
