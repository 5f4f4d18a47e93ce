"""Fictional documents that are NOT certificates, for the document-kind check (docs/certificates.md#document-kind).

What merchants upload by mistake in the certificate's place: a bank book page, a blank page (an empty scan),
an unrelated multi-page PDF (here the 17 pages of a shop's terms of use, which print the shop's
사업자등록번호 in their footer like real ones do), and a scanned unrelated letter. Each file has a truth JSON::

    {"document": "other", "fictional": true, "other": "bankbook|blank|terms_pdf|letter_scan",
     "expected_kind": "bankbook|blank|other", "file": "...", "pages": N, "seed": S}

>>> import tempfile, json
>>> with tempfile.TemporaryDirectory() as d:
...     paths = generate_others(d, seed=1, which=["blank"])
...     json.loads(paths[0].read_text(encoding="utf-8"))["expected_kind"]
'blank'
"""

# ruff: noqa: E501  (the terms' sentences are kept whole, as printed)
from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from pgdocs.errors import InputError
from pgdocs.fsio import atomic_output_file, atomic_write_text
from pgdocs.jsonio import Report
from pgdocs.samples import degrade
from pgdocs.samples.fakedata import make_address, make_brn, person_name, seeded, shop_name
from pgdocs.samples.render import A4_MM, Layout, Line, Text, get_font, render_image, render_pdf, wrap_mm

#: what :func:`generate_others` can write -> the kind the reader should name it
OTHERS: dict[str, str] = {
    "bankbook": "bankbook",
    "blank": "blank",
    "terms_pdf": "other",
    "letter_scan": "other",
}
TERMS_PAGES = 17

_TERMS_HEADINGS = (
    "목적", "정의", "약관의 명시와 개정", "서비스의 제공 및 변경", "서비스의 중단", "회원가입", "회원 탈퇴 및 자격 상실",
    "구매신청", "계약의 성립", "지급방법", "수신확인통지", "재화의 공급", "환급", "청약철회", "개인정보보호",
    "회사의 의무", "회원의 의무", "저작권의 귀속", "분쟁해결", "재판권 및 준거법",
)
_TERMS_SENTENCES = (
    "이 약관은 {shop}(이하 \"몰\"이라 한다)이 운영하는 인터넷 쇼핑몰에서 제공하는 서비스를 이용함에 있어 몰과 이용자의 권리와 의무를 규정함을 목적으로 합니다.",
    "몰은 이 약관의 내용과 상호 및 대표자 성명, 영업소 소재지 주소, 전화번호, 전자우편주소, 사업자등록번호, 통신판매업 신고번호 등을 이용자가 쉽게 알 수 있도록 초기 화면에 게시합니다.",
    "이용자는 몰에서 다음 방법으로 구매를 신청하며, 몰은 이용자가 구매신청을 함에 있어서 각 내용을 알기 쉽게 제공하여야 합니다.",
    "몰은 이용자가 구매 신청한 재화가 품절 등의 사유로 인도할 수 없을 때에는 지체 없이 그 사유를 이용자에게 통지합니다.",
    "몰과 재화등의 구매에 관한 계약을 체결한 이용자는 계약내용에 관한 서면을 받은 날부터 7일 이내에는 청약의 철회를 할 수 있습니다.",
    "몰은 이용자의 개인정보 수집 시 서비스 제공을 위하여 필요한 범위에서 최소한의 개인정보를 수집합니다.",
    "몰은 법령과 이 약관이 금지하거나 공서양속에 반하는 행위를 하지 않으며 지속적이고 안정적으로 재화를 제공하는데 최선을 다합니다.",
    "이용자는 신청 또는 변경 시 허위 내용을 등록하여서는 아니 되며 타인의 정보를 도용하여서는 아니 됩니다.",
    "몰이 작성한 저작물에 대한 저작권 기타 지적재산권은 몰에 귀속합니다.",
    "몰과 이용자 간에 발생한 전자상거래 분쟁에 관한 소송은 제소 당시의 이용자의 주소에 의하고, 주소가 없는 경우에는 거소를 관할하는 지방법원의 전속관할로 합니다.",
)
_LETTER = (
    "견적서 송부의 건",
    "",
    "귀사의 무궁한 발전을 기원합니다.",
    "요청하신 포장재 납품 견적을 아래와 같이 보내 드립니다.",
    "품목: 친환경 택배 상자 3호, 수량 2,000개, 단가 410원",
    "품목: 완충 비닐 롤 50m, 수량 40개, 단가 12,500원",
    "납품은 발주 후 영업일 기준 5일 이내에 가능합니다.",
    "견적 유효기간은 발행일로부터 30일입니다.",
    "궁금하신 점은 담당자에게 연락 주시기 바랍니다.",
)


