"""Shared scoring helpers for the PyTorch model: batched logits, Spearman, SemEval report."""

from __future__ import annotations

import numpy as np
import torch
from scipy.stats import spearmanr

import data

EVAL_MAX_LENGTH = 256


@torch.no_grad()
def predict_logits(model, tokenizer, pairs: list[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
    model.eval()
    out: list[np.ndarray] = []
    for start in range(0, len(pairs), batch_size):
        chunk = pairs[start : start + batch_size]
        encoded = tokenizer([a for a, _ in chunk], [b for _, b in chunk], padding=True, truncation=True, max_length=EVAL_MAX_LENGTH, return_tensors="pt")
        out.append(model(**encoded).logits[:, 0].float().numpy())
    return np.concatenate(out) if out else np.zeros(0)


def spearman(predicted, gold) -> float:
    return float(spearmanr(predicted, gold).statistic)


def best_reference_logits(answers: list[data.StudentAnswer], pair_logits: np.ndarray) -> np.ndarray:
    """Reduce (answer, reference) logits to one per answer: the best over its references."""
    best = np.empty(len(answers))
    cursor = 0
    for i, answer in enumerate(answers):
        count = len(answer.references)
        best[i] = pair_logits[cursor : cursor + count].max()
        cursor += count
    return best


def answer_pairs(answers: list[data.StudentAnswer]) -> list[tuple[str, str]]:
    return [(a.answer, ref) for a in answers for ref in a.references]


def macro_f1(correct: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for positive in (True, False):
        tp = np.sum((predicted == positive) & (correct == positive))
        fp = np.sum((predicted == positive) & (correct != positive))
        fn = np.sum((predicted != positive) & (correct == positive))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(scores))


def roc_auc(correct: np.ndarray, score: np.ndarray) -> float:
    order = np.argsort(score)
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    positives = correct.sum()
    negatives = len(correct) - positives
    return float((ranks[correct].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def semeval_report(model, tokenizer, answers: list[data.StudentAnswer]) -> dict:
    logits = best_reference_logits(answers, predict_logits(model, tokenizer, answer_pairs(answers)))
    correct = np.array([a.correct for a in answers])
    best_f1 = max(macro_f1(correct, logits >= t) for t in np.quantile(logits, np.linspace(0.05, 0.95, 91)))
    return {"semeval_held_out_auc": roc_auc(correct, logits), "semeval_held_out_best_macro_f1": best_f1}
