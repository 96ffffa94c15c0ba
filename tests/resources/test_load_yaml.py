"""Rule data files load whole: a key spelled twice is an error, not a silent loss."""
from pathlib import Path

import pytest

from nrcie.errors import RuleDataError
from nrcie.resources import RESOURCES_DIR, load_yaml, parse_yaml

SHIPPED = sorted(str(p.relative_to(RESOURCES_DIR)) for p in RESOURCES_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_rule_file_loads_with_unique_keys(name):
    assert isinstance(load_yaml(name), dict)


@pytest.mark.parametrize("text, line", [
    ("verbs: [审议]\nverbs: [听取]\n", 2),
    ("types:\n  meeting: [会议]\n  training: [培训]\n  meeting: [座谈会]\n", 4),
])
def test_a_key_given_twice_is_refused_with_its_line(text, line):
    with pytest.raises(RuleDataError, match=f"line {line}"):
        parse_yaml(text)


def test_the_same_key_in_two_mappings_is_fine():
    assert parse_yaml("a: {x: 1}\nb: {x: 2}\n") == {"a": {"x": 1}, "b": {"x": 2}}


def test_shipped_files_are_found():
    assert "activities.yaml" in SHIPPED and "activity_rows.yaml" in SHIPPED
    assert Path(RESOURCES_DIR / "activities.yaml").is_file()
