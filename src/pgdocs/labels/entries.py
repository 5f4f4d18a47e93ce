"""What goes on one label: :class:`LabelEntry` and its builders from a rulebook case or a merchant record.

Korea Post practice (docs/packets.md#korea-post, #honorifics): address lines, organisation/department,
name + honorific, postal code on its own line. One honorific per recipient:
귀하 after a person, 귀중 after an organisation, 앞 as the PGs' own neutral form;
never stacked ("과장님 귀하", "홍길동 귀하 귀하").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypedDict

from pgdocs.errors import FindingsError
from pgdocs.rulebook.model import Recipient
from pgdocs.text import ascii_digits, nfc

if TYPE_CHECKING:
    from pgdocs.record import MerchantRecord
    from pgdocs.rulebook import Case

Honorific = Literal["귀하", "귀중", "앞"]
HONORIFICS: tuple[str, ...] = ("귀하", "귀중", "앞")
#: Words that already end a recipient line; adding a second honorific after them is "stacking".
_TRAILING_TITLES = ("귀하", "귀중", "앞", "님", "貴下", "貴中")
_TRAILING_SUFFIXES = ("귀하", "귀중", "님", "貴下", "貴中")
#: "…로 79, 12층 …" / "…길 12-3, …": split after the first building number followed by a comma.
_ROAD_SPLIT = re.compile(r"^(.*?\d+(?:-\d+)?)\s*,\s*(\S.*)$")
_INLINE_POSTAL = re.compile(r"^\s*[(\[]\s*(\d{5}|\d{3}-\d{3})\s*[)\]]\s*")


class LabelEntryDict(TypedDict):
    """:meth:`LabelEntry.to_dict`: a label's content as JSON (a batch row carries its labels this way)."""

    lines: list[str]
    name: str | None
    honorific: Honorific | None
    postal_code: str | None
    caption: str | None
    meta: dict[str, str]


@dataclass
class LabelEntry:
    """One label's content.

    ``lines``: address line(s), 상세주소, organisation/department — each may wrap.
    ``name``: the person (or organisation) the honorific follows; ``None`` puts the
    honorific after the last line. ``postal_code``: printed alone, right-aligned.
    ``caption``: an optional first line such as "보내는 사람".
    """

    lines: list[str]
    name: str | None = None
    honorific: Honorific | None = None
    postal_code: str | None = None
    caption: str | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> LabelEntryDict:
        return {"lines": list(self.lines), "name": self.name, "honorific": self.honorific,
                "postal_code": self.postal_code, "caption": self.caption, "meta": dict(self.meta)}

    def display_lines(self) -> list[str]:
        """The logical lines of the block, honorific attached, postal code excluded (not wrapped yet)."""
        lines = [clean_line(x) for x in self.lines]
        lines = [x for x in lines if x]
        name = clean_line(self.name) if self.name else ""
        honorific = as_honorific(self.honorific)
        if name:
            lines.append(_attach(name, honorific))
        elif honorific and lines:
            lines[-1] = _attach(lines[-1], honorific)
        if self.caption:
            lines.insert(0, clean_line(self.caption))
        return lines

    def label_name(self) -> str:
        """A short name for messages: the organisation/name line, or the first line."""
        text = self.name or (self.lines[-1] if self.lines else "") or ""
        return clean_line(text)[:30]


def clean_line(text: str | None) -> str:
    """NFC; control characters and odd spaces become one space; trimmed.

    Hostile input (newlines, tabs, zero-width or bidi marks) cannot break the layout.
    """
    if not text:
        return ""
    out = []
    for ch in nfc(str(text)):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp", "Zs") or ch in "\u200b\ufeff\u2028\u2029":
            out.append(" ")
        elif cat in ("Cf", "Co", "Cs", "Cn"):
            continue
        else:
            out.append(ch)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _attach(text: str, honorific: str | None) -> str:
    if not honorific:
        return text
    words = text.split(" ")
    last = words[-1]
    if last == honorific:
        return text  # the source already says it; never print it twice
    if last in _TRAILING_TITLES or last.endswith(_TRAILING_SUFFIXES):
        raise FindingsError(
            "LABEL_HONORIFIC_STACKED",
            f"호칭이 겹칩니다: '{text} {honorific}'",
            hint="'귀하/귀중/앞/님'은 하나만 씁니다. 이름 칸에서 호칭을 빼거나 호칭 설정을 비우세요.",
        )
    return f"{text} {honorific}"


