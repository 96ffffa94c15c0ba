"""The domain-adaptive stage: masked characters of unlabeled report text, dev and test rows left out."""
import json

import pytest

torch = pytest.importorskip("torch")

from nrcie.corpus.standoff import sha256  # noqa: E402
from nrcie.errors import CorpusError, UserError  # noqa: E402
from nrcie.transformer import domain  # noqa: E402
from nrcie.transformer.domain import domain_pieces, domain_settings, mask_batch  # noqa: E402

ROWS = [
    {"year": 1975, "content": "旧年份的报告不读。"},
    {"year": 2001, "content": "政府依法行政。\n加强法治建设，推进改革。"},
    {"year": 2010, "content": "这一行属于测试集的报告。"},
    {"year": 2015, "content": "完善法律法规，接受人大监督。"},
]


@pytest.fixture
def unlabeled(tmp_path, monkeypatch):
    (tmp_path / "government_work_reports.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    monkeypatch.setenv("NRCIE_UNLABELED", str(tmp_path))
    held_out = {sha256(ROWS[2]["content"])}
    monkeypatch.setattr(domain, "held_out_rows", lambda: held_out)
    return tmp_path


@pytest.mark.parametrize("section, expected", [
    ({}, None),
    ({"corpus": ""}, None),
    ({"corpus": "government_work_reports"},
     {"corpus": "government_work_reports", "max_chars": 700_000, "epochs": 1, "mask_prob": 0.15, "min_year": 1978}),
    ({"corpus": "government_work_reports", "max_chars": 1000, "epochs": 2},
     {"corpus": "government_work_reports", "max_chars": 1000, "epochs": 2, "mask_prob": 0.15, "min_year": 1978}),
])
def test_the_stage_is_off_unless_a_corpus_is_named(section, expected):
    assert domain_settings({"domain": section}) == expected


def test_an_unknown_corpus_is_a_user_error():
    with pytest.raises(UserError, match="unknown"):
        domain_settings({"domain": {"corpus": "wikipedia"}})


def test_pieces_leave_out_held_out_rows_and_old_years_and_keep_every_character(unlabeled):
    settings = domain_settings({"domain": {"corpus": "government_work_reports"}})
    pieces, key = domain_pieces(settings, width=8)
    text = "".join(pieces)
    assert all(0 < len(p) <= 8 for p in pieces)
    assert "测试集" not in text and "旧年份" not in text               # a test row, a row before 1978
    assert sorted(text) == sorted("政府依法行政。加强法治建设，推进改革。完善法律法规，接受人大监督。")
    assert "政府依法行政。加" in pieces                                 # a line longer than a piece fills it
    assert "政府依法行政。" in domain_pieces(settings, width=12)[0]     # one that fits a piece starts its own
    assert domain_pieces(settings, width=8)[1] == key                   # the same selection, the same key
    assert domain_pieces(settings, width=9)[1] != key


def test_max_chars_stops_after_the_row_that_reaches_it(unlabeled):
    settings = domain_settings({"domain": {"corpus": "government_work_reports", "max_chars": 5}})
    pieces, _ = domain_pieces(settings, width=40)
    assert sum(map(len, pieces)) in (len(ROWS[1]["content"]) - 1, len(ROWS[3]["content"]))   # one row, lines joined


def test_a_missing_corpus_says_where_to_put_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NRCIE_UNLABELED", str(tmp_path))
    with pytest.raises(CorpusError, match="NRCIE_UNLABELED"):
        domain_pieces(domain_settings({"domain": {"corpus": "government_work_reports"}}), width=8)


def test_masking_touches_only_candidate_positions():
    gen = torch.Generator().manual_seed(0)
    ids = torch.arange(10, 410).reshape(4, 100)
    candidates = torch.ones_like(ids, dtype=torch.bool)
    candidates[:, 0] = False
    candidates[3, 50:] = False                                          # padding
    masked, chosen = mask_batch(ids, 7, candidates, 0.15, gen)
    assert not chosen[~candidates].any() and torch.equal(masked[~chosen], ids[~chosen])
    assert 0.08 < chosen.sum().item() / candidates.sum().item() < 0.25
    assert (masked[chosen] == 7).float().mean() > 0.6                  # most chosen become the mask


def test_at_least_one_position_is_masked():
    gen = torch.Generator().manual_seed(0)
    ids = torch.tensor([[2, 11, 12, 3]])
    candidates = torch.tensor([[False, True, True, False]])
    _, chosen = mask_batch(ids, 7, candidates, 0.0, gen)
    assert chosen.sum().item() == 1 and chosen[candidates].any()


@pytest.mark.parametrize("word_features", [False, True])
def test_the_stage_moves_the_encoder_and_leaves_the_tagging_head(unlabeled, word_features, monkeypatch, tmp_path):
    from tests.transformer.test_word_features import _tagger

    monkeypatch.setenv("NRCIE_CACHE", str(tmp_path / "cache"))
    tagger = _tagger(word_features)
    head = {k: v.clone() for k, v in tagger.head.state_dict().items()}
    before = tagger.encoder.encoder.layer[0].attention.self.query.weight.clone()
    tr = {"seed": 0, "batch_size": 2, "lr_encoder": 0.01, "lr_head": 0.01, "weight_decay": 0.0, "warmup": 0.1}
    settings = domain_settings({"domain": {"corpus": "government_work_reports"}})
    monkeypatch.setattr(domain, "domain_pieces", lambda s, w, seed=0: (["县人大常委会开展执法检查", "执法检查三次。"], "k"))
    key = domain.domain_stage(tagger, tr, settings, "base", 3, lambda m: None, {"max_len": 160})
    assert key and not torch.equal(before, tagger.encoder.encoder.layer[0].attention.self.query.weight)
    assert all(torch.equal(v, tagger.head.state_dict()[k]) for k, v in head.items())
    assert not (tmp_path / "cache").exists()                           # a run cut short is not cached


def test_a_finished_stage_is_cached_and_loaded_the_next_time(unlabeled, monkeypatch, tmp_path):
    from tests.transformer.test_word_features import _tagger

    monkeypatch.setenv("NRCIE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(domain, "domain_pieces", lambda s, w, seed=0: (["县人大常委会开展执法检查", "执法检查三次。"], "k"))
    tr = {"seed": 0, "batch_size": 2, "lr_encoder": 0.01, "lr_head": 0.01, "weight_decay": 0.0, "warmup": 0.1}
    settings = domain_settings({"domain": {"corpus": "government_work_reports"}})
    first, logged = _tagger(False), []
    key = domain.domain_stage(first, tr, settings, "base", None, logged.append, {"max_len": 160})
    assert list((tmp_path / "cache" / "domain").glob(f"{key}.safetensors"))
    second, logged = _tagger(False), []
    assert domain.domain_stage(second, tr, settings, "base", None, logged.append, {"max_len": 160}) == key
    assert any("loaded from" in m for m in logged) and not any("loss" in m for m in logged)
    w = "encoder.encoder.layer.0.attention.self.query.weight"
    assert torch.equal(first.state_dict()[w], second.state_dict()[w])


def test_pieces_are_normalised_as_the_tagger_reads_text(tmp_path, monkeypatch):
    (tmp_path / "government_work_reports.jsonl").write_text(
        json.dumps({"year": 2023, "content": "２０２３年召开会议１２次。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("NRCIE_UNLABELED", str(tmp_path))
    monkeypatch.setattr(domain, "held_out_rows", lambda: set())
    pieces, _ = domain_pieces(domain_settings({"domain": {"corpus": "government_work_reports"}}), width=40)
    assert pieces == ["2023年召开会议12次。"]
