"""Cost of scale: ``nrcie.parse_many`` over many reports with ``n_process`` 1 and 2, and the
projection for 10,000 reports of 10,000 characters on one machine and on a Dask cluster.

Each (pipeline, n_process) runs in a fresh process over ``--docs`` copies of the
benchmark report (our own text, benchmarks/report.py; each copy's numbers shifted so no
two are alike), after a warm-up. ``benchmarks/tables.py --scale`` prints the projection
table from the JSON; the figures in benchmarks/README.md are that output.
usage: python benchmarks/scale.py [--models rules fast accurate] [--docs 40] [--chars 5000] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import run_child  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, re, resource, sys, time
sys.path[:0] = [{root!r}, {bench!r}]
name, n_process, docs, chars = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
import nrcie
from report import report_text
base = report_text(chars)
texts = [re.sub(r"\d+", lambda m: str(int(m.group()) + i), base) for i in range(docs)]
nlp = nrcie.load(name)
nrcie.parse(base[:500], model=nlp)
t0 = time.perf_counter()
n = sum(1 for _ in nrcie.parse_many(texts, model=nlp, n_process=n_process))
dt = time.perf_counter() - t0
print(json.dumps({{"docs": n, "chars": sum(map(len, texts)), "seconds": dt,
                   "chars_per_s": sum(map(len, texts)) / dt,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(name: str, n_process: int, docs: int, chars: int) -> dict:
    return run_child(CHILD, [name, n_process, docs, chars])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", nargs="+", default=["rules", "fast", "accurate"])
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--chars", type=int, default=5000, help="characters per document")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results = {}
    for name in args.models:
        for n in (1, 2):
            r = measure(name, n, args.docs, args.chars)
            results[f"{name}/n_process={n}"] = r
            print(name, n, json.dumps(r), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
