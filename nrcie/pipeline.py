"""Build and load nrcie pipelines: the ``load()`` facade.

A pipeline is a spaCy ``Language`` on ``zh`` with character segmentation
(``nrcie.CharTokenizer.v1``: spaCy's ``char`` segmentation in linear time, one token
per character, so no entity boundary is lost to word segmentation; :mod:`nrcie.tokenizer`).

Where a named pipeline (``"fast"``, ``"accurate"``) is found, first hit wins:

1. ``models/<name>`` of the source checkout, or ``$NRCIE_MODELS/<name>``
   (:func:`nrcie.paths.models_dir`);
2. the installed package ``zh_nrcie_<name>`` (built by ``nrcie package``; see
   :mod:`nrcie.packaging`).  Naming the package itself (``"zh_nrcie_fast"``)
   looks at the installed package first.

``rules`` needs no model.  The default (``load(None)``) is the pipeline
``models/DEFAULT`` names, else :data:`PACKAGED_DEFAULT`; a default that is
neither in ``models/`` nor installed, or that cannot be loaded, is a
:class:`~nrcie.errors.ModelNotFoundError` saying how to install it (never a
silent switch to ``rules``).
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import __version__
from . import components  # noqa: F401  (registers the factories)
from .errors import ModelNotFoundError, NrcieError
from .ops import use_numpy_matmul
from .paths import models_dir  # noqa: F401  (re-exported: nrcie.pipeline.models_dir)
from .resources import RESOURCES_DIR

#: the prefix of the installable model packages: zh_nrcie_fast, zh_nrcie_accurate
PACKAGE_PREFIX = "zh_nrcie_"
#: the default pipeline of an nrcie installed without its checkout's models/DEFAULT
#: (tests/test_shipped_models.py checks that models/DEFAULT names the same one)
PACKAGED_DEFAULT = "accurate"
#: the pipelines nrcie trains (``nrcie train``) and packages (``nrcie package``)
TRAINED_PIPELINES = ("fast", "accurate")


def package_name(name: str) -> str:
    """The installable package of a pipeline: ``fast`` -> ``zh_nrcie_fast``."""
    return name if name.startswith(PACKAGE_PREFIX) else PACKAGE_PREFIX + name


def _is_installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def installed_packages() -> list[str]:
    """The pipelines installed as ``zh_nrcie_*`` packages, by their short names."""
    from importlib import metadata

    names = set()
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").replace("-", "_").lower()
        if name.startswith(PACKAGE_PREFIX) and _is_installed(name):
            names.add(name[len(PACKAGE_PREFIX):])
    return sorted(names)


def _folder_models() -> list[str]:
    d = models_dir()
    return sorted(p.name for p in d.iterdir() if (p / "config.cfg").is_file()) if d and d.is_dir() else []


def available_models() -> list[str]:
    """Names :func:`load` finds: the folders of ``models/`` and the installed packages."""
    return sorted(set(_folder_models()) | set(installed_packages()))


def default_model_name() -> str:
    """The pipeline ``load(None)`` loads: what ``models/DEFAULT`` says, else :data:`PACKAGED_DEFAULT`."""
    d = models_dir()
    f = d / "DEFAULT" if d is not None else None
    if f is not None and f.is_file():
        name = f.read_text(encoding="utf-8").strip()
        if name:
            return name
    return PACKAGED_DEFAULT


def install_hint(name: str) -> str:
    """How to get the pipeline ``name``."""
    short = name[len(PACKAGE_PREFIX):] if name.startswith(PACKAGE_PREFIX) else name
    return (f"install its package: pip install {package_name(short)}-{__version__}-py3-none-any.whl "
            f"(a wheel built in nrcie's source checkout by `nrcie package {short} DIR`); in a source "
            f"checkout, models/{short} comes with the repository (git checkout -- models/{short}, then "
            f"bash setup.sh); nrcie.load(\"rules\") needs no model")


def blank(segmenter: str = "char") -> Language:
    """An empty ``zh`` pipeline; ``segmenter="pkuseg"`` needs a pkuseg model (see README)."""
    from . import tokenizer  # noqa: F401  (registers nrcie.CharTokenizer.v1)

    config = {"nlp": {"tokenizer": {"@tokenizers": "nrcie.CharTokenizer.v1"} if segmenter == "char" else
                      {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": segmenter}}}
    return spacy.blank("zh", config=config)


#: the config the ``rules`` pipeline is built from (shipped inside the package;
#: ``training/configs/rules.cfg`` of the checkout is a link to it)
RULES_CONFIG = RESOURCES_DIR / "configs" / "rules.cfg"


def build_rules_pipeline(config: str | os.PathLike | None = None) -> Language:
    """The rules-only pipeline (rule layer + rule COUNT_OF linker), assembled by spaCy's
    config system from :data:`RULES_CONFIG` (or ``config``): the config is its single
    description.  It is named ``rules`` and versioned with nrcie (its rules are nrcie's
    data files)."""
    from . import __version__

    cfg = spacy.util.load_config(Path(config) if config is not None else RULES_CONFIG)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    nlp.meta["name"], nlp.meta["version"] = "rules", __version__
    return nlp


def resolve_model(name_or_path: str | os.PathLike | None = None) -> Path | str:
    """Where a pipeline is: a folder (``Path``), ``"rules"``, or the name of an installed
    ``zh_nrcie_*`` package (``str``).  Raises ModelNotFoundError when it is nowhere."""
    default = name_or_path is None
    if default:
        name_or_path = default_model_name()
    p = Path(name_or_path)
    if p.is_dir():
        return p
    name = str(name_or_path)
    if name == "rules":
        return "rules"
    short = name[len(PACKAGE_PREFIX):] if name.startswith(PACKAGE_PREFIX) else name
    d = models_dir()
    folder = d / short if d is not None and short and os.sep not in short and "/" not in short else None
    package = package_name(short) if short.isidentifier() else None
    # the package first when it is named; a bare name is the checkout's folder first
    candidates = [("package", package), ("folder", folder)]
    if name == short:
        candidates.reverse()
    for kind, where in candidates:
        if kind == "folder" and where is not None and where.is_dir():
            return where
        if kind == "package" and where is not None and _is_installed(where):
            return where
    if default:
        raise ModelNotFoundError(
            f"the default nrcie pipeline {short!r} is not installed: it is neither in "
            f"{d or 'a models/ folder (no source checkout, NRCIE_MODELS unset)'} nor the installed package "
            f"{package_name(short)}; {install_hint(short)}")
    names = ", ".join(["rules", *available_models()])
    hint = f"; to get it, {install_hint(short)}" if short in TRAINED_PIPELINES else ""
    raise ModelNotFoundError(
        f"no nrcie pipeline named or found at {name!r}; available: {names} "
        f"(or give the path of a saved pipeline folder){hint}")


def _load_errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged or incomplete pipeline folder raises (spaCy, msgpack, torch, safetensors)."""
    errors: tuple[type[BaseException], ...] = (OSError, ValueError, KeyError, EOFError, RuntimeError)
    try:
        from safetensors import SafetensorError
    except ImportError:
        return errors
    return (*errors, SafetensorError)


