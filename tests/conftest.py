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
    """The third-party texts the whole gold corpus needs (seed reports and the unlabeled
    collection, never in the repository): the test skips, saying which is missing, when they
    are not there; in CI (``CI`` set) it fails instead, so CI never skips them silently."""
    from nrcie.paths import seeds_dir, unlabeled_dir

    missing = [f"{what} not at {where}; set {var}"
               for what, where, var in (("seed texts", seeds_dir(), "NRCIE_SEEDS"),
                                        ("unlabeled reports", unlabeled_dir(), "NRCIE_UNLABELED"))
               if not where.is_dir()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{'; '.join(missing)} (CI must have ../shared)")
        pytest.skip("; ".join(missing))
    return seeds_dir()
