"""Matrix products for spaCy's CNN components through numpy's BLAS.

thinc's ``NumpyOps`` multiplies matrices with its bundled BLIS.  On this
project's CPUs (AMD EPYC, one thread) that ran at 31 GFLOPS where numpy's
OpenBLAS ran at 96 for the tok2vec's typical product (10,000×640 · 640×384),
and the CNN tok2vec is almost all such products: the ``fast`` pipeline's
tok2vec took 1.06 s per 10,000 characters with BLIS and 0.30 s with numpy,
with the same entities (``benchmarks/README.md``).  thinc's own
``NumpyOps(use_blis=False)`` does its products with ``numpy.dot``; this module
puts every thinc model of a pipeline on it.

The ``fast`` config names the callback (``[nlp.after_pipeline_creation]``), so
training and ``spacy.load`` use it; :func:`nrcie.load` applies it to any
pipeline it loads.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.util import registry
from thinc.api import NumpyOps

CALLBACK = "nrcie.numpy_matmul.v1"


def use_numpy_matmul(nlp: Language) -> Language:
    """Put the thinc models of ``nlp``'s components on numpy matrix products (in place)."""
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return nlp


@registry.callbacks(CALLBACK)
def make_numpy_matmul_callback():
    """``[nlp.after_pipeline_creation] @callbacks = "nrcie.numpy_matmul.v1"``"""
    return use_numpy_matmul
