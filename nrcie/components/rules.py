"""``nrcie_rules_v1``: the rule layer as a spaCy component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..rules.engine import default_engine
from .extensions import set_source


@Language.factory(
    "nrcie_rules_v1",
    assigns=["doc.ents"],
    default_config={"overwrite_ents": True},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_rules(nlp: Language, name: str, overwrite_ents: bool) -> "RulesComponent":
    return RulesComponent(name, overwrite_ents)


class RulesComponent:
    """Titles, numbers, dates and gazetteer names: what rules get exactly right.

    With ``overwrite_ents`` (default) a rule span replaces the entities it
    overlaps (a model's guess at a 《》 title, say); otherwise existing entities
    win and overlapping rule spans are dropped.
    """

    def __init__(self, name: str = "nrcie_rules", overwrite_ents: bool = True):
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.engine = default_engine()

    def __call__(self, doc: Doc) -> Doc:
        spans, why = [], {}
        for c in self.engine.find(doc.text):
            span = doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                why[(span.start, span.end)] = c
        spans = filter_spans(spans)
        taken = bytearray(len(doc))
        first, second = (spans, list(doc.ents)) if self.overwrite_ents else (list(doc.ents), spans)
        merged = []
        for span in first + second:
            if not any(taken[span.start:span.end]):
                taken[span.start:span.end] = b"\x01" * len(span)
                merged.append(span)
        rule_spans = set(map(id, spans))
        for span in merged:
            if id(span) in rule_spans:
                c = why[(span.start, span.end)]
                set_source(doc, span.start_char, span.end_char, c.source, c.why)
        doc.ents = sorted(merged, key=lambda s: s.start)
        return doc
