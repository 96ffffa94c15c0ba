"""The benchmarks' ``NAME@settings`` names: which pipeline, which tagger settings."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEY = "components.nrcie_transformer_ner."


def _report():
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "benchmarks" / "report.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("spec, name, config", [
    ("fast", "fast", {}),
    ("accurate@", "accurate", {}),
    ("accurate@float32", "accurate", {KEY + "precision": "float32"}),
    ("accurate@float32,stride=128", "accurate", {KEY + "precision": "float32", KEY + "stride": 128}),
    ("accurate@stride=150,batch_size=64", "accurate", {KEY + "stride": 150, KEY + "batch_size": 64}),
    ("/tmp/held-out@bfloat16", "/tmp/held-out", {KEY + "precision": "bfloat16"}),
    ("accurate@one_char_spans=true", "accurate", {KEY + "one_char_spans": True}),
    # a dotted key is another component's setting
    ("fast@nrcie_boundary_snap.unseen_ends=keep", "fast", {"components.nrcie_boundary_snap.unseen_ends": "keep"}),
])
def test_spec_names_a_pipeline_and_its_tagger_settings(spec, name, config):
    assert _report().spec_config(spec) == (name, config)
