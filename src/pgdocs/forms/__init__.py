"""Forms: the NicePay ID-addition template, filling any PG form by its labels,
and each PG's paste-ready texts.

Modules: :mod:`render` (safe docxtpl), :mod:`values` (record → form text), :mod:`nicepay`,
:mod:`bylabels`, :mod:`texts`. PDF conversion is :mod:`pgdocs.office`.
"""
