#!/usr/bin/env bash
# Set up nrcie from scratch and run the main job on the shipped default pipeline.
#   bash setup.sh            # creates .venv, installs, parses examples/sample_report.txt
# Torch is installed first as the CPU build (torch==2.13.0); the project's torch range
# admits it, so nothing pulls a CUDA build later.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[accurate,cluster,dev]"
echo "== nrcie $(.venv/bin/nrcie --version | cut -d' ' -f2) installed; parsing examples/sample_report.txt with the default pipeline"
.venv/bin/nrcie parse examples/sample_report.txt --format table
