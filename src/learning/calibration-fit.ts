// Refits the logistic calibration score = sigmoid(slope * logit + intercept) to the
// learner's own labels, by maximum a posteriori logistic regression.

import { sigmoid } from '../grading/calibration';

export interface LogisticParameters {
  slope: number;
  intercept: number;
}

/** One answer's best-reference logit and the learner's label for it (true = pass). */
export interface LabeledLogit {
  logit: number;
  passed: boolean;
}

/**
 * Standard deviations of the Gaussian prior. The fit is a correction on top of the
 * shipped calibration: score = sigmoid(scale * z + shift), where z = slope0 * logit +
 * intercept0 is the shipped linear predictor, with scale ~ N(1, scale²) and shift ~
 * N(0, shift²). Working on z keeps the prior's strength the same whatever the logit's units.
 */
export interface CalibrationPrior {
  scale: number;
  shift: number;
}

/**
 * scale ± 0.3 and shift ± 0.5. A prior precision of 4 on the shift equals the
 * information of about sixteen answers at the decision boundary (each adds p(1 - p) =
 * 0.25), so a learner's twenty or more overrides, with the verdicts they accepted,
 * outweigh it, while a few overrides move the calibration little.
 */
export const DEFAULT_CALIBRATION_PRIOR: CalibrationPrior = { scale: 0.3, shift: 0.5 };

export interface CalibrationFit extends LogisticParameters {
  iterations: number;
}

const MAX_ITERATIONS = 100;
const STEP_TOLERANCE = 1e-10;

function logPosterior(
  samples: readonly { z: number; passed: boolean }[],
  scale: number,
  shift: number,
  prior: CalibrationPrior,
): number {
  let total = -((scale - 1) ** 2) / (2 * prior.scale ** 2) - shift ** 2 / (2 * prior.shift ** 2);
  for (const sample of samples) {
    const eta = scale * sample.z + shift;
    // log sigmoid(eta) = -log(1 + exp(-eta)), written to stay finite for large |eta|.
    const logPass = -Math.log1p(Math.exp(-Math.abs(eta))) + Math.min(eta, 0);
    const logFail = logPass - eta;
    total += sample.passed ? logPass : logFail;
  }
  return total;
}

/**
 * Fits slope and intercept by Newton's method with step halving. The posterior is
 * strictly concave (the prior adds a positive-definite term), so the maximum is unique
 * and exists even when the labels separate perfectly. With no samples the result is
 * the shipped calibration.
 */
export function fitCalibration(
  samples: readonly LabeledLogit[],
  shipped: LogisticParameters,
  prior: CalibrationPrior = DEFAULT_CALIBRATION_PRIOR,
): CalibrationFit {
  for (const [index, sample] of samples.entries()) {
    if (!Number.isFinite(sample.logit)) {
      throw new RangeError(`fitCalibration: samples[${index}].logit is ${sample.logit}; expected a finite number.`);
    }
  }
  const points = samples.map((sample) => ({ z: shipped.slope * sample.logit + shipped.intercept, passed: sample.passed }));
  const scalePrecision = 1 / prior.scale ** 2;
  const shiftPrecision = 1 / prior.shift ** 2;
  let scale = 1;
  let shift = 0;
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    let gradientScale = -(scale - 1) * scalePrecision;
    let gradientShift = -shift * shiftPrecision;
    // Negated Hessian, [[a, b], [b, c]], positive definite.
    let a = scalePrecision;
    let b = 0;
    let c = shiftPrecision;
    for (const point of points) {
      const p = sigmoid(scale * point.z + shift);
      const residual = (point.passed ? 1 : 0) - p;
      const weight = p * (1 - p);
      gradientScale += residual * point.z;
      gradientShift += residual;
      a += weight * point.z * point.z;
      b += weight * point.z;
      c += weight;
    }
    const determinant = a * c - b * b;
    let stepScale = (c * gradientScale - b * gradientShift) / determinant;
    let stepShift = (a * gradientShift - b * gradientScale) / determinant;
    const current = logPosterior(points, scale, shift, prior);
    while (
      logPosterior(points, scale + stepScale, shift + stepShift, prior) < current &&
      Math.abs(stepScale) + Math.abs(stepShift) > STEP_TOLERANCE
    ) {
      stepScale /= 2;
      stepShift /= 2;
    }
    scale += stepScale;
    shift += stepShift;
    if (Math.max(Math.abs(stepScale), Math.abs(stepShift)) < STEP_TOLERANCE) {
      iterations += 1;
      break;
    }
  }
  return {
    slope: scale * shipped.slope,
    intercept: scale * shipped.intercept + shift,
    iterations,
  };
}

/** Returns the logit at which an answer's score reaches `threshold`: the pass cut-off in the model's own units. */
export function logitCutoff(calibration: LogisticParameters, threshold: number): number {
  const linear = Math.log(threshold / (1 - threshold));
  return (linear - calibration.intercept) / calibration.slope;
}
