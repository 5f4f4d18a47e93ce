"""The one registry of PG-specific behaviour: the names a PG's TOML may use, and the code each name runs.

A PG's file declares what it needs by name — ``validation = ["star_url"]``, ``[[texts]] id = "inicis-form"``,
``[forms] id_add_form = "nicepay-id-add"`` — and the rulebook refuses a name missing here when it loads. Code asks
for the function by name (:func:`validation_check`, :func:`text_builder`, :func:`form_filler`) and never by PG: a new
PG that reuses existing behaviour is one TOML file; one with a form of its own adds its module and one line here.

Targets are ``"module:function"`` strings, imported on first use, so loading the rulebook imports none of them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from pgdocs.findings import Finding
    from pgdocs.record import MerchantRecord

__all__ = ["HOOKS", "FilledForm", "FormFiller", "form_filler", "text_builder", "validation_check"]

HOOKS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    # record checks only some PGs need: (record) -> findings
    "validation": MappingProxyType({
        "star_url": "pgdocs.validate:check_star_url",  # the URL typed as '*shop.example' (KG이니시스 form)
        "api_keys": "pgdocs.validate:check_api_keys",  # client/secret key pair from the PG's developer centre
    }),
    # paste-ready texts: (record, findings out, today) -> text
    "text": MappingProxyType({
        "inicis-form": "pgdocs.forms.texts:inicis_form",
        "kcp-inquiry": "pgdocs.forms.texts:kcp_inquiry",
        "easypay-steps": "pgdocs.forms.texts:easypay_steps",
        "toss-keys": "pgdocs.forms.texts:toss_keys",
        "nicepay-email": "pgdocs.forms.texts:nicepay_email",
    }),
    # generators of a document pgdocs makes (the application form): see FormFiller
    "form": MappingProxyType({
        "nicepay-id-add": "pgdocs.forms.nicepay:fill_nicepay_id_add",
    }),
})


class FilledForm(Protocol):
    @property
    def docx(self) -> Path: ...

    @property
    def pdf(self) -> Path | None: ...


class FormFiller(Protocol):
    def __call__(self, record: MerchantRecord, out_docx: str | os.PathLike[str], *, pdf: bool = False,
                 today: dt.date | None = None) -> FilledForm: ...


ValidationCheck = Callable[["MerchantRecord"], Iterator["Finding"]]
TextBuilder = Callable[["MerchantRecord", "list[Finding]", "dt.date | None"], str]


def _resolve(kind: str, name: str) -> object:
    try:
        target = HOOKS[kind][name]
    except KeyError:
        raise LookupError(f"no {kind} behaviour named {name!r}") from None
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def validation_check(name: str) -> ValidationCheck:
    return cast(ValidationCheck, _resolve("validation", name))


def text_builder(name: str) -> TextBuilder:
    return cast(TextBuilder, _resolve("text", name))


def form_filler(name: str) -> FormFiller:
    return cast(FormFiller, _resolve("form", name))
