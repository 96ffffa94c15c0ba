"""Print the README's accuracy tables (Markdown) from the JSON reports in results/.

The reports come from `nrcie evaluate MODEL SPLIT -o benchmarks/results/eval_MODEL_SPLIT.json`
and `python benchmarks/compare_lac.py --json benchmarks/results/compare_lac_test.json`;
this script only formats them, so the README's numbers are the reports' numbers.
usage: python benchmarks/tables.py [--split test] [--models rules fast accurate]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
LABELS = ["REGULATION", "DOCUMENT", "BODY", "MEETING", "INITIATIVE", "ACTIVITY", "COUNT",
          "MONEY", "PERCENT", "DATE", "PERSON", "PLACE"]
SUMMARY = [("micro", "micro F, all labels"), ("core_micro", "micro F, core labels"),
           ("untyped", "untyped (boundary) F"), ("count_of", "COUNT_OF end to end"),
           ("count_of_on_gold_entities", "COUNT_OF on gold entities")]
LAC_LABELS = ["BODY", "PLACE", "PERSON", "DATE", "micro"]


def load(name: str) -> dict | None:
    path = RESULTS / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def accuracy_table(split: str, models: list[str]) -> str:
    reports = {m: load(f"eval_{m}_{split}.json") for m in models}
    reports = {m: r for m, r in reports.items() if r}
    if not reports:
        return f"(no eval_*_{split}.json in {RESULTS})"
    first = next(iter(reports.values()))
    lines = ["| label (support) | " + " | ".join(reports) + " |", "|---" * (len(reports) + 1) + "|"]
    for label in LABELS:
        support = first["per_label"].get(label, {}).get("support", 0)
        if not support:
            continue
        cells = [f"{r['per_label'].get(label, {}).get('f', 0.0):.2f}" for r in reports.values()]
        lines.append(f"| {label} ({support}) | " + " | ".join(cells) + " |")
    for key, title in SUMMARY:
        cells = [f"{r[key]['f']:.3f}" for r in reports.values()]
        lines.append(f"| **{title}** | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def lac_table() -> str:
    report = load("compare_lac_test.json")
    if not report:
        return f"(no compare_lac_test.json in {RESULTS})"
    lines = ["| system | " + " | ".join(LAC_LABELS) + " |", "|---" * (len(LAC_LABELS) + 1) + "|"]
    for system, scores in report.items():
        lines.append(f"| {system} | " + " | ".join(f"{scores[k]['f']:.2f}" for k in LAC_LABELS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="test", choices=["dev", "test"])
    ap.add_argument("--models", nargs="+", default=["rules", "fast", "accurate"])
    args = ap.parse_args(argv)
    print(accuracy_table(args.split, args.models))
    if args.split == "test":
        print()
        print(lac_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
