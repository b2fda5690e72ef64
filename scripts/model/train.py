"""Fine-tune MiniLM-L6 as a cross-encoder: stage 1 on SNLI, stage 2 on STS-B (and optionally SemEval).

Run by build.py; see its docstring for the whole pipeline.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

import augment
import data
from scoring import predict_logits, semeval_report, spearman

TRAIN_MAX_LENGTH = 128


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def batches(items: list, batch_size: int, rng: random.Random) -> list[list]:
    """Shuffle, then group rows of similar length so that padding stays small."""
    order = list(items)
    rng.shuffle(order)
    # Sort within windows of 50 batches: keeps the shuffle but cuts padding on CPU.
    window = batch_size * 50
    grouped: list[list] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda row: len(row[0]) + len(row[1]))
        grouped.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(grouped)
    return grouped


def train_loop(model, tokenizer, rows, loss_fn, target_dtype, epochs, batch_size, learning_rate, seed, log_every=100):
    rng = random.Random(seed)
    steps_per_epoch = math.ceil(len(rows) / batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps_per_epoch * epochs), steps_per_epoch * epochs)
    model.train()
    started = time.time()
    step = 0
    for epoch in range(epochs):
        for batch in batches(rows, batch_size, rng):
            firsts = [row[0] for row in batch]
            seconds = [row[1] for row in batch]
            targets = torch.tensor([row[2] for row in batch], dtype=target_dtype)
            encoded = tokenizer(firsts, seconds, padding=True, truncation=True, max_length=TRAIN_MAX_LENGTH, return_tensors="pt")
            logits = model(**encoded).logits
            if logits.shape[-1] == 1:
                logits = logits.squeeze(-1)
            loss = loss_fn(logits, targets)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % log_every == 0:
                rate = step * batch_size / (time.time() - started)
                print(f"epoch {epoch + 1} step {step}/{steps_per_epoch * epochs} loss {loss.item():.4f} ({rate:.0f} pairs/s)", flush=True)
    model.eval()


def train_nli(args) -> None:
    seed_everything(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(args.init)
    model = AutoModelForSequenceClassification.from_pretrained(args.init, num_labels=3)
    rows = [(p.premise, p.hypothesis, p.label) for split in ("validation", "test") for p in data.load_snli(split)]
    if args.limit:
        rows = rows[: args.limit]
    train_loop(model, tokenizer, rows, nn.CrossEntropyLoss(), torch.long, args.epochs, args.batch_size, args.learning_rate, args.seed)
    save(model, tokenizer, args.out, {"stage": "nli", "rows": len(rows), **vars(args)})


def train_similarity(args) -> None:
    seed_everything(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(args.init)
    # A fresh one-output head: the NLI head's three classes do not carry over to a score.
    model = AutoModelForSequenceClassification.from_pretrained(args.init, num_labels=1, ignore_mismatched_sizes=True)
    stsb = data.load_stsb("train")
    # Both input orders, so that the model learns s(a, b) = s(b, a).
    rows = [(p.first, p.second, p.score) for p in stsb] + [(p.second, p.first, p.score) for p in stsb]
    if args.negation:
        snli = [p for split in ("validation", "test") for p in data.load_snli(split)]
        rows += augment.negation_rows(stsb, snli, args.seed)
    if args.semeval:
        semeval_train, _, _ = data.split_semeval(data.load_semeval_2way())
        # One order per SemEval pair, drawn at random, which halves the cost of the larger set
        # while still showing the model answers on either side.
        order_rng = random.Random(args.seed)
        for pair in data.semeval_training_pairs(semeval_train):
            swap = order_rng.random() < 0.5
            rows.append((pair.second, pair.first, pair.score) if swap else (pair.first, pair.second, pair.score))
    if args.limit:
        rows = rows[: args.limit]
    train_loop(model, tokenizer, rows, nn.BCEWithLogitsLoss(), torch.float32, args.epochs, args.batch_size, args.learning_rate, args.seed)
    metrics = evaluate_dev(model, tokenizer)
    print(json.dumps(metrics), flush=True)
    save(model, tokenizer, args.out, {"stage": "similarity", "rows": len(rows), "dev": metrics, **vars(args)})


def evaluate_dev(model, tokenizer) -> dict:
    """Score the dev data used for choosing settings: STS-B dev and the held-out SemEval questions."""
    dev = data.load_stsb("dev")
    logits = predict_logits(model, tokenizer, [(p.first, p.second) for p in dev])
    _, _, held_out = data.split_semeval(data.load_semeval_2way())
    return {"stsb_dev_spearman": spearman(logits, [p.score for p in dev]), **semeval_report(model, tokenizer, held_out)}


def save(model, tokenizer, out: str, info: dict) -> None:
    path = Path(out)
    path.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    (path / "training.json").write_text(json.dumps(info, indent=2, default=str) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", choices=["nli", "similarity"], required=True)
    parser.add_argument("--init", required=True, help="folder of the model to start from")
    parser.add_argument("--out", required=True, help="folder to write the trained model to")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=3e-5)
    parser.add_argument("--semeval", action="store_true", help="add SemEval training-question answers to stage 2")
    parser.add_argument("--negation", action="store_true", help="add the negation pairs of augment.py to stage 2")
    parser.add_argument("--limit", type=int, default=0, help="train on the first N rows only (for smoke runs)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    torch.set_num_threads(args_threads())
    if args.stage == "nli":
        train_nli(args)
    else:
        train_similarity(args)


def args_threads() -> int:
    import os

    return int(os.environ.get("TUTOR_TORCH_THREADS", os.cpu_count() or 1))


if __name__ == "__main__":
    main()
