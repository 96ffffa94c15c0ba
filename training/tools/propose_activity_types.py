"""Propose gold activity types for the gold ACTIVITY spans, and score the typer on reviewed types.

    python training/tools/propose_activity_types.py propose OUT.jsonl [--corpus DIR ...]
    python training/tools/propose_activity_types.py agree REVIEWED.jsonl

``propose`` runs the clause typer (:func:`nrcie.normalize.activity.type_activity`) on every
gold ACTIVITY of the corpus, in its document (so the clause and sentence are there), and
writes one JSON line per span: ``doc_id, start, end, text, type, auto_type, type_source``
(``type`` = the gold type when the span already has one, else the proposal; a reviewer
corrects ``type``).  The output holds span surfaces of third-party reports: write it
outside the repository.  ``agree`` reports how often ``auto_type`` equals the reviewed
``type`` (the typer's accuracy on that gold), overall, per source and per type, and the
share of ``other``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from nrcie.corpus.standoff import ANNOTATIONS_DIR, load_corpus  # noqa: E402
from nrcie.normalize.activity import type_activity  # noqa: E402


def propose(out: Path, corpora: list[Path]) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for root in corpora:
            for doc in load_corpus(root):
                for e in doc.entities:
                    if e["label"] != "ACTIVITY":
                        continue
                    d = type_activity(doc.text, e["start"], e["end"])
                    rec = {"doc_id": doc.doc_id, "start": e["start"], "end": e["end"], "text": e["text"],
                           "type": e.get("type") or d.type, "auto_type": d.type, "type_source": d.source,
                           "source": doc.source}
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    n += 1
    print(f"{n} ACTIVITY spans typed -> {out}")
    return 0


def agree(path: Path) -> int:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    groups: dict[str, list] = {"all": rows}
    for r in rows:
        groups.setdefault(f"source={r.get('source') or r['doc_id'].split('_')[0]}", []).append(r)
    for name, rs in groups.items():
        ok = sum(r["auto_type"] == r["type"] for r in rs)
        other = sum(r["type"] == "other" for r in rs)
        print(f"{name:<20} agreement {ok}/{len(rs)} = {ok / len(rs):.3f}   gold other {other / len(rs):.1%}")
    per_type = Counter(r["type"] for r in rows)
    hits = Counter(r["type"] for r in rows if r["auto_type"] == r["type"])
    print("\nper reviewed type: correct/total")
    for t, n in per_type.most_common():
        print(f"  {t:<24}{hits[t]:>5}/{n:<5}")
    confusion = Counter((r["type"], r["auto_type"]) for r in rows if r["auto_type"] != r["type"])
    print("\nmost frequent disagreements (reviewed -> automatic)")
    for (g, p), n in confusion.most_common(25):
        print(f"  {g} -> {p}: {n}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("propose")
    p.add_argument("out", type=Path)
    p.add_argument("--corpus", type=Path, action="append",
                   help="gold folders (default: annotations/seeds and annotations/original)")
    a = sub.add_parser("agree")
    a.add_argument("reviewed", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "propose":
        return propose(args.out, args.corpus or [ANNOTATIONS_DIR / "seeds", ANNOTATIONS_DIR / "original"])
    return agree(args.reviewed)


if __name__ == "__main__":
    sys.exit(main())
