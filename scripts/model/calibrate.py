"""Fit the calibration: the map from the model's logit to the score a learner sees, and the pass threshold.

The score is the probability that a teacher would mark the answer correct, fitted as a logistic
regression of the SemEval-2013 2-way labels on each answer's best-reference logit, over the
calibration questions. The threshold is then chosen on the held-out questions by this rule: the
score threshold, on a grid of 0.01 steps, that maximises macro-F1 (the mean of the F1 of "correct"
and of "incorrect"); ties go to the threshold nearest 0.5.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

import data
from onnx_scoring import OnnxScorer
from scoring import answer_pairs, best_reference_logits, macro_f1

THRESHOLD_RULE = (
    "the score threshold, on a grid of 0.01 steps from 0.05 to 0.95, that maximises macro-F1 "
    "on the held-out SemEval-2013 2-way questions; ties go to the threshold nearest 0.5"
)


def fit_logistic(x: np.ndarray, y: np.ndarray, iterations: int = 100) -> tuple[float, float]:
    """Fit P(y=1) = sigmoid(slope * x + intercept) by Newton's method (maximum likelihood)."""
    slope, intercept = 1.0, 0.0
    design = np.stack([x, np.ones_like(x)], axis=1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(slope * x + intercept)))
        gradient = design.T @ (y - p)
        weights = p * (1.0 - p) + 1e-9
        hessian = -(design.T * weights) @ design
        step = np.linalg.solve(hessian, gradient)
        slope, intercept = slope - step[0], intercept - step[1]
        if np.abs(step).max() < 1e-10:
            break
    return float(slope), float(intercept)


def apply_calibration(logits: np.ndarray, slope: float, intercept: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(slope * logits + intercept)))


def threshold_grid() -> np.ndarray:
    return np.round(np.arange(0.05, 0.951, 0.01), 2)


def choose_threshold(scores: np.ndarray, correct: np.ndarray) -> tuple[float, float]:
    best = (-1.0, 0.0)
    for threshold in threshold_grid():
        f1 = macro_f1(correct, scores >= threshold)
        if f1 > best[0] + 1e-12 or (abs(f1 - best[0]) <= 1e-12 and abs(threshold - 0.5) < abs(best[1] - 0.5)):
            best = (f1, float(threshold))
    return best[1], best[0]


def calibrate(scorer: OnnxScorer) -> dict:
    _, calibration_set, held_out = data.split_semeval(data.load_semeval_2way())
    fit_logits = best_reference_logits(calibration_set, scorer.logits(answer_pairs(calibration_set)))
    fit_correct = np.array([a.correct for a in calibration_set])
    slope, intercept = fit_logistic(fit_logits, fit_correct.astype(np.float64))

    held_logits = best_reference_logits(held_out, scorer.logits(answer_pairs(held_out)))
    held_correct = np.array([a.correct for a in held_out])
    held_scores = apply_calibration(held_logits, slope, intercept)
    threshold, f1 = choose_threshold(held_scores, held_correct)
    accuracy = float(np.mean((held_scores >= threshold) == held_correct))
    return {
        "kind": "logistic",
        "slope": round(slope, 6),
        "intercept": round(intercept, 6),
        "threshold": threshold,
        "thresholdRule": THRESHOLD_RULE,
        "fittedOn": (
            f"SemEval-2013 2-way training answers of the calibration questions "
            f"({len(calibration_set)} answers, {len({a.question_id for a in calibration_set})} questions); "
            f"threshold chosen on the held-out questions ({len(held_out)} answers, "
            f"{len({a.question_id for a in held_out})} questions)"
        ),
        "heldOutMacroF1": round(f1, 4),
        "heldOutMacroF1ByThreshold": {
            f"{t:.2f}": round(macro_f1(held_correct, held_scores >= t), 4) for t in threshold_grid()[::5]
        },
        "heldOutAccuracy": round(accuracy, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True, help="int8 ONNX file to calibrate")
    parser.add_argument("--tokenizer", required=True, help="folder with the tokenizer files")
    parser.add_argument("--out", required=True, help="JSON file to write the calibration to")
    args = parser.parse_args()
    result = calibrate(OnnxScorer(args.model, args.tokenizer))
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2)
        handle.write("\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
