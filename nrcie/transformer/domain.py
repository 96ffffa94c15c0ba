"""Domain-adaptive first stage of the accurate tagger: masked characters on report text.

``[training.nrcie.domain]`` in ``training/configs/accurate.cfg`` (off unless a corpus
is named)::

    [training.nrcie.domain]
    corpus = "government_work_reports"
    max_chars = 700000
    epochs = 1
    mask_prob = 0.15

Before the general NER stage and the fine-tuning, the LoRA adapters and layer norms
(and, with word features, the word-place embedding) learn to restore masked characters
of in-register text nobody annotated: the State Council's government work reports of
``../shared/unlabeled`` (``NRCIE_UNLABELED``; read at training time, never stored in the
repository).  The masked-character head is a temporary one (a transform and the
encoder's own input embeddings, restricted to the characters of the corpus) and is
thrown away after the stage, so the trained pipeline is what it was: adapters and a
tagging head.

Rows that hold an excerpt of the dev or test gold are left out whole, so no text the
pipeline is scored on is read in training, even without labels.  The stage's result
depends on the corpus selection, its settings, the tagger's settings and the base
encoder only, so it is cached under ``$NRCIE_CACHE/domain/`` like the NER stage.
"""
from __future__ import annotations

import json
import random
import sys

from ..corpus.standoff import sha256
from ..errors import CorpusError

#: the one corpus the stage knows: ``government_work_reports.jsonl`` of the unlabeled folder
CORPORA = {"government_work_reports": "government_work_reports.jsonl"}
#: splits whose source rows never enter the stage
HELD_OUT = ("dev", "test")


def domain_settings(tr: dict) -> dict | None:
    """``[training.nrcie.domain]`` with defaults, or None when no corpus is named."""
    d = dict(tr.get("domain") or {})
    if not d.get("corpus"):
        return None
    if d["corpus"] not in CORPORA:
        from ..errors import UserError

        raise UserError(f"[training.nrcie.domain] corpus {d['corpus']!r} is unknown (known: {', '.join(CORPORA)})")
    return {"corpus": d["corpus"], "max_chars": int(d.get("max_chars", 700_000)),
            "epochs": int(d.get("epochs", 1)), "mask_prob": float(d.get("mask_prob", 0.15)),
            "min_year": int(d.get("min_year", 1978))}


def held_out_rows() -> set[str]:
    """Content hashes of the unlabeled rows a dev or test excerpt comes from."""
    from ..corpus.reader import select_gold
    from ..distill import excluded_rows

    return excluded_rows(select_gold(list(HELD_OUT)))


def domain_pieces(settings: dict, width: int, seed: int = 0) -> tuple[list[str], str]:
    """Pieces of at most ``width`` characters of the corpus (rows from ``min_year`` on, dev and
    test rows left out; consecutive lines packed), drawn from a seeded shuffle of the rows until
    ``max_chars``; and a key of the selection for the cache."""
    from ..normalize.text import normalize_for_model
    from ..paths import unlabeled_dir

    src = unlabeled_dir() / CORPORA[settings["corpus"]]
    if not src.is_file():
        raise CorpusError(f"the domain stage needs the unlabeled reports: {src} not found. Set NRCIE_UNLABELED "
                          "to the folder holding government_work_reports.jsonl, or leave "
                          "[training.nrcie.domain] corpus empty")
    raw = src.read_text("utf-8")
    excluded = held_out_rows()
    rows = [json.loads(x) for x in raw.splitlines() if x.strip()]
    rows = [r for r in rows if int(r.get("year") or 0) >= settings["min_year"]
            and sha256(r.get("content") or "") not in excluded]
    random.Random(seed).shuffle(rows)
    pieces, total, text = [], 0, ""
    for row in rows:
        for line in normalize_for_model(row.get("content") or "").split("\n"):   # as the tagger reads text
            line = line.strip()
            while line:
                room = width - len(text)
                if len(line) <= room:
                    text += line
                    line = ""
                else:
                    if text and len(line) <= width:   # a line that fits a piece of its own starts one
                        pieces.append(text)
                        total += len(text)
                        text = ""
                        continue
                    text += line[:room]
                    line = line[room:]
                    pieces.append(text)
                    total += len(text)
                    text = ""
        if total + len(text) >= settings["max_chars"]:
            break
    if text:
        pieces.append(text)
    key = json.dumps({"src": sha256(raw), "excluded": sorted(excluded), "settings": settings, "width": width,
                      "seed": seed, "normalized": True})
    return pieces, key


