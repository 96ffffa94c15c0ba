"""Gold → spaCy Doc/DocBin keeps every entity and relation."""
from spacy.tokens import DocBin

from nrcie.corpus.convert import gold_to_doc, write_docbins
from nrcie.corpus.standoff import GoldDoc, load_corpus
from nrcie.pipeline import blank


def test_gold_doc_becomes_doc_with_ents_and_relations():
    g = GoldDoc("x", "召开会议9次。", [
        {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"},
        {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "9次"}],
        [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}])
    doc = gold_to_doc(blank(), g)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(2, 4, "ACTIVITY"), (4, 6, "COUNT")]
    assert doc._.nrcie_relations == [{"label": "COUNT_OF", "head": [4, 6], "tail": [2, 4]}]


def test_docbins_hold_the_whole_corpus(tmp_path, seeds_available):
    paths = write_docbins(tmp_path)
    nlp = blank()
    n_docs = sum(len(DocBin().from_disk(p)) for p in paths)
    golds = list(load_corpus())
    assert n_docs == len(golds)
    docs = list(DocBin().from_disk(tmp_path / "test.spacy").get_docs(nlp.vocab))
    assert docs and all(d.user_data.get("doc_id") for d in docs)
    assert sum(len(d.ents) for d in docs) > 100
