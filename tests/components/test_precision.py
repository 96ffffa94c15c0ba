"""Half-precision weights on disk (``store_half_precision``), float32 in memory
(``nrcie_float32_weights_v1``): a converted pipeline loads by every route and finds
the same entities as the float32 one."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import spacy
import srsly

import nrcie
from nrcie.components.precision import NAME, cast_to_float32, store_half_precision

REPO = Path(__file__).resolve().parents[2]
FAST = REPO / "models" / "fast"

# written for this test
SENTENCES = [
    "本年度常委会开展执法检查4次，听取和审议专项工作报告9个。",
    "市人大常委会召开6次主任会议，审议通过《城市绿化管理条例》修正案。",
    "2025年，县人大常委会在河东镇组织专题调研7次，提出建议18条。",
    "全年共受理群众来信来访216件次，办结率达到97.5%，监督资金3.2亿元。",
]


def _param_dtypes(nlp) -> set[str]:
    return {str(node.get_param(p).dtype) for _, proc in nlp.components if hasattr(getattr(proc, "model", None), "walk")
            for node in proc.model.walk() for p in node.param_names if node.has_param(p)}


def _ents(nlp) -> list:
    return [([(e.start_char, e.end_char, e.label_) for e in d.ents], d._.nrcie_relations) for d in nlp.pipe(SENTENCES)]


def _as_float32(folder: Path) -> None:
    """Write the weights of a (shipped, half-precision) fast pipeline back as float32, as
    ``spacy train`` saves them."""
    for rel in ("tok2vec/model", "ner/model"):
        msg = srsly.msgpack_loads((folder / rel).read_bytes())
        msg["params"] = [{k: v.astype("float32") if isinstance(v, np.ndarray) and v.dtype == np.float16 else v
                          for k, v in params.items()} for params in msg["params"]]
        (folder / rel).write_bytes(srsly.msgpack_dumps(msg))


@pytest.fixture(scope="module")
def half(tmp_path_factory):
    if not FAST.is_dir():
        pytest.fail("models/fast is missing")
    root = tmp_path_factory.mktemp("models")
    shutil.copytree(FAST, root / "f32")
    _as_float32(root / "f32")
    shutil.copytree(root / "f32", root / "fast")
    rewritten = store_half_precision(root / "fast")
    return root, rewritten


def test_conversion_halves_the_model_files_and_is_idempotent(half):
    root, rewritten = half
    assert sorted(p.relative_to(root / "fast").as_posix() for p in rewritten) == ["ner/model", "tok2vec/model"]
    for rel in ("tok2vec/model", "ner/model"):
        small, big = (root / "fast" / rel).stat().st_size, (root / "f32" / rel).stat().st_size
        assert small < 0.55 * big
        msg = srsly.msgpack_loads((root / "fast" / rel).read_bytes())
        assert {v.dtype for params in msg["params"] for v in params.values() if isinstance(v, np.ndarray)} == {
            np.dtype("float16")}
    config = (root / "fast" / "config.cfg").read_text()
    assert store_half_precision(root / "fast") == []
    assert (root / "fast" / "config.cfg").read_text() == config
    meta = srsly.read_json(root / "fast" / "meta.json")
    assert NAME in meta["components"] and NAME in meta["disabled"] and NAME not in meta["pipeline"]


def test_spacy_load_casts_back_and_finds_the_same_entities(half):
    root, _ = half
    nlp = spacy.load(root / "fast")
    assert _param_dtypes(nlp) == {"float32"}
    assert nlp.pipe_names == spacy.load(FAST).pipe_names and nlp.disabled == [NAME]
    assert _ents(nlp) == _ents(spacy.load(FAST))


def test_a_converted_pipeline_saved_again_stays_half_precision(half, tmp_path):
    root, _ = half
    nlp = spacy.load(root / "fast")
    nlp.to_disk(tmp_path / "again")
    for rel in ("tok2vec/model", "ner/model"):
        assert (tmp_path / "again" / rel).read_bytes() == (root / "fast" / rel).read_bytes()
    assert _param_dtypes(nlp) == {"float32"}            # the loaded pipeline is untouched
    assert _ents(spacy.load(tmp_path / "again")) == _ents(nlp)


def test_nrcie_load_of_the_converted_pipeline(half, monkeypatch):
    root, _ = half
    monkeypatch.setenv("NRCIE_MODELS", str(root))
    nlp = nrcie.load("fast")
    assert _param_dtypes(nlp) == {"float32"}
    r = nrcie.parse(SENTENCES[0], model=nlp)
    assert [(e.start, e.end, e.label) for e in r.entities] == _ents(spacy.load(FAST))[0][0]


def test_the_component_casts_on_from_bytes_as_on_from_disk(half):
    root, _ = half
    nlp = spacy.load(root / "fast")
    for _, proc in nlp.components:   # as if a float16 model had just been read
        if hasattr(getattr(proc, "model", None), "walk"):
            for node in proc.model.walk():
                for p in node.param_names:
                    if node.has_param(p):
                        node.set_param(p, node.get_param(p).astype("float16"))
    assert _param_dtypes(nlp) == {"float16"}
    assert nlp.components[-1][0] == NAME   # loaded after every other component
    nlp.get_pipe(NAME).from_bytes(nlp.get_pipe(NAME).to_bytes())
    assert _param_dtypes(nlp) == {"float32"}
    assert cast_to_float32(nlp) == 0


def test_the_installed_package_of_a_converted_pipeline_loads_in_float32(half, tmp_path):
    from nrcie.packaging import package_model

    root, _ = half
    main, _ = package_model("fast", tmp_path / "out", models=root, wheel=False)
    code = f"""
import zh_nrcie_fast   # what spacy.load("zh_nrcie_fast") calls once the package is installed
nlp = zh_nrcie_fast.load()
dtypes = {{str(n.get_param(p).dtype) for _, c in nlp.components if hasattr(getattr(c, "model", None), "walk")
          for n in c.model.walk() for p in n.param_names if n.has_param(p)}}
assert dtypes == {{"float32"}}, dtypes
print([(e.start_char, e.end_char, e.label_) for e in nlp({SENTENCES[0]!r}).ents])
"""
    env = {**os.environ, "NRCIE_MODELS": str(tmp_path / "none"), "PYTHONPATH": os.pathsep.join([str(main), str(REPO)])}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(_ents(spacy.load(FAST))[0][0])
