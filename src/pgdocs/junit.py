"""A small JUnit XML writer (the format CI systems display: GitLab, Jenkins, GitHub test reporters).

One ``<testsuite>`` per merchant, one ``<testcase>`` per check; ``<failure>`` for a finding, ``<error>`` for
a check that could not run, ``<skipped>`` for a check that does not apply. Text is NFC and stripped of the
control characters XML 1.0 forbids.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pgdocs.fsio import atomic_write_bytes
from pgdocs.text import nfc

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    return _XML_BAD.sub("\ufffd", nfc(str(value)))


@dataclass
class Case:
    classname: str
    name: str
    seconds: float = 0.0
    outcome: str = "passed"  #: passed | failure | error | skipped
    message: str = ""
    type: str = ""
    text: str = ""
    file: str | None = None


@dataclass
class Suite:
    name: str
    cases: list[Case] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    timestamp: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def count(self, outcome: str) -> int:
        return sum(c.outcome == outcome for c in self.cases)

    @property
    def seconds(self) -> float:
        return sum(c.seconds for c in self.cases)


def to_xml(suites: Sequence[Suite], *, name: str = "pgdocs") -> bytes:
    root = ET.Element("testsuites", {
        "name": name,
        "tests": str(sum(len(s.cases) for s in suites)),
        "failures": str(sum(s.count("failure") for s in suites)),
        "errors": str(sum(s.count("error") for s in suites)),
        "skipped": str(sum(s.count("skipped") for s in suites)),
        "time": f"{sum(s.seconds for s in suites):.3f}",
    })
    for suite in suites:
        se = ET.SubElement(root, "testsuite", {
            "name": xml_text(suite.name),
            "tests": str(len(suite.cases)),
            "failures": str(suite.count("failure")),
            "errors": str(suite.count("error")),
            "skipped": str(suite.count("skipped")),
            "time": f"{suite.seconds:.3f}",
            "timestamp": suite.timestamp.replace(microsecond=0).isoformat(),
        })
        if suite.properties:
            props = ET.SubElement(se, "properties")
            for k, v in suite.properties.items():
                ET.SubElement(props, "property", {"name": xml_text(k), "value": xml_text(v)})
        for case in suite.cases:
            attrs = {"classname": xml_text(case.classname), "name": xml_text(case.name), "time": f"{case.seconds:.3f}"}
            if case.file:
                attrs["file"] = xml_text(case.file)
            ce = ET.SubElement(se, "testcase", attrs)
            if case.outcome in ("failure", "error", "skipped"):
                child = ET.SubElement(ce, case.outcome, {"message": xml_text(case.message)})
                if case.type and case.outcome != "skipped":
                    child.set("type", xml_text(case.type))
                if case.text:
                    child.text = xml_text(case.text)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def write_junit(path: str | Path, suites: Sequence[Suite], *, name: str = "pgdocs") -> Path:
    """Write the report atomically."""
    return atomic_write_bytes(Path(path), to_xml(suites, name=name) + b"\n")
