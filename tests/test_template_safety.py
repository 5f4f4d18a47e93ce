"""Hostile templates (issue 14 item 1): SSTI payloads run nothing, leak nothing, and ``template check`` names them.

Every template here is built by the test; the payloads are the classic Jinja server-side template injections.
A payload that ran would create the canary file; a payload that leaked would put Python class names in the output.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cli_runner import RunCli
from pgdocs.errors import InputError
from pgdocs.forms.nicepay import check_template
from pgdocs.forms.render import render_docx
from pgdocs.forms.safety import jinja_env, open_template, scan_template
from report_read import at, items

PAYLOADS = [
    pytest.param("{{ self.__init__.__globals__.__builtins__.__import__('os').popen('touch CANARY').read() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL", "TEMPLATE_UNSAFE_NAME"}, id="self-globals"),
    pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL"}, id="mro-subclasses"),
    pytest.param("{{ cycler.__init__.__globals__.os.popen('touch CANARY').read() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL", "TEMPLATE_UNSAFE_NAME"}, id="cycler-globals"),
    pytest.param("{% for c in [].__class__.__base__.__subclasses__() %}{{ c.__name__ }}{% endfor %}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL"}, id="for-subclasses"),
    pytest.param("{{ lipsum.__globals__['os'].popen('touch CANARY').read() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL", "TEMPLATE_UNSAFE_NAME"}, id="lipsum-globals"),
    pytest.param("{% set ns = namespace(x=lipsum) %}{{ ns.x.__globals__.os.popen('touch CANARY').read() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL", "TEMPLATE_UNSAFE_NAME"}, id="namespace"),
    pytest.param("{{ config.__class__.__init__.__globals__['os'].popen('touch CANARY').read() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL", "TEMPLATE_UNSAFE_NAME"}, id="config"),
    pytest.param("{{ business_name|attr('__class__')|attr('__mro__') }}",
                 {"TEMPLATE_UNSAFE_FILTER"}, id="attr-filter"),
    pytest.param("{{ business_name['_' ~ '_class__'] }}", {"TEMPLATE_UNSAFE_ATTRIBUTE"}, id="computed-item"),
    pytest.param("{{ business_name.__class__.__base__.__subclasses__() }}",
                 {"TEMPLATE_UNSAFE_ATTRIBUTE", "TEMPLATE_UNSAFE_CALL"}, id="value-subclasses"),
    pytest.param("{% autoescape false %}{{ business_name }}{% endautoescape %}",
                 {"TEMPLATE_UNSAFE_STATEMENT"}, id="autoescape-off"),
    pytest.param("{{ business_name|safe }}", {"TEMPLATE_UNSAFE_FILTER"}, id="safe-filter"),
    pytest.param("{% include 'x' %}{% import 'y' as y %}", {"TEMPLATE_UNSAFE_STATEMENT"}, id="include-import"),
]


def _template(path: Path, payload: str, *, where: str = "body") -> Path:
    d = docx.Document()
    d.add_paragraph("상호: {{ business_name }}")
    if where == "body":
        d.add_paragraph("가상 안내 문단")
        d.add_paragraph(payload)
    elif where == "table":
        d.add_table(rows=1, cols=2).cell(0, 1).text = payload
    elif where == "header":
        d.sections[0].header.paragraphs[0].text = payload
    elif where == "title":
        d.core_properties.title = payload
    d.save(str(path))
    return path


@pytest.mark.parametrize(("payload", "codes"), PAYLOADS)
def test_payload_runs_nothing_and_is_reported(tmp_path: Path, payload: str, codes: set[str]) -> None:
    canary = tmp_path / "CANARY"
    src = _template(tmp_path / "evil.docx", payload.replace("CANARY", str(canary)))
    data = src.read_bytes()

    issues = scan_template(data)
    assert codes <= {i.code for i in issues}
    assert {(i.part, i.paragraph) for i in issues} == {("본문", 3)}

    with pytest.raises(InputError) as err:
        render_docx(src, {"business_name": "하늘공방"}, tmp_path / "out.docx")
    assert err.value.code == "TEMPLATE_UNSAFE"
    assert "본문 3번째 문단" in err.value.message
    assert not (tmp_path / "out.docx").exists()

    # The sandbox holds on its own too: render past the check, straight through docxtpl.
    tpl = open_template(data)
    try:
        tpl.render({"business_name": "하늘공방", "ns": None}, jinja_env(), autoescape=True)
        rendered = tpl.get_xml()
    except Exception as exc:  # SecurityError, UndefinedError, TemplateNotFound …: refused, never run
        rendered = str(exc)
    assert not canary.exists()
    assert "<class" not in rendered
    assert "Popen" not in rendered and "subprocess" not in rendered


@pytest.mark.parametrize("where", ["table", "header", "title"])
def test_location_names_the_part(tmp_path: Path, where: str) -> None:
    src = _template(tmp_path / "evil.docx", "{{ ''.__class__.__mro__ }}", where=where)
    issues = scan_template(src.read_bytes())
    expected = {"table": ("본문", 2), "header": ("머리글 1", 1), "title": ("문서 속성(제목)", None)}[where]
    assert {(i.part, i.paragraph) for i in issues} == {expected}
    assert issues[0].excerpt == "{{ ''.__class__.__mro__ }}"


def test_placeholders_and_plain_filters_are_clean(tmp_path: Path) -> None:
    src = _template(tmp_path / "ok.docx",
                    "{% if entity_corporation %}{{ representative|default('') }}{% endif %} "
                    "{% for m in methods %}{{ m|upper }}{{ loop.index }}{% endfor %}")
    assert scan_template(src.read_bytes()) == []


def test_our_nicepay_template_is_clean() -> None:
    from pgdocs.forms.nicepay import default_template

    assert scan_template(default_template().read_bytes()) == []


def test_check_report_and_cli(tmp_path: Path, samples_dir: Path,
                              run_cli: RunCli) -> None:
    canary = tmp_path / "CANARY"
    src = _template(tmp_path / "evil.docx",
                    f"{{{{ cycler.__init__.__globals__.os.popen('touch {canary}').read() }}}}", where="header")
    report = check_template(src)
    assert [at(i, "where") for i in items(report, "issues")] == ["머리글 1 1번째 문단"] * 3

    r = run_cli("template", "check", src)
    assert r.returncode == 2
    assert "[TEMPLATE_UNSAFE_CALL] 머리글 1 1번째 문단" in r.stdout
    assert "Traceback" not in r.stderr

    rec = samples_dir / "nicepay-individual-within-1y" / "record.json"
    r = run_cli("fill", "nicepay-id-add", rec, "--template", src, "-o", tmp_path / "out.docx")
    assert r.returncode == 2, r.stderr
    assert "오류 [TEMPLATE_UNSAFE] 서식에 값 자리표시가 아닌 태그가 있어 채우지 않았습니다: 머리글 1 1번째 문단" \
        in r.stderr
    assert "Traceback" not in r.stderr and "<class" not in r.stderr + r.stdout
    assert not canary.exists()
    assert not (tmp_path / "out.docx").exists()


def test_syntax_error_is_located(tmp_path: Path) -> None:
    src = _template(tmp_path / "broken.docx", "{{ business_name ")
    issues = scan_template(src.read_bytes())
    assert [(i.code, i.part) for i in issues] == [("TEMPLATE_SYNTAX", "본문")]
    with pytest.raises(InputError) as err:
        render_docx(src, {"business_name": "x"}, tmp_path / "o.docx")
    assert err.value.code == "TEMPLATE_SYNTAX"
