"""Messages for merchants: the library's Korean sentences without what only a developer or support staff can use.

The library writes one message per code for everyone; the CLI shows it as is (support staff read field paths and
flags). A merchant on the page never sees a field path (``business.representative``), a command-line flag
(``--docs``), a command (``pgdocs verify``) or a rule id (``nicepay.within_1y``): :func:`for_people` turns them into
the page's words or drops them. Applied to every message, hint and reason the page shows (Jinja filter ``people``).
"""

from __future__ import annotations

import re

from pgdocs.record import field_label

#: first segment of a record field path
_ROOTS = r"(?:business|pg_account|settlement_account|manager|representative_contact|documents|toss_keys)"
_PATH = re.compile(rf"\b{_ROOTS}(?:\.[a-z_0-9]+)+\b")
_LABEL_PATH = re.compile(rf"([^\s(]+)\(\s*{_ROOTS}(?:\.[a-z_0-9]+)+\s*\)")

#: CLI wording → the page's, most specific first
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\(?\s*pgdocs verify\s*로[^).]*[).]?"), "('서류 올리기'에서 대조 결과를 볼 수 있습니다)"),
    (re.compile(r"--docs(?:-root)?\s*(?:폴더)?\s*(?:에|의)?"), "'서류 올리기'에서 "),
    (re.compile(r"\(\s*--channel\s+\w+\s*\)"), ""),  # "우편(--channel post)으로": the word is already there
    (re.compile(r"\(?명령줄\s*`?pgdocs [a-z-]+`?\s*(?:와|과)?\s*같은\s*검사\)?"), ""),
    (re.compile(r"`?pgdocs [a-z-]+`?"), "이 페이지"),
    (re.compile(r"\s*--[a-z][a-z-]*(?:[ =](?:warning|error|auto|post|email|[0-9]+))?"), ""),
    (re.compile(r"\s*\(?규칙(?:집)?\s+[a-z_]+\.[a-z_0-9.]+\)?"), ""),
    (re.compile(r"가맹점 정보(?: 파일)?의\s+[a-z_]+\s*에"), "'사업자 정보'에"),
)


def _label(m: re.Match[str]) -> str:
    path = m.group(0)
    if path.startswith("documents."):  # a document slot: its title ("사업자등록증 사본"), to upload on step 3
        from pgdocs.rulebook import load_rulebook

        spec = load_rulebook().documents.get(path.split(".", 1)[1])
        return f"{spec.title}('서류 올리기'에서 올리기)" if spec is not None else "서류"
    label = field_label(path)
    return label if label != path else "이 항목"


def for_people(text: object) -> str:
    """``text`` in the page's words (see the module doc). ``None`` → ``""``."""
    if text is None:
        return ""
    out = str(text)
    out = _LABEL_PATH.sub(lambda m: m.group(1), out)  # "대표자(business.representative)" → "대표자"
    for pattern, repl in _PHRASES:
        out = pattern.sub(repl, out)
    out = _PATH.sub(_label, out)
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r"[ \t]{2,}", " ", out)
    return out.replace(" .", ".").replace(" ,", ",").strip()


#: what nothing on a merchant page may contain (tests grep rendered pages and PDFs for it)
DEVELOPER_TEXT = re.compile(
    rf"\b{_ROOTS}\.[a-z_]+|(?<![\w-])--[a-z][a-z-]+|\bpgdocs [a-z-]+\b|\b[a-z]+\.(?:within|over)_1y\b"
    r"|이\(가\)|은\(는\)|을\(를\)|와\(과\)|으\)로|help article")
