"""The import graph of ``src/pgdocs``: no circles, and no arrow from a lower layer to a higher one.

Every ``import`` counts, at module level or inside a function (a lazy import is still a dependency); only imports
under ``if TYPE_CHECKING:`` are left out (they are for the type checker and never run), and the package's version
constant. Behaviour a PG's rulebook file names is imported by name through :mod:`pgdocs.rulebook.hooks`, on purpose
outside this graph (the registry points up, to the modules that implement each behaviour). The layers are written
here, bottom first: a new module must be placed in one, which is the point.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: bottom first; a module may import its own layer and the ones below (package names are first components)
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("foundation", frozenset({
        "errors", "text", "resources", "hangul", "dates", "mask", "fsio", "jsonio", "findings", "filetypes",
        "pglist", "pdfprobe", "imaging", "bizdays", "pdffonts", "names", "address", "junit", "inputs", "ids",
    })),
    ("record and programs", frozenset({"record", "office", "registry"})),
    ("rules and reading", frozenset({"rulebook", "validate", "ocr"})),
    ("documents", frozenset({"forms", "labels", "samples", "chat", "plan"})),
    ("packets", frozenset({"packet"})),
    ("commands", frozenset({"batch", "lint", "doctor", "web", "pgdocs"})),
    ("command line", frozenset({"cli", "__main__"})),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "pgdocs").rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("")
        out[".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)] = path
    return out


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skip.update(id(n) for n in ast.walk(node))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            # ``from pgdocs import __version__``: a constant of the package root, loaded by every import anyway
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
                     if (base, a.name) != ("pgdocs", "__version__")]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("pgdocs") and name != module:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: _imports(m, p, modules) for m, p in modules.items()}


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "pgdocs"
    for n, (_, members) in enumerate(LAYERS):
        if top in members:
            return n
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {Path(__file__).name}")


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in graph:
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return out


def test_no_circles(graph: dict[str, set[str]]) -> None:
    assert _circles(graph) == []


def test_no_arrow_from_a_lower_layer_to_a_higher_one(graph: dict[str, set[str]]) -> None:
    upward = sorted(f"{m} ({LAYERS[_layer(m)][0]}) → {t} ({LAYERS[_layer(t)][0]})"
                    for m, targets in graph.items() for t in targets if _layer(t) > _layer(m))
    assert upward == []


def test_the_checker_sees_a_circle_and_an_upward_arrow() -> None:
    """The checks can fail: a made-up circle and a foundation module importing the OCR package are found."""
    made_up = {"pgdocs.a": {"pgdocs.b"}, "pgdocs.b": {"pgdocs.a"}, "pgdocs.c": set()}
    assert _circles(made_up) == [["pgdocs.a", "pgdocs.b"]]
    assert _layer("pgdocs.hangul") < _layer("pgdocs.ocr.charset")


def test_importing_an_identifier_module_stays_light() -> None:
    """``pgdocs.ids.postal`` (a foundation module) loads neither the OCR syllable table nor rapidfuzz."""
    import subprocess

    code = ("import sys, pgdocs.ids.postal; "
            "print(sorted(m for m in sys.modules if m.startswith(('pgdocs.ocr', 'rapidfuzz', 'pydantic'))))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert res.stdout.strip() == "[]"
