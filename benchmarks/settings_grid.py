"""Accuracy of one pipeline under several tagger settings, on one gold split.

Each spec is ``NAME@settings`` as in ``speed.py`` (``report.load_spec``): the figures
behind the accurate tagger's ``precision`` and ``stride`` (benchmarks/README.md,
"Making accurate faster"). Choose settings on ``dev`` (and ``dev_own``), never on test.
usage: python benchmarks/settings_grid.py SPLIT SPEC [SPEC ...]
  e.g. python benchmarks/settings_grid.py dev accurate@float32,stride=128 accurate@bfloat16,stride=150
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import load_spec  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split", help="a gold split: dev, dev_own, test, train")
    ap.add_argument("specs", nargs="+", help="NAME@settings, e.g. accurate@bfloat16,stride=150")
    args = ap.parse_args()
    from nrcie.corpus.reader import select_gold
    from nrcie.evaluation import evaluate

    golds = select_gold([args.split])
    print(f"{'spec':<40}{'seconds':>8}{'micro F':>9}{'core F':>8}{'COUNT_OF':>9}")
    for spec in args.specs:
        nlp = load_spec(spec)
        t0 = time.perf_counter()
        sc = evaluate(nlp, golds).to_dict()
        print(f"{spec:<40}{time.perf_counter() - t0:>8.1f}{sc['micro']['f']:>9.4f}"
              f"{sc['core_micro']['f']:>8.4f}{sc['count_of']['f']:>9.4f}", flush=True)


if __name__ == "__main__":
    main()
