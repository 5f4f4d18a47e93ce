"""What a printed form label asks for: normalise, split composite labels, score against the vocabulary.

The vocabulary is data (``data/form_labels.toml``): per field its label wordings and the
role it belongs to (대표자/담당자), words pgdocs never holds (팩스, 주민등록번호, 영문 상호 …),
neutral qualifiers (국문, 필수 …), labels whose reading depends on the business type
(``상호(성명)``, ``주민(법인)등록번호``) and hint texts of value cells. This module only reads
labels; :mod:`pgdocs.forms.bylabels` walks the document.

A reading is one of: a field, *not held* (pgdocs never has it), *ambiguous* (two fields
fit: nothing is written, the label is reported), *unknown*, or *neutral* (a qualifier only).

>>> normalise("①사 업 자 명 :")
'사업자명'
>>> compact("* 회사명 ( 국문 )")
'회사명국문'
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pgdocs import jsonio
from pgdocs.errors import InputError
from pgdocs.jsonio import JSONObject, JSONValue
from pgdocs.resources import data_path

Status = Literal["field", "not_held", "ambiguous", "unknown", "neutral"]

#: ①–⑳, ⑴–⒇, ⒈–⒛, ⓪–⓿, ❶–➓, ㉑–㉟, ㊱–㊿: printed item numbers
_CIRCLED = re.compile("[\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
_LEAD = re.compile(
    r"^(?:[•·◦▪▫◆◇○●◎▶▷►▸※*＊★☆■▣❖ㆍ\->–—]+|\d{1,2}[.)]|\(\d{1,2}\)|[가나다라마바사아자차카타파하][.)]|[a-zA-Z][.)]|[IVX]+\.)\s*"
)
_REQUIRED = re.compile(r"[(\[]\s*(?:필수|선택|필수\s*입력|선택\s*입력|필수항목)\s*[)\]]|[*※]")
_TRAIL = re.compile(r"[\s:：.]+$")


def normalise(text: str) -> str:
    """A label as printed → one clean line: no item numbers, bullets, required marks, trailing colons."""
    s = _CIRCLED.sub(" ", unicodedata.normalize("NFC", text))
    s = unicodedata.normalize("NFKC", s)
    s = " ".join(s.split())
    for _ in range(3):
        s2 = _LEAD.sub("", s)
        if s2 == s:
            break
        s = s2
    s = _REQUIRED.sub("", s)
    if re.fullmatch(r"(?:\S )+\S", s):  # letter-spaced "사 업 자 명" (spacing for layout only)
        s = s.replace(" ", "")
    s = re.sub(r"\s*\(\s*", "(", s)
    s = re.sub(r"\s*\)", ")", s)
    return _TRAIL.sub("", s).strip()


def compact(text: str) -> str:
    """Comparison key: :func:`normalise`, then letters and digits only, lower-case."""
    return "".join(ch for ch in normalise(text).lower() if ch.isalnum())


def raw_key(text: str) -> str:
    """Letters and digits of ``text`` (NFKC, lower-case), nothing removed: for hint and seal words."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


@dataclass(frozen=True)
class Reading:
    status: Status
    key: str = ""  #: the field key (``business_name``) when ``status == "field"``
    note: str = ""  #: what pgdocs does not hold (Korean, for the report)


@dataclass(frozen=True)
class Vocabulary:
    fields: dict[str, str]  #: compact label → field key
    roles: dict[str, str]  #: field key → role ("대표자", "담당자") for person fields
    role_words: dict[str, str]  #: compact word → role
    not_held: list[tuple[str, str]]  #: (compact word, Korean name); a label containing it asks for it
    neutral: frozenset[str]
    foreign: frozenset[str]
    either: dict[str, dict[str, str]]  #: compact label → {"individual": key|"", "corporation": key|""}
    choices: list[tuple[str, str]]  #: (word key, choice key), longest word first
    hint_words: frozenset[str]
    hint_prefixes: tuple[str, ...]
    seals: frozenset[str]
    placeholder_styles: frozenset[str]


def _tables(value: JSONValue) -> list[JSONObject]:
    """The tables of a TOML array of tables (``[[field]]``)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _words(value: JSONValue) -> list[str]:
    """The texts of a TOML array of strings."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@cache
def vocabulary(path: str | None = None) -> Vocabulary:
    """The label vocabulary (``data/form_labels.toml`` unless ``path``)."""
    p = Path(path) if path else data_path("form_labels.toml")
    try:
        data: JSONObject = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError("LABELS_TABLE_BAD", f"라벨 별칭 표를 읽을 수 없습니다: {p.name} ({exc})") from None
    fields: dict[str, str] = {}
    roles: dict[str, str] = {}
    for entry in _tables(data.get("field", [])):
        for label in _words(entry["labels"]):
            fields.setdefault(compact(label), jsonio.text(entry["key"]))
        if entry.get("role"):
            roles[jsonio.text(entry["key"])] = jsonio.text(entry["role"])
    role_words = {compact(w): role for role, words in jsonio.obj(data.get("roles", {})).items()
                  for w in _words(words)}
    nh = jsonio.obj(data.get("not_held", {}))
    not_held = sorted(((compact(w), name) for name, words in nh.items() for w in _words(words)),
                      key=lambda t: -len(t[0]))
    either = {compact(lbl): {"individual": jsonio.text(e.get("individual", "")),
                             "corporation": jsonio.text(e.get("corporation", ""))}
              for e in _tables(data.get("either", [])) for lbl in _words(e["labels"])}
    choices = [(compact(w), jsonio.text(entry["key"])) for entry in _tables(data.get("choice", []))
               for w in _words(entry["words"])]
    choices.sort(key=lambda t: -len(t[0]))
    q = jsonio.obj(data.get("qualifiers", {}))
    hints = jsonio.obj(data.get("hints", {}))
    return Vocabulary(
        fields=fields, roles=roles, role_words=role_words, not_held=not_held,
        neutral=frozenset(compact(w) for w in _words(q.get("neutral", []))),
        foreign=frozenset(compact(w) for w in _words(q.get("foreign", []))),
        either=either, choices=choices,
        hint_words=frozenset(raw_key(w) for w in _words(hints.get("words", []))),
        hint_prefixes=tuple(h.lower() for h in _words(hints.get("prefixes", []))),
        seals=frozenset(raw_key(w) for w in _words(hints.get("seals", []))),
        placeholder_styles=frozenset(_words(hints.get("styles", []))),
    )