def load(name_or_path: str | os.PathLike | None = None, **kwargs) -> Language:
    """Load a pipeline: a name (``"rules"``, ``"fast"``, ``"accurate"``, or an installed
    package's ``"zh_nrcie_fast"``...), a folder saved with ``nlp.to_disk``, or ``None`` for
    the default.  ``kwargs`` go to ``spacy.load`` (``exclude``, ``disable``...).

    A pipeline that is found but cannot be loaded (missing or damaged files, a missing
    dependency) is a ModelNotFoundError that says what failed and how to reinstall it."""
    where = resolve_model(name_or_path)
    if where == "rules":
        return build_rules_pipeline()
    what = str(where) if isinstance(where, Path) else f"package {where}"
    name = where.name if isinstance(where, Path) else where
    if isinstance(where, Path) and not (where / "config.cfg").is_file():
        raise ModelNotFoundError(f"{where} is not a saved spaCy pipeline (no config.cfg); "
                                 f"if it is nrcie's {name!r}, {install_hint(name)}")
    try:
        if isinstance(where, Path):
            nlp = spacy.load(where, **kwargs)
        else:   # what spacy.load(package) does, for a package on sys.path without its dist-info too
            nlp = importlib.import_module(where).load(**kwargs)
    except NrcieError:
        raise
    except ImportError as e:
        raise ModelNotFoundError(
            f"the pipeline {what} cannot be loaded: {e}. The accurate pipeline needs nrcie's extra "
            f"'accurate': pip install torch==2.13.0 'nrcie[accurate]=={__version__}'") from e
    except _load_errors() as e:
        raise ModelNotFoundError(
            f"the pipeline {what} cannot be loaded ({type(e).__name__}: {e}); it is damaged or incomplete: "
            f"{install_hint(name)}") from e
    nlp = use_numpy_matmul(nlp)
    nlp.meta["name"] = _record(nlp.meta, where if isinstance(where, Path) else None)["name"]  # travels with it
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


def as_language(model) -> Language:
    """The pipeline a ``model`` argument names: ``None`` (the default), a name, a package name
    or a path (``str`` or ``os.PathLike``), each loaded once per process; a loaded ``Language``
    as it is.  What :func:`nrcie.parse`, :func:`nrcie.parse_many` and the batch functions accept."""
    if model is None or isinstance(model, (str, os.PathLike)):
        return cached_load(None if model is None else os.fspath(model))
    return model
