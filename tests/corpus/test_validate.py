"""The validator over the whole gold corpus, and on broken files."""
import json

import pytest

from nrcie.corpus.standoff import CorpusError, load_doc, sha256
from nrcie.corpus.validate import validate, validate_file


def test_whole_gold_corpus_is_valid(seeds_available):
    n, errors = validate()
    assert n >= 6
    assert errors == []


def _write(tmp_path, text, records):
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    header = {"doc_id": "d", "source": "original", "text_file": "d.txt", "sha256": sha256(text)}
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [header, *records]) + "\n", encoding="utf-8")
    return p


TEXT = "召开会议9次，开展检查。"


@pytest.mark.parametrize("records,message", [
    ([{"id": "T1", "label": "NOPE", "start": 0, "end": 2, "text": "召开"}], "d.jsonl:2: unknown label"),
    ([{"id": "T1", "label": "COUNT", "start": 4, "end": 99, "text": "9次"}], "outside the text"),
    ([{"id": "T1", "label": "COUNT", "start": 3, "end": 5, "text": "9次"}], "not '9次'"),
    ([{"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"}], "tail of no COUNT_OF"),
    ([{"id": "T1", "label": "MEETING", "start": 2, "end": 4, "text": "会议"},
      {"id": "T2", "label": "COUNT", "start": 3, "end": 6, "text": "议9次"}], "d.jsonl:3: span 3..6 overlaps"),
    ([{"id": "T1", "label": "MEETING", "start": 2, "end": 4, "text": "会议"},
      {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "9次"},
      {"label": "COUNT_OF", "head": "T2", "tail": "T1"}], "d.jsonl:4: COUNT_OF tail must be ACTIVITY"),
    ([{"label": "COUNT_OF", "head": "T9", "tail": "T1"}], "is no entity"),
])
def test_validator_names_file_and_line(tmp_path, records, message):
    errors = validate_file(_write(tmp_path, TEXT, records))
    assert any(message in e for e in errors), errors


def test_valid_file_has_no_errors(tmp_path):
    p = _write(tmp_path, TEXT, [
        {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"},
        {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "9次"},
        {"label": "COUNT_OF", "head": "T2", "tail": "T1"}])
    assert validate_file(p) == []
    assert validate(tmp_path) == (1, [])


def test_changed_text_is_refused_with_a_clear_message(tmp_path):
    p = _write(tmp_path, TEXT, [])
    (tmp_path / "d.txt").write_text(TEXT + "改", encoding="utf-8")
    with pytest.raises(CorpusError, match="has changed since it was annotated"):
        load_doc(p)


def test_missing_seed_texts_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("NRCIE_SEEDS", str(tmp_path / "nowhere"))
    header = {"doc_id": "s", "source": "seeds", "text_file": "s.txt", "sha256": "0"}
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps(header) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="Set NRCIE_SEEDS"):
        load_doc(p)


# --- the mechanical checks of the annotation conventions (GUIDELINES.md section 4, C01-C23) ---
# Each case is inline markup written for this test (our own sentences): the file built from it
# must give an error naming the span's line (or the next span's, for text left bare) and the reason.

def _write_markup(tmp_path, markup):
    from nrcie.corpus.markup import parse_markup

    ann = parse_markup(markup)
    return _write(tmp_path, ann.text, [*ann.entities, *ann.relations])


def _line_of(path, surface):
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if json.loads(line).get("text") == surface:
            return no
    raise AssertionError(surface)


