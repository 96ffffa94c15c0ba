"""project.yml (weasel) parses, and every step names scripts and commands that exist."""
import shlex
from pathlib import Path

import pytest

from nrcie.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
weasel = pytest.importorskip("weasel.util")


def _project():
    return weasel.load_project_config(REPO)


def test_project_yml_is_a_valid_weasel_project():
    project = _project()
    commands = {c["name"] for c in project["commands"]}
    assert set(project["workflows"]["all"]) <= commands
    assert project["workflows"]["all"][0] == "corpus" and project["workflows"]["all"][-1] == "tables"


def test_every_step_runs_an_existing_script_or_nrcie_command():
    subcommands = set(build_parser()._subparsers._group_actions[0].choices)
    for command in _project()["commands"]:
        for line in command["script"]:
            argv = shlex.split(line)
            assert argv[0] == "python", line
            if argv[1] == "-m":
                assert argv[2] == "nrcie" and argv[3] in subcommands, line
            else:
                assert (REPO / argv[1]).is_file(), line


def test_every_dependency_inside_the_repository_exists_or_is_made_by_an_earlier_step():
    made = set()
    for command in _project()["commands"]:
        for dep in command.get("deps", []):
            assert dep in made or (REPO / dep).exists(), (command["name"], dep)
        made.update(command.get("outputs", []))
