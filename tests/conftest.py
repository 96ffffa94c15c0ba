import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def rules_nlp():
    import nrcie

    return nrcie.load("rules")


@pytest.fixture(scope="session")
def seeds_available():
    from nrcie.corpus.standoff import seeds_dir

    if not seeds_dir().is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed texts missing at {seeds_dir()} (CI must have ../shared/seeds)")
        pytest.skip(f"seed texts not at {seeds_dir()}; set NRCIE_SEEDS")
    return seeds_dir()
