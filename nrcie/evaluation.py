"""Evaluate a pipeline against gold: per-label P/R/F, untyped F, COUNT_OF, confusion.

Scores are exact-match on character offsets.  ``COUNT_OF`` is scored end to end
(a predicted link counts when both its entities' spans and the pair match gold)
and on gold entities (the pipeline's entities are replaced by gold ones before
the relation step, which isolates the linker).

Activity types: typing accuracy is measured on the activities found correctly (a
predicted ACTIVITY with exactly the span of a gold ACTIVITY that carries a gold
``type``); ``other_share`` is the share of ``other`` among the predicted activity
rows (one per COUNT_OF), gold or not, so it needs no gold types; ``other_default``
counts those typed ``other`` for want of any evidence (no term, rule or verb: on real
text mostly spans cut at the wrong place, 监 for 监督措施); ``gold_other_share`` is the
share of ``other`` among the gold's activity rows (one per gold COUNT_OF), what a perfect
pipeline would show: government work outside the twenty types is ``other`` by right.  Targets on real text:
accuracy ≥ 0.95, other ≤ 5%.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .corpus.standoff import GoldDoc
from .metrics import PRF
from .relations import links
from .schema import CORE_LABELS, LABELS

NONE = "NONE"
#: the document facts scored against ``annotations/document_facts.jsonl``
DOC_FIELDS = ("body", "level", "region", "region_code", "year", "years", "genre", "session")


@dataclass
class Scores:
    per_label: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    micro: PRF = field(default_factory=PRF)
    untyped: PRF = field(default_factory=PRF)
    count_of: PRF = field(default_factory=PRF)
    count_of_gold_entities: PRF | None = None
    confusion: Counter = field(default_factory=Counter)
    #: (gold type, predicted type) of the correctly found activities that have a gold type
    type_pairs: Counter = field(default_factory=Counter)
    activity_rows: int = 0
    other_rows: int = 0
    other_default: int = 0
    #: the same on the gold: COUNT_OF relations, and those whose activity's gold type is other
    gold_rows: int = 0
    gold_other_rows: int = 0
    unlinked_counts: int = 0
    #: document facts: field -> [correct, docs with a gold value]
    doc_facts: dict = field(default_factory=lambda: {f: [0, 0] for f in DOC_FIELDS})
    #: DATE values: [exact (date_start, date_end), gold DATEs with a gold value found exactly]
    date_values: list = field(default_factory=lambda: [0, 0])
    #: the normaliser alone: [exact, gold DATEs with a gold value], read on the gold spans
    date_values_gold: list = field(default_factory=lambda: [0, 0])
    n_docs: int = 0
    n_chars: int = 0

    def to_dict(self) -> dict:
        labels = sorted(set(self.per_label) | {g for g, _ in self.confusion} - {NONE},
                        key=lambda x: LABELS.index(x) if x in LABELS else 99)
        core_prf = PRF()
        for l in CORE_LABELS:
            core_prf += self.per_label.get(l, PRF())
        return {
            "docs": self.n_docs, "chars": self.n_chars,
            "micro": self.micro.to_dict(),
            "core_micro": core_prf.to_dict(),
            "untyped": self.untyped.to_dict(),
            "per_label": {l: self.per_label[l].to_dict() for l in labels if l in self.per_label},
            "count_of": self.count_of.to_dict(),
            "count_of_on_gold_entities": self.count_of_gold_entities.to_dict() if self.count_of_gold_entities else None,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "activity_typing": self.typing_dict(),
            "document_facts": {f: {"accuracy": round(c / n, 4) if n else None, "correct": c, "docs": n}
                               for f, (c, n) in self.doc_facts.items()},
            "date_values": {"accuracy": round(self.date_values[0] / self.date_values[1], 4)
                            if self.date_values[1] else None,
                            "correct": self.date_values[0], "found": self.date_values[1]},
            "date_values_on_gold_spans": {
                "accuracy": round(self.date_values_gold[0] / self.date_values_gold[1], 4)
                if self.date_values_gold[1] else None,
                "correct": self.date_values_gold[0], "gold": self.date_values_gold[1]},
            "activity_rows": {"rows": self.activity_rows, "other": self.other_rows,
                              "other_share": round(self.other_rows / self.activity_rows, 4) if self.activity_rows else None,
                              "other_default": self.other_default, "unlinked_counts": self.unlinked_counts,
                              "gold_rows": self.gold_rows, "gold_other": self.gold_other_rows,
                              "gold_other_share": round(self.gold_other_rows / self.gold_rows, 4)
                              if self.gold_rows else None},
        }

    def typing_dict(self) -> dict:
        total = sum(self.type_pairs.values())
        correct = sum(n for (g, p), n in self.type_pairs.items() if g == p)
        return {"accuracy": round(correct / total, 4) if total else None, "correct": correct, "total": total,
                "errors": {f"{g}->{p}": n for (g, p), n in sorted(self.type_pairs.items()) if g != p}}


def _ents(items) -> set[tuple[int, int, str]]:
    return {(e["start"], e["end"], e["label"]) if isinstance(e, dict) else (e.start, e.end, e.label) for e in items}


def gold_row_types(gold: GoldDoc) -> list[str | None]:
    """The gold type of the activity of each gold COUNT_OF relation (one activity row each;
    None where the activity carries no type)."""
    types = {(e["start"], e["end"]): e.get("type") for e in gold.entities if e["label"] == "ACTIVITY"}
    return [types.get(tuple(link.activity)) for link in links.from_gold(gold)]


def type_pairs(gold: GoldDoc, result) -> Counter:
    """(gold type, predicted type) for each gold ACTIVITY with a ``type`` that the result
    found with exactly its span."""
    pred = {(e.start, e.end): e.activity_type or "other" for e in result.entities if e.label == "ACTIVITY"}
    c: Counter = Counter()
    for e in gold.entities:
        if e["label"] == "ACTIVITY" and e.get("type") and (e["start"], e["end"]) in pred:
            c[(e["type"], pred[(e["start"], e["end"])])] += 1
    return c


def with_types(golds: Iterable[GoldDoc], path) -> list[GoldDoc]:
    """The gold documents with activity types laid over from a JSON Lines file of
    ``{"doc_id", "start", "end", "type"}`` records (types proposed and reviewed outside the
    annotation files); a record whose span is no gold ACTIVITY is ignored."""
    import json
    from dataclasses import replace

    types = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                types[(r["doc_id"], r["start"], r["end"])] = r["type"]
    out = []
    for g in golds:
        ents = [{**e, "type": types[(g.doc_id, e["start"], e["end"])]}
                if e["label"] == "ACTIVITY" and (g.doc_id, e["start"], e["end"]) in types else e
                for e in g.entities]
        out.append(replace(g, entities=ents))
    return out


def _annotation_records(name: str, path=None) -> list[dict]:
    """The records of a JSON Lines file of ``annotations/`` (or ``path``); none if it is missing."""
    import json
    from pathlib import Path

    from .paths import annotations_dir

    path = Path(path) if path else annotations_dir() / name
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_document_facts(path=None) -> dict[str, dict]:
    """``doc_id -> facts`` from ``annotations/document_facts.jsonl`` (empty if there is none)."""
    return {r["doc_id"]: r for r in _annotation_records("document_facts.jsonl", path)}


def gold_date_values(path=None) -> dict[tuple[str, int, int], tuple[str | None, str | None]]:
    """``(doc_id, start, end) -> (date_start, date_end)`` from ``annotations/date_values.jsonl``
    (empty if there is none)."""
    return {(r["doc_id"], r["start"], r["end"]): (r["date_start"], r["date_end"])
            for r in _annotation_records("date_values.jsonl", path)}


def score_date_values(gold: GoldDoc, result, gold_dates: dict, tally: list, facts=None,
                      tally_gold: list | None = None) -> None:
    """Add one document's DATE value tallies: for each gold DATE with a gold value that the
    pipeline found with exactly its span and label, whether its (``date_start``, ``date_end``)
    equal the gold value (an unresolved gold value is (None, None)).  An excerpt of a
    collection row has its DATEs placed by the facts read with the row's title, as in
    ``score_document_facts`` (``facts``: those facts when the caller has them already).
    ``tally_gold``: the same for every gold DATE with a value, read on the gold span in
    the context of the facts (the normaliser alone, whatever the tagger found)."""
    from .normalize.dates import date_value

    found = {(e.start, e.end): e for e in result.entities if e.label == "DATE"}
    facts = facts or _facts(gold, result)
    ctx = {k: getattr(facts, k, None) for k in ("year", "delivery_year", "years")}

    def value(span):
        v = date_value(gold.text, *span, **ctx)
        return (v.start, v.end) if v else (None, None)

    if gold.excerpt and gold.excerpt.get("title"):
        values = {k: value(k) for k in found}
    else:
        values = {k: (e.date_start, e.date_end) for k, e in found.items()}
    for e in gold.entities:
        key = (gold.doc_id, e["start"], e["end"])
        if e["label"] != "DATE" or key not in gold_dates:
            continue
        if tally_gold is not None:
            tally_gold[1] += 1
            tally_gold[0] += value((e["start"], e["end"])) == gold_dates[key]
        if (e["start"], e["end"]) in found:
            tally[1] += 1
            tally[0] += values[(e["start"], e["end"])] == gold_dates[key]


def _facts(gold: GoldDoc, result):
    """The result's document facts, or for an excerpt of a collection row (or a result
    without them) the facts read with the row's title."""
    facts = result.document
    if gold.excerpt and gold.excerpt.get("title") or facts is None:
        from .document import document_facts

        facts = document_facts(gold.text, result.entities, title=(gold.excerpt or {}).get("title"))
    return facts


