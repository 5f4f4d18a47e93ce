"""Fictional 사업자등록증 pages (docs/certificates.md#layout) with truth JSON, in many variants.

A page is built as layout items in mm (:func:`build_layout`) and drawn either by
Pillow (then degraded: clean, scan, jpeg, lowres, fax, photo, scanpdf) or by
reportlab (textpdf, a real text layer with embedded Nanum fonts).

Each case ``cert-NNNN-<kind>-<variant>.<ext>`` has ``….truth.json``::

    {"document": "business_registration", "fictional": true,
     "kind": "general|simple|exempt|corporation_head|corporation_branch",
     "variant": "...", "font": "NanumGothic|...", "file": "<image or PDF name>",
     "fields": {"business_number": "###-##-#####", "business_name", "representative",
                "birth_date": "YYYY-MM-DD"|null, "opening_date", "corporate_number": "######-#######"|null,
                "address", "head_office_address"|null, "business_type": [...], "business_item": [...],
                "issue_date", "tax_office": "○○세무서"},
     "printed": {"representative": "<name> 외 N명"},      # as drawn on the page
     "record": {...},                                      # merchant-record ``business`` section, same facts
     "tampered": [{"tampered_field": "...", "record": {...}}, ...],   # each differs in ONE field
     "render": {"dpi", "boxes_mm": {field: [x0, y0, x1, y1]}, "boxes_px": {...}, degradation parameters},
     "seed", "index"}

``boxes_px`` is given for variants whose geometry is known exactly (clean, jpeg,
lowres, fax, and scan after its rotation about the page centre).

>>> import tempfile, json
>>> with tempfile.TemporaryDirectory() as d:
...     paths = generate_certificates(d, count=1, seed=3, variants=["textpdf"], kinds=["general"])
...     json.loads(paths[0].read_text(encoding="utf-8"))["kind"]
'general'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import math
import random
import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.errors import InputError
from pgdocs.fsio import atomic_output_file, atomic_write_text
from pgdocs.jsonio import Report
from pgdocs.samples import degrade
from pgdocs.samples.fakedata import (
    KINDS,
    Address,
    BusinessData,
    LiteralAddress,
    changed_records,
    make_business,
    seeded,
    tampered_records,
    tax_office_for,
)
from pgdocs.samples.render import (
    available_fonts,
    render_image,
    render_pdf,
)

if TYPE_CHECKING:
    from pgdocs.record import Business, MerchantRecord

log = logging.getLogger(__name__)

A4 = (210.0, 297.0)
#: the variants the generator cycles through by default (those of the first generator, unchanged)
VARIANTS = degrade.CLASSIC_VARIANTS
#: every variant a page can be made in (adds scan200, moire, uneven, thumb, capture, closeup, bent)
ALL_VARIANTS = tuple(degrade.VARIANTS)
#: variants whose pixel geometry is known exactly (boxes_px in the truth)
_EXACT_GEOMETRY = ("clean", "jpeg", "lowres", "fax", "scan", "scan200", "thumb", "capture")


# ----------------------------------------------------------------------------- truth + files


def truth_for(
    bd: BusinessData, rng: random.Random, *, variant: str, font: str, family: str = "classic",
    printed: Mapping[str, object] | None = None,
) -> Report:
    return {
        "document": "business_registration",
        "fictional": True,
        "family": family,
        "kind": bd.kind,
        "variant": variant,
        "font": font,
        "fields": bd.fields(),
        "printed": {"representative": bd.representative_printed, **(printed or {})},
        "record": bd.record(),
        "tampered": tampered_records(rng, bd),
        "changed": changed_records(rng, bd),
    }


def render_certificate(
    bd: BusinessData | Mapping[str, object],
    variant: str,
    font: str,
    out_base: Path,
    *,
    rng: random.Random | None = None,
    family: str = "classic",
) -> tuple[Path, Report]:
    """Render ``bd`` (or a truth dict) as ``variant`` in ``family``'s layout to ``out_base`` + the variant's
    extension.

    Returns (path written, render info: dpi, degradation parameters, field boxes in mm and px, and under
    ``printed`` what the layout printed beyond the truth fields: labels, subtitle, 주민번호 prefix …).
    """
    from pgdocs.samples.families import FAMILIES, build

    if not isinstance(bd, BusinessData):
        bd = business_from_truth(bd)
    if family not in FAMILIES:
        raise InputError(
            "SAMPLES_BAD_FAMILY",
            f"알 수 없는 서식입니다: {family}",
            hint=f"가능한 값: {', '.join(FAMILIES)}",
        )
    if variant not in FAMILIES[family].variants:
        raise InputError(
            "SAMPLES_BAD_VARIANT",
            f"알 수 없는 변형입니다: {variant}",
            hint=f"가능한 값: {', '.join(FAMILIES[family].variants)}",
        )
    rng = rng or seeded(0)
    lay, printed = build(family, bd, font, rng)
    path = out_base.with_name(out_base.name + degrade.VARIANTS[variant])
    boxes_mm = lay.field_boxes()
    info: Report = {"boxes_mm": boxes_mm, "printed": printed}
    if variant == "textpdf":
        with atomic_output_file(path) as tmp:
            title = "사업자등록증명 (가상 예시)" if printed.get("form") == "proof" else "사업자등록증 (가상 예시)"
            render_pdf(lay, tmp, title=title, glyph_runs=family == "hometax")
        return path, info
    dpi = degrade.render_dpi(variant, rng)
    img = render_image(lay, dpi)
    info["dpi"] = dpi
    data, extra = degrade.encode(img, variant, rng)
    info.update(extra)
    if variant in _EXACT_GEOMETRY:
        info["boxes_px"] = boxes_px(boxes_mm, _number(info["dpi"]), img.size, _number(info.get("skew_deg", 0.0)))
    degrade.write(path, data)
    return path, info


def boxes_px(
    boxes_mm: dict[str, list[float]], dpi: float, size: tuple[int, int], skew_deg: float = 0.0
) -> dict[str, list[int]]:
    """Field boxes in the saved image's pixels (after a scan's rotation about the page centre)."""
    k = dpi / 25.4
    cx, cy = size[0] / 2, size[1] / 2
    a = math.radians(skew_deg)
    ca, sa = math.cos(a), math.sin(a)
    out: dict[str, list[int]] = {}
    for name, (x0, y0, x1, y1) in boxes_mm.items():
        pts = []
        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
            dx, dy = x * k - cx, y * k - cy
            # Pillow's rotate(angle) turns the content counter-clockwise on screen (y grows downwards)
            pts.append((cx + dx * ca + dy * sa, cy - dx * sa + dy * ca))
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out[name] = [round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))]
    return out


def _pick_font(rng: random.Random, variant: str) -> str:
    fonts = available_fonts()
    keys = sorted(k for k, f in fonts.items() if f.pdf or variant != "textpdf")
    return rng.choice(keys)


def _parse_list(value: Sequence[str] | None, allowed: Sequence[str], what: str) -> list[str]:
    if not value:
        return list(allowed)
    out = []
    for v in value:
        v = v.strip()
        if v not in allowed:
            raise InputError(
                "SAMPLES_BAD_" + what.upper(),
                f"알 수 없는 값입니다: {v}",
                hint=f"가능한 값: {', '.join(allowed)}",
            )
        out.append(v)
    return out


def generate_certificates(
    out_dir: str | Path,
    count: int,
    seed: int,
    variants: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    *,
    fonts: Sequence[str] | None = None,
    family: str = "classic",
) -> list[Path]:
    """Write ``count`` fictional certificates of ``family`` into ``out_dir``; return their truth-JSON paths.

    Case ``i`` uses variant ``variants[i % len]`` and kind ``kinds[(i // len(variants)) % len]``,
    so ``len(variants) * len(kinds)`` cases cover every combination. Each case has its own data.
    The classic family cycles through :data:`VARIANTS` by default, the others through every variant they
    apply to (:data:`pgdocs.samples.families.FAMILIES`).
    """
    from pgdocs.samples.families import FAMILIES, pick_font, prepare
    from pgdocs.samples.render import all_fonts

    if family not in FAMILIES:
        raise InputError(
            "SAMPLES_BAD_FAMILY",
            f"알 수 없는 서식입니다: {family}",
            hint=f"가능한 값: {', '.join(FAMILIES)}",
        )
    fam = FAMILIES[family]
    vs = _parse_list(variants, VARIANTS if family == "classic" and not variants else fam.variants, "variant")
    ks = _parse_list(kinds, KINDS, "kind")
    fs = _parse_list(fonts, sorted(all_fonts()), "font") if fonts else None
    if count < 1:
        raise InputError("SAMPLES_BAD_COUNT", "개수(--count)는 1 이상이어야 합니다.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    prefix = "cert" if family == "classic" else family
    for i in range(count):
        variant = vs[i % len(vs)]
        kind = ks[(i // len(vs)) % len(ks)]
        rng = seeded(f"{seed}:{i}" if family == "classic" else f"{family}:{seed}:{i}")
        bd = prepare(family, rng, kind)
        if fs:
            usable = [f for f in fs if all_fonts()[f].pdf or variant != "textpdf"] or ["NanumGothic"]
            font = rng.choice(usable)
        elif family == "classic":
            font = _pick_font(rng, variant)
        else:
            font = pick_font(family, rng, variant)
        t0 = time.perf_counter()
        name = f"{prefix}-{i + 1:04d}-{kind}-{variant}"
        path, info = render_certificate(bd, variant, font, out / name, rng=rng, family=family)
        printed = info.pop("printed")
        truth = truth_for(bd, rng, variant=variant, font=font, family=family,
                          printed=printed if isinstance(printed, dict) else None)
        truth["file"] = path.name
        truth["seed"] = seed
        truth["index"] = i
        truth["render"] = info
        tpath = out / f"{name}.truth.json"
        atomic_write_text(tpath, json.dumps(truth, ensure_ascii=False, indent=2) + "\n")
        log.debug("wrote %s in %.2fs", path.name, time.perf_counter() - t0)
        written.append(tpath)
    return written


def business_from_record(record: MerchantRecord | Business | Mapping[str, object], *,
                         seed: int = 0) -> BusinessData:
    """Page data for a merchant record's ``business`` (missing optional facts are invented, fictional)."""
    from pgdocs.record import MerchantRecord, record_from_dict

    if isinstance(record, Mapping):  # a plain record (or just its business section), e.g. from JSON
        record = record_from_dict(record if "business" in record else {"business": record})
    biz = record.business if isinstance(record, MerchantRecord) else record
    rng = seeded(f"record:{seed}:{biz.business_number}")
    corp = biz.entity == "corporation"
    digits = biz.business_number.replace("-", "")
    mid = int(digits[3:5]) if len(digits) == 10 and digits.isdigit() else 0
    kind = (
        ("corporation_branch" if mid == 85 else "corporation_head") if corp else (biz.tax_type or "general")
    )
    filler = make_business(rng, kind, rare=False)
    addr: Address | LiteralAddress = filler.address
    if biz.address:
        addr = LiteralAddress(biz.address, biz.postal_code or filler.address.postal_code)
    types = [s.strip() for s in (biz.business_type or "").split(",") if s.strip()] or filler.business_type
    items = [s.strip() for s in (biz.business_item or "").split(",") if s.strip()] or filler.business_item
    n = min(len(types), len(items))
    if len(types) != len(items):
        types = types + [types[-1]] * (len(items) - n) if len(items) > len(types) else types
        items = items + [items[-1]] * (len(types) - len(items)) if len(types) > len(items) else items
    return dataclasses.replace(
        filler,
        business_number=biz.business_number,
        business_name=biz.business_name,
        representative=biz.representative,
        representatives_extra=0,
        birth_date=biz.birth_date if not corp else None,
        opening_date=biz.opening_date or filler.opening_date,
        corporate_number=biz.corporate_number if corp else None,
        address=addr,
        head_office=(addr if kind == "corporation_head" else filler.head_office) if corp else None,
        business_type=types,
        business_item=items,
        issue_date=max(biz.opening_date or filler.issue_date, filler.issue_date),
        tax_office=tax_office_for(addr.text(), rng),
    )


def _number(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(f"render info: {value!r} is not a number")


def _text(value: object, what: str) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"truth file: {what} is not text ({value!r})")


def _texts(value: object, what: str) -> list[str]:
    if isinstance(value, list):
        return [_text(v, what) for v in value]
    raise ValueError(f"truth file: {what} is not a list ({value!r})")


def business_from_truth(truth: Mapping[str, object]) -> BusinessData:
    """Page data back from a truth file, so a case can be re-rendered in another variant or font."""
    f = truth["fields"]
    if not isinstance(f, dict):
        raise ValueError("truth file: fields is not an object")
    kind = _text(truth["kind"], "kind")
    filler = make_business(seeded(f"truth:{f['business_number']}"), kind, rare=False)
    shown = truth.get("printed")
    printed = _text(shown.get("representative", f["representative"]) if isinstance(shown, dict) and shown
                    else f["representative"], "printed representative")
    m = re.search(r"외\s*(\d+)\s*명", printed)
    head = f.get("head_office_address")
    corporate = f.get("corporate_number")
    return dataclasses.replace(
        filler,
        business_number=_text(f["business_number"], "business_number"),
        business_name=_text(f["business_name"], "business_name"),
        representative=_text(f["representative"], "representative"),
        representatives_extra=int(m.group(1)) if m else 0,
        birth_date=dt.date.fromisoformat(_text(f["birth_date"], "birth_date")) if f.get("birth_date") else None,
        opening_date=dt.date.fromisoformat(_text(f["opening_date"], "opening_date")),
        corporate_number=None if corporate is None else _text(corporate, "corporate_number"),
        address=LiteralAddress(_text(f["address"], "address")),
        head_office=LiteralAddress(_text(head, "head_office_address")) if head else None,
        business_type=_texts(f["business_type"], "business_type"),
        business_item=_texts(f["business_item"], "business_item"),
        issue_date=dt.date.fromisoformat(_text(f["issue_date"], "issue_date")),
        tax_office=_text(f["tax_office"], "tax_office").removesuffix("세무서"),
    )


def certificate_for_record(
    record: MerchantRecord | Business | Mapping[str, object], out_path: str | Path, variant: str = "clean", *,
    font: str = "NanumGothic", seed: int = 0
) -> Path:
    """Render a fictional certificate of ``record.business``; the variant decides the extension.

    Returns the path written (``out_path`` with the variant's extension)."""
    bd = business_from_record(record, seed=seed)
    out = Path(out_path)
    base = out.with_suffix("") if out.suffix else out
    path, _ = render_certificate(bd, variant, font, base, rng=seeded(f"render:{seed}"))
    return path
