"""Teacher labels for distillation: which report lines the teacher sees, and that
teacher-labelled documents never train the COUNT_OF component."""
import pytest

from nrcie.corpus.standoff import GoldDoc, sha256
from nrcie.distill import SILVER_PREFIX, candidate_lines, excluded_rows, is_silver

LINE_A = "本年度共审议法规草案五件，听取专项工作报告八个。"
LINE_B = "全年开展执法检查三次，组织代表视察活动十二次。"
SHORT = "过去一年。"


def _rows():
    return [
        {"year": 2010, "content": "\n".join([LINE_A, SHORT, LINE_B])},
        {"year": 2011, "content": LINE_B + "\n" + LINE_A},
        {"year": 1960, "content": LINE_A},
    ]


@pytest.mark.parametrize("excluded_years, expected_n", [
    ((), 4),            # 2 long lines in 2010, 2 in 2011; the short line and 1960 are out
    ((2011,), 2),       # the row of a gold excerpt is left out whole
    ((2010, 2011), 0),
])
def test_candidate_lines_leave_out_gold_rows_old_years_and_short_lines(excluded_years, expected_n):
    rows = _rows()
    excluded = {sha256(r["content"]) for r in rows if r["year"] in excluded_years}
    lines = candidate_lines(rows, excluded, max_chars=10_000)
    assert len(lines) == expected_n
    assert all(len(text) >= 20 for _, text in lines)
    assert not any(line_id.startswith("1960:") for line_id, _ in lines)


def test_candidate_lines_stop_at_max_chars():
    lines = candidate_lines(_rows(), set(), max_chars=len(LINE_A) + 1)
    assert len(lines) == 2   # the line that crosses the limit is the last one


def test_candidate_lines_are_reproducible_by_seed():
    assert candidate_lines(_rows(), set(), 10_000, seed=3) == candidate_lines(_rows(), set(), 10_000, seed=3)


def test_excluded_rows_are_the_rows_of_gold_excerpts():
    golds = [GoldDoc("gwr2010", "x", [], [], "unlabeled", excerpt={"content_sha256": "abc", "start": 0, "end": 1}),
             GoldDoc("ow1_01", "y", [], [], "original")]
    assert excluded_rows(golds) == {"abc"}


@pytest.mark.parametrize("doc_id, silver", [(SILVER_PREFIX + "2010:3", True), ("seed_001", False),
                                            ("ow1_01#120", False)])
def test_is_silver(doc_id, silver):
    assert is_silver(doc_id) is silver


def test_relation_component_does_not_train_on_teacher_labelled_docs():
    from spacy.training import Example

    from nrcie.corpus.convert import gold_to_doc
    from nrcie.pipeline import blank

    nlp = blank()
    rel = nlp.add_pipe("nrcie_relation_v1", name="nrcie_relation")
    text = "开展执法检查3次。"
    ents = [{"id": "T0", "label": "ACTIVITY", "start": 2, "end": 6, "text": "执法检查"},
            {"id": "T1", "label": "COUNT", "start": 6, "end": 8, "text": "3次"}]
    gold = GoldDoc("ow_test", text, ents, [{"label": "COUNT_OF", "head": "T1", "tail": "T0"}])
    silver = GoldDoc(SILVER_PREFIX + "2010:1", text, ents, [], "silver")
    seen = []
    rel.train = lambda golds: seen.extend(g.doc_id for g in golds)
    docs = [gold_to_doc(nlp, g) for g in (gold, silver)]
    rel.initialize(lambda: [Example(nlp.make_doc(d.text), d) for d in docs], nlp=nlp)
    assert seen == ["ow_test"]
