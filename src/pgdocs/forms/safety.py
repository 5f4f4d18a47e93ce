"""Templates are data, never code: find every tag in a .docx template that is more than a placeholder.

Rendering happens in Jinja's immutable sandbox (:func:`jinja_env`, defined here: :mod:`pgdocs.forms.render` sits
above this module), so a ``{{ self.__init__.__globals__ … }}`` tag cannot reach Python. This module is the
reviewer's half: it parses every part docxtpl renders (body, headers, footers, footnotes, document properties)
exactly as docxtpl prepares it, walks Jinja's syntax tree and reports, with the part and paragraph where it sits,

* attribute or item access to an underscored name (``__class__``, ``_private``, ``['__globals__']``) or to a
  name computed in the tag (``x['_' ~ '_class__']``),
* any call (``x()``, ``range(3)``, ``'a'.upper()``) — a form needs none,
* a filter outside a small allowed set (``|safe`` would switch off escaping, ``|attr`` reaches attributes),
* Jinja's globals and ``self`` (``cycler``, ``lipsum``, ``namespace``, ``range`` …, the doors of known payloads),
* statements a form does not need (``import``, ``include``, ``extends``, ``macro``, ``call``, ``autoescape``).

``fill`` refuses a template with any of these before rendering (``TEMPLATE_UNSAFE``); ``template check`` lists
them all. docxtpl starts a new line before every ``<w:p``, so a node's line number is its paragraph.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypedDict

from pgdocs.errors import InputError

if TYPE_CHECKING:
    from docxtpl import DocxTemplate  # untyped: mypy sees Any, the name says what it is
    from jinja2 import nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

log = logging.getLogger(__name__)

def jinja_env() -> ImmutableSandboxedEnvironment:
    """A sandboxed Jinja environment that refuses undefined variables.

    Templates are data, never code: support staff open forms that PGs and colleagues send them, so a
    ``{{ self.__init__.__globals__ … }}`` tag must not reach Python. The immutable sandbox refuses
    underscored attributes, unsafe callables and mutation of the values it is given.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def open_template(data: bytes) -> DocxTemplate:
    """A docxtpl template over ``data`` (a broken package → ``TEMPLATE_BAD``)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several types for a broken package
        raise InputError(
            "TEMPLATE_BAD", f"서식 파일을 Word 문서로 읽을 수 없습니다: {type(exc).__name__}"
        ) from None
    return tpl


#: Filters a form may use: text shaping only, nothing that reaches attributes, callables or markup.
ALLOWED_FILTERS = frozenset({
    "default", "d", "e", "escape", "upper", "lower", "title", "capitalize", "trim", "replace",
    "join", "length", "count", "first", "last", "truncate", "string", "int", "round",
})

#: Names Jinja (or a web framework) provides beside the record's variables: each has been used to reach Python.
UNSAFE_NAMES = frozenset({
    "self", "cycler", "joiner", "lipsum", "namespace", "range", "dict", "config", "request", "session",
    "g", "url_for", "get_flashed_messages", "caller", "varargs", "kwargs",
})

_UNSAFE_STATEMENTS: dict[str, str] = {
    "Import": "import", "FromImport": "from … import", "Include": "include", "Extends": "extends",
    "Macro": "macro", "CallBlock": "call", "Block": "block",
    "ScopedEvalContextModifier": "autoescape", "EvalContextModifier": "autoescape",
}

_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # the ones docxtpl renders
_PROPERTY_LABELS = {"author": "작성자", "comments": "설명", "identifier": "식별자", "language": "언어",
                    "subject": "주제", "title": "제목"}
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_TAG = re.compile(r"<[^>]+>")


class IssueEntry(TypedDict):
    """:meth:`TemplateIssue.to_dict`."""

    code: str
    message: str
    part: str
    paragraph: int | None
    where: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class TemplateIssue:
    """One tag a template must not have: a stable code, where it is, and what is wrong in Korean."""

    code: str
    message: str
    part: str  #: 본문, 머리글 1, 바닥글 1, 각주, 문서 속성(제목) …
    paragraph: int | None  #: 1-based paragraph of that part (tables and text boxes included), None if outside one
    excerpt: str  #: the paragraph's text around the tag

    @property
    def where(self) -> str:
        return self.part if self.paragraph is None else f"{self.part} {self.paragraph}번째 문단"

    def to_dict(self) -> IssueEntry:
        return {"code": self.code, "message": self.message, "part": self.part,
                "paragraph": self.paragraph, "where": self.where, "excerpt": self.excerpt}


def scan_source(source: str, part: str, *, paragraphs: bool = True) -> list[TemplateIssue]:
    """Issues in one part's Jinja source (docxtpl-patched XML, or a plain string when ``paragraphs`` is false)."""
    import jinja2
    from jinja2 import nodes

    if paragraphs:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)  # as docxtpl's render_xml_part does
    lines = source.split("\n")

    def located(code: str, message: str, lineno: int | None) -> TemplateIssue:
        para: int | None = None
        excerpt = ""
        if lineno is not None and 1 <= lineno <= len(lines):
            if paragraphs and lineno >= 2:
                para = lineno - 1
            text = " ".join(_TAG.sub("", lines[lineno - 1]).split())
            excerpt = text if len(text) <= 80 else text[:77] + "…"
        return TemplateIssue(code, message, part, para, excerpt)

    try:
        tree = jinja_env().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        log.info("template syntax error in %s: %s", part, exc.message)  # Jinja's English words: -v only
        return [located("TEMPLATE_SYNTAX", "{{ }} 또는 {% %} 태그가 닫히지 않았거나 문법이 잘못되었습니다",
                        exc.lineno)]

    found: dict[tuple[int | None, str], list[str]] = {}  # (line, code) → details, first seen first
    for node in tree.find_all(nodes.Node):
        hit = _rule(node)
        if hit is not None:
            details = found.setdefault((getattr(node, "lineno", None), hit[0]), [])
            if hit[1] not in details:
                details.append(hit[1])
    issues: list[TemplateIssue] = []
    for (lineno, code), details in found.items():
        line = lines[lineno - 1] if lineno is not None and 1 <= lineno <= len(lines) else ""
        details.sort(key=lambda d: (line.find(d.strip("….(|)")) % (len(line) + 1)))
        issues.append(located(code, f"{_MESSAGES[code]}: {', '.join(details)}", lineno))
    return issues


