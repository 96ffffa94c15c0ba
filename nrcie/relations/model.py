"""A trainable COUNT_OF classifier: COUNT × ACTIVITY candidate pairs, logistic regression.

Candidates are the ACTIVITY entities in the same sentence as a COUNT, within
``window`` characters.  Each pair is described by hashed sparse features
(direction, distance, what stands between, ranks, unit and activity type (typed by
the span and its clause), the rule linker's vote) and scored by a logistic regression trained with AdaGrad on
the gold links.  Numpy only, deterministic, a few hundred KB on disk.
"""
from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import numpy as np

from ..normalize.activity import type_activity
from ..result import SENTENCE_END
from .links import CountOf, from_gold
from .rule_linker import link_counts

MARKS = "，,、；：:（）()和及与并等共"
N_FEATURES = 1 << 18

Span = tuple[int, int]


LIST_GLUE = set("、，,和及与或 \u3000") | {"以及"}


def coordinated(text: str, acts: list[tuple[Span, float]]) -> list[tuple[Span, float]]:
    """A count links to several activities only when they form one coordinated list
    (nothing but 、/和/及/与 between them); otherwise to its most probable one."""
    if len(acts) < 2:
        return acts
    ordered = sorted(acts)
    glued = all(set(text[a[1]:b[0]]) <= LIST_GLUE for (a, _), (b, _) in zip(ordered, ordered[1:]))
    return ordered if glued else [max(acts, key=lambda x: x[1])]


def _bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (16, "9-16"), (32, "17-32")):
        if n <= limit:
            return name
    return "33+"


def _sentence_ids(text: str) -> list[int]:
    ids, k = [0] * (len(text) + 1), 0
    for i, ch in enumerate(text):
        ids[i] = k
        if SENTENCE_END.match(ch):
            k += 1
    ids[len(text)] = k
    return ids


def candidates(text: str, entities: list[tuple[int, int, str]], window: int = 80) -> list[CountOf]:
    """COUNT × ACTIVITY pairs in one sentence, at most ``window`` characters apart."""
    sent = _sentence_ids(text)
    counts = [(s, e) for s, e, l in entities if l == "COUNT"]
    acts = [(s, e) for s, e, l in entities if l == "ACTIVITY"]
    out = []
    for c in counts:
        for a in acts:
            gap = a[0] - c[1] if a[0] >= c[1] else c[0] - a[1]
            if 0 <= gap <= window and sent[c[0]] == sent[min(a[0], len(text) - 1)]:
                out.append(CountOf(c, a))
    return out


def pair_features(text: str, pair: CountOf, counts: list[Span], acts: list[Span], rule_links: set,
                  types: dict | None = None) -> list[str]:
    """The pair's feature strings; ``types`` caches the activities' typing decisions (one
    typing per activity, not per pair: a text's pairs share few activities)."""
    c, a = pair.count, pair.activity
    left = a[1] <= c[0]
    lo, hi = (a[1], c[0]) if left else (c[1], a[0])
    between = text[lo:hi]
    d = "L" if left else "R"
    same_side = sorted((x for x in acts if (x[1] <= c[0]) == left), key=lambda x: abs(x[0] - c[0]))
    rank = same_side.index(a) if a in same_side else 9
    n_acts_between = sum(1 for x in acts if lo <= x[0] and x[1] <= hi)
    n_counts_between = sum(1 for x in counts if lo <= x[0] and x[1] <= hi)
    unit = text[c[0]:c[1]].rstrip("左右以上余多)）")[-2:]
    atype = activity_decision(text, a, {} if types is None else types).type   # by the span and its clause
    rule = (c, a) in rule_links
    f = [
        "bias", f"dir={d}", f"dist={d}{_bucket(len(between))}", f"rank={d}{min(rank, 3)}",
        f"acts_between={min(n_acts_between, 3)}", f"counts_between={min(n_counts_between, 3)}",
        f"rule={rule}", f"rule={rule}|dir={d}", f"rule={rule}|rank={min(rank, 3)}",
        f"unit={unit}", f"type={atype}", f"unit={unit}|type={atype}", f"unit1={unit[-1:]}|dir={d}",
        f"a_last={text[a[1] - 1]}", f"a_text={text[a[0]:a[1]]}",
        f"after_c={text[c[1]:c[1] + 1]}", f"before_c={text[max(0, c[0] - 1):c[0]]}",
        f"after_c2={text[c[1]:c[1] + 2]}", f"before_c2={text[max(0, c[0] - 2):c[0]]}",
    ]
    marks = sorted({ch for ch in between if ch in MARKS})
    f += [f"mark={d}{m}" for m in marks]
    if not marks:
        f.append(f"nomarks={d}")
    if len(between) <= 4:
        f.append(f"between={d}{between}")
    return f


def _hash(feats: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(x.encode("utf-8")) % N_FEATURES for x in feats), dtype=np.int64)


def activity_decision(text: str, span: Span, types: dict):
    """The :class:`~nrcie.normalize.activity.TypeDecision` of the ACTIVITY at ``span``, typed
    once per text: ``types`` caches the decisions (span → decision) for the caller."""
    if span not in types:
        types[span] = type_activity(text, span[0], span[1])
    return types[span]


