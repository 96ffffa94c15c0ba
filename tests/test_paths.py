"""nrcie.paths: the one module that knows the checkout's layout; an installed nrcie has none."""
import re
from pathlib import Path

import pytest

from nrcie import paths
from nrcie.errors import CheckoutRequiredError, NrcieError

REPO = Path(__file__).resolve().parents[1]


def test_in_the_checkout_every_folder_is_the_checkouts():
    assert paths.checkout_root() == REPO
    assert paths.annotations_dir() == REPO / "annotations"
    assert paths.configs_dir() == REPO / "training" / "configs"
    assert (paths.configs_dir() / "fast.cfg").is_file() and (paths.configs_dir() / "accurate.cfg").is_file()


def test_environment_variables_win_and_are_read_when_asked(monkeypatch, tmp_path):
    for var in ("NRCIE_MODELS", "NRCIE_SEEDS", "NRCIE_UNLABELED"):
        monkeypatch.delenv(var, raising=False)
    assert paths.models_dir() == REPO / "models"
    assert paths.seeds_dir() == REPO.parent / "shared" / "seeds"
    assert paths.unlabeled_dir() == REPO.parent / "shared" / "unlabeled"
    monkeypatch.setenv("NRCIE_MODELS", str(tmp_path / "m"))
    monkeypatch.setenv("NRCIE_SEEDS", str(tmp_path / "s"))
    monkeypatch.setenv("NRCIE_UNLABELED", str(tmp_path / "u"))
    assert (paths.models_dir(), paths.seeds_dir(), paths.unlabeled_dir()) == (tmp_path / "m", tmp_path / "s",
                                                                             tmp_path / "u")


def test_an_installed_nrcie_has_no_checkout(monkeypatch, tmp_path):
    site = tmp_path / "site-packages"
    (site / "nrcie").mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", site / "nrcie")
    for var in ("NRCIE_MODELS", "NRCIE_SEEDS", "NRCIE_UNLABELED"):
        monkeypatch.delenv(var, raising=False)
    assert paths.checkout_root() is None
    assert paths.models_dir() is None            # the installed zh_nrcie_* packages are used then
    for ask in (paths.annotations_dir, paths.configs_dir, paths.seeds_dir, paths.unlabeled_dir):
        with pytest.raises(CheckoutRequiredError) as e:
            ask()
        assert isinstance(e.value, NrcieError)
    with pytest.raises(CheckoutRequiredError, match="NRCIE_SEEDS"):
        paths.seeds_dir()
    monkeypatch.setenv("NRCIE_SEEDS", str(tmp_path))
    assert paths.seeds_dir() == tmp_path


def test_an_installed_nrcie_says_the_corpus_needs_the_checkout(monkeypatch, tmp_path):
    from nrcie.cli import main

    site = tmp_path / "site-packages"
    (site / "nrcie").mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", site / "nrcie")
    assert main(["validate"]) == 2


def test_only_paths_knows_where_the_package_sits():
    # every other module asks nrcie.paths (or nrcie.resources for the package's own data)
    allowed = {"paths.py", "resources/__init__.py"}
    offenders = []
    for p in sorted((REPO / "nrcie").rglob("*.py")):
        rel = p.relative_to(REPO / "nrcie").as_posix()
        if rel not in allowed and re.search(r"__file__|REPO_ROOT\s*=", p.read_text(encoding="utf-8")):
            offenders.append(rel)
    assert offenders == []


def test_old_module_constants_still_resolve():
    from nrcie.corpus import authoring, standoff

    assert standoff.ANNOTATIONS_DIR == REPO / "annotations"
    assert standoff.REPO_ROOT == REPO
    assert authoring.EXCERPT_PLAN == REPO / "annotations" / "unlabeled" / "excerpts.json"
    from nrcie.corpus.standoff import seeds_dir, unlabeled_dir  # noqa: F401  (old import path)
