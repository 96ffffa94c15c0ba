"""Speed and peak memory of each pipeline on a 10,000-character report.

The report is our own original text (the first writers' documents,
annotations/original/ow[1-4]_*.txt, joined until 10,000 characters). Each
measurement runs in a fresh process: one process on one core (torch and BLAS
limited to one thread), and one process on all cores (torch and BLAS threads =
cores). Peak memory is the process's maximum resident set size. Each figure also
stands as a ratio to ``rules`` at the same number of cores, measured in the same run:
ratios hold across machines, absolute figures vary by a third from run to run here.
The README's speed table is printed from the JSON by ``benchmarks/tables.py --speed``.
A name ``accurate@float32,stride=128`` loads the accurate pipeline with settings of its
tagger overridden (``report.load_spec``): the reference and the default side by side.
usage: python benchmarks/speed.py [--models rules fast accurate@float32,stride=128 accurate] [--repeat 3] [--chars N] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import run_child  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, resource, sys, time
sys.path[:0] = [{root!r}, {bench!r}]
name, cores, repeat, chars = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
try:
    import torch
    torch.set_num_threads(cores)
except ImportError:
    pass
import nrcie
from report import load_spec, report_text
report = report_text()[:chars]
nlp = load_spec(name)
nrcie.parse(report[:500], model=nlp)  # warm up (and build any cache)
best = float("inf")
for _ in range(repeat):
    t0 = time.perf_counter()
    nrcie.parse(report, model=nlp)
    best = min(best, (time.perf_counter() - t0) / len(report))
print(json.dumps({{"chars_per_s": 1 / best, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(name: str, cores: int, repeat: int, chars: int = 10_000) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(cores), MKL_NUM_THREADS=str(cores),
               OPENBLAS_NUM_THREADS=str(cores))
    return run_child(CHILD, [name, cores, repeat, chars], env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", nargs="+", default=["rules", "fast", "accurate@float32,stride=128", "accurate"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chars", type=int, default=10_000, help="characters of the report (smoke runs: fewer)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    results = {}
    print(f"{'pipeline':<30}{'cores':>6}{'chars/s':>12}{'peak MB':>10}")
    for name in args.models:
        for c in sorted({1, cores}):
            r = measure(name, c, args.repeat, args.chars)
            results[f"{name}/{c}"] = r
            if "error" in r:
                print(f"{name:<30}{c:>6}  error: {r['error']}")
            else:
                print(f"{name:<30}{c:>6}{r['chars_per_s']:>12,.0f}{r['peak_rss_mb']:>10,.0f}")
    add_ratios(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def add_ratios(results: dict) -> None:
    """``ratio_to_rules``: each pipeline's chars/s over rules' at the same number of cores."""
    for key, r in results.items():
        base = results.get("rules/" + key.split("/")[1], {})
        if "chars_per_s" in r and base.get("chars_per_s"):
            r["ratio_to_rules"] = r["chars_per_s"] / base["chars_per_s"]


if __name__ == "__main__":
    main()
