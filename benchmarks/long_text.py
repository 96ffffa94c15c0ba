"""Cost of text length: seconds and peak memory of one `nrcie.parse` call from 10k to 2M characters.

Each length runs in a fresh process (our own report text repeated to the length),
parses it, then reads the activity table and ``to_dict()`` as a user would.  Cost
linear in length shows as a flat chars/s column; memory bounded by the part size
(long texts are processed in 20,000-character parts) as a flat peak-MB column.
usage: python benchmarks/long_text.py [--models rules fast] [--lengths 10000 100000 1000000 2000000] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
sys.path[:0] = [{root!r}, {bench!r}]
name, length = sys.argv[1], int(sys.argv[2])
import nrcie
from report import report_text
base = report_text()
text = (base * (length // len(base) + 1))[:length]
nlp = nrcie.load(name)
nrcie.parse(base[:500], model=nlp)
t0 = time.perf_counter()
r = nrcie.parse(text, model=nlp)
t1 = time.perf_counter()
n_act = len(r.activities)
d = r.to_dict()
t2 = time.perf_counter()
print(json.dumps({{"parse_s": t1 - t0, "tables_s": t2 - t1, "activities": n_act,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(name: str, length: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    code = CHILD.format(root=str(ROOT), bench=str(Path(__file__).resolve().parent))
    out = subprocess.run([sys.executable, "-c", code, name, str(length)], capture_output=True, text=True, env=env)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", nargs="+", default=["rules", "fast"])
    ap.add_argument("--lengths", nargs="+", type=int, default=[10_000, 100_000, 500_000, 1_000_000, 2_000_000])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    rows = []
    print("| pipeline | characters | parse s | activities + to_dict s | chars/s | peak MB |")
    print("|---|---|---|---|---|---|")
    for name in args.models:
        for n in args.lengths:
            m = measure(name, n)
            rows.append({"model": name, "chars": n, **m})
            if "error" in m:
                print(f"| {name} | {n:,} | error: {m['error']} | | | |")
                continue
            total = m["parse_s"] + m["tables_s"]
            print(f"| {name} | {n:,} | {m['parse_s']:.1f} | {m['tables_s']:.2f} | {n / total:,.0f} | "
                  f"{m['peak_rss_mb']:.0f} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
