"""Fictional sample documents for tests and benchmarks: 사업자등록증 and 통장 사본.

Everything generated here is invented (names, numbers, addresses); numbers carry
valid check digits so validators accept them. See :mod:`pgdocs.samples.certificates`
and :mod:`pgdocs.samples.bankbook`.
"""

from __future__ import annotations

__all__ = [
    "bankbook_for_record",
    "certificate_for_record",
    "generate_bankbooks",
    "generate_certificates",
    "render_certificate",
]


def __getattr__(name: str) -> object:
    if name in ("bankbook_for_record", "generate_bankbooks"):
        from pgdocs.samples import bankbook

        return getattr(bankbook, name)
    if name in __all__:
        from pgdocs.samples import certificates

        return getattr(certificates, name)
    raise AttributeError(name)
