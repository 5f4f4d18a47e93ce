"""Which Hangul syllables the Korean Tesseract model can emit at all.

Debian's ``tesseract-ocr-kor`` LSTM model knows only 1,076 of the 11,172 precomposed
Hangul syllables (``src/pgdocs/data/hangul_kor_syllables.txt``, extracted from the
model's ``lstm-unicharset``). A declared syllable outside that set can never be read
back (팜 comes out as 깜, 숯 as 술), so a matcher must treat it as *unverifiable*, not
as evidence of a mismatch.

>>> representable("주")
True
>>> representable("팜")
False
>>> representable("A")
True
"""

from __future__ import annotations

from functools import cache

from pgdocs.hangul import is_hangul_syllable
from pgdocs.resources import data_path

__all__ = ["KOR_SYLLABLES", "is_hangul_syllable", "load_syllables", "representable", "unrepresentable"]


@cache
def load_syllables() -> frozenset[str]:
    """The syllable set from the shipped data file (cached)."""
    text = data_path("hangul_kor_syllables.txt").read_text(encoding="utf-8")
    out = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.add(line)
    return frozenset(out)


KOR_SYLLABLES: frozenset[str] = load_syllables()


def representable(ch: str) -> bool:
    """Can the kor model emit this character? Non-syllables (digits, Latin, punctuation) count as yes."""
    if not is_hangul_syllable(ch):
        return True
    return ch in KOR_SYLLABLES


def unrepresentable(text: str) -> list[str]:
    """The Hangul syllables of ``text`` the model cannot emit, in order (duplicates kept).

    >>> unrepresentable("팜숯상회")
    ['팜', '숯']
    """
    return [c for c in text if not representable(c)]
