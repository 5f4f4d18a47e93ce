"""Fictional 통장 사본 pages: variants open, numbers hyphenated per bank, records rendered."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import TypedDict

import pytest
from PIL import Image, ImageOps

from pgdocs.errors import FindingsError, InputError
from pgdocs.record import MerchantRecord, record_from_dict
from pgdocs.samples.bankbook import BANKS, VARIANTS, bankbook_for_record, find_bank, generate_bankbooks


class Truth(TypedDict):
    """A bank book's truth file, as these tests read it."""

    file: str
    variant: str
    bank: str
    bank_code: str
    number: str
    holder: str
    fictional: bool
    render: dict[str, int]  #: degradation parameters (orientation …)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Truth]]:
    out = tmp_path_factory.mktemp("books")
    truths = generate_bankbooks(out, count=len(VARIANTS), seed=3)
    result: list[tuple[Path, Truth]] = []
    for t in truths:
        data = json.loads(t.read_text(encoding="utf-8"))
        result.append((out / data["file"], data))
    return result


def test_every_variant_opens_with_plausible_size(books: list[tuple[Path, Truth]]) -> None:
    assert {t["variant"] for _, t in books} == set(VARIANTS)
    for path, truth in books:
        with Image.open(path) as im:
            upright = ImageOps.exif_transpose(im)
            assert upright.width > upright.height  # a landscape passbook page
            assert max(upright.size) >= 1280
            if truth["variant"] == "photo":
                assert im.getexif().get(0x0112) == truth["render"]["orientation"]


def test_truth_number_uses_the_banks_hyphenation(books: list[tuple[Path, Truth]]) -> None:
    for _, truth in books:
        bank = find_bank(truth["bank"])
        assert bank is not None and bank.code == truth["bank_code"]
        groups = tuple(len(g) for g in truth["number"].split("-"))
        assert groups == bank.groups
        assert truth["holder"] and truth["fictional"] is True


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("국민", "004", id="short"),
        pytest.param("KB국민은행", "004", id="display"),
        pytest.param("신한 은행", "088", id="spaced"),
        pytest.param("카카오뱅크", "090", id="kakao"),
        pytest.param("케이뱅크", "089", id="ids-lookup-fallback"),
    ],
)
def test_find_bank(name: str, code: str) -> None:
    bank = find_bank(name)
    assert bank is not None and bank.code == code


def test_all_bank_styles_have_known_codes() -> None:
    from pgdocs.ids import bank as idsbank

    for b in BANKS:
        found = idsbank.lookup(b.code)
        assert found is not None, b
        assert len(b.hyphenate("1" * sum(b.groups)).replace("-", "")) in found.account_lengths, b


def _record(**acct: str) -> MerchantRecord:
    return record_from_dict(
        {
            "business": {
                "entity": "individual",
                "business_number": "124-81-00998",
                "business_name": "들꽃상회",
                "representative": "나슬기",
            },
            "settlement_account": acct,
        }
    )


def test_bankbook_for_record_prints_the_declared_account(tmp_path: Path) -> None:
    rec = _record(bank="신한은행", number="110123456789", holder="들꽃상회(나슬기)")
    path = bankbook_for_record(rec, tmp_path / "통장사본.png")
    assert path == tmp_path / "통장사본.png"
    with Image.open(path) as im:
        assert im.size == (1772, 1181)  # 150 × 100 mm at 300 dpi


@pytest.mark.tesseract
def test_bankbook_for_record_is_read_back_by_tesseract(tmp_path: Path) -> None:
    rec = _record(bank="신한은행", number="110123456789", holder="들꽃상회(나슬기)")
    path = bankbook_for_record(rec, tmp_path / "통장사본.png")
    proc = subprocess.run(
        ["tesseract", str(path), "-", "-l", "kor", "--psm", "6"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
    )
    assert "110-123-456789" in proc.stdout.replace(" ", "")  # re-hyphenated the bank's way


def test_bankbook_for_record_without_account_is_a_finding(tmp_path: Path) -> None:
    rec = _record(bank="신한은행")
    with pytest.raises(FindingsError) as exc:
        bankbook_for_record(rec, tmp_path / "x.png")
    assert exc.value.code == "RECORD_MISSING_FIELDS"
    assert "settlement_account.number" in exc.value.message
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        pytest.param({"variants": ["fax"]}, "SAMPLES_BAD_VARIANT", id="variant"),
        pytest.param({"banks": ["월가은행"]}, "SAMPLES_BAD_BANK", id="bank"),
    ],
)
def test_bad_arguments(tmp_path: Path, kwargs: dict[str, list[str]], code: str) -> None:
    with pytest.raises(InputError) as exc:
        generate_bankbooks(tmp_path, count=1, seed=0, **kwargs)
    assert exc.value.code == code


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate_bankbooks(tmp_path / "a", count=1, seed=9, variants=["clean"], banks=["우리"])
    b = generate_bankbooks(tmp_path / "b", count=1, seed=9, variants=["clean"], banks=["우리"])
    ta, tb = (json.loads(p.read_text(encoding="utf-8")) for p in (a[0], b[0]))
    assert ta == tb
    assert re.fullmatch(r"\d{4}-\d{3}-\d{6}", ta["number"])
    assert (a[0].parent / ta["file"]).read_bytes() == (b[0].parent / tb["file"]).read_bytes()