CONVENTION_CASES = [
    # (markup, surface whose line is named, part of the message)
    ("本条例经[[常委会会议|MEETING]]表决通过。", "常委会会议", "bare meeting type"),                 # C01
    ("决定经[[某县人大常委会会议|MEETING]]审议。", "某县人大常委会会议", "bare meeting type"),       # C01 owner prefix
    ("机关召开[[党组（扩大）会议|MEETING]]学习文件。", "党组（扩大）会议", "bare meeting type"),     # C01
    ("报告提请[[大会|MEETING]]审议。", "大会", "bare meeting type"),                                 # C03
    ("[[区委|BODY]]召开[[3次|COUNT]][[区委常委会会议|MEETING]]。", "区委常委会会议", "is counted"),  # C02
    ("全年举行[[常委会|BODY]][[11次|COUNT]]。", "常委会", "counted as sittings"),                     # C02
    ("网页显示浏览量[[57|COUNT]]。", "57", "no measure word"),                                      # C17
    ("页面共有[[12万|COUNT]]字。", "12万", "no measure word"),                                      # C16 only for people
    ("这是本届任期的[[第三年|COUNT]]。", "第三年", "ordinal"),
    ("[[今年|DATE]]共审议法规四件。", "今年", "not DATEs"),
    ("[[全年|DATE]]开展检查。", "全年", "not DATEs"),
    ("[[近年来|DATE]]工作有了进展。", "近年来", "not DATEs"),
    ("发布于[[2024-05-06 09:30|DATE]]。", "2024-05-06 09:30", "clock time"),
    ("这是换届后的第[[一年|DATE]]。", "一年", "第一年 is one DATE"),                                # C04
    ("页面浏览次数：[[1362|DATE]]。", "1362", "no time word"),                                       # C17
    ("新征程的[[第一个|DATE]]五年。", "第一个", "no time word"),
    ("深入学习[[总书记|PERSON]]重要讲话。", "总书记", "name only"),                                  # C06
    ("[[王平主任|PERSON]]出席会议。", "王平主任", "name only"),
    ("持续推进[[全面深化改革|INITIATIVE]]。", "全面深化改革", "broad policy word"),                  # C07
    ("稿件刊登在[[临川|PLACE]]人大网。", "临川", "website or account"),                              # C12
    ("通过“[[临川|PLACE]]发布”平台直播。", "临川", "website or account"),                            # C12
    ("督促修建[[甲村|PLACE]]至[[乙村|PLACE]]公路。", "甲村", "one PLACE"),                           # C14
    ("审查[[有关规范性文件|ACTIVITY#a1]][[6件|COUNT>a1]]。", "有关规范性文件", "determiner"),        # B59
    ("作出有关[[法律问题和重大问题的决定|ACTIVITY#a1]][[2件|COUNT>a1]]。",
     "法律问题和重大问题的决定", "有关 stays inside"),                                               # C22
    ("[[开展执法检查|ACTIVITY#a1]][[4次|COUNT>a1]]。", "开展执法检查", "starts with a verb"),
    ("编印[[《人大文选》|DOCUMENT]]第二卷。", "《人大文选》", "volume number"),                       # C10
    ("[[市|BODY]]人大召开会议。", "市", "one character"),                                             # span length
]


@pytest.mark.parametrize("markup,surface,message", CONVENTION_CASES)
def test_convention_checks_name_the_span_line(tmp_path, markup, surface, message):
    p = _write_markup(tmp_path, markup)
    errors = validate_file(p)
    assert any(f"d.jsonl:{_line_of(p, surface)}: " in e and message in e for e in errors), errors


TEXT_CASES = [
    # text the conventions annotate but the markup leaves bare, and the span whose line is named
    ("坚持党的领导、人民当家作主和依法治国有机统一，[[常委会|BODY]]依法履职。", "常委会", "(C05)"),
    ("坚持“党的全面领导、人民当家作主、依法治国有机统一”，[[常委会|BODY]]依法履职。", "常委会", "(C05)"),
    ("坚持[[党的领导、人民当家作主、依法治国|INITIATIVE]]有机统一。", "党的领导、人民当家作主、依法治国", "(C05)"),
    ("学习[[习近平|PERSON]]总书记关于坚持和完善[[基层民主制度|INITIATIVE]]的重要思想。",
     "习近平", "(C06)"),
    ("在新的一年里，[[常委会|BODY]]将继续努力。", "常委会", "(C04)"),
    ("全区20万群众受益，[[常委会|BODY]]持续跟踪。", "常委会", "(C16)"),
    ("争取1 5 0 万以上贫困人口脱贫，[[常委会|BODY]]持续跟踪。", "常委会", "(C16)"),
    ("中美关系稳定发展，[[常委会|BODY]]持续关注。", "常委会", "(GUIDELINES 139)"),
    ("[[中|PLACE]]葡两国友好合作。", "中", "(GUIDELINES 139)"),
]


@pytest.mark.parametrize("markup,next_surface,message", TEXT_CASES)
def test_text_left_bare_is_named_at_the_next_span(tmp_path, markup, next_surface, message):
    p = _write_markup(tmp_path, markup)
    errors = validate_file(p)
    assert any(f"d.jsonl:{_line_of(p, next_surface)}: text offset" in e and message in e for e in errors), errors