def role_of_heading(text: str, voc: Vocabulary) -> str | None:
    """The role a block heading names ("담당자 정보", "[대표자]", "2. 실무 담당자") or None."""
    k = compact(text)
    k = re.sub(r"(정보|사항|현황|내역|인적사항)$", "", k)
    return voc.role_words.get(k)


def _strip_qualifiers(k: str, voc: Vocabulary) -> str:
    changed = True
    while changed and k:
        changed = False
        for q in voc.neutral:
            if k.startswith(q) and len(k) > len(q):
                k, changed = k[len(q):], True
            elif k.endswith(q) and len(k) > len(q):
                k, changed = k[: -len(q)], True
    return k


def _part(k: str, role: str | None, voc: Vocabulary) -> Reading:
    if not k:
        return Reading("neutral")
    if k in voc.neutral:
        return Reading("neutral")
    if k in voc.foreign:
        return Reading("not_held", note="영문 표기")
    if role is not None:
        for word, r in voc.role_words.items():
            if r == role and (word + k) in voc.fields:
                return Reading("field", voc.fields[word + k])
    stripped = _strip_qualifiers(k, voc)
    named = any(k.startswith(w) and len(k) >= len(w) + 2 for w in voc.role_words)  # "담당자 연락처" says whose
    for cand in (k, stripped):
        if cand in voc.fields:
            key = voc.fields[cand]
            own = voc.roles.get(key)
            if role is not None and own is not None and own != role and not named:
                return Reading("ambiguous", note=f"{role} 칸에 {own} 항목명")
            return Reading("field", key)
    for f in voc.foreign:
        if f in k:
            return Reading("not_held", note="영문 표기")
    for word, name in voc.not_held:
        if word in k:
            return Reading("not_held", note=name)
    return Reading("unknown")


def _split(s: str) -> tuple[str, list[str]]:
    """("paren", [X, Y]) for ``X(Y)``; ("alt", [XZ, YZ]) for ``X(Y)Z``; ("slash", parts); ("one", [s])."""
    m = re.fullmatch(r"([^()\[\]]*)[(\[]([^()\[\]]*)[)\]](.*)", s)
    if m:
        x, y, z = m.groups()
        if z.strip():
            return "alt", [x + z, y + z]
        return "paren", [x, y]
    if "/" in s:
        return "slash", [p for p in s.split("/") if p.strip()]
    return "one", [s]


def read_label(text: str, role: str | None = None, entity: str | None = None,
               voc: Vocabulary | None = None) -> Reading:
    """What the label ``text`` asks for, in a block of ``role``, for a business of ``entity``."""
    voc = voc or vocabulary()
    s = normalise(text)
    k = compact(s)
    if not k or len(k) > 30:
        return Reading("unknown")
    if k in voc.either:
        key = voc.either[k].get(entity or "", "")
        if key:
            return Reading("field", key)
        return Reading("not_held", note="주민등록번호" if "주민" in k else "개인/법인에 따라 다른 항목")
    whole = _part(k, role, voc)
    kind, parts = _split(s)
    if kind == "one" or whole.status in ("field", "ambiguous"):
        return whole
    readings = [_part(compact(p), role, voc) for p in parts]
    if kind == "paren":
        main, sub = readings
        if sub.status == "neutral":
            return main
        if main.status == "neutral":
            return sub
        if sub.status == "not_held" or main.status == "not_held":
            return sub if sub.status == "not_held" else main  # the bracket narrows the meaning
        if main.status == sub.status == "field":
            return main if main.key == sub.key else Reading("ambiguous", note="두 항목이 한 칸에")
        return Reading("unknown")
    real = [r for r in readings if r.status != "neutral"]
    keys = {r.key for r in real if r.status == "field"}
    if any(r.status in ("unknown", "ambiguous") for r in real):
        return Reading("unknown") if kind == "slash" else Reading("ambiguous", note="두 항목이 한 칸에")
    if len(keys) == 1:
        rest = [r.note for r in real if r.status == "not_held"]
        return Reading("field", keys.pop(), note=", ".join(rest))
    if not keys and real:
        return real[0]
    return Reading("ambiguous", note="두 항목이 한 칸에")


def choice_of(text: str, voc: Vocabulary | None = None) -> str | None:
    """The choice key of the option words printed after a box (``신용카드``), or None."""
    voc = voc or vocabulary()
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
    for word, key in voc.choices:
        if s.startswith(word) and (len(s) == len(word) or not s[len(word)].isalnum()):
            return key
    return None
