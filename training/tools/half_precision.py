"""Store a saved pipeline's thinc weights in half precision, in place.

    python training/tools/half_precision.py models/fast

``nrcie train fast`` does this itself; this converts a pipeline trained before it
did.  The pipeline then carries the ``nrcie_float32_weights`` component, which casts
the weights back to float32 when it is loaded (see nrcie/components/precision.py).
Running it twice changes nothing.
"""
import argparse
import sys
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model_dirs", nargs="+", type=Path, help="saved pipeline folders (with config.cfg)")
    args = ap.parse_args(argv)
    from nrcie.components.precision import store_half_precision

    for d in args.model_dirs:
        if not (d / "config.cfg").is_file():
            print(f"half_precision: {d} is not a saved spaCy pipeline (no config.cfg)", file=sys.stderr)
            return 2
        before = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
        rewritten = store_half_precision(d)
        after = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
        print(f"{d}: {len(rewritten)} model file(s) rewritten, {before / 2**20:.2f} MB -> {after / 2**20:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
