"""Aligning declared Hangul text with what Tesseract read, at the cost OCR's habits deserve.

Built on :mod:`pgdocs.hangul` (jamo, :func:`~pgdocs.hangul.confusion_level`) and :mod:`pgdocs.ocr.charset`
(docs/ocr.md#syllable-set, #typical-confusions):

* a typical single-jamo confusion costs a little (:data:`SOFT_COST`) and is never evidence of a different name;
* a look-alike seen only on poor images costs more (:data:`LOOKALIKE_COST`): review, never match or mismatch;
* a declared syllable the kor model cannot emit (not among its 1,076) is *unverifiable*: whatever the model
  printed there (팜→깜, 숯→술) says nothing about the page.

:func:`align` runs an edit-distance alignment with those costs and counts what it saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pgdocs.hangul import confusion_level, is_hangul_syllable, jamo_distance
from pgdocs.ocr.charset import representable

__all__ = ["HARD_COST", "LOOKALIKE_COST", "NOISE_COST", "SOFT_COST", "UNV_GAP_COST", "Alignment", "align"]

# Cost of a typical OCR confusion: small, so a three-syllable name with one confusion still scores
# 0.9, but two confusions in a two-syllable name (0.7) fall under the match threshold → review.
SOFT_COST = 0.3
# Cost of a look-alike that OCR produces only on poor images (fax, blur): never a mismatch, never a
# match either — the field goes to review.
LOOKALIKE_COST = 0.6
# Cost of a gap next to an out-of-model syllable (its look-alike swallowed a neighbour, 트팜→탐, or came
# out as two characters). Below HARD_COST so such a gap is not a mismatch, but two of them (0.8 + 0.8)
# cost more than one plain substitution: a changed syllable beside 팜 still shows as different.
UNV_GAP_COST = 0.8
# Cost of a stray non-Hangul character (a seal stroke read as "1", a "|" from a table line).
NOISE_COST = 0.5
# Cost of a plain substitution, insertion or deletion of a readable character.
HARD_COST = 1.0



def _one_jamo_apart(a: str, b: str) -> bool:
    return jamo_distance(a, b) == 1


@dataclass(frozen=True)
class Alignment:
    """What an alignment of declared text against found text saw."""

    declared_len: int
    found_len: int
    equal: int  #: declared characters read back exactly
    soft: int  #: typical OCR confusions
    lookalike: int  #: look-alikes seen on poor images (review, never match or mismatch)
    alien: int  #: syllables read as a digit, Latin letter or symbol (one is noise, many are not a name)
    hard: int  #: substitutions/insertions/deletions of readable characters
    unverifiable: int  #: declared characters the model cannot emit, or swallowed next to one
    noise: int  #: stray non-Hangul characters in the found text
    cost: float
    first_hard: tuple[str, str] | None  #: (declared, found) of the first hard difference; "" = none

    @property
    def verified(self) -> int:
        """Declared characters that were readable and compared (equal or confused)."""
        return self.equal + self.soft + self.lookalike + self.alien

    @property
    def unverifiable_fraction(self) -> float:
        return self.unverifiable / self.declared_len if self.declared_len else 0.0

    @property
    def score(self) -> float:
        """0..1: 1 = identical; unverifiable positions count half, confusions most of one."""
        n = max(self.declared_len, 1)
        got = self.equal + (1 - SOFT_COST) * self.soft + (1 - LOOKALIKE_COST) * (self.lookalike + self.alien)
        got += 0.5 * self.unverifiable
        penalty = HARD_COST * self.hard + NOISE_COST * self.noise
        return max(0.0, min(1.0, (got - penalty) / n))




@lru_cache(maxsize=4096)
def _unrep_flags(text: str) -> tuple[bool, ...]:
    return tuple(not representable(c) for c in text)


def _unrep_near(text: str, lo: int, hi: int) -> bool:
    return any(_unrep_flags(text)[max(lo, 0): hi])


def _sub(declared: str, i: int, f: str) -> tuple[float, str]:
    d = declared[i]
    if d == f:
        return 0.0, "eq"
    if _unrep_flags(declared)[i]:
        return 0.0, "unv"
    if is_hangul_syllable(d) and not is_hangul_syllable(f):
        return LOOKALIKE_COST, "alien"  # 나 → "4" on a photo: the model gave up on one syllable
    level = confusion_level(d, f)
    if level == 1:
        return SOFT_COST, "soft"
    # Next to an out-of-model syllable, the look-alike printed for it may bleed into this one (챗봇→촛).
    if level == 2 or (_unrep_near(declared, i - 1, i + 2) and _one_jamo_apart(d, f)):
        return LOOKALIKE_COST, "look"
    return HARD_COST, "hard"


def _del(declared: str, i: int) -> tuple[float, str]:
    """Cost of declared[i] missing from the found text."""
    if _unrep_near(declared, i - 1, i + 2):
        return UNV_GAP_COST, "unv"  # 트팜 → 탐: the look-alike swallowed its neighbour
    return HARD_COST, "hard"


def _ins(declared: str, i: int, f: str) -> tuple[float, str]:
    """Cost of an extra found character ``f`` between declared[i-1] and declared[i]."""
    if _unrep_near(declared, i - 1, i + 1):
        return UNV_GAP_COST, "skip"  # the model may print two look-alikes for one unknown syllable
    if not is_hangul_syllable(f) and (not f.isalnum() or f in _STROKES or "\u3131" <= f <= "\u318e"):
        return NOISE_COST, "noise"
    if not is_hangul_syllable(f) and any(is_hangul_syllable(c) for c in declared):
        return LOOKALIKE_COST, "alien"  # a digit or letter amid Hangul: the model gave up there
    return HARD_COST, "hard"


# Characters that table lines, seal strokes and letter-spacing gaps turn into.
_STROKES = frozenset("1lI|!ㅣ")


# Among paths of equal cost prefer the one with fewer hard edits (a tiny tie-breaking surcharge).
_HARD_TIE = 1e-6
_EPS = 1e-9


def _key(cost: float, kind: str) -> float:
    return cost + _HARD_TIE if kind == "hard" else cost


def align(declared: str, found: str, *, free_ends: bool = False, free_start: bool = False) -> Alignment:
    """Align ``declared`` with ``found`` (both already canonicalised, no whitespace).

    ``free_ends`` lets ``declared`` sit anywhere inside ``found`` (search a name on a page);
    ``free_start`` ignores only extra text before it (a misread 시·도 in front of an address).
    A cost-only dynamic programme (costs looked up once per distinct character) then one backtrace
    to count what the cheapest path did.

    >>> a = align("팜스코", "깜스코")
    >>> (a.hard, a.unverifiable, a.equal)
    (0, 1, 2)
    >>> align("홍길동", "홍걸동").soft
    1
    """
    n, m = len(declared), len(found)
    chars = sorted(set(found))
    subs = [{f: _sub(declared, i, f) for f in chars} for i in range(n)]
    dels = [_del(declared, i) for i in range(n)]
    inss = [{f: _ins(declared, i, f) for f in chars} for i in range(n + 1)]
    sub_k = [[_key(*subs[i][f]) for f in found] for i in range(n)]
    ins_k = [[_key(*inss[i][f]) for f in found] for i in range(n + 1)]
    del_k = [_key(*dels[i]) for i in range(n)]

    first = [0.0] * (m + 1)
    free_start = free_start or free_ends
    if not free_start:
        for j in range(1, m + 1):
            first[j] = first[j - 1] + ins_k[0][j - 1]
    table = [first]
    for i in range(n):
        prev, sk, ik, dk = table[i], sub_k[i], ins_k[i + 1], del_k[i]
        row = [prev[0] + dk] + [0.0] * m
        for j in range(1, m + 1):
            a = prev[j - 1] + sk[j - 1]
            b = prev[j] + dk
            c = row[j - 1] + ik[j - 1]
            row[j] = a if a <= b and a <= c else (b if b <= c else c)
        table.append(row)

    end_j = min(range(m + 1), key=lambda j: table[n][j]) if free_ends else m
    counts = dict.fromkeys(("eq", "soft", "look", "alien", "hard", "unv", "noise", "skip"), 0)
    first_hard: tuple[str, str] | None = None
    i, j = n, end_j
    while i > 0 or (j > 0 and not free_start):
        here = table[i][j]
        if i > 0 and j > 0 and abs(table[i - 1][j - 1] + sub_k[i - 1][j - 1] - here) < _EPS:
            kind, pair = subs[i - 1][found[j - 1]][1], (declared[i - 1], found[j - 1])
            i, j = i - 1, j - 1
        elif i > 0 and abs(table[i - 1][j] + del_k[i - 1] - here) < _EPS:
            kind, pair = dels[i - 1][1], (declared[i - 1], "")
            i -= 1
        else:
            kind, pair = inss[i][found[j - 1]][1], ("", found[j - 1])
            j -= 1
        counts[kind] += 1
        if kind == "hard":
            first_hard = pair  # walking backwards: the last one seen is the first in the text
    cost = table[n][end_j]
    return Alignment(
        n, m, counts["eq"], counts["soft"], counts["look"], counts["alien"], counts["hard"], counts["unv"],
        counts["noise"],
        round(cost, 6), first_hard,
    )
