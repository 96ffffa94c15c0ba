"""The rule linker runs once per document: ``nrcie_relation`` reads the vote
``nrcie_count_linker`` left on ``Doc._.nrcie_rule_links`` and the shipped pipelines
give what they give when the relation component links again itself."""
from pathlib import Path

import pytest
import spacy

import nrcie  # noqa: F401  (registers the factories)
from nrcie.relations import model as relation_model
from nrcie.relations import rule_linker
from nrcie.relations.rule_linker import rule_links, stored_links

REPO = Path(__file__).resolve().parents[2]
# sentences written for this test
SENTENCES = [
    "本年度常委会开展执法检查4次，听取和审议专项工作报告9个。",
    "市人大常委会召开6次主任会议，审议通过《城市绿化管理条例》修正案。",
    "组织代表视察12次，邀请35名代表列席常委会会议。",
    "检查2件法律的实施情况，制定地方性法规5件、修改3件。",
    "2025年，县人大常委会在河东镇组织专题调研7次，提出建议18条。",
    "全年共受理群众来信来访216件次，办结率达到97.5%。",
    "审查批准财政预算调整方案1项，监督资金3.2亿元。",
    "开展专题询问、满意度测评共8次，督办重点建议40件。",
    "常委会组成人员专题学习10次，举办代表培训班3期。",
    "听取审议《关于加强水资源保护的决定》执行情况的报告1个。",
]


def _outputs(nlp) -> list[dict]:
    return [{"ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
             "rels": [[r["head"], r["tail"]] for r in doc._.nrcie_relations]} for doc in nlp.pipe(SENTENCES)]


@pytest.fixture
def count_link_calls(monkeypatch):
    calls = []
    real = rule_linker.link_counts

    def counting(text, entities):
        calls.append(text)
        return real(text, entities)

    monkeypatch.setattr(rule_linker, "link_counts", counting)
    monkeypatch.setattr(relation_model, "link_counts", counting)
    return calls


@pytest.fixture(scope="module", params=["fast", "accurate"])
def shipped(request):
    path = REPO / "models" / request.param
    if not path.is_dir():
        pytest.fail(f"models/{request.param} is missing")
    return request.param, path


def test_shipped_pipelines_link_each_doc_once(shipped, count_link_calls):
    name, path = shipped
    nlp = spacy.load(path)
    assert nlp.get_pipe("nrcie_count_linker").bounded_by_entities is False
    _outputs(nlp)
    assert sorted(count_link_calls) == sorted(SENTENCES)


def test_a_linker_bounded_by_entities_leaves_the_relation_component_linking_itself(shipped, count_link_calls):
    # a pipeline saved before bounded_by_entities existed: the linker's vote does not fit, and the
    # relation component links the COUNTs alone as it was trained to; the output is the same
    # (add_terms off in both: the activities it adds come from the linker's own noun phrases,
    # which entities bound or not)
    name, path = shipped
    once = _outputs(spacy.load(path, config={"components": {"nrcie_count_linker": {"add_terms": False}}}))
    count_link_calls.clear()
    twice = spacy.load(path, config={"components": {"nrcie_count_linker": {"bounded_by_entities": True,
                                                                           "add_terms": False}}})
    assert _outputs(twice) == once
    assert len(count_link_calls) == 2 * len(SENTENCES)


TEXT = "依法检查《食品安全法》实施情况3次。"
ENTS = [(4, 11, "REGULATION"), (15, 17, "COUNT")]


@pytest.mark.parametrize("record_made, counts_read, bounded_read, fits", [
    ("alone", ENTS, False, True),
    ("bounded", ENTS, False, False),          # made the other way
    ("alone", ENTS, True, False),
    ("alone", [(15, 16, "COUNT")], False, False),  # other COUNTs now
    (None, ENTS, False, False),               # no linker ran
])
def test_stored_links_fit_only_the_same_counts_linked_the_same_way(record_made, counts_read, bounded_read, fits):
    record = None if record_made is None else rule_links(TEXT, ENTS, bounded_by_entities=record_made == "bounded")
    got = stored_links(record, counts_read, bounded_read)
    assert (got is not None) == fits
    if fits:
        assert got == rule_linker.link_counts(TEXT, [e for e in ENTS if e[2] == "COUNT"])[1]


def test_the_record_survives_doc_serialisation():
    from spacy.tokens import DocBin

    nlp = spacy.blank("zh")
    doc = nlp.make_doc(TEXT)
    doc._.nrcie_rule_links = rule_links(TEXT, ENTS, bounded_by_entities=False)
    back = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))[0]
    assert stored_links(back._.nrcie_rule_links, ENTS, False) == stored_links(doc._.nrcie_rule_links, ENTS, False)
