"""Every ``docs/FILE.md#anchor`` cited in code, data, tests and benchmarks, and every link between the docs
pages and from the README, points at a page and an anchor that exist (docs/README.md, "Anchors are stable")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: ``docs/ocr.md#glyph-size``; a bare ``#anchor`` right after it (", #fonts") belongs to the same page
_A = r"#[\w-]+"
_CITE = re.compile(rf"docs/([a-z0-9-]+\.md)((?:{_A})?)((?:(?:,|\s+and)\s*{_A})*)")
_LINK = re.compile(r"\]\(([^)\s]+?\.md)?(#[^)\s]+)?\)")
_ID = re.compile(r'<a id="([^"]+)"></a>')
_HEADING = re.compile(r"^#{1,6} (.+)$", re.M)
_SKIP_DIRS = {".venv", ".git", "node_modules", "out", "__pycache__"}
_TEXT = {".py", ".toml", ".conf", ".md", ".txt", ".cfg", ".sh", ".ini"}


def _slug(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    s = re.sub(r"<[^>]+>", "", heading).strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    return set(_ID.findall(text)) | {_slug(h) for h in _HEADING.findall(text)}


def _sources() -> list[Path]:
    out: list[Path] = []
    for top in ("src", "tests", "bench", "templates", "scripts"):
        for p in (ROOT / top).rglob("*"):
            if p.is_file() and p.suffix in _TEXT and not _SKIP_DIRS & set(p.parts):
                out.append(p)
    return sorted(out)


def test_docs_pages_exist() -> None:
    names = {p.name for p in DOCS.glob("*.md")}
    assert {"README.md", "benchmarks.md", "identifiers.md", "ocr.md"} <= names


def test_no_citation_of_the_external_reference() -> None:
    old = re.compile(r"DOMAIN(?:\.md)? §|DOMAIN\.md")
    hits = [str(p.relative_to(ROOT)) for p in _sources()
            if p.name != Path(__file__).name and old.search(p.read_text(encoding="utf-8", errors="ignore"))]
    assert hits == []


def test_code_citations_resolve() -> None:
    bad: list[str] = []
    seen = 0
    for p in _sources():
        for m in _CITE.finditer(p.read_text(encoding="utf-8", errors="ignore")):
            page = DOCS / m.group(1)
            anchors = [m.group(2), *re.findall(_A, m.group(3))]
            seen += 1
            if not page.exists():
                bad.append(f"{p.relative_to(ROOT)}: {m.group(0)} (no page)")
                continue
            have = _anchors(page)
            bad += [f"{p.relative_to(ROOT)}: {m.group(1)}{a}" for a in anchors if a and a[1:] not in have]
    assert seen > 40, "the citation pattern no longer finds the code's citations"
    assert bad == []


@pytest.mark.parametrize("page", sorted([*DOCS.glob("*.md"), ROOT / "README.md"]), ids=lambda p: p.name)
def test_markdown_links_resolve(page: Path) -> None:
    bad: list[str] = []
    for m in _LINK.finditer(page.read_text(encoding="utf-8")):
        target, anchor = m.group(1), m.group(2)
        if target and "://" in target:
            continue
        dest = (page.parent / target).resolve() if target else page
        if not dest.exists():
            bad.append(f"{target} (no page)")
        elif anchor and anchor[1:] not in _anchors(dest):
            bad.append(f"{target or ''}{anchor}")
    assert bad == []