def score_document_facts(gold: GoldDoc, result, gold_facts: dict[str, dict], tally: dict, facts=None) -> None:
    """Add one document's exact-match tallies per field (only fields whose gold value is
    not None).  An excerpt of a collection row is read with the row's title, as a title
    known apart from the text (``nrcie.document.document_facts(title=...)``); ``facts``:
    those facts when the caller has them already."""
    facts_gold = gold_facts.get(gold.doc_id)
    if facts_gold is None:
        return
    facts = facts or _facts(gold, result)
    for f in DOC_FIELDS:
        if facts_gold.get(f) is not None:
            tally[f][1] += 1
            tally[f][0] += getattr(facts, f) == facts_gold[f]


def confusion_pairs(gold: set, pred: set) -> Counter:
    """Gold label → predicted label for same-boundary spans; NONE for misses and spurious spans."""
    c: Counter = Counter()
    g_by_span = {(s, e): l for s, e, l in gold}
    p_by_span = {(s, e): l for s, e, l in pred}
    for span, gl in g_by_span.items():
        c[(gl, p_by_span.get(span, NONE))] += 1
    for span, pl in p_by_span.items():
        if span not in g_by_span:
            c[(NONE, pl)] += 1
    return c


def score_docs(pairs: Iterable[tuple[GoldDoc, object]], rel_on_gold: Iterable[set] | None = None) -> Scores:
    """Score (gold, ParseResult) pairs; ``rel_on_gold`` gives, per doc, the predicted
    COUNT_OF pairs when the linker ran on gold entities."""
    sc = Scores()
    rel_on_gold = list(rel_on_gold) if rel_on_gold is not None else None
    golds = []
    gold_facts = gold_document_facts()
    gold_dates = gold_date_values()
    for gold, result in pairs:
        golds.append(gold)
        sc.n_docs += 1
        sc.n_chars += len(gold.text)
        g, p = _ents(gold.entities), _ents(result.entities)
        sc.micro.add(g, p)
        sc.untyped.add({(s, e) for s, e, _ in g}, {(s, e) for s, e, _ in p})
        for label in {l for *_, l in g | p}:
            sc.per_label[label].add({x for x in g if x[2] == label}, {x for x in p if x[2] == label})
        sc.count_of.add(set(links.from_gold(gold)), set(links.from_result(result)))
        sc.confusion.update(confusion_pairs(g, p))
        sc.type_pairs.update(type_pairs(gold, result))
        rows = result.activities
        sc.activity_rows += len(rows)
        sc.other_rows += sum(a.activity_type == "other" for a in rows)
        sc.other_default += sum(a.activity_type == "other" and a.type_source == "default" for a in rows)
        gold_types = gold_row_types(gold)
        sc.gold_rows += len(gold_types)
        sc.gold_other_rows += gold_types.count("other")
        sc.unlinked_counts += len(result.unlinked_counts)
        facts = _facts(gold, result)    # read once: both scores use the same facts
        score_document_facts(gold, result, gold_facts, sc.doc_facts, facts)
        score_date_values(gold, result, gold_dates, sc.date_values, facts, sc.date_values_gold)
    if rel_on_gold is not None:
        sc.count_of_gold_entities = PRF()
        for gold, pred in zip(golds, rel_on_gold):
            sc.count_of_gold_entities.add(set(links.from_gold(gold)), pred)
    return sc


