"""``nrcie_count_linker_v1``: rule-based COUNT_OF relations (and their ACTIVITY spans)."""

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from ..metrics import PRF
from ..relations import links as count_of
from ..relations.rule_linker import names_work, rule_links
from ..tokenizer import text_of
from .extensions import set_source


def score_relations(examples, **kwargs) -> dict:
    """COUNT_OF precision, recall and F over spaCy Examples (exact spans)."""
    s = PRF()
    for eg in examples:
        s.add(set(count_of.from_doc(eg.reference)), set(count_of.from_doc(eg.predicted)))
    return {"rel_count_of_p": s.p, "rel_count_of_r": s.r, "rel_count_of_f": s.f}


def _beside_counts(text: str, links: list) -> set:
    """Activities that stand right before the count they are linked to, white space apart
    (讲专题党课７场), and the other items of a list whose last item does (执法检查、专题询问和
    专题调研13次).  Not a term after its count: that is often the object of work named later
    (对9部法规草案开展立法征询)."""
    by_count: dict = {}
    for c, a in links:
        by_count.setdefault(c, []).append(a)
    out = set()
    for (cs, ce), acts in by_count.items():
        before = [a for a in acts if a[1] <= cs]
        if before and not text[max(a[1] for a in before):cs].strip():
            out.update(before)
    return out


@Language.factory(
    "nrcie_count_linker_v1",
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.nrcie_relations", "doc._.nrcie_rule_links"],
    default_config={"add_activities": True, "bounded_by_entities": True, "add_terms": False},
    default_score_weights={"rel_count_of_f": 1.0, "rel_count_of_p": 0.0, "rel_count_of_r": 0.0},
)
def make_count_linker(nlp: Language, name: str, add_activities: bool, bounded_by_entities: bool,
                      add_terms: bool = False) -> "CountLinker":
    return CountLinker(name, add_activities, bounded_by_entities, add_terms)


class CountLinker:
    """Links each COUNT to the ACTIVITY it counts, by the rules of
    :mod:`nrcie.relations.rule_linker`.  Existing ACTIVITY entities (a model's)
    are linked when the rules find them; new ACTIVITY spans are added when
    ``add_activities`` is on, replacing shorter non-COUNT entities they cover
    (召开5次县委常委会会议: the BODY 县委 gives way to the ACTIVITY).

    ``add_terms`` (with ``add_activities`` off): only the linker's activities that stand
    right before their count (:func:`_beside_counts`), are short noun phrases headed by a
    work term of the lexicon (:func:`nrcie.relations.rule_linker.names_work`: 讲专题党课7场,
    召开现场推进会2次) and overlap no entity are added: what a tagger with low ACTIVITY
    recall (fast's CNN) leaves out.

    ``bounded_by_entities``: the other entities (BODY, DATE...) bound the noun phrase
    before a count.  Off, the COUNTs are linked alone, the vote a following
    ``nrcie_relation_v1`` is trained on: it then reads the links from
    ``Doc._.nrcie_rule_links`` instead of linking again (the shipped pipelines).
    """

    def __init__(self, name: str = "nrcie_count_linker", add_activities: bool = True,
                 bounded_by_entities: bool = True, add_terms: bool = False):
        self.name = name
        self.add_activities = add_activities
        self.bounded_by_entities = bounded_by_entities
        self.add_terms = add_terms

    def __call__(self, doc: Doc) -> Doc:
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        text = text_of(doc)
        record = rule_links(text, ents, self.bounded_by_entities)
        doc._.nrcie_rule_links = record
        activities = [tuple(a) for a in record["activities"]]
        links = [(tuple(c), tuple(a)) for c, a in record["links"]]
        existing_acts = {(s, e) for s, e, label in ents if label == "ACTIVITY"}
        keep_acts = set()
        snapped = {}
        owner = [None] * len(doc)  # token index -> entity occupying it
        for x in doc.ents:
            for t in range(x.start, x.end):
                owner[t] = x
        existing_sorted = sorted(existing_acts)
        beside = _beside_counts(text, links) if self.add_terms else set()
        for s, e in activities:
            # a span the linker found that overlaps an existing ACTIVITY (a model's, or gold) is that ACTIVITY
            k = bisect_left(existing_sorted, (e, -1))
            hit = existing_sorted[k - 1] if k and existing_sorted[k - 1][1] > s else None
            if hit:
                snapped[(s, e)] = hit
                keep_acts.add(hit)
                continue
            headed = self.add_terms and (s, e) in beside and names_work(text, s, e)
            if not (self.add_activities or headed):
                continue
            span = doc.char_span(s, e, label="ACTIVITY", alignment_mode="contract")
            if span is None:
                continue
            covered = {id(x): x for x in owner[span.start:span.end] if x is not None}
            if any(x.label_ == "COUNT" for x in covered.values()) or (covered and not self.add_activities):
                continue
            for x in covered.values():  # the activity replaces the shorter entities it covers
                for t in range(x.start, x.end):
                    owner[t] = None
            for t in range(span.start, span.end):
                owner[t] = span
            keep_acts.add((span.start_char, span.end_char))
            set_source(doc, span.start_char, span.end_char, "rules:count_linker", "work noun a count quantifies")
        new_ents = list({id(x): x for x in owner if x is not None}.values())
        doc.ents = sorted(new_ents, key=lambda x: x.start)
        present = {(x.start_char, x.end_char) for x in doc.ents}
        rels: dict[count_of.CountOf, None] = {}   # in order, once each
        for c, a in links:
            link = count_of.CountOf(c, snapped.get(a, a))
            if c in present and link.activity in present and link.activity in keep_acts:
                rels[link] = None
        count_of.to_doc(doc, rels)
        return doc

    score = staticmethod(score_relations)
