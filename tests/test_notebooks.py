"""The notebooks under notebooks/: they run top to bottom, and are committed without outputs.

They run in a python3 kernel of this interpreter (the venv's) with the rules
pipeline (NRCIE_MODEL=rules), in the notebooks folder, as a user would run them.
"""
import json
import os
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
EXPECTED = ("evaluation.ipynb", "activity_tables.ipynb", "panel.ipynb")
TIMEOUT = 120            # per cell; each notebook takes ~10 s with the rules pipeline


def _need(module):
    try:
        return __import__(module)
    except ImportError:
        msg = f"{module} is not installed (pip install -e '.[dev]')"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A python3 kernel spec that starts this very interpreter, found before any
    other (JUPYTER_PATH comes first), with this checkout first on its path, and
    scratch IPython/Jupyter folders."""
    for module in ("nbformat", "nbclient", "ipykernel", "matplotlib"):
        _need(module)
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (nrcie tests)", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("NRCIE_MODEL", "rules")
    # the kernel imports this checkout's nrcie, whatever the interpreter's install points to
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    return monkeypatch


def run_notebook(name):
    """Execute a notebook (in memory); any cell error raises CellExecutionError."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    print(f"{name}: {time.perf_counter() - start:.1f} s")
    return nb


def outputs(nb):
    """(all text printed or shown, the MIME types of rich outputs)."""
    text, mimes = [], set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                text.append(out["text"])
            for mime, data in out.get("data", {}).items():
                mimes.add(mime)
                if mime in ("text/plain", "text/html"):
                    text.append(data)
    return "\n".join(text), mimes


def test_the_notebooks_are_there():
    assert all((NOTEBOOKS / name).is_file() for name in EXPECTED)


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_have_no_outputs(path):
    nbformat = _need("nbformat")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} has outputs: clear them before committing"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"


def test_evaluation_notebook_runs(kernel_env, seeds_available):
    from nrcie.corpus.splits import split_of
    from nrcie.corpus.standoff import corpus_files

    n_test = sum(split_of(p.stem) == "test" for p in corpus_files())   # gold files are named by doc_id
    text, mimes = outputs(run_notebook("evaluation.ipynb"))
    assert "pipeline: rules" in text
    assert f"test split: {n_test} documents" in text and "SKIPPED" not in text
    assert "COUNT_OF end to end" in text                # the P/R/F table
    assert "false negative" in text                     # the error table
    assert "image/png" in mimes                         # the confusion matrix
    assert 'class="entity"' in text and 'class="displacy-arc"' in text


def test_evaluation_notebook_skips_without_the_seed_texts(kernel_env, tmp_path):
    empty = tmp_path / "no_seeds"
    empty.mkdir()
    kernel_env.setenv("NRCIE_SEEDS", str(empty))
    text, mimes = outputs(run_notebook("evaluation.ipynb"))
    assert "SKIPPED" in text and str(empty) in text
    assert "image/png" not in mimes
    assert "examples/sample_report.txt" in text        # still draws a document
    assert 'class="entity"' in text and 'class="displacy-arc"' in text


def test_activity_notebook_runs_on_the_original_reports(kernel_env):
    n_reports = len(list((REPO / "annotations" / "original").glob("*.txt")))
    text, mimes = outputs(run_notebook("activity_tables.ipynb"))
    assert f"{n_reports} reports in" in text and f"parsed {n_reports} reports" in text
    assert "enforcement_inspection" in text             # a column of the table
    assert "image/png" in mimes                         # the bar chart


def test_activity_notebook_reads_the_folder_nrcie_reports_names(kernel_env, tmp_path):
    folder = tmp_path / "reports"
    (folder / "county").mkdir(parents=True)
    (folder / "a.txt").write_text("全年召开常委会会议7次，开展执法检查2次。", encoding="utf-8")
    (folder / "county" / "b.txt").write_bytes("组织代表视察4次，开展专题调研3项。".encode("gb18030"))
    (folder / "c.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    kernel_env.setenv("NRCIE_REPORTS", str(folder))
    text, mimes = outputs(run_notebook("activity_tables.ipynb"))
    assert "3 reports in" in text and "parsed 2 reports" in text
    assert "skipped:" in text and "c.txt" in text
    assert "county/b" in text and "enforcement_inspection" in text
    assert "image/png" in mimes


def test_panel_notebook_runs(kernel_env):
    text, mimes = outputs(run_notebook("panel.ipynb"))
    assert "5 reports in" in text and "0 file(s) parsed" in text   # the second run resumes
    assert "enforcement_inspection" in text and "county" in text and "2023" in text
    assert "image/png" in mimes                                      # the chart by level and year
