"""Corpus report: documents, characters, entities per label and relations, per split."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..schema import LABELS
from .splits import SPLITS, split_of
from .standoff import THIRD_PARTY, load_corpus


def corpus_stats(root: Path | str | None = None) -> dict[str, dict]:
    stats = {s: {"docs": 0, "chars": 0, "relations": 0, "labels": Counter(), "sources": Counter(),
                 "source_chars": Counter()}
             for s in (*SPLITS, "all")}
    for doc in load_corpus(root):
        for key in (split_of(doc.doc_id), "all"):
            st = stats[key]
            st["docs"] += 1
            st["chars"] += len(doc.text)
            st["relations"] += len(doc.relations)
            st["labels"].update(e["label"] for e in doc.entities)
            st["sources"][doc.source] += 1
            st["source_chars"][doc.source] += len(doc.text)
    return stats


def corpus_report(root: Path | str | None = None) -> str:
    stats = corpus_stats(root)
    cols = (*SPLITS, "all")
    rows = [("", *cols),
            ("documents", *(str(stats[c]["docs"]) for c in cols)),
            ("  seed reports", *(str(stats[c]["sources"]["seeds"]) for c in cols)),
            ("  report excerpts", *(str(stats[c]["sources"]["unlabeled"]) for c in cols)),
            ("  our own texts", *(str(stats[c]["sources"]["original"]) for c in cols)),
            ("characters", *(str(stats[c]["chars"]) for c in cols)),
            ("  real text", *(str(sum(stats[c]["source_chars"][s] for s in THIRD_PARTY)) for c in cols)),
            ("  our own text", *(str(stats[c]["source_chars"]["original"]) for c in cols))]
    for label in LABELS:
        rows.append((label, *(str(stats[c]["labels"][label]) for c in cols)))
    rows.append(("entities", *(str(sum(stats[c]["labels"].values())) for c in cols)))
    rows.append(("COUNT_OF", *(str(stats[c]["relations"]) for c in cols)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(cols) + 1)]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths)))
                     for r in rows)
