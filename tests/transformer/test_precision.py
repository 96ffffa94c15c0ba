"""The tagger's inference precision: float32 is the reference, bfloat16 the fast path."""
from pathlib import Path

import pytest

pytest.importorskip("torch")

from nrcie.errors import UserError  # noqa: E402
from nrcie.transformer import component  # noqa: E402
from nrcie.transformer.component import TransformerNer  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("precision, cpu_bf16, expected", [
    ("float32", True, "float32"),
    ("float32", False, "float32"),
    ("bfloat16", False, "bfloat16"),
    ("auto", True, "bfloat16"),
    ("auto", False, "float32"),
])
def test_precision_resolves_to_a_compute_dtype(monkeypatch, precision, cpu_bf16, expected):
    monkeypatch.setattr(component, "cpu_has_bfloat16", lambda: cpu_bf16)
    assert TransformerNer(precision=precision).compute_dtype == expected


@pytest.mark.parametrize("bad", ["fp16", "half", "", "Float32"])
def test_an_unknown_precision_is_a_one_line_user_error(bad):
    with pytest.raises(UserError, match="precision must be one of auto, float32, bfloat16"):
        TransformerNer(precision=bad)


def _spans(nlp, texts):
    return {(i, e.start_char, e.end_char, e.label_) for i, doc in enumerate(nlp.pipe(texts)) for e in doc.ents}


def test_bfloat16_spans_agree_with_the_float32_reference_on_our_own_reports():
    # the bound of the speed issue: bfloat16 may differ from float32 by a few spans, never more
    # than 1% of them (F >= 0.99), on the dev documents we wrote ourselves
    import json

    import spacy

    path = REPO / "models" / "accurate"
    if not path.is_dir():
        pytest.fail("models/accurate is missing")
    from nrcie.corpus.reader import select_gold

    # our own texts only, named by id: the reader then opens no seed text (no ../shared needed)
    ids = json.loads((REPO / "annotations" / "splits.json").read_text(encoding="utf-8"))["dev_own"]
    texts = [g.text for g in select_gold(ids=ids)]
    key = "components.nrcie_transformer_ner.precision"
    reference = _spans(spacy.load(path, config={key: "float32"}), texts)
    fast = _spans(spacy.load(path, config={key: "bfloat16"}), texts)
    agreement = 2 * len(reference & fast) / (len(reference) + len(fast))
    assert len(reference) > 500
    assert agreement >= 0.99, f"bfloat16 agrees with float32 at F {agreement:.4f}"
