"""nrcie.ops: spaCy CNN components on numpy's matrix products, same results."""
from importlib.metadata import entry_points

import numpy
from thinc.api import NumpyOps

from nrcie.ops import CALLBACK, use_numpy_matmul
from nrcie.pipeline import blank


def _tagger_pipeline():
    nlp = blank()
    nlp.add_pipe("tok2vec")
    ner = nlp.add_pipe("ner")
    for label in ("ACTIVITY", "COUNT"):
        ner.add_label(label)
    nlp.initialize()
    return nlp


def test_callback_is_exposed_as_a_spacy_entry_point():
    assert CALLBACK in {ep.name for ep in entry_points(group="spacy_callbacks")}


def test_numpy_matmul_gives_the_same_vectors_as_blis():
    nlp = _tagger_pipeline()
    text = "县人大常委会开展执法检查3次，听取专项工作报告12个。"
    before = nlp.get_pipe("tok2vec").predict([nlp.make_doc(text)])[0]
    use_numpy_matmul(nlp)
    ops = {type(n.ops).__name__: n.ops.use_blis for _, p in nlp.pipeline for n in p.model.walk()}
    assert ops == {"NumpyOps": False}
    after = nlp.get_pipe("tok2vec").predict([nlp.make_doc(text)])[0]
    numpy.testing.assert_allclose(after, before, rtol=1e-4, atol=1e-5)


def test_loaded_pipelines_use_numpy_matmul(tmp_path):
    from nrcie.pipeline import load

    _tagger_pipeline().to_disk(tmp_path / "p")
    nlp = load(tmp_path / "p")
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nlp.get_pipe("tok2vec").model.walk())