def format_scores(d: dict) -> str:
    """A plain-text table of a score dict (``Scores.to_dict()``)."""
    lines = [f"{'label':<12}{'P':>8}{'R':>8}{'F':>8}{'support':>9}"]
    for label, x in d["per_label"].items():
        lines.append(f"{label:<12}{x['p']:>8.3f}{x['r']:>8.3f}{x['f']:>8.3f}{x['support']:>9}")
    for name in ("micro", "core_micro", "untyped", "count_of", "count_of_on_gold_entities"):
        x = d.get(name)
        if x:
            lines.append(f"{name:<12}{x['p']:>8.3f}{x['r']:>8.3f}{x['f']:>8.3f}{x['support']:>9}"
                         if len(name) <= 12 else
                         f"{name}\n{'':<12}{x['p']:>8.3f}{x['r']:>8.3f}{x['f']:>8.3f}{x['support']:>9}")
    t = d.get("activity_typing")
    if t:
        acc = f"{t['accuracy']:.3f}" if t["accuracy"] is not None else "n/a"
        lines.append(f"activity typing accuracy {acc} ({t['correct']}/{t['total']} activities found "
                     f"with a gold type)")
    r = d.get("activity_rows")
    if r:
        share = f"{r['other_share']:.1%}" if r["other_share"] is not None else "n/a"
        lines.append(f"other among activity rows {share} ({r['other']}/{r['rows']}, "
                     f"{r.get('other_default', 0)} with no evidence: check their spans); "
                     f"unlinked work counts {r['unlinked_counts']}")
        if r.get("gold_rows"):
            lines.append(f"other among the gold's activity rows {r['gold_other_share']:.1%} "
                         f"({r['gold_other']}/{r['gold_rows']}: the share a perfect pipeline would show)")
    facts = {f: x for f, x in (d.get("document_facts") or {}).items() if x["docs"]}
    if facts:
        lines.append("document facts (exact, on documents with a gold value): " + ", ".join(
            f"{f} {x['accuracy']:.3f} ({x['correct']}/{x['docs']})" for f, x in facts.items()))
    dv = d.get("date_values")
    if dv and dv["found"]:
        lines.append(f"DATE values (exact start/end, on gold DATEs found exactly): {dv['accuracy']:.3f} "
                     f"({dv['correct']}/{dv['found']})")
    dg = d.get("date_values_on_gold_spans")
    if dg and dg["gold"]:
        lines.append(f"DATE values on the gold spans (the normaliser alone): {dg['accuracy']:.3f} "
                     f"({dg['correct']}/{dg['gold']})")
    lines.append(f"({d['docs']} documents, {d['chars']} characters)")
    return "\n".join(lines)


