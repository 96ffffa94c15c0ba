"""Choose a trained pipeline's rule/model policy on the real dev split.

Loads a trained pipeline and evaluates variants of its assembly on a split
(``dev`` by default; never ``test``): which labels the rules alone give
(``rule_exclusive_labels``), which rule labels fill the model's gaps
(``rule_labels``), and whether the boundary snap (trained on the train split)
runs after the model.  Prints one line per variant with micro F, core F,
COUNT_OF and the F of the labels the variant touches, and writes a JSON report.

    python training/choose_on_dev.py models/accurate -o benchmarks/results/choose_accurate_dev.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nrcie.corpus.splits import split_of  # noqa: E402
from nrcie.corpus.standoff import load_corpus  # noqa: E402
from nrcie.evaluation import evaluate  # noqa: E402
from nrcie.pipeline import load  # noqa: E402

VARIANTS = {
    "as shipped": {},
    "+ snap": {"snap": True},
    "COUNT rules-only": {"exclusive_add": ["COUNT"]},
    "REGULATION model+rules": {"exclusive_remove": ["REGULATION"]},
    "rules fill PLACE gaps": {"fill": ["PLACE"]},
    "rules fill PLACE, MEETING gaps": {"fill": ["PLACE", "MEETING"]},
    "+ snap, COUNT rules-only": {"snap": True, "exclusive_add": ["COUNT"]},
    "+ snap, COUNT rules-only, REGULATION model+rules": {"snap": True, "exclusive_add": ["COUNT"],
                                                         "exclusive_remove": ["REGULATION"]},
}


def variant(model: str, train, snap=False, exclusive_add=(), exclusive_remove=(), fill=()):
    nlp = load(model)
    rules = nlp.get_pipe("nrcie_rules")
    if fill and rules.label_filter is not None:
        rules.label_filter = set(rules.label_filter) | set(fill)   # weak labels: they fill the model's gaps
    rules.exclusive_labels = (set(rules.exclusive_labels) | set(exclusive_add)) - set(exclusive_remove)
    if snap and "nrcie_boundary_snap" not in nlp.pipe_names:
        nlp.add_pipe("nrcie_boundary_snap_v1", name="nrcie_boundary_snap", before="nrcie_rules").train(train)
    if not snap and "nrcie_boundary_snap" in nlp.pipe_names:
        nlp.remove_pipe("nrcie_boundary_snap")
    return nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("--split", default="dev", choices=["dev", "dev_own", "train"])
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args()
    golds = list(load_corpus())
    train = [g for g in golds if split_of(g.doc_id) == "train"]
    data = [g for g in golds if split_of(g.doc_id) == args.split]
    print(f"{args.model} on {args.split}: {len(data)} documents, {sum(len(g.text) for g in data)} characters")
    report = {}
    for name, kw in VARIANTS.items():
        s = evaluate(variant(args.model, train, **kw), data).to_dict()
        report[name] = s
        labels = s["per_label"]
        print(f"{name:52s} micro {s['micro']['f']:.3f}  core {s['core_micro']['f']:.3f}  "
              f"COUNT_OF {s['count_of']['f']:.3f}  " + "  ".join(
                  f"{k} {labels[k]['f']:.3f}" for k in ("REGULATION", "COUNT", "BODY", "PLACE") if k in labels))
    if args.output:
        args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