def featurize(text: str, entities: list[tuple[int, int, str]], window: int = 80,
              rule: list[tuple[Span, Span]] | None = None, types: dict | None = None):
    """Candidate pairs of a text and the hashed feature indices of each.

    ``rule`` is the rule linker's vote, its links over the COUNT entities alone
    (``rule_links(..., bounded_by_entities=False)``); it is computed here when not given.
    ``types`` caches the activities' typing decisions (:func:`activity_decision`)."""
    pairs = candidates(text, entities, window)
    counts = sorted((s, e) for s, e, l in entities if l == "COUNT")
    acts = sorted((s, e) for s, e, l in entities if l == "ACTIVITY")
    if rule is None:
        _, rule = link_counts(text, [(s, e, l) for s, e, l in entities if l == "COUNT"])
    # snap the rule linker's activity spans to the given ACTIVITY entities
    rule_links = set()
    for cs, asp in rule:
        for x in acts:
            if x[0] < asp[1] and asp[0] < x[1]:
                rule_links.add((cs, x))
    types = {} if types is None else types
    return pairs, [_hash(pair_features(text, p, counts, acts, rule_links, types)) for p in pairs]


#: measure words of people and households (a count of them is work only as its participants)
PEOPLE_OR_HOUSEHOLDS = re.compile(r"(?:人次|人|名|位|户)(?:左右|以上)?[)）]?$")


def counts_a_population(text: str, pair: CountOf, types: dict | None = None) -> bool:
    """Whether the pair links a count of people or households to a span nothing names as work
    (no lexicon term, clause rule or verb types it: ``type_source`` default).  The schema gives
    populations no relation (活动覆盖党员干部120余人, 全村93户经营户受益); of the gold's 1,711
    links, two join a count of people to such a span."""
    c, a = pair.count, pair.activity
    if not PEOPLE_OR_HOUSEHOLDS.search(text[c[0]:c[1]].strip()):
        return False
    return activity_decision(text, a, {} if types is None else types).source == "default"


class RelationModel:
    """Logistic regression over hashed pair features."""

    def __init__(self, threshold: float = 0.5, window: int = 80, weights: np.ndarray | None = None):
        self.threshold = threshold
        self.window = window
        self.w = weights if weights is not None else np.zeros(N_FEATURES, dtype=np.float32)

    def predict_proba(self, feats: list[np.ndarray]) -> np.ndarray:
        if not feats:
            return np.zeros(0)
        z = np.array([self.w[f].sum() for f in feats], dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def predict(self, text: str, entities: list[tuple[int, int, str]],
                rule: list[tuple[Span, Span]] | None = None, types: dict | None = None) -> list[tuple[Span, Span, float]]:
        """COUNT → ACTIVITY links scored at least ``threshold``; ``rule`` and ``types`` as in
        :func:`featurize`. A count of people or households links only to work (see
        :func:`counts_a_population`)."""
        types = {} if types is None else types
        pairs, feats = featurize(text, entities, self.window, rule, types)
        probs = self.predict_proba(feats)
        by_count: dict[Span, list[tuple[Span, float]]] = {}
        for p, pr in zip(pairs, probs):
            if pr >= self.threshold and not counts_a_population(text, p, types):
                by_count.setdefault(p.count, []).append((p.activity, float(pr)))
        out = []
        for count, acts in by_count.items():
            out.extend((count, a, pr) for a, pr in coordinated(text, acts))
        return sorted(out)

    def fit(self, examples: list[tuple[list[np.ndarray], np.ndarray]], epochs: int = 15, lr: float = 0.3,
            l2: float = 1e-5, seed: int = 0, progress=None) -> "RelationModel":
        """Train on (features per pair, 0/1 labels) per document with AdaGrad."""
        rng = np.random.default_rng(seed)
        feats = [f for fs, _ in examples for f in fs]
        labels = np.concatenate([y for _, y in examples]) if examples else np.zeros(0)
        g2 = np.full(N_FEATURES, 1e-8, dtype=np.float64)
        w = self.w.astype(np.float64)
        for _ in (progress(range(epochs)) if progress else range(epochs)):
            for i in rng.permutation(len(feats)):
                f = feats[i]
                p = 1.0 / (1.0 + np.exp(-np.clip(w[f].sum(), -30, 30)))
                g = (p - labels[i]) + l2 * w[f]
                g2[f] += g * g
                w[f] -= lr * g / np.sqrt(g2[f])
        self.w = w.astype(np.float32)
        return self

    def to_disk(self, path: Path | str) -> None:
        from ..io import atomic_open, atomic_write_text

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        nz = np.flatnonzero(self.w)
        with atomic_open(path / "weights.npz", "wb") as f:
            np.savez_compressed(f, index=nz.astype(np.int32), value=self.w[nz].astype(np.float16))
        atomic_write_text(path / "cfg.json", json.dumps(
            {"threshold": self.threshold, "window": self.window, "n_features": N_FEATURES}))

    @classmethod
    def from_disk(cls, path: Path | str) -> "RelationModel":
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        if cfg.get("n_features") != N_FEATURES:
            raise ValueError(f"{path}: relation model was trained with {cfg.get('n_features')} features, "
                             f"this nrcie uses {N_FEATURES}")
        data = np.load(path / "weights.npz")
        w = np.zeros(N_FEATURES, dtype=np.float32)
        w[data["index"]] = data["value"].astype(np.float32)
        return cls(cfg["threshold"], cfg["window"], w)


def training_examples(golds, window: int = 80):
    """(features, labels) per gold document, on gold entities."""
    out = []
    for g in golds:
        ents = [(e["start"], e["end"], e["label"]) for e in g.entities]
        gold_pairs = set(from_gold(g))
        pairs, feats = featurize(g.text, ents, window)
        out.append((feats, np.array([p in gold_pairs for p in pairs], dtype=np.float64)))
    return out
