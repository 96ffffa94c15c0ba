"""Precision, recall and F1: the one place they are computed (:class:`PRF`).

Used by the evaluation (:mod:`nrcie.evaluation`), the components' ``score``
methods (``spacy train``'s COUNT_OF scores), the accurate trainer's model selection
and the benchmarks."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PRF:
    """True positives, false positives and false negatives, and the P/R/F they give."""

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

    def add(self, gold: set, pred: set) -> "PRF":
        """Count one document's exact matches: ``gold`` and ``pred`` are sets of the same kind."""
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        return self

    def __iadd__(self, other: "PRF") -> "PRF":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def to_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.tp + self.fn}