_MESSAGES = {
    "TEMPLATE_UNSAFE_ATTRIBUTE": "밑줄로 시작하는 속성에 접근합니다",
    "TEMPLATE_UNSAFE_CALL": "함수를 호출합니다",
    "TEMPLATE_UNSAFE_FILTER": "허용되지 않는 필터를 씁니다",
    "TEMPLATE_UNSAFE_NAME": "서식 변수가 아닌 내장 이름을 씁니다",
    "TEMPLATE_UNSAFE_STATEMENT": "서식에 쓰지 않는 문을 씁니다",
}


def _rule(node: nodes.Node) -> tuple[str, str] | None:
    """(code, detail) when ``node`` is more than a placeholder needs."""
    from jinja2 import nodes

    kind = type(node).__name__
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        return "TEMPLATE_UNSAFE_ATTRIBUTE", str(node.attr)
    if (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str) and node.arg.value.startswith("_")):
        return "TEMPLATE_UNSAFE_ATTRIBUTE", node.arg.value
    if isinstance(node, nodes.Getitem) and not isinstance(node.arg, (nodes.Const, nodes.Name)):
        return "TEMPLATE_UNSAFE_ATTRIBUTE", "[계산한 이름]"  # '_' ~ '_class__' and the like
    if isinstance(node, nodes.Call):
        return "TEMPLATE_UNSAFE_CALL", f"{_callee(node)}(…)"
    if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
        return "TEMPLATE_UNSAFE_FILTER", f"|{node.name}"
    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in UNSAFE_NAMES:
        return "TEMPLATE_UNSAFE_NAME", str(node.name)
    if kind in _UNSAFE_STATEMENTS:
        return "TEMPLATE_UNSAFE_STATEMENT", _UNSAFE_STATEMENTS[kind]
    return None


def _callee(node: nodes.Call) -> str:
    from jinja2 import nodes

    target = node.node
    if isinstance(target, nodes.Name):
        return str(target.name)
    if isinstance(target, nodes.Getattr):
        return f"….{target.attr}"
    return "…"


def scan_template(data: bytes) -> list[TemplateIssue]:
    """Every unsafe or broken tag in a .docx template's bytes, in document order per part."""
    return list(_scan(data))


@lru_cache(maxsize=16)
def _scan(data: bytes) -> tuple[TemplateIssue, ...]:
    # cached per template content: a batch of 200 forms checks the template once
    tpl = open_template(data)
    issues = scan_source(tpl.patch_xml(tpl.get_xml()), "본문")
    for uri, label in ((tpl.HEADER_URI, "머리글"), (tpl.FOOTER_URI, "바닥글")):
        for n, (_, part) in enumerate(tpl.get_headers_footers(uri), start=1):
            issues += scan_source(tpl.patch_xml(tpl.get_part_xml(part)), f"{label} {n}")
    for part in tpl.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            blob = part.blob.decode("utf-8", "replace") if isinstance(part.blob, bytes) else part.blob
            issues += scan_source(tpl.patch_xml(blob), "각주")
    props = tpl.docx.core_properties
    for prop in _PROPERTIES:
        value = getattr(props, prop, None)
        if value:
            issues += scan_source(str(value), f"문서 속성({_PROPERTY_LABELS[prop]})", paragraphs=False)
    return tuple(issues)
