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
    assert nlp.pipe_names == ["tok2vec", "ner", "nrcie_boundary_snap", "nrcie_rules", "nrcie_count_linker", "nrcie_relation"]
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


@pytest.mark.slow
def test_accurate_saved_config_is_the_training_config_with_its_documents(tmp_path, tiny):
    pytest.importorskip("torch")
    import spacy

    from nrcie.paths import configs_dir
    from nrcie.transformer.train import train_accurate

    train, dev = tiny
    out = train_accurate(train, dev, tmp_path / "accurate", max_steps=2, intermediate="none")
    saved = spacy.util.load_config(out / "config.cfg", interpolate=False)
    source = spacy.util.load_config(configs_dir() / "accurate.cfg", interpolate=False)
    assert saved["training"]["nrcie"] == source["training"]["nrcie"]
    assert set(saved["training"]) <= {"nrcie", "score_weights"}     # no spaCy training filler
    assert saved["components"]["nrcie_transformer_ner"]["model"] == source["components"]["nrcie_transformer_ner"]["model"]
    assert saved["corpora"]["train"]["ids"] == [g.doc_id for g in train]


@pytest.mark.slow
def test_tagger_from_a_pipeline_of_the_old_layout_resaves_it_with_the_same_entities(tmp_path, tiny):
    """models/accurate as saved before the config's model block existed (no model block,
    tagger.json with base/extra): loads, and --tagger-from re-saves it unchanged."""
    pytest.importorskip("torch")
    from nrcie.paths import models_dir
    from nrcie.transformer.train import train_accurate

    old = models_dir() / "accurate"
    if not (old / "nrcie_transformer_ner" / "adapter.safetensors").is_file():
        pytest.skip("no models/accurate")
    train, dev = tiny
    new = train_accurate(train, dev, tmp_path / "accurate", tagger_from=old)
    assert (new / "nrcie_transformer_ner" / "adapter.safetensors").read_bytes() == \
        (old / "nrcie_transformer_ner" / "adapter.safetensors").read_bytes()
    texts = ["2024年，县人大常委会召开常委会会议9次，审议《某某省环境保护条例》修正案。",
             "市人大常委会听取和审议专项工作报告5个，开展执法检查3次。"]
    ents = [[[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nrcie.load(p).pipe(texts)]
            for p in (old, new)]
    assert ents[0] == ents[1] and ents[0][0]
