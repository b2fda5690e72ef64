// The mapping from the model's logit to the score a learner sees. The parameters come
// from the manifest, where the pipeline fitted them, never from code.

import type { LogisticCalibration } from './manifest';

export function sigmoid(x: number): number {
  // Two branches keep exp() from overflowing to Infinity for large |x|.
  if (x >= 0) {
    return 1 / (1 + Math.exp(-x));
  }
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Converts a logit to the calibrated score in [0, 1]: sigmoid(slope * logit + intercept). */
export function calibratedScore(logit: number, calibration: Pick<LogisticCalibration, 'slope' | 'intercept'>): number {
  return sigmoid(calibration.slope * logit + calibration.intercept);
}

/** Returns 'pass' when the score is at or above the threshold. */
export function verdictFor(score: number, threshold: number): 'pass' | 'fail' {
  return score >= threshold ? 'pass' : 'fail';
}
