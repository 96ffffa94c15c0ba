"""Build and load nrcie pipelines: the ``load()`` facade.

A pipeline is a spaCy ``Language`` on ``zh`` with character segmentation
(spaCy's ``ChineseTokenizer``, segmenter ``char``: one token per character, so
no entity boundary is lost to word segmentation).  Shipped pipelines live in
``models/<name>`` (or ``$NRCIE_MODELS/<name>``); ``models/DEFAULT`` names the
default.
"""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .ops import use_numpy_matmul
from .errors import ModelNotFoundError

REPO_ROOT = Path(__file__).resolve().parents[1]


def models_dir() -> Path:
    env = os.environ.get("NRCIE_MODELS")
    return Path(env) if env else REPO_ROOT / "models"


def available_models() -> list[str]:
    d = models_dir()
    return sorted(p.name for p in d.iterdir() if (p / "config.cfg").is_file()) if d.is_dir() else []


def default_model_name() -> str:
    f = models_dir() / "DEFAULT"
    return f.read_text(encoding="utf-8").strip() if f.is_file() else "rules"


def blank(segmenter: str = "char") -> Language:
    """An empty ``zh`` pipeline; ``segmenter="pkuseg"`` needs a pkuseg model (see README)."""
    config = {"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": segmenter}}}
    return spacy.blank("zh", config=config)


def build_rules_pipeline() -> Language:
    """The rules-only pipeline: rule layer + rule COUNT_OF linker. It is named
    ``rules`` and versioned with nrcie (its rules are nrcie's data files)."""
    from . import __version__

    nlp = blank()
    nlp.meta["name"], nlp.meta["version"] = "rules", __version__
    nlp.add_pipe("nrcie_rules_v1", name="nrcie_rules")
    nlp.add_pipe("nrcie_count_linker_v1", name="nrcie_count_linker")
    return nlp


def resolve_model(name_or_path: str | os.PathLike | None = None) -> Path | str:
    if name_or_path is None:
        name_or_path = default_model_name()
    p = Path(name_or_path)
    if p.is_dir():
        return p
    candidate = models_dir() / str(name_or_path)
    if candidate.is_dir():
        return candidate
    if str(name_or_path) == "rules":
        return "rules"
    names = ", ".join(available_models() + (["rules"] if "rules" not in available_models() else []))
    raise ModelNotFoundError(
        f"no nrcie pipeline named or found at {str(name_or_path)!r}; "
        f"shipped pipelines: {names} (or give the path of a saved pipeline folder)")


def load(name_or_path: str | os.PathLike | None = None, **kwargs) -> Language:
    """Load a pipeline: a shipped name (``"rules"``, ``"fast"``, ``"accurate"``), a
    folder saved with ``nlp.to_disk``, or ``None`` for the default.  ``kwargs`` go
    to ``spacy.load`` (``exclude``, ``disable``...)."""
    where = resolve_model(name_or_path)
    if where == "rules":
        return build_rules_pipeline()
    if not (Path(where) / "config.cfg").is_file():
        raise ModelNotFoundError(f"{where} is not a saved spaCy pipeline (no config.cfg)")
    nlp = use_numpy_matmul(spacy.load(where, **kwargs))
    nlp.meta["name"] = _record(nlp.meta, Path(where))["name"]   # named for good (travels with the pipeline)
    return nlp


#: the name spaCy gives a pipeline nobody named
UNNAMED = "pipeline"


def _record(meta: dict, folder: Path | None) -> dict:
    from . import __version__

    name = meta.get("name") or UNNAMED
    if name == UNNAMED and folder is not None:
        name = folder.name
    return {"name": name, "version": str(meta.get("version", "")), "nrcie": __version__}


def pipeline_record(nlp: Language) -> dict:
    """Which pipeline this is, as batch outputs record it: ``{"name", "version",
    "nrcie"}``, from ``nlp.meta`` (the folder's name when the meta has spaCy's
    placeholder name ``pipeline``, as the shipped ``fast`` and ``accurate`` do) and
    nrcie's version."""
    return _record(nlp.meta, Path(nlp.path) if nlp.path is not None else None)


def describe_model(name_or_path: str | os.PathLike | None = None) -> dict:
    """``pipeline_record(load(name_or_path))`` without loading it (from its meta.json)."""
    where = resolve_model(name_or_path)
    if where == "rules":
        return pipeline_record(build_rules_pipeline())
    meta_path = Path(where) / "meta.json"
    if not meta_path.is_file():
        raise ModelNotFoundError(f"{where} is not a saved spaCy pipeline (no meta.json)")
    return _record(spacy.util.load_meta(meta_path), Path(where))


def format_record(record: dict | None) -> str:
    """``accurate 0.0.0 (nrcie 0.1.0)``."""
    if not record:
        return "no pipeline"
    return f"{record.get('name')} {record.get('version')} (nrcie {record.get('nrcie')})"


_LOAD_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _cached_load(key: str | None) -> Language:
    return load(key)


def cached_load(key: str | None) -> Language:
    """``load(key)`` once per process: threads that ask together wait for one load
    (two concurrent loads of the accurate pipeline raced inside transformers' lazy imports)."""
    with _LOAD_LOCK:
        return _cached_load(key)