def relation_pipes(nlp) -> list[str]:
    """Names of the components that assign COUNT_OF relations."""
    return [name for name in nlp.pipe_names if "doc._.nrcie_relations" in nlp.get_pipe_meta(name).assigns]


def relations_on_gold_entities(nlp, gold: GoldDoc) -> set[links.CountOf]:
    """COUNT_OF pairs the pipeline's relation step predicts when given the gold entities."""
    from .normalize.text import normalize_for_model

    doc = nlp.make_doc(normalize_for_model(gold.text))
    doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
                for e in gold.entities]
    for name in relation_pipes(nlp):
        pipe = nlp.get_pipe(name)
        with _gold_entity_mode(pipe):
            doc = pipe(doc)
    return set(links.from_doc(doc))


class _gold_entity_mode:
    """Temporarily stop a relation component from adding entities of its own."""

    def __init__(self, pipe):
        self.pipe = pipe
        self.saved = getattr(pipe, "add_activities", None)

    def __enter__(self):
        if self.saved is not None:
            self.pipe.add_activities = False

    def __exit__(self, *exc):
        if self.saved is not None:
            self.pipe.add_activities = self.saved


def evaluate(nlp, golds: Iterable[GoldDoc], progress: bool = False) -> Scores:
    """Run ``nlp`` over gold documents and score it."""
    from .runner import run_one

    golds = list(golds)
    it = golds
    if progress:
        from tqdm import tqdm

        it = tqdm(golds, desc="evaluating", unit="doc")
    results = [run_one(nlp, g.text) for g in it]
    on_gold = [relations_on_gold_entities(nlp, g) for g in golds] if relation_pipes(nlp) else None
    return score_docs(zip(golds, results), on_gold)
