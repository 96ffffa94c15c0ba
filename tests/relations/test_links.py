"""COUNT_OF links: one representation (CountOf, character offsets), one converter each way
between it and the Doc, GoldDoc and ParseResult forms."""
import pytest
import spacy

import nrcie.components  # noqa: F401  (registers Doc._.nrcie_relations)
from nrcie.corpus.standoff import GoldDoc
from nrcie.relations import links
from nrcie.relations.links import CountOf
from nrcie.result import Entity

# written for this test: 开展执法检查3次，召开座谈会2次。
TEXT = "开展执法检查3次，召开座谈会2次。"
ENTITIES = [
    {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 6, "text": "执法检查"},
    {"id": "T2", "label": "COUNT", "start": 6, "end": 8, "text": "3次"},
    {"id": "T3", "label": "ACTIVITY", "start": 11, "end": 14, "text": "座谈会"},
    {"id": "T4", "label": "COUNT", "start": 14, "end": 16, "text": "2次"},
]
RELATIONS = [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}, {"label": "COUNT_OF", "head": "T4", "tail": "T3"}]
LINKS = [CountOf((6, 8), (2, 6)), CountOf((14, 16), (11, 14))]


def test_a_link_is_an_offsets_pair():
    assert LINKS[0] == ((6, 8), (2, 6)) and hash(LINKS[0]) == hash(((6, 8), (2, 6)))
    assert (LINKS[0].count, LINKS[0].activity) == ((6, 8), (2, 6))


def test_gold_relations_round_trip():
    gold = GoldDoc("d", TEXT, ENTITIES, RELATIONS)
    assert links.from_gold(gold) == LINKS
    assert links.to_gold(ENTITIES, LINKS) == RELATIONS


def test_doc_relations_round_trip():
    doc = spacy.blank("zh").make_doc(TEXT)
    links.to_doc(doc, LINKS)
    assert doc._.nrcie_relations[0] == {"label": "COUNT_OF", "head": [6, 8], "tail": [2, 6]}
    assert links.from_doc(doc) == LINKS


def test_doc_relations_read_as_tuples_after_a_docbin():
    doc = spacy.blank("zh").make_doc(TEXT)
    doc._.nrcie_relations = [{"label": "COUNT_OF", "head": (6, 8), "tail": (2, 6)}]
    assert links.from_doc(doc) == LINKS[:1]


def test_result_relations_round_trip():
    ents = [Entity(e["start"], e["end"], e["label"], e["text"]) for e in ENTITIES]
    rels = links.to_result(ents, LINKS)
    assert [(r.label, r.head, r.tail) for r in rels] == [("COUNT_OF", 1, 0), ("COUNT_OF", 3, 2)]

    class Result:
        entities, relations = ents, rels

    assert links.from_result(Result) == LINKS


@pytest.mark.parametrize("convert", [lambda ls: links.to_gold(ENTITIES, ls),
                                     lambda ls: links.to_result([Entity(e["start"], e["end"], e["label"], e["text"])
                                                                 for e in ENTITIES], ls)])
def test_a_link_to_a_span_no_entity_has_is_left_out(convert):
    assert convert([CountOf((6, 8), (0, 6))]) == []
