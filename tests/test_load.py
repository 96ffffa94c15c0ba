"""How load() finds a pipeline (models/ of the checkout, then the installed zh_nrcie_*
packages), and that a missing or damaged default is an error saying how to install it: never
a silent switch to the rules pipeline."""
import importlib.util
import shutil
from pathlib import Path

import pytest

import nrcie
from nrcie.pipeline import PACKAGE_PREFIX, default_model_name, install_hint, resolve_model

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "models"


def _installed(name):
    return importlib.util.find_spec(PACKAGE_PREFIX + name) is not None


def test_the_checkouts_folder_comes_first_for_a_bare_name():
    assert resolve_model("fast") == MODELS / "fast"
    if not _installed("fast"):
        assert resolve_model("zh_nrcie_fast") == MODELS / "fast"   # the package is named, none installed


def test_a_missing_default_is_an_error_that_says_how_to_install_it(monkeypatch, tmp_path):
    if _installed(default_model_name()):
        pytest.skip("the default pipeline's package is installed here")
    monkeypatch.setenv("NRCIE_MODELS", str(tmp_path))
    assert default_model_name() == nrcie.pipeline.PACKAGED_DEFAULT
    with pytest.raises(nrcie.ModelNotFoundError, match=f"pip install zh_nrcie_{default_model_name()}-"):
        nrcie.load()
    (tmp_path / "DEFAULT").write_text("fast\n")
    with pytest.raises(nrcie.ModelNotFoundError, match="default nrcie pipeline 'fast' is not installed"):
        nrcie.load(None)
    assert install_hint("fast") in str(pytest.raises(nrcie.ModelNotFoundError, nrcie.load, "fast").value)


def test_the_rules_pipeline_is_never_a_fallback(monkeypatch, tmp_path):
    monkeypatch.setenv("NRCIE_MODELS", str(tmp_path))
    (tmp_path / "DEFAULT").write_text("accurate\n")
    (tmp_path / "accurate").mkdir()              # a folder with no pipeline in it
    with pytest.raises(nrcie.ModelNotFoundError, match="no config.cfg"):
        nrcie.load()


def test_a_damaged_pipeline_is_a_model_not_found_error(monkeypatch, tmp_path):
    shutil.copytree(MODELS / "fast", tmp_path / "fast")
    (tmp_path / "fast" / "ner" / "model").write_bytes(b"\x00" * 10)
    monkeypatch.setenv("NRCIE_MODELS", str(tmp_path))
    with pytest.raises(nrcie.ModelNotFoundError, match="cannot be loaded") as e:
        nrcie.load("fast")
    assert "pip install zh_nrcie_fast-" in str(e.value) and e.value.__cause__ is not None
