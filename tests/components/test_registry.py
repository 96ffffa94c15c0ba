"""Snapshot of the factories nrcie registers, and the entry points that expose them."""
from importlib.metadata import entry_points

from spacy.language import Language

import nrcie.components  # noqa: F401
import nrcie.transformer.component  # noqa: F401

FACTORIES = ["nrcie_boundary_snap_v1", "nrcie_count_linker_v1", "nrcie_float32_weights_v1", "nrcie_relation_v1", "nrcie_rules_v1", "nrcie_transformer_ner_v1"]


def test_registered_factory_names_snapshot():
    assert sorted(n for n in Language.factories if n.startswith("nrcie")) == FACTORIES


def test_factories_are_exposed_as_spacy_entry_points():
    eps = {ep.name for ep in entry_points(group="spacy_factories") if ep.value.startswith("nrcie.")}
    assert sorted(eps) == FACTORIES


def test_factory_metadata_declares_what_it_needs_and_sets():
    meta = Language.get_factory_meta("nrcie_count_linker_v1")
    assert meta.requires == ["doc.ents"] and "doc._.nrcie_relations" in meta.assigns
    assert Language.get_factory_meta("nrcie_rules_v1").assigns == ["doc.ents"]


def test_rules_pipeline_round_trips_through_disk(tmp_path, rules_nlp):
    import spacy

    rules_nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p")
    assert nlp2.pipe_names == rules_nlp.pipe_names
    assert [e.text for e in nlp2("开展执法检查3次").ents] == ["执法检查", "3次"]
