"""nrcie.GoldCorpus.v1: the gold corpus as spaCy Examples, selected from a training config."""
import pytest
import spacy

from nrcie.corpus.reader import select_gold
from nrcie.corpus.standoff import load_corpus
from nrcie.errors import CorpusError
from nrcie.paths import annotations_dir
from nrcie.pipeline import blank


@pytest.fixture(scope="module")
def own_ids():
    return sorted(g.doc_id for g in load_corpus(annotations_dir() / "original"))[:2]


def _reader(**settings):
    from nrcie.corpus import reader  # noqa: F401  (registers it)

    return spacy.registry.resolve({"r": {"@readers": "nrcie.GoldCorpus.v1", **settings}})["r"]


def test_reader_by_ids_gives_one_example_per_line_with_the_gold_entities(own_ids):
    nlp = blank()
    examples = list(_reader(ids=own_ids)(nlp))
    golds = select_gold(ids=own_ids)
    assert [g.doc_id for g in golds] == own_ids
    n_lines = sum(1 for g in golds for line in g.text.split("\n") if line.strip())
    assert len(examples) == n_lines
    assert sum(len(ex.reference.ents) for ex in examples) == sum(len(g.entities) for g in golds)
    for ex in examples:
        assert ex.predicted.text == ex.reference.text and not ex.predicted.ents


def test_reader_without_cut_lines_gives_whole_documents(own_ids):
    examples = list(_reader(ids=own_ids, cut_lines=False)(blank()))
    assert [ex.reference.user_data["doc_id"] for ex in examples] == own_ids


def test_repeated_ids_repeat_documents(own_ids):
    assert [g.doc_id for g in select_gold(ids=[own_ids[0]] * 3)] == [own_ids[0]] * 3


@pytest.mark.parametrize("settings", [{"ids": ["no_such_document"]}, {"splits": ["no_such_split"]}])
def test_unknown_documents_and_splits_are_corpus_errors(settings):
    with pytest.raises(CorpusError):
        select_gold(**settings)
