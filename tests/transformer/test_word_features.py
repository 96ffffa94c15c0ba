"""The tagger's word features: each character's place in its jieba word rides on its input id."""
import json

import pytest

torch = pytest.importorskip("torch")

from nrcie.transformer.model import NO_PLACE, PACK, CharTagger, TaggerConfig, word_places  # noqa: E402


class _Tokenizer:
    """A character vocabulary, enough for CharIds."""

    def __init__(self, chars):
        self.vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "▁": 4}
        self.vocab.update({c: i + 5 for i, c in enumerate(chars)})
        self.pad_token_id, self.unk_token_id, self.cls_token_id, self.sep_token_id = 0, 1, 2, 3

    def get_vocab(self):
        return self.vocab


def _tagger(word_features):
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    encoder = BertModel(BertConfig(vocab_size=40, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                   intermediate_size=32, max_position_embeddings=64), add_pooling_layer=False)
    tagger = CharTagger(encoder, _Tokenizer("县人大常委会开展执法检查次。"), TaggerConfig(word_features=word_features))
    return tagger.eval()


@pytest.mark.parametrize("text, places", [
    ("开展执法检查", [1, 3, 1, 2, 2, 3]),             # B E | B M M E
    ("县人大常委会", [0, 1, 2, 2, 2, 3]),             # S | B M M M E
    ("", []),
])
def test_each_character_gets_its_place_in_its_jieba_word(text, places):
    assert word_places(text) == places


def test_input_ids_carry_piece_and_place_only_with_word_features():
    text = "开展执法检查"
    plain, words = _tagger(False), _tagger(True)
    assert words.text_ids(text) == [i * PACK + p for i, p in zip(plain.text_ids(text), word_places(text))]
    ids, _ = words.encode_windows([text])
    assert ids[0][0] % PACK == NO_PLACE and ids[0][-1] % PACK == NO_PLACE     # [CLS] and [SEP]
    assert words.batch([[words.cls_id], [words.cls_id, words.sep_id]])[0][0, 1].item() == words.pad_id


def test_untrained_word_features_change_nothing():
    # zero-initialised: the pretrained input embeddings are untouched until training moves them
    text = "县人大常委会开展执法检查"
    plain, words = _tagger(False), _tagger(True)
    words.load_state_dict(plain.state_dict(), strict=False)
    a = plain.batch([[plain.cls_id] + plain.text_ids(text) + [plain.sep_id]])
    b = words.batch([[words.cls_id] + words.text_ids(text) + [words.sep_id]])
    with torch.no_grad():
        assert torch.allclose(plain(*a), words(*b), atol=1e-6)


def test_trained_word_features_are_saved_with_the_adapters():
    from nrcie.transformer.lora import trainable_state

    assert "word_places.weight" in trainable_state(_tagger(True))
    assert not any(k.startswith("word_places") for k in trainable_state(_tagger(False)))


def test_a_tagger_saved_before_word_features_reads_as_without():
    d = json.loads(TaggerConfig().to_json())
    del d["word_features"]
    assert TaggerConfig.from_json(json.dumps(d)).word_features is False
