"""Print the README's accuracy tables (Markdown) from the JSON reports in results/.

The reports come from `nrcie evaluate MODEL SPLIT -o benchmarks/results/eval_MODEL_SPLIT.json`,
`python benchmarks/compare_lac.py --json benchmarks/results/compare_lac_test.json`,
`python training/learning_curve.py -o benchmarks/results/learning_curve.json`,
`python training/register_curve.py -o benchmarks/results/register_curve.json`,
`python benchmarks/speed.py --json ...` and `python benchmarks/scale.py --json ...`;
this script only formats them, so the README's numbers are the reports' numbers.
usage: python benchmarks/tables.py [--split test|dev|dev_own] [--models rules fast accurate] [--prf]
       python benchmarks/tables.py --speed | --scale | --learning-curve | --register-curve
       python benchmarks/tables.py --write     # rewrite the generated blocks of the READMEs
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


def _cell(x: dict, prf: bool) -> str:
    return f"{x.get('p', 0.0):.2f} / {x.get('r', 0.0):.2f} / {x.get('f', 0.0):.2f}" if prf else f"{x.get('f', 0.0):.2f}"


def accuracy_table(split: str, models: list[str], prf: bool = False) -> str:
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
        cells = [_cell(r["per_label"].get(label, {}), prf) for r in reports.values()]
        lines.append(f"| {label} ({support}) | " + " | ".join(cells) + " |")
    for key, title in SUMMARY:
        cells = [(_cell(r[key], True) if prf else f"{r[key]['f']:.3f}") if r.get(key) else "n/a"
                 for r in reports.values()]
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


def learning_curve_table() -> str:
    report = load("learning_curve.json")
    if not report:
        return f"(no learning_curve.json in {RESULTS})"
    lines = ["| real training text | documents | characters | dev micro F | dev core F | dev COUNT_OF |",
             "|---|---|---|---|---|---|"]
    for r in report["rows"]:
        lines.append(f"| {r['share']:.0%} | {r['real_docs']} | {r['real_chars']:,} | {r['dev_micro_f']:.3f} | "
                     f"{r['dev_core_f']:.3f} | {r['dev_count_of_f']:.3f} |")
    return "\n".join(lines)


def register_curve_table() -> str:
    """Fast trained with 0, 1 or 2 congress reports, scored on test (``training/register_curve.py``)."""
    report = load("register_curve.json")
    if not report:
        return f"(no register_curve.json in {RESULTS})"
    lines = ["| congress reports trained on | their characters | test congress reports: micro F | core F "
             "| COUNT_OF | ACTIVITY | test excerpts: micro F |", "|---|---|---|---|---|---|---|"]
    for r in report["rows"]:
        c, x = r["test_congress"], r["test_excerpts"]
        lines.append(f"| {r['congress_reports']} | {r['congress_chars']:,} | {c['micro_f']:.3f} | {c['core_f']:.3f} | {c['count_of_f']:.3f} | "
                     f"{c['per_label_f']['ACTIVITY']:.3f} | {x['micro_f']:.3f} |")
    return "\n".join(lines)


def speed_table() -> str:
    """The README's speed table from ``results/speed.json`` (``benchmarks/speed.py --json``)."""
    report = load("speed.json")
    if not report:
        return f"(no speed.json in {RESULTS})"
    cores = sorted({int(k.split("/")[1]) for k in report})
    names = list(dict.fromkeys(k.split("/")[0] for k in report))
    head = "| pipeline | " + " | ".join(f"chars/s, {c} core{'s' if c > 1 else ''} (× rules)" for c in cores)
    lines = [head + " | peak memory |", "|---" * (len(cores) + 2) + "|"]
    for name in names:
        cells = []
        for c in cores:
            r = report.get(f"{name}/{c}", {})
            base = report.get(f"rules/{c}", {}).get("chars_per_s")
            ratio = r.get("ratio_to_rules") or (r["chars_per_s"] / base if base and "chars_per_s" in r else None)
            cells.append(f"{r['chars_per_s']:,.0f} ({ratio:.3f})" if ratio else
                         f"{r['chars_per_s']:,.0f}" if "chars_per_s" in r else "n/a")
        mem = max((report[f"{name}/{c}"].get("peak_rss_mb", 0) for c in cores if f"{name}/{c}" in report), default=0)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {mem:,.0f} MB |")
    return "\n".join(lines)


#: the workload of the projection: 10,000 reports of 10,000 characters
PROJECTED_CHARS = 10_000 * 10_000


