"""Atomic output and masking of personal data."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

import pgdocs.bizdays
import pgdocs.dates
import pgdocs.mask
from pgdocs.errors import InputError
from pgdocs.fsio import atomic_output_dir, atomic_output_file, atomic_write_text
from pgdocs.mask import mask_account, mask_birth_date, mask_email, mask_phone, mask_secret


@pytest.mark.parametrize("module", [pgdocs.dates, pgdocs.mask, pgdocs.bizdays], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


def test_atomic_write_leaves_no_temp_and_normal_mode(tmp_path: Path) -> None:
    p = atomic_write_text(tmp_path / "a" / "out.txt", "안녕")
    assert p.read_text(encoding="utf-8") == "안녕"
    assert list(p.parent.iterdir()) == [p]
    umask = os.umask(0)
    os.umask(umask)
    assert p.stat().st_mode & 0o777 == 0o666 & ~umask


def test_atomic_output_file_failure_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "f.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output_file(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["f.pdf"]


def test_atomic_output_file_empty_output_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc, atomic_output_file(tmp_path / "f.pdf"):
        pass
    assert exc.value.code == "OUTPUT_EMPTY"
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_dir_refuses_existing_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with atomic_output_dir(out) as d:
        (d / "x.txt").write_text("1")
    assert (out / "x.txt").read_text() == "1"
    with pytest.raises(InputError) as exc, atomic_output_dir(out):
        pass
    assert exc.value.code == "OUTPUT_EXISTS"
    with pytest.raises(RuntimeError), atomic_output_dir(out, overwrite=True) as d:
        (d / "y.txt").write_text("2")
        raise RuntimeError("boom")
    assert sorted(p.name for p in out.iterdir()) == ["x.txt"], "old output kept after a failure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no temporary folder left"


@pytest.mark.parametrize(
    ("func", "value", "expected"),
    [
        pytest.param(mask_phone, "010-1234-5678", "010-****-5678", id="phone"),
        pytest.param(mask_phone, "01012345678", "010****5678", id="phone-compact"),
        pytest.param(mask_account, "123456-01-234567", "******-**-**4567", id="account"),
        pytest.param(mask_birth_date, "1988-04-12", "1988-**-**", id="birth"),
        pytest.param(mask_email, "owner@haneul.example", "o***@haneul.example", id="email"),
        pytest.param(mask_secret, "test_sk_PGDOCSsample0SECRET0key0001", "test_sk_" + "*" * 23 + "0001", id="secret"),
    ],
)
def test_masks(func, value: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert func(value) == expected


@pytest.mark.parametrize("name", [pytest.param(".", id="dot"), pytest.param("..", id="dotdot")])
def test_atomic_output_dir_refuses_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      name: str) -> None:
    """``-o . --overwrite`` was an internal error (Path('.') has no name); it must never replace the cwd."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "keep.txt").write_text("precious")
    monkeypatch.chdir(work)
    with pytest.raises(InputError) as exc, atomic_output_dir(name, overwrite=True) as d:
        (d / "x.txt").write_text("1")
    assert exc.value.code == "OUTPUT_IS_CWD"
    assert (work / "keep.txt").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
