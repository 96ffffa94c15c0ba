"""Evaluate a pipeline against gold: per-label P/R/F, untyped F, COUNT_OF, confusion.

Scores are exact-match on character offsets.  ``COUNT_OF`` is scored end to end
(a predicted link counts when both its entities' spans and the pair match gold)
and on gold entities (the pipeline's entities are replaced by gold ones before
the relation step, which isolates the linker).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .corpus.standoff import GoldDoc
from .schema import CORE_LABELS, COUNT_OF, LABELS

NONE = "NONE"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def to_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.tp + self.fn}


@dataclass
class Scores:
    per_label: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    micro: PRF = field(default_factory=PRF)
    untyped: PRF = field(default_factory=PRF)
    count_of: PRF = field(default_factory=PRF)
    count_of_gold_entities: PRF | None = None
    confusion: Counter = field(default_factory=Counter)
    n_docs: int = 0
    n_chars: int = 0

    def to_dict(self) -> dict:
        labels = sorted(set(self.per_label) | {g for g, _ in self.confusion} - {NONE},
                        key=lambda x: LABELS.index(x) if x in LABELS else 99)
        core_prf = PRF()
        for l in CORE_LABELS:
            x = self.per_label.get(l, PRF())
            core_prf.tp += x.tp
            core_prf.fp += x.fp
            core_prf.fn += x.fn
        return {
            "docs": self.n_docs, "chars": self.n_chars,
            "micro": self.micro.to_dict(),
            "core_micro": core_prf.to_dict(),
            "untyped": self.untyped.to_dict(),
            "per_label": {l: self.per_label[l].to_dict() for l in labels if l in self.per_label},
            "count_of": self.count_of.to_dict(),
            "count_of_on_gold_entities": self.count_of_gold_entities.to_dict() if self.count_of_gold_entities else None,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


def _ents(items) -> set[tuple[int, int, str]]:
    return {(e["start"], e["end"], e["label"]) if isinstance(e, dict) else (e.start, e.end, e.label) for e in items}


def _gold_rels(gold: GoldDoc) -> set[tuple]:
    by_id = {e["id"]: (e["start"], e["end"]) for e in gold.entities}
    return {(by_id[r["head"]], by_id[r["tail"]]) for r in gold.relations if r["label"] == COUNT_OF}


def _pred_rels(result) -> set[tuple]:
    ents = result.entities
    return {((ents[r.head].start, ents[r.head].end), (ents[r.tail].start, ents[r.tail].end))
            for r in result.relations if r.label == COUNT_OF}


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
    for gold, result in pairs:
        golds.append(gold)
        sc.n_docs += 1
        sc.n_chars += len(gold.text)
        g, p = _ents(gold.entities), _ents(result.entities)
        sc.micro.add(g, p)
        sc.untyped.add({(s, e) for s, e, _ in g}, {(s, e) for s, e, _ in p})
        for label in {l for *_, l in g | p}:
            sc.per_label[label].add({x for x in g if x[2] == label}, {x for x in p if x[2] == label})
        sc.count_of.add(_gold_rels(gold), _pred_rels(result))
        sc.confusion.update(confusion_pairs(g, p))
    if rel_on_gold is not None:
        sc.count_of_gold_entities = PRF()
        for gold, pred in zip(golds, rel_on_gold):
            sc.count_of_gold_entities.add(_gold_rels(gold), pred)
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
    lines.append(f"({d['docs']} documents, {d['chars']} characters)")
    return "\n".join(lines)


def relation_pipes(nlp) -> list[str]:
    """Names of the components that assign COUNT_OF relations."""
    return [name for name in nlp.pipe_names if "doc._.nrcie_relations" in nlp.get_pipe_meta(name).assigns]


def relations_on_gold_entities(nlp, gold: GoldDoc) -> set[tuple]:
    """COUNT_OF pairs the pipeline's relation step predicts when given the gold entities."""
    from .normalize.text import normalize_for_model

    doc = nlp.make_doc(normalize_for_model(gold.text))
    doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
                for e in gold.entities]
    for name in relation_pipes(nlp):
        pipe = nlp.get_pipe(name)
        with _gold_entity_mode(pipe):
            doc = pipe(doc)
    return {(tuple(r["head"]), tuple(r["tail"])) for r in (doc._.nrcie_relations or []) if r["label"] == COUNT_OF}


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