def as_honorific(value: object) -> Honorific | None:
    """"귀하", "귀중", "앞" (NFC, trimmed) or ``None``; anything else is ``LABEL_HONORIFIC_INVALID``."""
    if value is None or value == "":
        return None
    text = nfc(str(value)).strip()
    if text == "귀하":
        return "귀하"
    if text == "귀중":
        return "귀중"
    if text == "앞":
        return "앞"
    raise FindingsError("LABEL_HONORIFIC_INVALID", f"호칭은 귀하, 귀중, 앞 중 하나여야 합니다: {value!r}")


def postal_code_text(value: str | None) -> str | None:
    """The postal code as printed: 5 digits (국가기초구역번호) or the old ``###-###``; ``None`` when empty."""
    if not value:
        return None
    digits = ascii_digits(value)
    if len(digits) == 5:
        return digits
    if len(digits) == 6:
        return f"{digits[:3]}-{digits[3:]}"
    raise FindingsError(
        "LABEL_POSTAL_CODE_INVALID",
        f"우편번호는 5자리 숫자여야 합니다: {value!r}",
        hint="2015-08-01부터 우편번호는 5자리(예: 04117)입니다.",
    )


def split_inline_postal(line: str) -> tuple[str | None, str]:
    """``"(04117) 서울특별시 …"`` → ``("04117", "서울특별시 …")``; other lines unchanged."""
    m = _INLINE_POSTAL.match(line)
    if not m:
        return None, line
    return m.group(1), line[m.end():]


def split_road_address(address: str) -> list[str]:
    """A one-line 도로명주소 as Korea Post's two lines: road address, then 상세주소 (참고항목).

    ``"부산광역시 해운대구 센텀중앙로 79, 12층 1203호 (우동)"`` →
    ``["부산광역시 해운대구 센텀중앙로 79", "12층 1203호 (우동)"]``. Without a comma
    after the building number the address stays one line (it still wraps).
    """
    text = clean_line(address)
    m = _ROAD_SPLIT.match(text)
    if not m:
        return [text] if text else []
    return [m.group(1).strip(), m.group(2).strip()]


def recipient_entry(case: Case | Recipient | None) -> LabelEntry:
    """The label for the PG's postal address, from a rulebook ``Case`` (or its ``Recipient``).

    Keeps the PG's own honorific ("앞" for NicePay). Raises ``LABEL_NO_RECIPIENT``
    when the case has no postal recipient.
    """
    recipient = case if case is None or isinstance(case, Recipient) else case.recipient
    if recipient is None or not recipient.address_lines:
        what = "" if case is None or isinstance(case, Recipient) else case.title
        raise FindingsError(
            "LABEL_NO_RECIPIENT",
            f"이 경우에는 우편으로 보낼 받는 곳 주소가 규칙집에 없습니다{f' ({what})' if what else ''}.",
            hint="pgdocs plan 으로 제출 방법을 확인하세요. 우편 제출이 아닐 수 있습니다.",
        )
    postal: str | None = recipient.postal_code or None
    lines: list[str] = []
    for line in recipient.address_lines:
        inline, rest = split_inline_postal(line)
        postal = postal or inline
        lines.append(rest)
    org = " ".join(x for x in (recipient.organisation, recipient.department) if x)
    if org:
        lines.append(org)
    honorific = as_honorific(recipient.honorific or ("귀중" if org else None))
    return LabelEntry(lines=lines, name=None, honorific=honorific, postal_code=postal_code_text(postal),
                      meta={"role": "recipient", "source": recipient.source})


def sender_entry(record: MerchantRecord, *, as_recipient: bool = False) -> LabelEntry:
    """The merchant's own label from a :class:`~pgdocs.record.MerchantRecord`.

    As a sender label (default) it carries the caption "보내는 사람" and no
    honorific. With ``as_recipient=True`` (a return label addressed to the
    merchant) it follows the 귀하/귀중 rule: 귀하 after the person, 귀중 after the
    business name when no person is known.
    """
    from pgdocs.record import require

    require(record, ["business.address", "business.business_name"], purpose="보내는 사람 라벨")
    business = record.business
    manager = record.manager.name if record.manager and record.manager.name else None
    person = manager or business.representative
    inline, address = split_inline_postal(str(business.address))
    lines = [*split_road_address(address), business.business_name]
    postal = postal_code_text(business.postal_code or inline)
    if as_recipient:
        if person:
            return LabelEntry(lines=lines, name=person, honorific="귀하", postal_code=postal,
                              meta={"role": "merchant"})
        return LabelEntry(lines=lines, honorific="귀중", postal_code=postal, meta={"role": "merchant"})
    return LabelEntry(lines=lines, name=person, honorific=None, postal_code=postal, caption="보내는 사람",
                      meta={"role": "sender"})
