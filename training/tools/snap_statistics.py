"""Add statistics a newer boundary snap learns to a trained pipeline's ``edges.json``,
from the gold its tagger was trained on, without retraining (the other statistics stay
as they are).

    python training/tools/snap_statistics.py models/accurate --all-gold   # a shipped pipeline
    python training/tools/snap_statistics.py DIR                           # a held-out twin (train split)

Today's key: ``befores`` (the word right before each gold span, per label; step 6 of
``nrcie_boundary_snap_v1``).  ``nrcie train`` learns it with the rest.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from nrcie.components.boundary import STATS_FILE, BoundarySnap
from nrcie.corpus.reader import select_gold
from nrcie.errors import NrcieError

KEYS = ("befores",)


def add_statistics(pipeline: Path, all_gold: bool = False, component: str = "nrcie_boundary_snap") -> dict:
    path = Path(pipeline) / component / STATS_FILE
    if not path.is_file():
        raise NrcieError(f"{pipeline} has no {component}/{STATS_FILE}: is it a trained nrcie pipeline?")
    snap = BoundarySnap()
    snap.train(select_gold(["train"], all_gold=all_gold))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["befores"] = {k: dict(v) for k, v in snap.befores.items()}
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return data


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pipeline", type=Path)
    ap.add_argument("--all-gold", action="store_true", help="every split (a shipped pipeline), not only train")
    args = ap.parse_args(argv)
    data = add_statistics(args.pipeline, args.all_gold)
    print(f"{args.pipeline}: befores for {', '.join(sorted(data['befores']))}")


if __name__ == "__main__":
    main()
