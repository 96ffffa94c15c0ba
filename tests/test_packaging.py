"""Pipelines as packages (``nrcie package``): spaCy's model-package layout, version-locked to
nrcie, loadable by both names with no models/ folder."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import nrcie
from nrcie.packaging import package_meta, package_model, requirement

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "models"


def test_a_package_requires_exactly_this_nrcie_with_the_extra_it_needs():
    assert requirement(MODELS / "fast") == f"nrcie=={nrcie.__version__}"
    assert requirement(MODELS / "accurate") == f"nrcie[accurate]=={nrcie.__version__}"
    meta = package_meta(MODELS / "fast", "fast")
    assert (meta["lang"], meta["name"], meta["version"]) == ("zh", "nrcie_fast", nrcie.__version__)
    assert meta["pipeline"] == json.loads((MODELS / "fast" / "meta.json").read_text())["pipeline"]


def test_packaged_pipeline_loads_by_both_names_without_models(tmp_path):
    before = {p: p.stat().st_mtime_ns for p in (MODELS / "fast").rglob("*")}
    main, whl = package_model("fast", tmp_path / "out", wheel=False)
    assert whl is None and main.name == f"zh_nrcie_fast-{nrcie.__version__}"
    assert (main / "setup.py").is_file() and (main / "zh_nrcie_fast" / "__init__.py").is_file()
    assert {p: p.stat().st_mtime_ns for p in (MODELS / "fast").rglob("*")} == before   # untouched
    empty = tmp_path / "no_models"
    empty.mkdir()
    code = """
import nrcie
from nrcie.pipeline import resolve_model
assert resolve_model("fast") == "zh_nrcie_fast", resolve_model("fast")
a, b = nrcie.load("fast"), nrcie.load("zh_nrcie_fast")
assert a.meta["name"] == b.meta["name"] == "nrcie_fast"
r = nrcie.parse("开展执法检查3次", model="zh_nrcie_fast")
print(sorted({e.source.split(":")[0] for e in r.entities}))
"""
    env = {**os.environ, "NRCIE_MODELS": str(empty), "PYTHONPATH": os.pathsep.join([str(main), str(REPO)])}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "model" in out.stdout


def test_package_of_an_unknown_pipeline_is_a_one_line_error(tmp_path, capsys):
    from nrcie.cli import main

    assert main(["package", "nosuch", str(tmp_path)]) == 2
    assert "not a trained pipeline" in capsys.readouterr().err


def test_every_third_party_import_is_declared_in_pyproject():
    spec = importlib.util.spec_from_file_location("check_imports", REPO / ".ci" / "check_imports.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    assert check.main(["--pyproject", str(REPO / "pyproject.toml")]) == 0
