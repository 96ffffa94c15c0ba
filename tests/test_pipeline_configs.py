"""Each pipeline is described by one spaCy config: the rules pipeline is built from its file."""
from pathlib import Path

import spacy

from nrcie.pipeline import RULES_CONFIG, build_rules_pipeline

REPO = Path(__file__).resolve().parents[1]


def test_rules_pipeline_is_what_its_config_says():
    cfg = spacy.util.load_config(RULES_CONFIG)
    nlp = build_rules_pipeline()
    assert nlp.pipe_names == cfg["nlp"]["pipeline"]
    for name, block in cfg["components"].items():
        assert {k: nlp.config["components"][name][k] for k in block} == dict(block)


def test_training_configs_rules_cfg_is_the_shipped_config():
    assert (REPO / "training" / "configs" / "rules.cfg").resolve() == RULES_CONFIG.resolve()


def test_rules_pipeline_follows_a_changed_config(tmp_path):
    text = RULES_CONFIG.read_text(encoding="utf-8").replace("add_activities = true", "add_activities = false")
    path = tmp_path / "rules.cfg"
    path.write_text(text, encoding="utf-8")
    sentence = "今年共审议法律草案12件。"
    with_activities = build_rules_pipeline()(sentence)
    without = build_rules_pipeline(path)(sentence)
    assert [(e.start_char, e.end_char, e.label_) for e in with_activities.ents if e.label_ == "ACTIVITY"] == [(5, 9, "ACTIVITY")]
    assert [e.label_ for e in without.ents] == ["COUNT"]


def test_rules_pipeline_is_named_and_versioned_with_nrcie():
    import nrcie

    nlp = build_rules_pipeline()
    assert (nlp.meta["name"], nlp.meta["version"]) == ("rules", nrcie.__version__)
