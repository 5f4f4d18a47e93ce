"""Run the ``>>>`` examples in every identifier module (stdnum style: docstrings are tests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["_exceptions", "_util", "brn", "crn", "phone", "email", "bank", "postal", "url", "mid", "toss"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(f"pgdocs.ids.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