def mask_batch(ids, mask_token: int, candidates, prob: float, gen):
    """BERT masking of a batch of piece ids (special and padding positions excluded by
    ``candidates``, a bool tensor): ``prob`` of the positions are chosen, 80% of them
    become ``mask_token``, 10% a random piece of the corpus, 10% stay; returns the
    masked ids and the chosen positions."""
    import torch

    chosen = (torch.rand(ids.shape, generator=gen) < prob) & candidates
    if not chosen.any():    # at least one position per batch
        flat = candidates.flatten().nonzero()
        chosen.view(-1)[flat[torch.randint(len(flat), (1,), generator=gen)]] = True
    out = ids.clone()
    r = torch.rand(ids.shape, generator=gen)
    out[chosen & (r < 0.8)] = mask_token
    rand = chosen & (r >= 0.8) & (r < 0.9)
    out[rand] = ids[candidates][torch.randint(int(candidates.sum()), (int(rand.sum()),), generator=gen)]
    return out, chosen


def domain_stage(tagger, tr: dict, settings: dict, base_fingerprint: str, max_steps: int | None, log,
                 tagger_settings: dict) -> str:
    """Train ``tagger``'s adapters on masked characters of the corpus, or load the state such a
    run left; returns the stage's cache key (the NER stage after it keys on it)."""
    import torch
    from torch import nn
    from tqdm import tqdm

    from ..encoder.build import cache_root
    from .model import NO_PLACE, PACK
    from .stages import encoder_parameters, load_state, optimiser, save_state, stage_key

    width = tagger.config.max_len - 2
    pieces, selection = domain_pieces(settings, width, tr["seed"])
    key = stage_key({"selection": selection, "tagger": tagger_settings, "base": base_fingerprint}, tr)
    cached = cache_root() / "domain" / f"{key}.safetensors"
    if max_steps is None and load_state(tagger, cached, log, "domain", settings["corpus"]):
        return key

    packed = tagger.config.word_features
    examples = [[tagger.cls_id] + tagger.text_ids(p) + [tagger.sep_id] for p in pieces]
    pieces_of = (lambda t: t // PACK) if packed else (lambda t: t)
    # the head predicts the corpus's own pieces only: a small softmax, the encoder's embeddings tied
    used = sorted({int(i) for x in examples for i in pieces_of(torch.tensor(x[1:-1]))})
    to_class = torch.full((max(used) + 1,), -100, dtype=torch.long)
    to_class[torch.tensor(used)] = torch.arange(len(used))
    hidden = tagger.encoder.config.hidden_size
    emb = tagger.encoder.embeddings.word_embeddings.weight
    transform = nn.Sequential(nn.Linear(hidden, hidden), nn.GELU(), nn.LayerNorm(hidden))
    bias = nn.Parameter(torch.zeros(len(used)))
    used_t = torch.tensor(used)
    mask_piece = tagger.char_ids.vocab.get("<mask>", tagger.char_ids.unk)
    mask_token = mask_piece * PACK + NO_PLACE if packed else mask_piece   # no word place under a mask

    body = encoder_parameters(tagger)
    head = list(transform.parameters()) + [bias]
    bs = tr["batch_size"]
    total = max_steps or (len(examples) + bs - 1) // bs * settings["epochs"]
    opt, sched = optimiser(body, head, tr, total)
    log(f"nrcie: domain stage on {settings['corpus']}: {len(examples)} pieces "
        f"({sum(map(len, pieces)):,} characters, dev and test rows left out), {total} steps, "
        f"{len(used):,} pieces predicted")
    gen = torch.Generator().manual_seed(tr["seed"])
    rng = random.Random(tr["seed"])
    step, loss_avg = 0, None
    bar = tqdm(total=total, desc="domain", unit="step", file=sys.stderr, disable=None)
    tagger.train()
    while step < total:
        rng.shuffle(examples)
        for k in range(0, len(examples), bs):
            input_ids, attn = tagger.batch(examples[k:k + bs])
            candidates = attn.bool()
            candidates[:, 0] = False
            candidates &= input_ids != tagger.sep_id
            masked, chosen = mask_batch(input_ids, mask_token, candidates, settings["mask_prob"], gen)
            h = tagger.hidden(masked, attn)
            target = to_class[pieces_of(input_ids[chosen])]
            logits = transform(h[chosen]) @ emb[used_t].T + bias
            loss = nn.functional.cross_entropy(logits, target, ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            opt.step()
            sched.step()
            step += 1
            loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
            bar.update(1)
            bar.set_postfix(loss=f"{loss_avg:.3f}")
            if step % 100 == 0:
                log(f"nrcie: domain step {step}/{total}  masked-character loss {loss_avg:.3f}")
            if step >= total:
                break
    bar.close()
    log(f"nrcie: masked-character loss {loss_avg:.3f} after the domain stage")
    if max_steps is None:
        save_state(tagger, cached, log, "domain")
    return key
