"""Opt-in check against the National Tax Service's registry (data.go.kr 15081808): is the business registered,
open (not 휴업/폐업), of the declared tax type, and do its number, 개업일 and 대표자 match.

Off by default; only the trusted identity fields listed in :mod:`pgdocs.registry.check` leave the machine.
"""

from __future__ import annotations

from pgdocs.registry.check import (
    Answer,
    Cache,
    Identity,
    ask,
    check_business,
    check_businesses,
    check_record,
    findings_for,
)
from pgdocs.registry.client import NtsClient, RegistryError, read_key, scrub

__all__ = ["Answer", "Cache", "Identity", "NtsClient", "RegistryError", "ask", "check_business",
           "check_businesses", "check_record", "findings_for", "read_key", "scrub"]
