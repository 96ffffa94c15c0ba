"""project.yml (weasel): every step parses and names scripts and files that exist."""
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project():
    from weasel.util import load_project_config

    return load_project_config(ROOT)


def test_workflows_name_only_defined_commands(project):
    names = {c["name"] for c in project["commands"]}
    for flow, steps in project["workflows"].items():
        assert set(steps) <= names, flow


def test_every_script_and_nrcie_subcommand_exists(project):
    from nrcie.cli import build_parser

    sub = build_parser()._subparsers._group_actions[0].choices
    for cmd in project["commands"]:
        for line in cmd["script"]:
            args = shlex.split(line)[1:]
            if args[:2] == ["-m", "nrcie"]:
                assert args[2] in sub, line
            else:
                assert (ROOT / args[0]).is_file(), line
