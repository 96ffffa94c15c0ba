"""Where nrcie finds its files: the one place that knows the source checkout's layout.

nrcie runs either from a source checkout (``bash setup.sh``: an editable install,
the package folder beside ``pyproject.toml``, ``annotations/``, ``models/`` and
``training/configs/``) or installed from a wheel (nothing but the package; the
pipelines come as the packages ``zh_nrcie_<name>``, see :mod:`nrcie.packaging`).

======================  ==========================================  ===================
what                    source checkout                             overridden by
======================  ==========================================  ===================
:func:`checkout_root`   the folder holding ``pyproject.toml``       (None when installed)
:func:`annotations_dir` ``annotations/`` (the gold corpus)
:func:`configs_dir`     ``training/configs/``
:func:`models_dir`      ``models/`` (``DEFAULT`` names the default)  ``NRCIE_MODELS``
:func:`seeds_dir`       ``../shared/seeds`` beside the checkout      ``NRCIE_SEEDS``
:func:`unlabeled_dir`   ``../shared/unlabeled`` beside the checkout  ``NRCIE_UNLABELED``
======================  ==========================================  ===================

Everything is looked up when asked (never at import), so an environment variable
set after ``import nrcie`` still counts.  Asked for in an installed nrcie with no
override, the checkout-only folders raise :class:`~nrcie.errors.CheckoutRequiredError`
(``models_dir`` gives None instead: the installed model packages are used then).
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import CheckoutRequiredError

#: the ``nrcie`` package folder (in a checkout or in site-packages)
PACKAGE_DIR = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The source checkout nrcie runs from, or None when it is installed from a wheel."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / "annotations").is_dir():
        return root
    return None


def _in_checkout(*parts: str, what: str) -> Path:
    root = checkout_root()
    if root is None:
        raise CheckoutRequiredError(
            f"{what} ({'/'.join(parts)}/) comes with nrcie's source checkout, not with the installed "
            f"package ({PACKAGE_DIR}): clone the repository and run `bash setup.sh` there, or give the path")
    return root.joinpath(*parts)


def annotations_dir() -> Path:
    """The gold corpus: ``annotations/`` of the checkout."""
    return _in_checkout("annotations", what="the gold corpus")


def configs_dir() -> Path:
    """The training configs (``fast.cfg``, ``accurate.cfg``): ``training/configs/`` of the checkout."""
    return _in_checkout("training", "configs", what="the training configs")


def models_dir() -> Path | None:
    """The trained pipelines' folder: ``$NRCIE_MODELS``, else ``models/`` of the checkout,
    else None (an installed nrcie: the pipelines are the installed ``zh_nrcie_*`` packages)."""
    env = os.environ.get("NRCIE_MODELS")
    if env:
        return Path(env)
    root = checkout_root()
    return root / "models" if root is not None else None


def _shared(name: str, env_var: str) -> Path:
    env = os.environ.get(env_var)
    if env:
        return Path(env)
    root = checkout_root()
    if root is None:
        raise CheckoutRequiredError(f"set {env_var} to the folder of the third-party {name} texts "
                                    f"(in a source checkout they are looked for at ../shared/{name})")
    return root.parent / "shared" / name


def seeds_dir() -> Path:
    """The third-party seed reports: ``$NRCIE_SEEDS``, else ``../shared/seeds`` beside the checkout."""
    return _shared("seeds", "NRCIE_SEEDS")


def unlabeled_dir() -> Path:
    """The third-party unlabeled reports: ``$NRCIE_UNLABELED``, else ``../shared/unlabeled``."""
    return _shared("unlabeled", "NRCIE_UNLABELED")
