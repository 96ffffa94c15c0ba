"""Trained pipelines as pip-installable packages: ``nrcie package NAME OUT``.

A source checkout keeps its trained pipelines in ``models/<name>`` (folders saved
with ``nlp.to_disk``).  :func:`package_model` turns one into the package
``zh_nrcie_<name>`` in spaCy's model-package layout (``spacy package``: a module
whose ``load()`` returns the pipeline, the pipeline's files inside it, an entry in
``spacy_models``), version-locked to this nrcie by its requirement
``nrcie==<version>`` (``nrcie[accurate]==<version>`` for a pipeline whose tagger
needs torch), and builds its wheel::

    nrcie package accurate dist/     # dist/zh_nrcie_accurate-0.1.0/ and its wheel
    pip install dist/nrcie-0.1.0-py3-none-any.whl dist/zh_nrcie_accurate-0.1.0-py3-none-any.whl

Once installed, ``spacy.load("zh_nrcie_accurate")``, ``nrcie.load("zh_nrcie_accurate")``
and ``nrcie.load("accurate")`` load it (see :mod:`nrcie.pipeline` for the order in
which names are looked up).  The trained folder itself is copied, never changed.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import __version__
from .errors import ModelNotFoundError, UserError

#: factories whose pipelines need one of nrcie's extras (pyproject's optional-dependencies)
FACTORY_EXTRAS = {"nrcie_transformer_ner_v1": "accurate"}
DESCRIPTION = ("nrcie's {name} pipeline for Chinese People's Congress work reports: entities, counts and the "
               "COUNT_OF relation. Load it with nrcie.load('{name}') or spacy.load('zh_nrcie_{name}').")


def requirement(model_dir: Path, version: str = __version__) -> str:
    """``nrcie==X``, with the extra the pipeline's components need (``nrcie[accurate]==X``)."""
    from thinc.api import Config

    config = Config().from_disk(Path(model_dir) / "config.cfg", interpolate=False)
    extras = sorted({FACTORY_EXTRAS[c["factory"]] for c in config.get("components", {}).values()
                     if c.get("factory") in FACTORY_EXTRAS})
    return f"nrcie{'[' + ','.join(extras) + ']' if extras else ''}=={version}"


def package_meta(model_dir: Path, name: str, version: str = __version__) -> dict:
    """The trained pipeline's meta.json with what a package needs: its name, nrcie's version,
    the requirement on nrcie."""
    meta = json.loads((Path(model_dir) / "meta.json").read_text(encoding="utf-8"))
    meta.update({
        "name": f"nrcie_{name}",
        "version": version,
        "description": DESCRIPTION.format(name=name),
        "author": "nrcie",
        "license": "MIT",
        "requirements": [requirement(model_dir, version)],
        "nrcie": {"pipeline": name, "nrcie_version": version},
    })
    return meta


def package_model(name: str, out_dir: Path | str, *, models: Path | None = None, wheel: bool = True,
                  version: str = __version__) -> tuple[Path, Path | None]:
    """Build ``zh_nrcie_<name>`` from ``models/<name>`` into ``out_dir``: the package folder
    ``zh_nrcie_<name>-<version>/`` and (``wheel=True``) its wheel.  Returns both paths."""
    from spacy.cli.package import package as spacy_package

    from .paths import models_dir

    models = Path(models) if models is not None else models_dir()
    if models is None:
        raise UserError("packaging needs the trained pipelines of a source checkout (models/) or NRCIE_MODELS")
    src = models / name
    if not (src / "config.cfg").is_file() or not (src / "meta.json").is_file():
        raise ModelNotFoundError(f"{src} is not a trained pipeline (needs config.cfg and meta.json); "
                                 f"pipelines in {models}: "
                                 f"{', '.join(sorted(p.name for p in models.iterdir() if (p / 'config.cfg').is_file()))}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    package = f"zh_nrcie_{name}"
    main = out_dir / f"{package}-{version}"
    if main.exists():
        shutil.rmtree(main)
    with tempfile.TemporaryDirectory(prefix=".nrcie-package-", dir=out_dir) as tmp:
        # a copy carries the package's meta.json: the trained folder stays as it was saved
        staged = Path(tmp) / name
        shutil.copytree(src, staged)
        (staged / "meta.json").write_text(json.dumps(package_meta(src, name, version), indent=2,
                                                     ensure_ascii=False) + "\n", encoding="utf-8")
        spacy_package(staged, out_dir, meta_path=staged / "meta.json", create_sdist=False, create_wheel=False,
                      require_parent=True, force=True, silent=True)
    # what setup.py copies at build time, so the folder also imports in place (sys.path)
    shutil.copy(main / "meta.json", main / package / "meta.json")
    if not wheel:
        return main, None
    # no build isolation: setuptools of this environment builds it, nothing is downloaded
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
           "--wheel-dir", str(out_dir), str(main)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise UserError(f"building the wheel of {package} failed:\n{done.stdout}{done.stderr}")
    shutil.rmtree(main / "build", ignore_errors=True)
    for egg in main.glob("*.egg-info"):
        shutil.rmtree(egg, ignore_errors=True)
    whl = out_dir / f"{package}-{version}-py3-none-any.whl"
    if not whl.is_file():
        raise UserError(f"pip wheel ran but {whl} is not there: {sorted(p.name for p in out_dir.glob('*.whl'))}")
    return main, whl


def add_package_command(sub) -> None:
    p = sub.add_parser(
        "package", help="build a trained pipeline (models/NAME) into the installable package zh_nrcie_NAME",
        description="Build models/NAME of the source checkout into a pip-installable package zh_nrcie_NAME "
        "(spaCy's model-package layout; it requires this nrcie's version) and its wheel in OUT. "
        "Install the wheel beside nrcie's own (pip wheel . builds that); then nrcie.load('NAME') and "
        "spacy.load('zh_nrcie_NAME') load it.")
    p.add_argument("name", metavar="NAME", help="a pipeline folder of models/ (fast, accurate), or 'all'")
    p.add_argument("out", metavar="OUT", type=Path, help="output folder")
    p.add_argument("--no-wheel", action="store_true", help="only write the package folder")
    p.set_defaults(func=cmd_package)


def cmd_package(args) -> int:
    from .pipeline import _folder_models

    names = _folder_models() if args.name == "all" else [args.name]
    if not names:
        raise UserError("no trained pipelines in models/ to package")
    for name in names:
        print(f"nrcie: packaging {name} (loads it once to check it)", file=sys.stderr)
        main, whl = package_model(name, args.out, wheel=not args.no_wheel)
        print(whl or main)
    return 0
