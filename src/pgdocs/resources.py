"""Where shipped data, templates and system fonts are."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from pgdocs.errors import MissingDependencyError

_PKG = Path(__file__).resolve().parent
_REPO = _PKG.parent.parent  # src/pgdocs -> repo root (editable install)


def data_path(*parts: str) -> Path:
    """A data file shipped in the package (``src/pgdocs/data``)."""
    return _PKG.joinpath("data", *parts)


def template_path(*parts: str) -> Path:
    """A template: ``templates/`` at the repo root (editable) or ``pgdocs/_templates`` (wheel)."""
    for base in (_PKG / "_templates", _REPO / "templates"):
        p = base.joinpath(*parts)
        if p.exists():
            return p
    return (_REPO / "templates").joinpath(*parts)


_FONT_DIRS = (
    "/usr/share/fonts/truetype/nanum",
    "/usr/share/fonts/nanum",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
    str(Path.home() / ".fonts"),
    str(Path.home() / ".local/share/fonts"),
)


@cache
def font_path(name: str = "NanumGothic") -> Path:
    """Path of a TrueType font (``NanumGothic``, ``NanumGothicBold``, ``NanumMyeongjo`` …).

    ``PGDOCS_FONT_DIR`` is searched first. Raises :class:`MissingDependencyError` (exit 4).
    """
    dirs = [os.environ["PGDOCS_FONT_DIR"]] if os.environ.get("PGDOCS_FONT_DIR") else []
    dirs.extend(_FONT_DIRS)
    for d in dirs:
        for cand in (Path(d) / f"{name}.ttf", Path(d) / f"{name}.TTF"):
            if cand.is_file():
                return cand
    raise MissingDependencyError(
        "FONT_MISSING",
        f"한글 글꼴 {name}.ttf 를 찾을 수 없습니다.",
        hint="Debian/Ubuntu: sudo apt-get install fonts-nanum (또는 make setup)",
    )
