#!/usr/bin/env bash
# CI: nrcie as a new user gets it, from wheels, with no source tree anywhere near.
#   bash .ci/install_check.sh        # after `bash setup.sh` (its .venv builds the model package)
#
# 1. builds nrcie's wheel (`pip wheel .`, from a copy of the checkout's files) and the
#    default pipeline's package wheel (`nrcie package DEFAULT`);
# 2. installs them into a fresh venv (torch==2.13.0, the CPU build, first);
# 3. from an empty temporary folder: parses examples/sample_report.txt and checks its
#    entities come from the model, that spacy.load("zh_nrcie_DEFAULT") and
#    nrcie.load("DEFAULT") work, that `pip check` is clean, that every third-party
#    module nrcie imports is declared (.ci/check_imports.py), and that without the
#    model package the default is a ModelNotFoundError (never the rules pipeline).
# KEEP=1 keeps the work folder; PYTHON picks the interpreter of the fresh venv.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${PYTHON:-python3}
BUILD_PY=${BUILD_PY:-$REPO/.venv/bin/python}
DEFAULT=$(tr -d '[:space:]' < models/DEFAULT)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nrcie-install-check.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; fi
START=$SECONDS
say() { echo "== install check ($((SECONDS - START)) s): $*"; }

say "building the wheels in $WORK/dist"
# the checkout's files (tracked and new, not ignored): no stale build/ or egg-info gets in
mkdir -p "$WORK/src" "$WORK/dist" "$WORK/run" "$WORK/cache"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$WORK/src"
"$BUILD_PY" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
NRCIE_CACHE="$WORK/cache" "$BUILD_PY" -m nrcie package "$DEFAULT" "$WORK/dist" > /dev/null
ls -l "$WORK"/dist/*.whl

say "installing them into a fresh venv"
"$PY" -m venv "$WORK/venv"
V="$WORK/venv/bin/python"
"$V" -m pip install --quiet "torch==2.13.0"
"$V" -m pip install --quiet "$WORK"/dist/nrcie-*.whl "$WORK/dist/zh_nrcie_${DEFAULT}"-*.whl
"$V" -m pip check

cp examples/sample_report.txt "$WORK/run/"
cp .ci/check_imports.py "$WORK/run/"
cd "$WORK/run"
# no source tree on the path: an empty folder, no PYTHONPATH, the encoder cache fresh
export NRCIE_CACHE="$WORK/cache/fresh"
unset PYTHONPATH NRCIE_MODELS NRCIE_SEEDS NRCIE_UNLABELED

say "parsing sample_report.txt with the installed default pipeline ($DEFAULT)"
"$V" - "$DEFAULT" <<'EOF'
import sys
from pathlib import Path

import spacy

import nrcie
from nrcie.paths import checkout_root
from nrcie.pipeline import available_models, default_model_name, resolve_model

default = sys.argv[1]
assert "site-packages" in nrcie.__file__, f"nrcie imported from {nrcie.__file__}, not the installed wheel"
assert checkout_root() is None, f"a source checkout is visible: {checkout_root()}"
assert default_model_name() == default, (default_model_name(), default)
assert resolve_model(None) == f"zh_nrcie_{default}", resolve_model(None)
assert default in available_models(), available_models()

text = Path("sample_report.txt").read_text(encoding="utf-8")
r = nrcie.parse(text)
by_model = [e for e in r.entities if (e.source or "").startswith("model")]
assert by_model, f"no entity comes from the model: sources {sorted({e.source for e in r.entities})}"
assert len(r.activities) >= 8, f"only {len(r.activities)} activities"
for e in r.entities:
    assert text[e.start:e.end] == e.text
nlp = spacy.load(f"zh_nrcie_{default}")
assert nlp.meta["name"] == f"nrcie_{default}", nlp.meta["name"]
assert nrcie.load(default).pipe_names == nlp.pipe_names
print(f"nrcie {nrcie.__version__} from {Path(nrcie.__file__).parent}; pipeline zh_nrcie_{default}: "
      f"{len(r.entities)} entities ({len(by_model)} from the model), {len(r.relations)} COUNT_OF, "
      f"{len(r.activities)} activities; spacy.load('zh_nrcie_{default}'): {', '.join(nlp.pipe_names)}")
EOF
"$WORK/venv/bin/nrcie" parse sample_report.txt -f table | head -12

say "imports declared"
"$V" check_imports.py

say "without the model package the default is an error that says how to install it"
"$V" -m pip uninstall --quiet -y "zh_nrcie_${DEFAULT}"
set +e
"$WORK/venv/bin/nrcie" parse sample_report.txt > out.txt 2> err.txt
status=$?
set -e
cat err.txt
if [ "$status" -ne 2 ] || ! grep -q "pip install zh_nrcie_${DEFAULT}" err.txt || [ -s out.txt ]; then
  echo "install check: expected exit status 2 and the install instructions, got $status" >&2
  exit 1
fi
say "passed"
