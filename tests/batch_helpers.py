"""Helpers for the batch and lint tests: fictional merchants, document images, workbooks. All fictional."""

from __future__ import annotations

import copy
from pathlib import Path

from PIL import Image, ImageDraw

from pgdocs.ids.brn import calc_check_digit
from pgdocs.jsonio import JSONObject, JSONValue
from pgdocs.jsonio import loads as json_loads
from report_read import obj

REPO = Path(__file__).resolve().parent.parent
BASE_SLUG = "nicepay-individual-within-1y"
TODAY = "2026-11-27"


def brn(serial: int, middle: str = "12", office: str = "214") -> str:
    """A fictional business number with a correct check digit (개인: middle 01–79)."""
    nine = f"{office}{middle}{serial:04d}"
    return f"{office}-{middle}-{serial:04d}{calc_check_digit(nine)}"


def bad_brn(serial: int) -> str:
    good = brn(serial)
    last = (int(good[-1]) + 1) % 10
    return good[:-1] + str(last)


def base_record() -> JSONObject:
    data = json_loads((REPO / "samples" / BASE_SLUG / "record.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data.pop("documents", None)
    return data


def merchant(serial: int, name: str, *, docs_dir: str | None = None, **changes: JSONValue) -> JSONObject:
    rec = copy.deepcopy(base_record())
    business = obj(rec, "business")
    business["business_number"] = brn(serial)
    business["business_name"] = name
    obj(rec, "settlement_account")["holder"] = business["representative"]
    for path, value in changes.items():
        node = rec
        parts = path.split("__")
        for p in parts[:-1]:
            nxt = node.setdefault(p, {})
            assert isinstance(nxt, dict), path
            node = nxt
        node[parts[-1]] = value
    if docs_dir is not None:
        rec["_docs_dir"] = docs_dir
    return rec


def fake_document(path: Path, title: str) -> Path:
    """A small fictional scan: a white A4-ratio PNG with a title (not a real certificate)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(im)
    draw.rectangle((20, 20, 600, 857), outline="black", width=3)
    draw.text((60, 60), f"FICTIONAL {title}", fill="black")
    im.save(path, optimize=True)
    return path


def docs_folder(root: Path, name: str, *, bankbook: bool = True) -> str:
    fake_document(root / name / "사업자등록증.png", "business registration")
    if bankbook:
        fake_document(root / name / "통장사본.png", "bankbook")
    return name
