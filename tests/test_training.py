"""Training smoke tests: a few steps on a tiny split; the saved pipeline reloads and predicts."""
import pytest

import nrcie
from nrcie.corpus.standoff import load_corpus
from nrcie.paths import annotations_dir


@pytest.fixture(scope="module")
def tiny():
    # our own documents only: no third-party text needed
    docs = sorted(load_corpus(annotations_dir() / "original"), key=lambda g: g.doc_id)
    assert len(docs) >= 4
    return docs[:3], docs[3:4]


@pytest.mark.slow
def test_train_fast_few_steps_then_reload_and_predict(tmp_path, tiny):
    from nrcie.training import train_fast

    train, dev = tiny
    out = train_fast(train, dev, tmp_path / "fast", max_steps=6)
    nlp = nrcie.load(out)
    assert nlp.pipe_names == ["tok2vec", "ner", "nrcie_rules", "nrcie_count_linker", "nrcie_relation"]
    assert nlp.disabled == ["nrcie_float32_weights"]   # weights stored in half precision, cast back at load
    import srsly
    msg = srsly.msgpack_loads((out / "tok2vec" / "model").read_bytes())
    assert {str(v.dtype) for params in msg["params"] for v in params.values()} == {"float16"}
    r = nrcie.parse("2024年，县人大常委会召开常委会会议9次，开展执法检查4次。", model=nlp)
    assert any(e.label == "COUNT" for e in r.entities)
    for e in r.entities:
        assert r.text[e.start:e.end] == e.text


@pytest.mark.slow
def test_train_accurate_few_steps_then_reload_and_predict(tmp_path, tiny):
    pytest.importorskip("torch")
    from nrcie.transformer.train import train_accurate

    train, dev = tiny
    general = tmp_path / "general_ner.txt"      # an intermediate stage on a BMES corpus first
    general.write_text("王 B-PER\n立 M-PER\n新 E-PER\n到 O\n宁 B-LOC\n波 E-LOC\n调 O\n研 O\n", encoding="utf-8")
    out = train_accurate(train, dev[:1], tmp_path / "accurate", max_steps=3, intermediate=str(general))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert size < 10 * 2 ** 20, f"a retrain must ship < 10 MB, this one is {size / 2 ** 20:.1f} MB"
    nlp = nrcie.load(out)
    assert nlp.pipe_names[0] == "nrcie_transformer_ner"
    r = nrcie.parse("召开常委会会议9次，开展执法检查4次。" * 40, model=nlp)  # longer than one window
    for e in r.entities:
        assert r.text[e.start:e.end] == e.text
