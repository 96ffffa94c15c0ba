"""Where a pipeline's time goes: seconds per component on the 10,000-character report.

Same report as speed.py (our own text, annotations/original/ow[1-4]_*.txt joined);
one process, BLAS and torch limited to --threads; best of --repeat runs per
component, the Doc passed from component to component as nlp() would.
usage: python benchmarks/components.py [--model fast] [--repeat 5] [--threads 1]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from report import report_text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="fast")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)   # before numpy/torch load their BLAS

    import spacy

    import nrcie
    try:
        import torch
        torch.set_num_threads(args.threads)
    except ImportError:
        pass
    text = report_text()
    nlp = nrcie.load(args.model)
    nlp(text[:500])  # warm up
    best = {"tokenizer": float("inf"), **{name: float("inf") for name in nlp.pipe_names}}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        doc = nlp.make_doc(text)
        best["tokenizer"] = min(best["tokenizer"], time.perf_counter() - t0)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            best[name] = min(best[name], time.perf_counter() - t0)
    print(f"{args.model} on {len(text):,} characters, spaCy {spacy.__version__}, {args.threads} thread(s), "
          f"best of {args.repeat}")
    for name, seconds in best.items():
        print(f"  {name:22s} {seconds:7.3f} s")
    total = sum(best.values())
    print(f"  {'all components':22s} {total:7.3f} s  ({len(text) / total:,.0f} chars/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