def _terms_pdf(path: Path, rng: random.Random) -> Report:
    """A shop's terms of use: 17 A4 pages of text with the shop's 사업자등록번호 in every footer."""
    font = "NanumMyeongjo" if rng.random() < 0.5 else "NanumGothic"
    shop, number = shop_name(rng), make_brn(rng, "general")
    owner, addr = person_name(rng), make_address(rng).text()
    footer = f"{shop} | 대표 {owner} | 사업자등록번호 {number} | {addr}"
    spec = get_font(font)
    pages: list[Layout] = []
    heading = 0
    for p in range(TERMS_PAGES):
        lay = Layout(A4_MM[0], A4_MM[1], spec)
        y = 28.0
        if p == 0:
            lay.add(Text(A4_MM[0] / 2, y, f"{shop} 이용약관", 18, bold=True, align="center"))
            y += 14
        while y < 250:
            heading += 1
            title = _TERMS_HEADINGS[(heading - 1) % len(_TERMS_HEADINGS)]
            lay.add(Text(22, y, f"제{heading}조 ({title})", 11, bold=True))
            y += 7
            for _ in range(rng.randint(2, 4)):
                sentence = rng.choice(_TERMS_SENTENCES).format(shop=shop)
                for ln in wrap_mm(sentence, 166, spec, 10):
                    lay.add(Text(22, y, ln, 10))
                    y += 5.6
            y += 4
        lay.add(Line(22, 276, A4_MM[0] - 22, 276, width=0.2, color=(120, 120, 120)))
        lay.add(Text(22, 281, footer, 7.5, color=(90, 90, 90)))
        lay.add(Text(A4_MM[0] - 22, 287, f"- {p + 1} -", 8, align="right"))
        pages.append(lay)
    with atomic_output_file(path) as tmp:
        render_pdf(pages[0], tmp, title=f"{shop} 이용약관 (가상 예시)", more_pages=pages[1:])
    return {"pages": TERMS_PAGES, "font": font, "business_number_in_footer": number}


def _blank(rng: random.Random) -> tuple[Image.Image, Report]:
    """An empty A4 scan at 200 dpi: off-white paper, grain, a grey edge where the lid did not close."""
    w, h = 1654, 2339
    paper = rng.randint(236, 250)
    g = np.random.default_rng(rng.getrandbits(32))
    arr = np.full((h, w), paper, dtype=np.int16) + g.normal(0, rng.uniform(2, 5), (h, w)).astype(np.int16)
    edge = rng.randint(12, 40)
    side = rng.choice(("left", "top", "right"))
    if side == "left":
        arr[:, :edge] -= 30
    elif side == "top":
        arr[:edge, :] -= 30
    else:
        arr[:, -edge:] -= 30
    specks = g.random((h, w)) < 0.0002
    arr[specks] -= 120
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").convert("RGB")
    img.info["dpi"] = (200, 200)
    return img, {"paper": paper, "edge": side}


def _letter(rng: random.Random) -> Image.Image:
    spec = get_font("NanumGothic")
    lay = Layout(A4_MM[0], A4_MM[1], spec)
    y = 40.0
    for i, line in enumerate(_LETTER):
        lay.add(Text(28 if i else A4_MM[0] / 2, y, line, 18 if i == 0 else 11, bold=i == 0,
                     align="center" if i == 0 else "left"))
        y += 14 if i == 0 else 9
    lay.add(Text(A4_MM[0] - 28, y + 20, f"{shop_name(rng)} 영업팀 {person_name(rng)} 드림", 11, align="right"))
    return render_image(lay, 200)


def generate_others(out_dir: str | Path, seed: int = 0, which: Sequence[str] | None = None) -> list[Path]:
    """Write one file of each non-certificate document (``which``: keys of :data:`OTHERS`, default all);
    return their truth-JSON paths."""
    from pgdocs.samples.bankbook import make_bankbook, render_bankbook

    names = list(which) if which else list(OTHERS)
    for n in names:
        if n not in OTHERS:
            raise InputError("SAMPLES_BAD_OTHER", f"알 수 없는 서류입니다: {n}", hint=f"가능한 값: {', '.join(OTHERS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for n in names:
        rng = seeded(f"other:{seed}:{n}")
        base = out / f"other-{n}"
        info: Report = {"pages": 1}
        if n == "bankbook":
            variant = rng.choice(("clean", "photo", "scan"))
            path, _ = render_bankbook(make_bankbook(rng), variant, "NanumGothic", base, rng=rng)
            info["variant"] = variant
        elif n == "blank":
            img, extra = _blank(rng)
            path = degrade.write(base.with_suffix(".jpg"), degrade.jpeg_bytes(img, 80))
            info.update(extra)
        elif n == "terms_pdf":
            path = base.with_suffix(".pdf")
            info.update(_terms_pdf(path, rng))
        else:
            img, extra = degrade.scan(_letter(rng), rng)
            path = degrade.write(base.with_suffix(".png"), degrade.png_bytes(img))
            info.update(extra)
        truth = {"document": "other", "fictional": True, "other": n, "expected_kind": OTHERS[n],
                 "file": path.name, "seed": seed, **info}
        tpath = out / f"other-{n}.truth.json"
        atomic_write_text(tpath, json.dumps(truth, ensure_ascii=False, indent=2) + "\n")
        written.append(tpath)
    return written