CLEAN_CASES = [
    # the same kinds of text annotated by the conventions: no error
    "召开[[常委会会议|ACTIVITY#a1]][[9次|COUNT>a1]]，经常委会会议审议通过。",                         # C01, C02
    "[[区委|BODY]]召开[[3次|COUNT]]常委会会议研究人大工作。",                                          # C02
    "[[临川县十届人大历次会议|MEETING]]以来，代表提出[[建议|ACTIVITY#a1]][[120件|COUNT>a1]]。",        # C03
    "新的[[一年|DATE]]，这是换届后的[[第一年|DATE]]，下一年度继续推进，一年级学生。",                  # C04
    "坚持[[党的领导、人民当家作主和依法治国有机统一|INITIATIVE]]。",                                    # C05
    "坚持[[“党的全面领导、人民当家作主、依法治国有机统一”|INITIATIVE]]。",                              # C05 quoted
    "学习[[习近平|PERSON]][[总书记关于加强基层人大建设的重要思想|INITIATIVE]]。",                     # C06
    "稿件刊登在临川人大网和“临川人大”公众号，[[临川|PLACE]]人大故事越讲越好。",                       # C12
    "督促修建[[甲村至乙村公路|PLACE]]。",                                                              # C14
    "全区[[20万|COUNT]]群众受益，共计[[12万个|COUNT]]字，浏览量57。",                                 # C16, C17
    "争取[[1 5 0 万以上|COUNT]]贫困人口脱贫，受益群众[[3万余人|COUNT]]。",                              # C16
    "作出[[有关法律问题和重大问题的决定|ACTIVITY#a1]][[2件|COUNT>a1]]。",                               # C22
    "编印[[《人大文选》第二卷|DOCUMENT]]。",                                                           # C10
    "[[主任会议|BODY]]确定重点督办[[建议|ACTIVITY#a1]][[8件|COUNT>a1]]。",
    "[[川|PLACE]][[渝|PLACE]]两地人大协同立法。",                                                     # span length
    "[[中|PLACE]][[美|PLACE]]关系稳定，[[中英两国政府|BODY]]举行会谈，集中力量。",                       # GUIDELINES 139
]


@pytest.mark.parametrize("markup", CLEAN_CASES)
def test_annotation_by_the_conventions_passes(tmp_path, markup):
    assert validate_file(_write_markup(tmp_path, markup)) == []


@pytest.mark.parametrize("text, surface", [
    ("资助1700多万困难和重度残疾人。", "1700多万"),
    ("裁减军队员额20万。", "20万"),
    ("上亿群众喝上了干净的水。", "上亿"),
    ("帮助上千万困难群众改善住房。", "上千万"),
    ("免除3200万孩子的学杂费。", "3200万"),
    ("本地贫困人口比上年减少290万。", "290万"),
    ("满足十几亿人口的用水需求。", "十几亿"),
])
def test_bare_magnitudes_counting_people_in_their_clause_are_valid_counts(text, surface):
    from nrcie.corpus.validate import convention_problems

    s = text.index(surface)
    ents = [(2, {"label": "COUNT", "start": s, "end": s + len(surface)})]
    assert convention_problems(text, ents) == []


@pytest.mark.parametrize("text, surface", [
    ("新修道路3200万。", "3200万"),
    ("上亿元投资到位。", "上亿"),
])
def test_bare_magnitudes_counting_things_need_a_measure_word(text, surface):
    from nrcie.corpus.validate import convention_problems

    s = text.index(surface)
    ents = [(2, {"label": "COUNT", "start": s, "end": s + len(surface)})]
    assert [reason for _, reason in convention_problems(text, ents)] != []


@pytest.mark.parametrize("text, start, end, label, problem", [
    ("失业率控制在5.5%以内。", 6, 10, "PERCENT", True),     # the threshold left outside
    ("失业率控制在5.5%以内。", 6, 12, "PERCENT", False),
    ("投入增长7%以上。", 4, 6, "PERCENT", True),
    ("为3岁以下婴幼儿服务。", 1, 3, "COUNT", True),
    ("为3岁以下婴幼儿服务。", 1, 5, "COUNT", False),
    ("项目投资1亿元以上。", 4, 7, "MONEY", True),
])
def test_thresholds_after_a_number_belong_inside_its_span(text, start, end, label, problem):
    from nrcie.corpus.validate import convention_problems

    reasons = [r for _, r in convention_problems(text, [(2, {"label": label, "start": start, "end": end})])]
    assert any("threshold" in r for r in reasons) == problem, reasons
