"""Soak: does memory stay flat over 10,000 short documents?

The documents are our own text: the sentences of examples/sample_report.txt and
annotations/original/*.txt, cut into documents of 1 to 4 sentences; each pass over
the sentences shifts every number by the pass number, and a document met before is
numbered, so no two documents are the same (strings a pipeline might keep per
distinct text would show as growth).

Each run is a fresh process with one pipeline:
- ``api``: ``nrcie.parse_many`` over the documents (each result turned into its
  ``to_dict()``, as a user would), RSS read in the process every ``--every`` documents;
- ``cli``: ``nrcie parse DIR -o OUT.jsonl`` over a folder of the documents as files,
  RSS of that process read from outside (psutil, every 50 ms) and filed under each
  multiple of ``--every`` that the output's line count has passed (the actual
  count is in the JSON); its documents/s include starting Python and the pipeline.

Memory is flat when, after the warm-up (the first ``--warmup`` documents), neither the
highest nor the lowest RSS of the second half of the samples is more than max(10 MB,
2%) above that of the first half: a leak lifts both, while the pipeline's working
arrays make RSS swing up and down by tens of MB from batch to batch (the fast
pipeline here: 334-364 MB), so a straight-line slope through the samples, also
printed, moves with where the swings fall.

usage: nice -n 19 python benchmarks/soak.py [--docs 10000] [--every 500] [--models rules fast]
       [--modes api cli] [--json benchmarks/results/soak.json]
       python benchmarks/soak.py --tables benchmarks/results/soak.json   # print a saved run's tables
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "sample_report.txt", *sorted((ROOT / "annotations" / "original").glob("*.txt"))]
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
DIGITS = re.compile(r"\d+")


def documents(n: int) -> list[str]:
    """``n`` distinct short documents (1-4 sentences) cut from our own texts."""
    sentences = [m.group().strip() for p in SOURCES for m in SENTENCE.finditer(p.read_text(encoding="utf-8"))]
    sentences = [s for s in sentences if len(s) >= 8]
    docs: list[str] = []
    seen: set[str] = set()
    i = passes = 0
    while len(docs) < n:
        k = 1 + len(docs) % 4
        if i + k > len(sentences):
            i, passes = 0, passes + 1
            continue
        text = "".join(sentences[i:i + k])
        if passes:
            text = DIGITS.sub(lambda m: str(int(m.group()) + passes), text)
        if text in seen:  # a sentence without numbers, or one our texts repeat: numbered
            text = f"（{len(docs) + 1}）{text}"
        seen.add(text)
        docs.append(text)
        i += k
    return docs


def rss_mb(pid: int | None = None) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def child_env() -> dict:
    # our nrcie (this checkout), one thread each: the machine's other core is busy
    return dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                OPENBLAS_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")


def run_api(model: str, n: int, every: int) -> dict:
    """In a child process (this script with --child): parse_many, sampling its own RSS."""
    out = subprocess.run([sys.executable, __file__, "--child", model, "--docs", str(n), "--every", str(every)],
                         capture_output=True, text=True, env=child_env(), cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"api {model} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(model: str, n: int, every: int) -> None:
    import nrcie

    docs = documents(n)
    nlp = nrcie.load(model)
    samples = [(0, rss_mb())]  # after loading, before the first document
    t0 = time.perf_counter()
    for i, result in enumerate(nrcie.parse_many(docs, model=nlp), 1):
        result.to_dict()
        if i % every == 0:
            samples.append((i, rss_mb()))
    seconds = time.perf_counter() - t0
    print(json.dumps({"samples": samples, "seconds": seconds, "chars": sum(map(len, docs))}))


def run_cli(model: str, n: int, every: int) -> dict:
    docs = documents(n)
    with tempfile.TemporaryDirectory(prefix="nrcie-soak-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        width = len(str(n))
        for i, text in enumerate(docs):
            (folder / f"{i:0{width}d}.txt").write_text(text + "\n", encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        out.touch()
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "nrcie", "parse", str(folder), "-o", str(out), "-m", model,
                                 "--no-progress"], env=child_env(), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples: list[tuple[int, float]] = []
        actual: list[int] = []
        lines, peak, target = 0, 0.0, every
        with open(out, "rb") as f:
            while True:
                done = proc.poll() is not None
                lines += f.read().count(b"\n")
                if not done:
                    try:
                        now = rss_mb(proc.pid)
                    except Exception:  # it has just exited
                        now = None
                    if now is not None:
                        peak = max(peak, now)
                        while lines >= target:
                            samples.append((target, now))
                            actual.append(lines)
                            target += every
                if done:
                    break
                time.sleep(0.05)
        seconds = time.perf_counter() - t0
        err = proc.stderr.read().decode("utf-8", "replace")
        if proc.returncode or lines != n:
            raise SystemExit(f"cli {model} failed ({lines} of {n} lines, status {proc.returncode}):\n{err}")
    return {"samples": samples, "lines_at_sample": actual, "seconds": seconds, "chars": sum(map(len, docs)),
            "peak_polled_mb": peak}


def verdict(samples: list[tuple[int, float]], warmup: int) -> dict:
    after = [(i, m) for i, m in samples if i >= warmup]
    if len(after) < 4:
        return {"flat": None}
    first, second = [m for _, m in after[:len(after) // 2]], [m for _, m in after[len(after) // 2:]]
    xs, ys = [i for i, _ in after], [m for _, m in after]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs) * 1000
    tolerance = max(10.0, 0.02 * max(first))
    ceiling, floor = max(second) - max(first), min(second) - min(first)
    return {"at_warmup_mb": after[0][1], "at_end_mb": after[-1][1], "range_mb": [min(ys), max(ys)],
            "ceiling_growth_mb": ceiling, "floor_growth_mb": floor, "mb_per_1000_docs": slope,
            "flat": ceiling <= tolerance and floor <= tolerance}


def print_tables(runs: dict, docs: int, warmup: int) -> None:
    names = list(runs)
    print("\nRSS in MB after N documents (api: nrcie.parse_many in one process; cli: nrcie parse DIR -o OUT.jsonl)\n")
    print("| documents | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    points = sorted({i for r in runs.values() for i, _ in r["samples"]})
    for i in points:
        cells = []
        for name in names:
            near = [m for j, m in runs[name]["samples"] if j == i]
            cells.append(f"{near[0]:.0f}" if near else "")
        print(f"| {i:,} | " + " | ".join(cells) + " |")
    print(f"\n| run | docs/s | chars/s | MB after {warmup:,} docs | range after | second half vs first: "
          "highest, lowest | slope, MB per 1,000 docs | flat |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in runs.items():
        r.update(verdict(r["samples"], warmup))
        flat = {True: "yes", False: "**no**", None: "?"}[r["flat"]]
        lo, hi = r.get("range_mb", (0, 0))
        print(f"| {name} | {docs / r['seconds']:,.0f} | {r['chars'] / r['seconds']:,.0f} | "
              f"{r.get('at_warmup_mb', 0):.0f} | {lo:.0f}-{hi:.0f} | {r.get('ceiling_growth_mb', 0):+.0f}, "
              f"{r.get('floor_growth_mb', 0):+.0f} MB | {r.get('mb_per_1000_docs', 0):+.2f} | {flat} |")
    all_flat = all(r["flat"] for r in runs.values())
    print(f"\nMemory flat after the warm-up ({warmup:,} documents): "
          + ("yes, in every run." if all_flat else
             "NO: " + ", ".join(n for n, r in runs.items() if not r["flat"]) + "."))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--warmup", type=int, default=2_000, help="documents before memory must be flat")
    ap.add_argument("--models", nargs="+", default=["rules", "fast"])
    ap.add_argument("--modes", nargs="+", default=["api", "cli"], choices=["api", "cli"])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--tables", type=Path, metavar="JSON", help="print the tables of a saved run and stop")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.tables:
        saved = json.loads(args.tables.read_text(encoding="utf-8"))
        print_tables(saved["runs"], saved["docs"], saved["warmup"])
        return
    if args.child:
        child(args.child, args.docs, args.every)
        return

    docs = documents(args.docs)
    print(f"{len(docs):,} documents, {sum(map(len, docs)):,} characters "
          f"({min(map(len, docs))}-{max(map(len, docs))} per document)", flush=True)
    runs = {}
    for mode in args.modes:
        for model in args.models:
            name = f"{mode} {model}"
            print(f"running {name} ...", file=sys.stderr, flush=True)
            runs[name] = (run_api if mode == "api" else run_cli)(model, args.docs, args.every)

    print_tables(runs, args.docs, args.warmup)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"docs": args.docs, "every": args.every, "warmup": args.warmup,
                                         "runs": runs}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
