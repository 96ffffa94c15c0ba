"""What one more annotated congress report is worth: fast trained with 0, 1 or 2 of them.

The product reads congress work reports (人大常委会工作报告), but the gold holds five real
ones: one in train, one in dev, three in test. The learning curve on real training text
(``learning_curve.py``) adds government work report excerpts, a different register. This
script keeps everything else of the train split and varies the congress reports:

- ``0``: the train split without its congress report;
- ``1``: the train split as it is (its one congress report);
- ``2``: the train split plus dev's congress report (the rest of dev picks the best step).

Each pipeline is scored on the test split's congress reports, which no variant trains on,
and on the government-report excerpts of test. The scores are reported, never used for a
choice (every choice of this project is made on dev and dev_own).

    python training/register_curve.py -o benchmarks/results/register_curve.json [--work DIR] [--max-steps N]

``--work DIR`` keeps the trained pipelines there (``DIR/0``, ``DIR/1``, ``DIR/2``) and reuses
the ones already there, so an interrupted run resumes.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nrcie.corpus.splits import split_of  # noqa: E402
from nrcie.corpus.standoff import load_corpus  # noqa: E402
from nrcie.evaluation import evaluate  # noqa: E402
from nrcie.pipeline import load  # noqa: E402
from nrcie.training import train_fast  # noqa: E402

CONGRESS = "seeds"      # the corpus source of the real congress reports


def variants(golds: list) -> dict[str, tuple[list, list]]:
    """(train, dev) documents of each variant, by the number of congress reports trained on."""
    train = [g for g in golds if split_of(g.doc_id) == "train"]
    dev = [g for g in golds if split_of(g.doc_id) == "dev"]
    return {
        "0": ([g for g in train if g.source != CONGRESS], dev),
        "1": (train, dev),
        "2": (train + [g for g in dev if g.source == CONGRESS], [g for g in dev if g.source != CONGRESS]),
    }


def _scores(nlp, golds: list) -> dict:
    s = evaluate(nlp, golds).to_dict()
    return {"micro_f": s["micro"]["f"], "core_f": s["core_micro"]["f"], "count_of_f": s["count_of"]["f"],
            "per_label_f": {k: v["f"] for k, v in s["per_label"].items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--work", type=Path, help="keep (and reuse) the trained pipelines here")
    ap.add_argument("--max-steps", type=int, help="cap each training run (smoke runs)")
    args = ap.parse_args()
    golds = list(load_corpus())
    test = [g for g in golds if split_of(g.doc_id) == "test"]
    congress = [g for g in test if g.source == CONGRESS]
    excerpts = [g for g in test if g.source != CONGRESS]
    if not congress:
        sys.exit("register_curve: the test split holds no congress report (is ../shared beside the repo?)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        for name, (train, dev) in variants(golds).items():
            out = work / name
            t0 = time.time()
            if not (out / "meta.json").exists():
                train_fast(train, dev, out, max_steps=args.max_steps)
            nlp = load(out)
            rows.append({"congress_reports": int(name),
                         "trained_on": sorted(g.doc_id for g in train if g.source == CONGRESS),
                         "congress_chars": sum(len(g.text) for g in train if g.source == CONGRESS),
                         "train_chars": sum(len(g.text) for g in train),
                         "test_congress": _scores(nlp, congress), "test_excerpts": _scores(nlp, excerpts),
                         "seconds": round(time.time() - t0)})
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    args.output.write_text(json.dumps({
        "model": "fast", "test_congress_docs": [g.doc_id for g in congress],
        "test_congress_chars": sum(len(g.text) for g in congress),
        "test_excerpt_chars": sum(len(g.text) for g in excerpts), "rows": rows}, indent=1) + "\n",
        encoding="utf-8")
    print(f"register curve written to {args.output}")


if __name__ == "__main__":
    main()
