"""Fictional 통장 사본: the first inside page of a passbook, with truth JSON.

The page shows the bank's name (as a logo text), 계좌번호 in the bank's usual
hyphenation, 예금주, 신규일, product and branch lines, as merchants photograph
or scan it for a PG. Everything is invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.errors import FindingsError, InputError
from pgdocs.fsio import atomic_write_text
from pgdocs.jsonio import Report
from pgdocs.samples import degrade
from pgdocs.samples.fakedata import corporation_name, person_name, seeded, shop_name
from pgdocs.samples.render import (
    Layout,
    Line,
    Rect,
    Stamp,
    Text,
    available_fonts,
    get_font,
    render_image,
    seal_image,
)
from pgdocs.text import ascii_digits, compact_key

if TYPE_CHECKING:
    from pgdocs.record import MerchantRecord

log = logging.getLogger(__name__)

PAGE = (150.0, 100.0)  # mm, one inside page of a passbook
VARIANTS = ("clean", "scan", "jpeg", "photo")
RGB = tuple[int, int, int]


@dataclasses.dataclass(frozen=True)
class BankStyle:
    name: str  #: display name as printed (matches pgdocs.ids.bank display names)
    code: str
    groups: tuple[int, ...]  #: usual hyphenation, digit group lengths
    color: RGB
    aliases: tuple[str, ...] = ()

    def hyphenate(self, digits: str) -> str:
        if len(digits) != sum(self.groups):
            return digits
        out, i = [], 0
        for g in self.groups:
            out.append(digits[i : i + g])
            i += g
        return "-".join(out)


BANKS: tuple[BankStyle, ...] = (
    BankStyle("KB국민은행", "004", (6, 2, 6), (96, 84, 72), ("국민", "국민은행", "KB")),
    BankStyle("신한은행", "088", (3, 3, 6), (0, 70, 160), ("신한",)),
    BankStyle("우리은행", "020", (4, 3, 6), (0, 110, 190), ("우리",)),
    BankStyle("하나은행", "081", (3, 6, 5), (0, 133, 122), ("하나", "KEB하나은행")),
    BankStyle("NH농협은행", "011", (3, 4, 4, 2), (0, 140, 70), ("농협", "농협은행")),
    BankStyle("IBK기업은행", "003", (3, 6, 2, 3), (0, 82, 164), ("기업", "기업은행")),
    BankStyle("카카오뱅크", "090", (4, 2, 7), (60, 30, 30), ("카카오",)),
    BankStyle("토스뱅크", "092", (4, 4, 4), (0, 100, 255), ("토스",)),
    BankStyle("우체국", "071", (6, 2, 6), (220, 30, 40), ("우체국예금",)),
    BankStyle("SC제일은행", "023", (3, 2, 6), (0, 114, 170), ("제일은행", "SC")),
    BankStyle("부산은행", "032", (3, 4, 4, 2), (210, 20, 60), ("BNK부산은행", "부산")),
    BankStyle("새마을금고", "045", (4, 2, 6, 1), (0, 90, 170), ("MG새마을금고", "새마을")),
)
_PRODUCTS = ("보통예금", "기업자유예금", "저축예금", "사업자 입출금통장", "비즈니스 통장", "자유적립식 예금")
_BRANCHES = (
    "역삼",
    "강남중앙",
    "여의도",
    "판교",
    "수원",
    "서면",
    "광화문",
    "성수",
    "일산",
    "구월동",
    "노형",
    "둔산",
)


@dataclasses.dataclass
class BankbookData:
    bank: BankStyle
    number: str  #: hyphenated as the bank prints it
    holder: str
    opened: dt.date
    product: str
    branch: str
    branch_phone: str

    def truth(self) -> Report:
        return {
            "document": "bankbook",
            "fictional": True,
            "bank": self.bank.name,
            "bank_code": self.bank.code,
            "number": self.number,
            "holder": self.holder,
            "opened": self.opened.isoformat(),
        }


def find_bank(name: str) -> BankStyle | None:
    """The style for a bank name or alias (whitespace/case-insensitive)."""
    key = compact_key(name)
    for b in BANKS:
        if key in {compact_key(a) for a in (b.name, *b.aliases)}:
            return b
    try:
        from pgdocs.ids import bank as idsbank

        found = idsbank.lookup(name)
    except Exception:  # pragma: no cover - the validators package is optional here
        found = None
    if found is not None:
        for b in BANKS:
            if b.code == found.code:
                return b
        return BankStyle(found.name, found.code, (), (60, 60, 60))
    return None


def make_bankbook(rng: random.Random, bank: BankStyle | None = None) -> BankbookData:
    bank = bank or rng.choice(BANKS)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(sum(bank.groups)))
    style = rng.random()
    if style < 0.35:
        holder = corporation_name(rng, rare=rng.random() < 0.15)
    elif style < 0.7:
        holder = person_name(rng, rare=rng.random() < 0.15)
    else:
        holder = f"{shop_name(rng, rare=rng.random() < 0.15)}({person_name(rng)})"
    return BankbookData(
        bank=bank,
        number=bank.hyphenate(digits),
        holder=holder,
        opened=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randint(0, 6500)),
        product=rng.choice(_PRODUCTS),
        branch=rng.choice(_BRANCHES) + "지점",
        branch_phone=f"{rng.choice(('02', '031', '051', '042'))}-{rng.randint(200, 999)}-{rng.randint(0, 9999):04d}",
    )


def build_layout(bb: BankbookData, font_key: str, rng: random.Random) -> Layout:
    """The passbook page in mm."""
    lay = Layout(PAGE[0], PAGE[1], get_font(font_key), background=(252, 251, 246))
    W, H = PAGE
    color = bb.bank.color
    # coloured header band with the bank's name in white
    lay.add(Rect(0, 0, W, 17, width=0.1, color=color, fill=color))
    lay.add(Text(8, 12, bb.bank.name, 17, bold=True, color=(255, 255, 255)))
    product = bb.product if bb.product.endswith("통장") else f"{bb.product} 통장"
    lay.add(Text(W - 8, 11.5, product, 10, align="right", color=(255, 255, 255)))
    sep = rng.choice((":", "", "："))
    x_label, x_val = 10 + rng.uniform(-1, 1), 38 + rng.uniform(-1.5, 1.5)
    y = 31 + rng.uniform(-1.5, 1.5)
    step = rng.uniform(9.5, 11)
    holder_label = rng.choice(("예금주", "성명", "예금주명"))
    rows = [
        ("계좌번호", bb.number, 15.0, True, "number"),
        (holder_label, bb.holder + rng.choice(("", " 님", " 귀하")), 13.0, True, "holder"),
        (
            "신규일",
            bb.opened.strftime(rng.choice(("%Y.%m.%d", "%Y-%m-%d", "%Y년 %m월 %d일"))),
            11.0,
            False,
            None,
        ),
        ("상품명", bb.product, 11.0, False, None),
        ("관리점", f"{bb.branch}  (전화 {bb.branch_phone})", 10.0, False, None),
    ]
    for label, value, size, bold, fld in rows:
        lay.add(Text(x_label, y, label, 10.5, spread=20 if rng.random() < 0.5 else None))
        if sep:
            lay.add(Text(x_val - 4, y, sep, 10.5))
        lay.add(Text(x_val, y, value, size, bold=bold, field=fld))
        lay.add(Line(x_label, y + 2.5, W - 50, y + 2.5, width=0.15, color=(170, 170, 170)))
        y += step
    # 인감 box on the right
    lay.add(Rect(W - 40, 26, 30, 30, width=0.4, color=(180, 40, 40)))
    if rng.random() < 0.6:
        seal_font = "NanumMyeongjo" if "NanumMyeongjo" in available_fonts() else "NanumGothic"
        lay.add(
            Stamp(
                W - 36,
                30,
                22,
                22,
                seal_image(re.sub(r"\W", "", bb.holder)[-4:], rng.randint(0, 9999), seal_font),
            )
        )
    lay.add(Text(W - 25, 61, "사용인감", 8.5, align="center", color=(180, 40, 40)))
    lay.add(
        Text(
            W / 2,
            H - 6,
            "이 예금은 예금자보호법에 따라 원금과 소정의 이자를 합하여 1인당 최고 5천만원까지 보호됩니다.",
            6.5,
            align="center",
            color=(90, 90, 90),
        )
    )
    return lay


def _pick_font(rng: random.Random) -> str:
    return rng.choice(sorted(available_fonts()))


def render_bankbook(
    bb: BankbookData, variant: str, font: str, out_base: Path, *, rng: random.Random | None = None
) -> tuple[Path, Report]:
    if variant not in VARIANTS:
        raise InputError(
            "SAMPLES_BAD_VARIANT",
            f"알 수 없는 변형입니다: {variant}",
            hint=f"가능한 값: {', '.join(VARIANTS)}",
        )
    rng = rng or seeded(0)
    lay = build_layout(bb, font, rng)
    dpi = 300  # the page is small (150 mm): keep every variant above the OCR size gate
    img = render_image(lay, dpi)
    data, info = degrade.encode(img, variant, rng)
    info = {**info, "dpi": dpi, "boxes_mm": lay.field_boxes()}
    path = out_base.with_name(out_base.name + degrade.VARIANTS[variant])
    degrade.write(path, data)
    return path, info


def generate_bankbooks(
    out_dir: str | Path,
    count: int,
    seed: int,
    variants: Sequence[str] | None = None,
    *,
    banks: Sequence[str] | None = None,
) -> list[Path]:
    """Write ``count`` fictional bank-book pages into ``out_dir``; return their truth-JSON paths."""
    vs = list(variants) if variants else list(VARIANTS)
    for v in vs:
        if v not in VARIANTS:
            raise InputError(
                "SAMPLES_BAD_VARIANT", f"알 수 없는 변형입니다: {v}", hint=f"가능한 값: {', '.join(VARIANTS)}"
            )
    styles: list[BankStyle] = []
    for name in banks or ():
        b = find_bank(name)
        if b is None:
            raise InputError(
                "SAMPLES_BAD_BANK",
                f"알 수 없는 은행입니다: {name}",
                hint=f"가능한 값: {', '.join(x.name for x in BANKS)}",
            )
        styles.append(b)
    if count < 1:
        raise InputError("SAMPLES_BAD_COUNT", "개수(--count)는 1 이상이어야 합니다.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        rng = seeded(f"bank:{seed}:{i}")
        variant = vs[i % len(vs)]
        bank = styles[i % len(styles)] if styles else BANKS[(i // len(vs) + seed) % len(BANKS)]
        bb = make_bankbook(rng, bank)
        font = _pick_font(rng)
        name = f"bankbook-{i + 1:04d}-{bank.code}-{variant}"
        path, info = render_bankbook(bb, variant, font, out / name, rng=rng)
        truth = {
            **bb.truth(),
            "variant": variant,
            "font": font,
            "file": path.name,
            "seed": seed,
            "index": i,
            "render": info,
        }
        tpath = out / f"{name}.truth.json"
        atomic_write_text(tpath, json.dumps(truth, ensure_ascii=False, indent=2) + "\n")
        written.append(tpath)
    return written


def bankbook_for_record(
    record: MerchantRecord, out_path: str | Path, variant: str = "clean", *, font: str = "NanumGothic", seed: int = 0
) -> Path:
    """Render a fictional 통장 사본 showing ``record.settlement_account``; returns the path written."""
    if isinstance(record, dict):
        from pgdocs.record import record_from_dict

        record = record_from_dict(record)
    acct = getattr(record, "settlement_account", None)
    missing = [f for f in ("bank", "number", "holder") if not getattr(acct, f, None)]
    if missing:
        raise FindingsError(
            "RECORD_MISSING_FIELDS",
            "통장 사본 예시에 필요한 정산계좌 정보가 없습니다: "
            + ", ".join(f"settlement_account.{f}" for f in missing),
            details={"missing": [f"settlement_account.{f}" for f in missing]},
        )
    assert acct is not None  # noqa: S101 - narrowed by the check above
    bank = find_bank(acct.bank) or BankStyle(acct.bank, "000", (), (60, 60, 60))
    digits = ascii_digits(acct.number)
    number = acct.number if "-" in acct.number else (bank.hyphenate(digits) if bank.groups else digits)
    rng = seeded(f"bankrecord:{seed}:{digits}")
    filler = make_bankbook(rng, bank)
    bb = dataclasses.replace(filler, number=number, holder=acct.holder)
    out = Path(out_path)
    base = out.with_suffix("") if out.suffix else out
    path, _ = render_bankbook(bb, variant, font, base, rng=rng)
    return path
