"""The README's generated tables are the benchmark reports' figures, never typed by hand."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _tables():
    return _module("tables")


def _tables_reading(tmp_path, monkeypatch, name: str, report: str):
    """The tables module reading ``report`` as results/``name``."""
    tables = _tables()
    (tmp_path / name).write_text(report, encoding="utf-8")
    monkeypatch.setattr(tables, "RESULTS", tmp_path)
    return tables


@pytest.mark.parametrize("block, generator", [
    ("speed-table", lambda t: t.speed_table()),
    ("learning-curve-table", lambda t: t.learning_curve_table()),
    ("register-curve-table", lambda t: t.register_curve_table()),
    ("lac-table", lambda t: t.lac_table()),
    ("accuracy-test-table", lambda t: t.accuracy_table("test", ["rules", "fast", "accurate"], prf=True)),
])
def test_readme_table_equals_the_one_generated_from_the_json(block, generator):
    tables = _tables()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    in_readme = tables.readme_block(readme, block)
    assert in_readme is not None, f"README.md has no <!-- {block} --> block"
    assert in_readme == generator(tables).strip()


def test_speed_table_shows_ratios_to_rules(tmp_path, monkeypatch):
    tables = _tables_reading(tmp_path, monkeypatch, "speed.json",
                             '{"rules/1": {"chars_per_s": 100000, "peak_rss_mb": 200},'
                             ' "fast/1": {"chars_per_s": 25000, "peak_rss_mb": 400}}')
    table = tables.speed_table()
    assert "| fast | 25,000 (0.250) | 400 MB |" in table
    assert "| rules | 100,000 (1.000) | 200 MB |" in table


def test_add_ratios_divides_by_rules_at_the_same_cores():
    mod = _module("speed")
    results = {"rules/1": {"chars_per_s": 200.0}, "rules/2": {"chars_per_s": 400.0},
               "fast/1": {"chars_per_s": 50.0}, "fast/2": {"chars_per_s": 40.0}, "accurate/1": {"error": "x"}}
    mod.add_ratios(results)
    assert results["fast/1"]["ratio_to_rules"] == 0.25
    assert results["fast/2"]["ratio_to_rules"] == 0.1
    assert "ratio_to_rules" not in results["accurate/1"]


def test_scale_projection_is_hours_for_ten_thousand_reports(tmp_path, monkeypatch):
    tables = _tables_reading(tmp_path, monkeypatch, "scale.json",
                             '{"fast/n_process=1": {"chars_per_s": 20000, "peak_rss_mb": 400},'
                             ' "fast/n_process=2": {"chars_per_s": 36000, "peak_rss_mb": 700}}')
    row = tables.scale_table(workers=(4,)).splitlines()[-1]
    # 1e8 characters at 36,000 chars/s = 0.77 h = 46 min; 4 workers: 12 min
    assert row == "| fast | 20,000 | 36,000 (1.80) | 700 | 46 min | 12 min |"


def test_benchmarks_readme_scale_block_equals_the_generated_table():
    tables = _tables()
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    in_readme = tables.readme_block(readme, "scale-table")
    assert in_readme is not None, "benchmarks/README.md has no <!-- scale-table --> block"
    assert in_readme == tables.scale_table().strip()


def test_write_rewrites_only_the_generated_block(tmp_path, monkeypatch):
    tables = _tables_reading(tmp_path, monkeypatch, "speed.json",
                             '{"rules/1": {"chars_per_s": 100000, "peak_rss_mb": 200},'
                             ' "fast/1": {"chars_per_s": 25000, "peak_rss_mb": 400}}')
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("before\n<!-- speed-table -->\nold table\n<!-- /speed-table -->\nafter\n",
                                    encoding="utf-8")
    assert tables.write_blocks(root) == ["speed-table"]
    text = (root / "README.md").read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- speed-table -->\n") and text.endswith("<!-- /speed-table -->\nafter\n")
    assert tables.readme_block(text, "speed-table") == tables.speed_table().strip()
    assert tables.write_blocks(root) == []          # a second run changes nothing


def test_register_curve_table_has_a_row_per_variant(tmp_path, monkeypatch):
    scores = lambda f: {"micro_f": f, "core_f": f - 0.01, "count_of_f": f - 0.2, "per_label_f": {"ACTIVITY": f - 0.1}}
    rows = [{"congress_reports": n, "congress_chars": 5000 * n, "test_congress": scores(0.7 + n / 100), "test_excerpts": scores(0.9)} for n in (0, 1)]
    tables = _tables_reading(tmp_path, monkeypatch, "register_curve.json", json.dumps({"rows": rows}))
    lines = tables.register_curve_table().splitlines()
    assert lines[2:] == ["| 0 | 0 | 0.700 | 0.690 | 0.500 | 0.600 | 0.900 |",
                         "| 1 | 5,000 | 0.710 | 0.700 | 0.510 | 0.610 | 0.900 |"]