def scale_table(workers: tuple[int, ...] = (4, 16, 64)) -> str:
    """Hours for 10,000 reports of 10,000 characters: on this machine with the better of
    ``n_process`` 1 and 2 (``results/scale.json``), and on a Dask cluster of N workers of this
    machine's size, each as fast as one machine (an upper bound: scheduling and file
    transfer are left out)."""
    report = load("scale.json")
    if not report:
        return f"(no scale.json in {RESULTS})"
    names = list(dict.fromkeys(k.split("/")[0] for k in report))
    lines = ["| pipeline | chars/s, n_process=1 | n_process=2 (× 1) | peak MB, main process | 10,000 reports, one machine | "
             + " | ".join(f"{n} workers" for n in workers) + " |", "|---" * (5 + len(workers)) + "|"]

    def hours(chars_per_s: float) -> str:
        h = PROJECTED_CHARS / chars_per_s / 3600
        return f"{h:,.1f} h" if h >= 1 else f"{h * 60:,.0f} min" if h * 60 >= 1 else f"{h * 3600:,.0f} s"

    for name in names:
        one, two = report.get(f"{name}/n_process=1", {}), report.get(f"{name}/n_process=2", {})
        if "chars_per_s" not in one:
            continue
        best = max(one["chars_per_s"], two.get("chars_per_s", 0))
        speedup = f"{two['chars_per_s']:,.0f} ({two['chars_per_s'] / one['chars_per_s']:.2f})" \
            if "chars_per_s" in two else "n/a"
        mem = max(one.get("peak_rss_mb", 0), two.get("peak_rss_mb", 0))
        lines.append(f"| {name} | {one['chars_per_s']:,.0f} | {speedup} | {mem:,.0f} | {hours(best)} | "
                     + " | ".join(hours(best * n) for n in workers) + " |")
    return "\n".join(lines)


def readme_block(readme: str, name: str) -> str | None:
    """The text between ``<!-- NAME -->`` and ``<!-- /NAME -->`` in the README, stripped."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start not in readme or end not in readme:
        return None
    return readme.split(start, 1)[1].split(end, 1)[0].strip()


#: the generated blocks: (file under the repository root, block name, generator)
BLOCKS = (
    ("README.md", "accuracy-test-table", lambda: accuracy_table("test", ["rules", "fast", "accurate"], prf=True)),
    ("README.md", "lac-table", lambda: lac_table()),
    ("README.md", "learning-curve-table", lambda: learning_curve_table()),
    ("README.md", "register-curve-table", lambda: register_curve_table()),
    ("README.md", "speed-table", lambda: speed_table()),
    ("benchmarks/README.md", "scale-table", lambda: scale_table()),
)


def write_blocks(root: Path | None = None) -> list[str]:
    """Rewrite every generated block (``BLOCKS``) in place from the JSON reports; the
    names of the blocks that changed."""
    root = root or Path(__file__).resolve().parents[1]
    changed = []
    for rel, name, generate in BLOCKS:
        path = root / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        old = readme_block(text, name)
        if old is None:
            continue
        new = generate().strip()
        if new != old:
            start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
            head, rest = text.split(start, 1)
            path.write_text(f"{head}{start}\n{new}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")
            changed.append(name)
    return changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="test", choices=["dev", "test", "dev_own"])
    ap.add_argument("--models", nargs="+", default=["rules", "fast", "accurate"])
    ap.add_argument("--prf", action="store_true", help="precision / recall / F per cell")
    ap.add_argument("--learning-curve", action="store_true", help="the learning-curve table only")
    ap.add_argument("--register-curve", action="store_true", help="the congress-report curve only")
    ap.add_argument("--speed", action="store_true", help="the speed table only (results/speed.json)")
    ap.add_argument("--scale", action="store_true", help="the scale projection only (results/scale.json)")
    ap.add_argument("--write", action="store_true",
                    help="rewrite the generated tables of README.md and benchmarks/README.md in place")
    args = ap.parse_args(argv)
    if args.write:
        changed = write_blocks()
        print("rewrote: " + (", ".join(changed) if changed else "nothing (all tables current)"))
        return 0
    if args.scale:
        print(scale_table())
        return 0
    if args.speed:
        print(speed_table())
        return 0
    if args.learning_curve:
        print(learning_curve_table())
        return 0
    if args.register_curve:
        print(register_curve_table())
        return 0
    print(accuracy_table(args.split, args.models, args.prf))
    if args.split == "test":
        print()
        print(lac_table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
