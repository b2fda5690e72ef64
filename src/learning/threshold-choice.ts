// The pass-threshold rule of the model pipeline (scripts/model/calibrate.py), so that a
// refit on this device picks its threshold the same way the shipped one was picked.

/** Mean of the F1 score of "pass" and of "fail"; a class with no true or predicted members scores 0. */
export function macroF1(labels: readonly boolean[], predicted: readonly boolean[]): number {
  let total = 0;
  for (const positive of [true, false]) {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    labels.forEach((label, index) => {
      const prediction = predicted[index] === true;
      if (prediction === positive && label === positive) {
        truePositives += 1;
      } else if (prediction === positive) {
        falsePositives += 1;
      } else if (label === positive) {
        falseNegatives += 1;
      }
    });
    const precision = truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
    const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
    total += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return total / 2;
}

export interface ThresholdChoice {
  threshold: number;
  macroF1: number;
}

const F1_TIE_TOLERANCE = 1e-12;

/**
 * Returns the score threshold, on a grid of 0.01 steps from 0.05 to 0.95, that
 * maximises macro-F1 of `score >= threshold` against `labels` (true = pass); ties go
 * to the threshold nearest 0.5.
 */
export function chooseThreshold(scores: readonly number[], labels: readonly boolean[]): ThresholdChoice {
  if (scores.length !== labels.length) {
    throw new RangeError(`chooseThreshold: ${scores.length} scores but ${labels.length} labels.`);
  }
  let best: ThresholdChoice = { threshold: 0.5, macroF1: -1 };
  // Integer hundredths, so the grid has no floating-point drift.
  for (let hundredths = 5; hundredths <= 95; hundredths++) {
    const threshold = hundredths / 100;
    const f1 = macroF1(
      labels,
      scores.map((score) => score >= threshold),
    );
    const better = f1 > best.macroF1 + F1_TIE_TOLERANCE;
    const tiedButCloser =
      Math.abs(f1 - best.macroF1) <= F1_TIE_TOLERANCE && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5);
    if (better || tiedButCloser) {
      best = { threshold, macroF1: f1 };
    }
  }
  return best;
}
