"""Learning curve on real training text: what the next annotation round is worth.

Trains the fast pipeline (``training/configs/fast.cfg``) on all of our own
training texts plus a growing share of the real training documents (seed
reports and report excerpts: ¼, ½, all, by document, in a fixed shuffled order)
and scores each on the real dev split.  Writes a JSON report that
``benchmarks/tables.py`` turns into the README table.

    python training/learning_curve.py -o benchmarks/results/learning_curve.json [--max-steps N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nrcie.corpus.splits import split_of  # noqa: E402
from nrcie.corpus.standoff import THIRD_PARTY, load_corpus  # noqa: E402
from nrcie.evaluation import evaluate  # noqa: E402
from nrcie.pipeline import load  # noqa: E402
from nrcie.training import train_fast  # noqa: E402

SHARES = (0.25, 0.5, 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--max-steps", type=int, help="cap each training run (smoke runs)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep the pipeline trained on all the real text here (the baseline of an A/B)")
    args = ap.parse_args()
    golds = list(load_corpus())
    train = [g for g in golds if split_of(g.doc_id) == "train"]
    dev = [g for g in golds if split_of(g.doc_id) == "dev"]
    own = [g for g in train if g.source not in THIRD_PARTY]
    real = [g for g in train if g.source in THIRD_PARTY]
    random.Random(args.seed).shuffle(real)
    rows = []
    for share in SHARES:
        part = real[:max(1, round(share * len(real)))]
        t0 = time.time()
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "fast"
            train_fast(own + part, dev, out, max_steps=args.max_steps)
            s = evaluate(load(out), dev).to_dict()
            if args.keep and share == 1.0:
                from nrcie.training import replace_dir

                replace_dir(out, args.keep)
        rows.append({"share": share, "real_docs": len(part), "real_chars": sum(len(g.text) for g in part),
                     "own_chars": sum(len(g.text) for g in own), "dev_micro_f": s["micro"]["f"],
                     "dev_core_f": s["core_micro"]["f"], "dev_count_of_f": s["count_of"]["f"],
                     "seconds": round(time.time() - t0)})
        print(json.dumps(rows[-1]), file=sys.stderr)
    args.output.write_text(json.dumps({"model": "fast", "dev_docs": len(dev),
                                       "dev_chars": sum(len(g.text) for g in dev), "rows": rows},
                                      indent=1) + "\n", encoding="utf-8")
    print(f"learning curve written to {args.output}")


if __name__ == "__main__":
    main()
