"""Print the INITIATIVE names the gold of one split supports as gazetteer terms: labelled
INITIATIVE at least ``--min`` times and, wherever the exact string occurs in that split's
texts, never anything else (not bare, not part of another span), and not yet in
``nrcie/resources/gazetteers/initiatives.yaml``.

    python training/tools/initiative_terms.py              # the train split (the default)
    python training/tools/initiative_terms.py --min 2 --min-docs 2

Only the train split is read by default, so dev and test figures stay honest after the
terms are added to the gazetteer by hand (the 2026-12-05 block there came from this).
"""
from __future__ import annotations

import argparse
import collections
import re

from nrcie.corpus.reader import select_gold
from nrcie.resources import load_yaml


def candidates(split: str = "train", min_count: int = 3, min_len: int = 3, min_docs: int = 1) -> list[str]:
    listed = set(map(str, load_yaml("gazetteers/initiatives.yaml")["terms"]))
    golds = list(select_gold([split]))
    counts = collections.Counter(e["text"] for g in golds for e in g.entities if e["label"] == "INITIATIVE")
    docs = collections.Counter(t for g in golds for t in {e["text"] for e in g.entities if e["label"] == "INITIATIVE"})
    labels = [(g.text, {(e["start"], e["end"]): e["label"] for e in g.entities}) for g in golds]
    out = []
    for term, n in counts.most_common():
        if n < min_count or docs[term] < min_docs or len(term) < min_len or term in listed:
            continue
        exact = all(spans.get(m.span()) == "INITIATIVE"
                    for text, spans in labels for m in re.finditer(re.escape(term), text))
        if exact:
            out.append(term)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--min", type=int, default=3, dest="min_count")
    ap.add_argument("--min-docs", type=int, default=1,
                    help="in at least this many documents (leaves out one report's own slogans)")
    args = ap.parse_args()
    for term in candidates(args.split, args.min_count, min_docs=args.min_docs):
        print(term)


if __name__ == "__main__":
    main()
