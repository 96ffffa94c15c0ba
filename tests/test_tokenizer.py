"""Character tokenizers: spaCy's character tokens in linear time, and jieba word features."""
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.util import get_words_and_spaces, registry

from nrcie.tokenizer import CharTokenizer, CharWordTokenizer, char_words_and_spaces, word_positions

TOKENIZERS = ["nrcie.CharTokenizer.v1", "nrcie.CharWordTokenizer.v1"]


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("zh").vocab


@pytest.mark.parametrize("text", [
    "",
    "审议法规草案3件。",
    "审议 法规",                 # one plain space after a character: its trailing space
    "审议  法规",                # the second space: a token of its own
    "  开头有空格",
    "结尾有空格 ",
    "换行\n\n后\r\n面",
    "全角\u3000空格\u3000\u3000两个",
    "制表\t符 \t 混合",
    "abc 12 ，, 不间断\u00a0空格",
])
def test_char_tokens_are_spacy_char_tokens(vocab, text):
    assert char_words_and_spaces(text) == get_words_and_spaces(list(text), text)
    ours = CharTokenizer(vocab)(text)
    theirs = spacy.blank("zh").tokenizer(text)   # spacy.zh.ChineseTokenizer, segmenter "char"
    assert [(t.text, t.whitespace_, t.idx) for t in ours] == [(t.text, t.whitespace_, t.idx) for t in theirs]
    assert ours.text == text


@pytest.mark.parametrize("words, expected", [
    (["县", "人大常委会"], [("县", "S"), ("人大常委会", "B")] + [("人大常委会", "M")] * 3 + [("人大常委会", "E")]),
    (["开展", "检查"], [("开展", "B"), ("开展", "E"), ("检查", "B"), ("检查", "E")]),
    ([], []),
])
def test_word_positions_give_each_character_its_word_and_place(words, expected):
    assert word_positions(words) == expected


@pytest.mark.parametrize("text, char, lemma, tag", [
    ("县人大常委会开展执法检查7次。", 0, "县", "S"),
    ("县人大常委会开展执法检查7次。", 1, "人大常委会", "B"),
    ("县人大常委会开展执法检查7次。", 3, "人大常委会", "M"),
    ("县人大常委会开展执法检查7次。", 5, "人大常委会", "E"),
    ("县人大常委会开展执法检查7次。", 9, "执法检查", "M"),
    ("审议 畜牧法\n修正案", 3, "畜牧法", "B"),        # offsets past whitespace stay right
    ("审议 畜牧法\n修正案", 7, "修正案", "B"),
])
def test_word_tokenizer_marks_each_character_with_its_jieba_word(vocab, text, char, lemma, tag):
    doc = CharWordTokenizer(vocab)(text)
    tok = next(t for t in doc if t.idx == char)
    assert (tok.lemma_, tok.tag_) == (lemma, tag)
    assert [t.text for t in doc] == [t.text for t in CharTokenizer(vocab)(text)]


def test_whitespace_tokens_are_their_own_word(vocab):
    doc = CharWordTokenizer(vocab)("审议\n\n法规")
    assert [(t.text, t.lemma_, t.tag_) for t in doc if t.text.isspace()] == [("\n\n", "\n\n", "S")]


def test_registered_tokenizers_snapshot():
    assert sorted(n for n in registry.tokenizers.get_all() if n.startswith("nrcie")) == TOKENIZERS


def test_tokenizers_are_exposed_as_spacy_entry_points():
    eps = {ep.name for ep in entry_points(group="spacy_tokenizers") if ep.value.startswith("nrcie.")}
    assert sorted(eps) == TOKENIZERS


def test_a_pipeline_with_the_word_tokenizer_round_trips_through_disk(tmp_path):
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "nrcie.CharWordTokenizer.v1"}}})
    nlp.to_disk(tmp_path / "p")
    doc = spacy.load(tmp_path / "p")("开展执法检查")
    assert [t.tag_ for t in doc] == ["B", "E", "B", "M", "M", "E"]


@pytest.mark.parametrize("text", ["全年召开常委会会议 12次，\n听取报告18个。", "  两端空白　", "单"])
def test_text_of_returns_the_tokenizers_copy_of_the_text(text):
    from nrcie.pipeline import blank
    from nrcie.tokenizer import TEXT_KEY, text_of

    doc = blank().make_doc(text)
    assert doc.user_data[TEXT_KEY] == text and text_of(doc) == doc.text == text


def test_text_of_joins_the_tokens_when_the_copy_is_missing_or_does_not_fit():
    import spacy

    from nrcie.tokenizer import TEXT_KEY, text_of

    doc = spacy.blank("zh").make_doc("听取报告十八个")
    assert text_of(doc) == "听取报告十八个"
    doc.user_data[TEXT_KEY] = "别的文字"
    assert text_of(doc) == "听取报告十八个"
