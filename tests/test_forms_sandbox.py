"""A .docx template is data, never code: server-side template injection payloads do nothing."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from pgdocs.errors import InputError
from pgdocs.forms.render import render_docx


def _template(path: Path, text: str) -> Path:
    d = docx.Document()
    d.add_paragraph("상호: {{ business_name }}")
    d.add_paragraph(text)
    d.save(str(path))
    return path


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param("{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch CANARY') }}",
                     id="self-globals"),
        pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}", id="mro-subclasses"),
        pytest.param("{{ cycler.__init__.__globals__.os.system('touch CANARY') }}", id="cycler-globals"),
        pytest.param("{% for c in [].__class__.__base__.__subclasses__() %}{{ c.__name__ }}{% endfor %}",
                     id="for-subclasses"),
        pytest.param("{{ lipsum.__globals__['os'].system('touch CANARY') }}", id="lipsum-globals"),
        pytest.param("{{ business_name.__class__.__base__.__subclasses__() }}", id="value-subclasses"),
    ],
)
def test_ssti_payload_does_nothing(tmp_path: Path, payload: str) -> None:
    canary = tmp_path / "CANARY"
    payload = payload.replace("CANARY", str(canary))
    src = _template(tmp_path / "evil.docx", payload)
    out = tmp_path / "out.docx"
    with pytest.raises(InputError) as err:
        render_docx(src, {"business_name": "하늘공방"}, out)
    assert err.value.code in {"TEMPLATE_UNSAFE", "TEMPLATE_RENDER", "TEMPLATE_SYNTAX"}
    assert not canary.exists()
    assert not out.exists()
    assert "<class" not in err.value.message  # no class names leaked into the message


def test_plain_template_still_renders(tmp_path: Path) -> None:
    src = _template(tmp_path / "ok.docx", "대표자: {{ representative }}")
    out = render_docx(src, {"business_name": "하늘<공방>", "representative": "김하늘"}, tmp_path / "ok-out.docx")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "상호: 하늘<공방>" in texts
    assert "대표자: 김하늘" in texts
