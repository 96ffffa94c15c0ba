"""Half-precision weights on disk, float32 in memory: ``nrcie_float32_weights_v1``.

A trained pipeline's thinc weights (the ``fast`` pipeline's ``tok2vec/model`` and
``ner/model``) are stored as float16, which halves what a retrain adds to the
repository (the accurate pipeline's ``adapter.safetensors`` is stored so by
:meth:`nrcie.transformer.model.CharTagger.save` already).  thinc reads float16
parameters as they are; the ``nrcie_float32_weights_v1`` component, last in the
pipeline and disabled (it never sees a Doc), casts them back to float32 once the
other components are loaded: spaCy loads components in pipeline order, so its
``from_disk``/``from_bytes`` runs after theirs.  ``spacy.load(path)``,
:func:`nrcie.load` and an installed ``zh_nrcie_*`` package all go through it
(``exclude``-ing it would leave the weights in float16).  Saving the pipeline again
(``nlp.to_disk``) stores them in half precision again.

:func:`store_half_precision` converts a saved pipeline folder in place (``nrcie
train fast`` calls it on the trained pipeline; ``python
training/tools/half_precision.py DIR`` on an existing one).
"""
import weakref
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "nrcie_float32_weights_v1"
NAME = "nrcie_float32_weights"


@Language.factory(FACTORY)
def make_float32_weights(nlp: Language, name: str) -> "Float32Weights":
    return Float32Weights(nlp, name)


def cast_to_float32(nlp: Language) -> int:
    """Cast every float16 parameter of ``nlp``'s thinc models to float32; how many were."""
    n = 0
    for _, proc in nlp.components:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            for param in node.param_names:
                if node.has_param(param):
                    value = node.get_param(param)
                    if value.dtype == np.float16:
                        node.set_param(param, node.ops.asarray(value, dtype="float32"))
                        n += 1
    return n


class Float32Weights:
    """Casts the pipeline's half-precision weights to float32 when it is loaded; a no-op on Docs."""

    def __init__(self, nlp: Language, name: str = NAME):
        self.name = name
        self._nlp = weakref.ref(nlp)

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def _cast(self) -> "Float32Weights":
        nlp = self._nlp()
        if nlp is not None:
            cast_to_float32(nlp)
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Nothing of its own; the other components' model files, which spaCy has just written
        beside ``path`` (it saves components in pipeline order), go back to half precision, so a
        loaded pipeline saved again is as small as it was."""
        nlp = self._nlp()
        if nlp is None:
            return
        root = Path(path).parent
        for name, _ in nlp.components:
            if name != self.name and (root / name / "model").is_file():
                _halve_model_file(root / name / "model")

    def from_disk(self, path, *, exclude=tuple()) -> "Float32Weights":
        return self._cast()

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "Float32Weights":
        return self._cast()


def _halve_model_file(path: Path) -> int:
    """Rewrite a thinc model file (``Model.to_bytes``) with its float32 parameters as float16."""
    import srsly

    from ..io import atomic_open

    msg = srsly.msgpack_loads(path.read_bytes())
    n = 0
    for params in msg["params"]:
        for key, value in params.items():
            if isinstance(value, np.ndarray) and value.dtype == np.float32:
                params[key] = value.astype(np.float16)
                n += 1
    if n:
        with atomic_open(path, "wb") as f:
            f.write(srsly.msgpack_dumps(msg))
    return n


def store_half_precision(model_dir) -> list:
    """Store the thinc weights of the pipeline saved in ``model_dir`` as float16, in place, and
    add the ``nrcie_float32_weights`` component that casts them back at load.  Idempotent;
    returns the model files rewritten."""
    import srsly
    from spacy.util import load_config

    from ..io import atomic_write_text

    model_dir = Path(model_dir)
    config = load_config(model_dir / "config.cfg", interpolate=False)
    pipeline = list(config["nlp"]["pipeline"])
    rewritten = [model_dir / name / "model" for name in pipeline
                 if (model_dir / name / "model").is_file() and _halve_model_file(model_dir / name / "model")]
    if NAME not in pipeline:
        config["nlp"]["pipeline"] = pipeline + [NAME]
        config["nlp"]["disabled"] = list(config["nlp"].get("disabled", [])) + [NAME]
        config["components"][NAME] = {"factory": FACTORY}
        atomic_write_text(model_dir / "config.cfg", config.to_str())
        meta_path = model_dir / "meta.json"
        if meta_path.is_file():
            meta = srsly.read_json(meta_path)
            for key in ("components", "disabled"):   # "pipeline" lists the enabled ones
                if key in meta and NAME not in meta[key]:
                    meta[key].append(NAME)
            atomic_write_text(meta_path, srsly.json_dumps(meta, indent=2))   # as spaCy writes it
    return rewritten
