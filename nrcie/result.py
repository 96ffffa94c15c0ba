"""What ``nrcie.parse`` returns: entities, COUNT_OF relations, the activity table and
the counts of work left unlinked."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any

from .aggregate import activity_totals, annotate
from .document.regions import resolve as resolve_region
from .normalize.activity import type_activity
from .schema import COUNT_OF
from .tokenizer import text_of

DATE_FIELDS = ("date_start", "date_end", "date_qualifier", "date_duration", "date_resolved")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@dataclass
class Entity:
    """One entity: character offsets into the exact input string (end exclusive)."""

    start: int
    end: int
    label: str
    text: str
    value: float | None = None
    unit: str | None = None
    approximate: bool | None = None
    value_max: float | None = None
    activity_type: str | None = None
    title: str | None = None
    source: str | None = None
    why: str | None = None
    #: why the ACTIVITY got its type ("clause: verb 检查 + noun 实施情况", "lexicon term 执法检查", ...)
    type_source: str | None = None
    #: DATE: ISO start/end ("2023", "2022-12", "2019-03-05"), qualifier (end, begin, first_half ...),
    #: ISO 8601 duration of a period (P5Y) and whether start/end are known (nrcie.normalize.dates)
    date_start: str | None = None
    date_end: str | None = None
    date_qualifier: str | None = None
    date_duration: str | None = None
    date_resolved: bool | None = None

    #: PLACE: the 6-digit division code and level (province, city, county) where the name
    #: is unambiguous (nrcie.document.regions)
    region_code: str | None = None
    region_level: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "label": self.label, "text": self.text}
        for k in ("value", "unit", "approximate", "value_max", "activity_type", "type_source", "title",
                  "region_code", "region_level", "source", "why", *DATE_FIELDS):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d


@dataclass
class Relation:
    """A relation between two entities, by their indices in ``ParseResult.entities``."""

    label: str
    head: int
    tail: int

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "head": self.head, "tail": self.tail}


@dataclass
class Activity:
    """One row of the activity table: a count and the work it counts."""

    activity: str
    activity_type: str
    type_source: str
    count: str
    value: float | None
    unit: str | None
    approximate: bool
    sentence: str
    sentence_start: int
    sentence_end: int
    count_start: int
    count_end: int
    activity_start: int
    activity_end: int
    #: ready to aggregate (nrcie.aggregate): the figure's group (index of its first row), its
    #: mentions, the group of the total it is part of (其中…), another body's work and why
    group: int | None = None
    n_mentions: int = 1
    part_of: int | None = None
    other_actor: bool = False
    other_actor_why: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class UnlinkedCount:
    """A count of the reporting body's work that no COUNT_OF links to any activity: its
    measure word counts work items (次, 件, 项, 场, 个 ...), not people, households, places,
    money or rates (the ``work_counts`` section of ``resources/activities.yaml``)."""

    count: str
    value: float | None
    unit: str | None
    approximate: bool
    sentence: str
    sentence_start: int
    sentence_end: int
    count_start: int
    count_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sentence_ends(text: str) -> list[int]:
    """Positions right after every 。！？； or newline of ``text`` (ascending)."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def sentence_bounds(text: str, start: int, end: int, ends: list[int] | None = None) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous 。！？； or newline
    to the next one (included), stripped of surrounding white space.  ``ends``
    (:func:`sentence_ends` of ``text``) makes each call logarithmic in the text's length."""
    if ends is None:
        ends = sentence_ends(text)
    i = bisect_right(ends, start) - 1
    s = ends[i] if i >= 0 else 0
    j = bisect_right(ends, end)
    e = ends[j] if j < len(ends) else len(text)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@dataclass
