"""The tagger's inference stride: windows without overlap when it equals the window width."""
import pytest

pytest.importorskip("torch")

from nrcie.errors import UserError  # noqa: E402
from nrcie.transformer.architectures import TaggerSpec  # noqa: E402
from nrcie.transformer.component import TransformerNer  # noqa: E402
from nrcie.transformer.model import owner_window, windows  # noqa: E402

SPEC = TaggerSpec(encoder=None, max_len=160, stride=128, head_dropout=0.1)


@pytest.mark.parametrize("bad", [0, -5, 159, 1.5, "158", True])
def test_a_stride_outside_the_window_is_a_one_line_user_error(bad):
    with pytest.raises(UserError, match="stride must be a whole number from 1 to 158"):
        TransformerNer(model=SPEC, stride=bad)


@pytest.mark.parametrize("good", [None, 1, 128, 158])
def test_a_stride_up_to_the_window_width_is_kept(good):
    assert TransformerNer(model=SPEC, stride=good).stride == good


@pytest.mark.parametrize("n, stride, expected", [
    (158, 158, [(0, 158)]),
    (316, 158, [(0, 158), (158, 316)]),
    (400, 158, [(0, 158), (158, 316), (242, 400)]),     # the last window ends at the text's end
    (400, 128, [(0, 158), (128, 286), (242, 400)]),
])
def test_windows_start_every_stride_characters(n, stride, expected):
    assert windows(n, 158, stride) == expected


@pytest.mark.parametrize("n", [159, 1000, 4097])
def test_windows_without_overlap_give_every_character_one_owner(n):
    wins = windows(n, 158, 158)
    owner = owner_window(n, wins)
    assert all(wins[owner[i]][0] <= i < wins[owner[i]][1] for i in range(n))


@pytest.mark.parametrize("settings, passed", [
    ({"stride": 158}, (158, False)),
    ({}, (None, False)),
    ({"one_char_spans": True}, (None, True)),
])
def test_the_component_passes_its_decoding_settings_to_the_tagger(settings, passed):
    import spacy

    seen = []

    class Tagger:
        def predict(self, texts, batch_size=16, stride=None, one_char_spans=False):
            seen.append((stride, one_char_spans))
            return [[] for _ in texts]

    ner = TransformerNer(model=SPEC, **settings)
    ner.tagger = Tagger()
    ner(spacy.blank("zh")("本委员会全年开展检查三次。"))
    assert seen == [passed]
