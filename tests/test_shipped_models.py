"""The shipped pipelines load offline from models/ and keep their promises on text we wrote."""
from pathlib import Path

import pytest

import nrcie
from nrcie.pipeline import available_models, default_model_name, models_dir

SAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "sample_report.txt").read_text(encoding="utf-8")


def test_default_names_a_shipped_pipeline():
    assert default_model_name() in available_models() + ["rules"]


def test_an_installed_nrcie_has_the_same_default_as_the_checkout():
    # a wheel carries no models/DEFAULT: PACKAGED_DEFAULT says which zh_nrcie_* package is the default
    from nrcie.pipeline import PACKAGED_DEFAULT

    assert (models_dir() / "DEFAULT").read_text(encoding="utf-8").strip() == PACKAGED_DEFAULT


@pytest.mark.parametrize("name", ["fast", "accurate"])
def test_shipped_pipeline_loads_and_extracts(name):
    if name not in available_models():
        pytest.fail(f"models/{name} is missing")
    nlp = nrcie.load(name)
    assert nlp.pipe_names[-2:] == ["nrcie_count_linker", "nrcie_relation"]
    r = nrcie.parse(SAMPLE, model=nlp)
    for e in r.entities:
        assert SAMPLE[e.start:e.end] == e.text
    labels = {e.label for e in r.entities}
    assert {"COUNT", "ACTIVITY", "BODY", "DATE", "REGULATION"} <= labels
    assert len(r.activities) >= 8  # the sample report states a dozen counted kinds of work


@pytest.mark.parametrize("name", ["fast", "accurate"])
def test_shipped_pipeline_is_small(name):
    size = sum(p.stat().st_size for p in (models_dir() / name).rglob("*") if p.is_file())
    assert size < 10 * 2 ** 20


@pytest.mark.parametrize("name", ["fast", "accurate"])
def test_shipped_boundary_snap_has_every_statistic_it_uses(name):
    # a statistic missing from edges.json silently switches its step off (older pipelines load without it)
    snap = nrcie.load(name).get_pipe("nrcie_boundary_snap")
    assert snap.ends and snap.starts and snap.tails
    assert snap.befores.get("MEETING"), "run training/tools/snap_statistics.py on the pipeline"
