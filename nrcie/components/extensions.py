"""Custom attributes nrcie sets on spaCy objects.

- ``Doc._.nrcie_relations``: list of ``{"label", "head": [start, end], "tail": [start, end]}``
  (character offsets), set by the linker components.
- ``Doc._.nrcie_rule_links``: what the rule linker (``nrcie_count_linker_v1``) found,
  kept for the relation component (:func:`nrcie.relations.rule_linker.rule_links`).
- ``Doc._.nrcie_sources``: ``{"start:end": [source, why]}``: which component found
  an entity and why (rules say which recognizer).
- ``Span._.quantity``: normalised value/unit/approximate of a COUNT, MONEY or PERCENT.
- ``Span._.activity_type``: activity type of an ACTIVITY, decided by the span and its
  clause; ``Span._.type_source`` says why (``"clause: verb 检查 + noun 实施情况"``).
- ``Span._.title``: bare title of a REGULATION or DOCUMENT.
- ``Span._.date``: the value of a DATE (:class:`nrcie.normalize.dates.DateValue`), placed by
  its sentence only: the report's years are known after the pipeline (``Entity.date_*``).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..normalize.activity import type_activity
from ..normalize.dates import date_value
from ..normalize.numbers import normalize_quantity
from ..normalize.titles import normalize_title
from ..tokenizer import text_of


def _quantity(span: Span):
    if span.label_ in ("COUNT", "MONEY", "PERCENT"):
        return normalize_quantity(span.text, span.label_)
    return None


def _typing(span: Span):
    return type_activity(text_of(span.doc), span.start_char, span.end_char) if span.label_ == "ACTIVITY" else None


def _activity_type(span: Span):
    d = _typing(span)
    return d.type if d else None


def _type_source(span: Span):
    d = _typing(span)
    return d.source if d else None


def _date(span: Span):
    return date_value(text_of(span.doc), span.start_char, span.end_char) if span.label_ == "DATE" else None


def _title(span: Span):
    return normalize_title(span.text) if span.label_ in ("REGULATION", "DOCUMENT") else None


def span_key(start: int, end: int) -> str:
    return f"{start}:{end}"


def register_extensions() -> None:
    if not Doc.has_extension("nrcie_relations"):
        Doc.set_extension("nrcie_relations", default=None)
    if not Doc.has_extension("nrcie_rule_links"):
        Doc.set_extension("nrcie_rule_links", default=None)
    if not Doc.has_extension("nrcie_sources"):
        Doc.set_extension("nrcie_sources", default=None)
    for name, getter in (("quantity", _quantity), ("activity_type", _activity_type), ("type_source", _type_source),
                         ("title", _title), ("date", _date)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


def set_source(doc: Doc, start: int, end: int, source: str, why: str = "") -> None:
    if doc._.nrcie_sources is None:
        doc._.nrcie_sources = {}
    doc._.nrcie_sources[span_key(start, end)] = [source, why]


register_extensions()
