"""The trained COUNT_OF model: candidates, learning from gold links, persistence."""
import numpy as np

from nrcie.relations.model import RelationModel, candidates, training_examples
from tests.helpers import gold_doc, marked_with_links

TRAIN_MARKUP = [
    "召开[[常委会会议|ACTIVITY#a]][[9次|COUNT>a]]，开展[[执法检查|ACTIVITY#b]][[4次|COUNT>b]]、[[专题调研|ACTIVITY#c]][[11项|COUNT>c]]。",
    "听取[[专项工作报告|ACTIVITY#a]][[16个|COUNT>a]]，作出[[决议决定|ACTIVITY#b]][[19项|COUNT>b]]，惠及群众[[2万人|COUNT]]。",
    "开展[[专题询问|ACTIVITY#a]][[3次|COUNT>a]]，组织[[视察|ACTIVITY#b]][[8次|COUNT>b]]，覆盖[[12个|COUNT]]乡镇。",
    "任免[[国家机关工作人员|ACTIVITY#a]][[57人次|COUNT>a]]，办理[[代表建议|ACTIVITY#b]][[112件|COUNT>b]]。",
] * 3


def gold(markup, i=0):
    return gold_doc(f"d{i}", markup)


def test_candidates_stay_in_one_sentence():
    text = "召开会议3次。开展检查"
    ents = [(2, 4, "ACTIVITY"), (4, 6, "COUNT"), (9, 11, "ACTIVITY")]
    assert [(p.count, p.activity) for p in candidates(text, ents)] == [((4, 6), (2, 4))]


def test_model_learns_the_links_of_its_training_documents_and_generalises():
    golds = [gold(m, i) for i, m in enumerate(TRAIN_MARKUP)]
    model = RelationModel().fit(training_examples(golds), epochs=10)
    text, ents, links = marked_with_links(
        "召开[[常委会会议|ACTIVITY#a]][[12次|COUNT>a]]，开展[[专题调研|ACTIVITY#b]][[7项|COUNT>b]]，惠及群众[[3万人|COUNT]]。")
    pred = {(c, a) for c, a, _ in model.predict(text, [(e["start"], e["end"], e["label"]) for e in ents])}
    assert pred == links


def test_model_round_trips_through_disk(tmp_path):
    golds = [gold(m, i) for i, m in enumerate(TRAIN_MARKUP)]
    model = RelationModel(threshold=0.4).fit(training_examples(golds), epochs=3)
    model.to_disk(tmp_path / "rel")
    again = RelationModel.from_disk(tmp_path / "rel")
    assert again.threshold == 0.4
    assert np.allclose(again.w, model.w, atol=1e-2)


def test_a_count_links_to_several_activities_only_across_a_coordinated_list():
    from nrcie.relations.model import coordinated

    text = "开展执法检查、专题调研共9次，另有执法检查"
    listed = [((2, 6), 0.9), ((7, 11), 0.8)]
    assert coordinated(text, listed) == listed
    apart = [((2, 6), 0.9), ((17, 21), 0.95)]
    assert coordinated(text, apart) == [((17, 21), 0.95)]


import pytest  # noqa: E402

from nrcie.relations.links import CountOf  # noqa: E402
from nrcie.relations.model import counts_a_population  # noqa: E402


@pytest.mark.parametrize("text, count, activity, population", [
    # a count of people or households beside a span nothing names as work: no relation (schema)
    ("活动覆盖党员干部120余人。", "120余人", "党员", True),
    ("建成后全村93户经营户受益。", "93户", "经营户", True),
    # people taking part in named work, and counts of work, keep their link
    ("接待群众340余人次。", "340余人次", "群众", False),
    ("组织代表视察，参加视察的代表120名。", "120名", "视察", False),
    ("开展执法检查7次。", "7次", "执法检查", False),
])
def test_a_count_of_people_links_only_to_work(text, count, activity, population):
    c, a = text.index(count), text.index(activity)
    pair = CountOf((c, c + len(count)), (a, a + len(activity)))
    assert counts_a_population(text, pair) is population
