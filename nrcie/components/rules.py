"""``nrcie_rules_v1``: the rule layer as a spaCy component."""

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..rules.engine import default_engine
from ..rules.magnitudes import is_count, is_date
from ..tokenizer import text_of
from .extensions import set_source


@Language.factory(
    "nrcie_rules_v1",
    assigns=["doc.ents"],
    default_config={"overwrite_ents": True, "overwrite_labels": None, "labels": None, "exclusive_labels": None,
                    "extend_labels": None},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_rules(nlp: Language, name: str, overwrite_ents: bool, overwrite_labels: list[str] | None,
               labels: list[str] | None, exclusive_labels: list[str] | None = None,
               extend_labels: list[str] | None = None) -> "RulesComponent":
    return RulesComponent(name, overwrite_ents, overwrite_labels, labels, exclusive_labels, extend_labels)


# labels of the model's spans a rule name of ``extend_labels`` may hold and take in: a place in a
# body's name (射阳|县人大常委会), a body or place in a meeting's (上合组织|青岛峰会)
_HELD = {"BODY": ("PLACE",), "MEETING": ("BODY", "PLACE")}
# labels whose model span is split into the rule spans that cover it (PLACE only: rule BODY spans
# covering a model BODY are pieces of one name, 大会|主席团; dev_own accurate lost 0.003 with BODY)
_SPLIT = {"PLACE"}


class _Sorted:
    """A list of spans sorted by start and free of overlaps, searched by position."""

    def __init__(self, spans: list):
        self.spans = spans
        self.starts = [x.start for x in spans]

    def overlapping(self, start: int, end: int) -> list:
        """The spans that overlap tokens [start, end)."""
        k = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while k < len(self.spans) and self.spans[k].start < end:
            if self.spans[k].end > start:
                out.append(self.spans[k])
            k += 1
        return out


class RulesComponent:
    """Titles, numbers, dates and gazetteer names: what rules get exactly right.

    With ``overwrite_ents`` (default) a rule span replaces the entities it
    overlaps (a model's guess at a 《》 title, say); otherwise existing entities
    win and overlapping rule spans are dropped. ``overwrite_labels`` narrows the
    overwriting to rule spans of those labels (where rules are exact: counts,
    dates, titles); rule spans of other labels then only fill gaps the model
    left. ``labels`` keeps only rule spans of those labels (default: all).
    ``exclusive_labels``: labels only the rules assign; the model's entities of
    those labels are dropped first (where the rules alone score better on dev,
    such as 《》 regulation titles). A model's entity inside a set phrase that a
    recognizer of its label excludes (``not_inside``: 两个积极性, 四个意识 hold no
    COUNT) is dropped as well, and so is a model's COUNT with no measure word that is no
    magnitude counting people (上亿市场主体; C16, :mod:`nrcie.rules.magnitudes`) and a model's
    DATE with no time word or date separator (浏览次数：1362, 第一个; C17), and every entity
    overlapping a website or account name (``unannotated`` in the pattern files; C12).
    ``extend_labels``: a rule span of one of these labels that would only fill gaps replaces
    the model's spans of its label inside it when nothing else is in its way (县|人大常委会 →
    射阳县人大常委会: the model cut the place off the body's name); a label here and not in
    ``labels`` is only extended, it fills no gap.
    """

    def __init__(self, name: str = "nrcie_rules", overwrite_ents: bool = True,
                 overwrite_labels: list[str] | None = None, labels: list[str] | None = None,
                 exclusive_labels: list[str] | None = None, extend_labels: list[str] | None = None):
        self.name = name
        self.extend_labels = set(extend_labels or ())
        self.overwrite_ents = overwrite_ents
        self.overwrite_labels = set(overwrite_labels) if overwrite_labels else None
        self.label_filter = set(labels) if labels else None
        self.exclusive_labels = set(exclusive_labels or ())
        self.engine = default_engine()

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels this component can assign."""
        found = {r.label for r in self.engine.recognizers} | {g.label for g in self.engine.gazetteers}
        found |= {"REGULATION", "DOCUMENT"}
        if self.label_filter is not None:
            found &= self.label_filter
        return tuple(sorted(found))

    def _extended(self, first: list, second: list, ents: list) -> tuple[list, list]:
        """Rule spans of ``extend_labels`` that hold model spans of their label (or of a label
        their names hold, ``_HELD``), and only those, take their place; so do two or more
        touching rule PLACEs that cover a model PLACE exactly (中欧 -> 中, 欧).  Both lists are
        sorted and free of overlaps, so each span looks only at its neighbours."""
        gone, promoted = set(), []
        model, rules = _Sorted(ents), _Sorted(second)
        for r in second:
            if r.label_ not in self.extend_labels:
                continue
            hit = model.overlapping(r.start, r.end)
            same = len(hit) == 1 and (hit[0].start, hit[0].end, hit[0].label_) == (r.start, r.end, r.label_)
            if hit and not same and all(e.label_ in (r.label_, *_HELD.get(r.label_, ()))
                                        and r.start <= e.start and e.end <= r.end for e in hit):
                gone.update(map(id, hit))
                promoted.append(r)
        # and the other way: a model span its label's rule spans cover exactly, two or more of them
        # touching (中欧 -> 中, 欧: two countries named by one character each)
        for e in ents:
            if e.label_ not in self.extend_labels or e.label_ not in _SPLIT or id(e) in gone:
                continue
            parts = [r for r in rules.overlapping(e.start, e.end)
                     if r.label_ == e.label_ and e.start <= r.start and r.end <= e.end]
            if len(parts) >= 2 and parts[0].start == e.start and parts[-1].end == e.end \
                    and all(a.end == b.start for a, b in zip(parts, parts[1:])):
                gone.add(id(e))
                promoted.extend(parts)
        if not promoted:
            return first, second
        taken = set(map(id, promoted))
        return promoted + [x for x in first if id(x) not in gone], [x for x in second if id(x) not in taken]

    def __call__(self, doc: Doc) -> Doc:
        if self.exclusive_labels:
            doc.ents = [e for e in doc.ents if e.label_ not in self.exclusive_labels]
        text = text_of(doc)
        blanks = self.engine.blank_spans(text)
        if blanks:   # website and account names carry no annotation (C12), whoever proposes one
            doc.ents = [e for e in doc.ents if not any(a < e.end_char and e.start_char < b for a, b in blanks)]
        phrases = self.engine.set_phrases(text)
        if phrases:   # a model's COUNT inside a set phrase (两个积极性) is no count either
            doc.ents = [e for e in doc.ents if not any(label == e.label_ and a <= e.start_char and e.end_char <= b
                                                       for a, b, label in phrases)]
        # nor is a number with no measure word, unless it is a magnitude counting people (C16),
        # nor a DATE with no time word or date separator in it (浏览次数：1362, 第一个; C17)
        doc.ents = [e for e in doc.ents if (e.label_ != "COUNT" or is_count(text, e.start_char, e.end_char))
                    and (e.label_ != "DATE" or is_date(e.text))]
        spans, why = [], {}
        for c in self.engine.find(text, blanks):
            if self.label_filter is not None and c.label not in self.label_filter and c.label not in self.extend_labels:
                continue
            span = doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                why[(span.start, span.end)] = c
        spans = filter_spans(spans)
        # labels the rules only extend (``extend_labels`` not in ``labels``) fill no gap
        extended_only = self.extend_labels - self.label_filter if self.label_filter is not None else set()
        if extended_only and not (self.overwrite_ents and self.overwrite_labels is not None):
            spans = [x for x in spans if x.label_ not in extended_only]
        taken = bytearray(len(doc))
        if not self.overwrite_ents:
            first, second = list(doc.ents), spans
        elif self.overwrite_labels is None:
            first, second = spans, list(doc.ents)
        else:
            strong = [s for s in spans if s.label_ in self.overwrite_labels]
            weak = [s for s in spans if s.label_ not in self.overwrite_labels]
            first, second = strong + list(doc.ents), weak
            if self.extend_labels:
                first, second = self._extended(first, second, list(doc.ents))
            second = [x for x in second if x.label_ not in extended_only]
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
