"""training/register_curve.py: which documents each variant trains on and picks its step with."""
import importlib.util
from pathlib import Path

import pytest

from nrcie.corpus.standoff import GoldDoc

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("register_curve", ROOT / "training" / "register_curve.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


DOCS = {"c_train": ("train", "seeds"), "x_train": ("train", "unlabeled"), "o_train": ("train", "original"),
        "c_dev": ("dev", "seeds"), "x_dev": ("dev", "unlabeled"), "c_test": ("test", "seeds")}


@pytest.mark.parametrize("variant, train, dev", [
    ("0", {"x_train", "o_train"}, {"c_dev", "x_dev"}),
    ("1", {"c_train", "x_train", "o_train"}, {"c_dev", "x_dev"}),
    ("2", {"c_train", "x_train", "o_train", "c_dev"}, {"x_dev"}),
])
def test_variants_vary_only_the_congress_reports_and_never_touch_test(variant, train, dev, monkeypatch):
    mod = _script()
    monkeypatch.setattr(mod, "split_of", lambda doc_id: DOCS[doc_id][0])
    golds = [GoldDoc(i, "召开会议。", [], [], source=src) for i, (_, src) in DOCS.items()]
    got_train, got_dev = mod.variants(golds)[variant]
    assert {g.doc_id for g in got_train} == train and {g.doc_id for g in got_dev} == dev