class ParseResult:
    """Entities, relations and activities of one text, and the spaCy Doc behind them."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    doc: Any = None
    #: facts about the whole document (body, level, region, years, genre, session): DocumentFacts
    document: Any = None
    _activities: tuple | None = field(default=None, init=False, repr=False, compare=False)
    _unlinked: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def activities(self) -> list[Activity]:
        """The activity table, built once (again only if entities or relations change)."""
        return self._cached("_activities", self._activity_rows)

    def _cached(self, slot: str, build) -> list:
        """``build()``, kept in ``slot`` until the entities or relations change."""
        key = (id(self.entities), len(self.entities), id(self.relations), len(self.relations))
        cached = getattr(self, slot)
        if cached is None or cached[0] != key:
            cached = (key, build())
            setattr(self, slot, cached)
        return list(cached[1])

    def _activity_rows(self) -> list[Activity]:
        rows, ends = [], sentence_ends(self.text)
        for r in self.relations:
            if r.label != COUNT_OF:
                continue
            c, a = self.entities[r.head], self.entities[r.tail]
            ss, se = sentence_bounds(self.text, min(c.start, a.start), max(c.end, a.end), ends)
            rows.append(Activity(
                activity=a.text, activity_type=a.activity_type or "other",
                type_source=a.type_source or ("default" if not a.activity_type else ""), count=c.text,
                value=c.value, unit=c.unit, approximate=bool(c.approximate),
                sentence=self.text[ss:se], sentence_start=ss, sentence_end=se,
                count_start=c.start, count_end=c.end, activity_start=a.start, activity_end=a.end))
        return annotate(self.text, rows, self.entities)

    def activity_totals(self) -> dict[str, dict]:
        """Per activity type, the sum of the figures that are the body's own work, each
        counted once (sub-counts, repeats and other bodies' counts left out):
        ``{type: {"value", "approximate", "n_groups", "n_mentions", "units"}}``."""
        return activity_totals(self.activities)

    @property
    def unlinked_counts(self) -> list[UnlinkedCount]:
        """Counts of the reporting body's work that no COUNT_OF links: a COUNT with no relation
        whose measure word counts work items (次, 件, 项, 场, 个 ...) and that counts no places,
        bodies or page metadata (see :func:`nrcie.normalize.activity.is_work_count`).  Each is
        work the activity table misses."""
        return self._cached("_unlinked", self._unlinked_rows)

    def _unlinked_rows(self) -> list[UnlinkedCount]:
        from .normalize.activity import is_work_count

        linked = {r.head for r in self.relations if r.label == COUNT_OF}
        rows, ends = [], None
        for i, c in enumerate(self.entities):
            if c.label != "COUNT" or i in linked or not is_work_count(self.text, c.start, c.end, c.unit):
                continue
            ends = sentence_ends(self.text) if ends is None else ends
            ss, se = sentence_bounds(self.text, c.start, c.end, ends)
            rows.append(UnlinkedCount(
                count=c.text, value=c.value, unit=c.unit, approximate=bool(c.approximate),
                sentence=self.text[ss:se], sentence_start=ss, sentence_end=se, count_start=c.start, count_end=c.end))
        return rows

    def resolve_dates(self) -> None:
        """Set the DATE entities' values (``date_*``), placed by the report's years where the
        surface leaves them open (今年, 一年来, 5月: ``self.document``'s ``year``,
        ``delivery_year``, ``years``; unresolved without them)."""
        from .normalize.dates import date_value

        doc = getattr(self, "document", None)
        ctx = {k: getattr(doc, k, None) for k in ("year", "delivery_year", "years")}
        for e in self.entities:
            if e.label == "DATE":
                v = date_value(self.text, e.start, e.end, **ctx)
                e.date_start, e.date_end = (v.start, v.end) if v else (None, None)
                e.date_qualifier, e.date_duration = (v.qualifier, v.duration) if v else (None, None)
                e.date_resolved = v.resolved if v else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable: ``{"text", "entities", "relations", "activities", "unlinked_counts",
        "document"}``."""
        return {
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
            "activities": [a.to_dict() for a in self.activities],
            "unlinked_counts": [u.to_dict() for u in self.unlinked_counts],
            "document": self.document.to_dict() if self.document is not None else None,
        }

    def to_dataframe(self, table: str = "entities"):
        """A pandas DataFrame of the ``"entities"`` (default), ``"activities"``, ``"relations"``,
        ``"unlinked_counts"`` or ``"document"``.

        ``"document"`` is one row of the document facts, the columns ``body, level, region,
        region_code, year, years, genre, session, delivery_year, evidence`` with fixed dtypes
        (nullable ``Int64`` years, ``string`` for the rest; ``years`` joined by ",",
        ``evidence`` as JSON; <NA> where the text does not say, all <NA> without facts);
        :func:`nrcie.documents` is the same table for many results, with ``file``."""
        import pandas as pd

        if table == "document":
            from .panel import FACT_COLUMNS, fact_row, typed_frame

            doc = self.document
            return typed_frame([fact_row(doc.to_dict() if doc is not None else None)], FACT_COLUMNS)

        columns = {
            "entities": ["start", "end", "label", "text", "value", "unit", "approximate", "value_max",
                         "activity_type", "type_source", "title", "region_code", "region_level", "source", "why",
                         *DATE_FIELDS],
            "activities": list(Activity.__dataclass_fields__),
            "relations": ["label", "head", "tail", "head_text", "tail_text"],
            "unlinked_counts": list(UnlinkedCount.__dataclass_fields__),
        }
        if table not in columns:
            from .errors import TableError

            raise TableError(f"table must be one of {', '.join(columns)}, document, not {table!r}")
        if table == "entities":
            rows = [asdict(e) for e in self.entities]
        elif table == "activities":
            rows = [a.to_dict() for a in self.activities]
        elif table == "unlinked_counts":
            rows = [u.to_dict() for u in self.unlinked_counts]
        else:
            rows = [{**r.to_dict(), "head_text": self.entities[r.head].text, "tail_text": self.entities[r.tail].text}
                    for r in self.relations]
        return pd.DataFrame(rows, columns=columns[table])

    def __repr__(self) -> str:
        return (f"ParseResult({len(self.text)} chars, {len(self.entities)} entities, "
                f"{len(self.relations)} relations)")


def result_from_doc(doc, text: str | None = None) -> ParseResult:
    """Build a ParseResult from a processed Doc; ``text`` (same length) is the caller's
    original string when the pipeline ran on a normalised copy."""
    doc_text = text_of(doc)
    text = doc_text if text is None else text
    sources = doc._.nrcie_sources or {}
    entities: list[Entity] = []
    index: dict[tuple[int, int], int] = {}
    for span in doc.ents:
        s, e = span.start_char, span.end_char
        ent = Entity(s, e, span.label_, text[s:e])
        q = span._.quantity
        if q is not None:
            ent.value, ent.unit, ent.approximate, ent.value_max = q.value, q.unit, q.approximate, q.value_max
        if span.label_ == "ACTIVITY":
            # typed on the pipeline's (normalised, same-length) text, by the span and its clause
            d = type_activity(doc_text, s, e)
            ent.activity_type, ent.type_source = d.type, d.source
        ent.title = span._.title
        if span.label_ == "PLACE":
            reg = resolve_region(doc_text[s:e])
            if reg is not None:
                ent.region_code, ent.region_level = reg.code, reg.level
        src = sources.get(f"{s}:{e}")
        if src:
            ent.source, ent.why = src[0], src[1] or None
        else:
            ent.source = "model"
        index[(s, e)] = len(entities)
        entities.append(ent)
    from .relations import links

    return ParseResult(text, entities, links.to_result(entities, links.from_doc(doc)), doc)
