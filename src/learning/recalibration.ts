// Decides when a refit is offered, and computes a proposed refit from the learner's
// labelled answers, with its agreement before and after.

import { calibratedScore, verdictFor } from '../grading/calibration';
import { effectiveVerdict } from '../storage/attempts';
import type { Attempt } from '../storage/records';
import { fitCalibration, logitCutoff, type CalibrationPrior, type LogisticParameters, DEFAULT_CALIBRATION_PRIOR } from './calibration-fit';
import { chooseThreshold } from './threshold-choice';

/**
 * Overrides needed before a refit is offered. The prior is worth about sixteen
 * answers at the decision boundary, so from twenty on the learner's corrections
 * lead, while a handful of accidental clicks cannot.
 */
export const MIN_OVERRIDES_FOR_REFIT = 20;

/**
 * Answers needed on each side (passed and failed, after overrides). Macro-F1 and the
 * logistic fit need both classes. Both override kinds are not required, because a
 * model that is only too strict draws only "I was right".
 */
export const MIN_ANSWERS_PER_LABEL = 5;

export interface RecalibrationReadiness {
  overrides: number;
  passes: number;
  fails: number;
  ready: boolean;
}

export function recalibrationReadiness(attempts: readonly Pick<Attempt, 'verdict' | 'override'>[]): RecalibrationReadiness {
  let overrides = 0;
  let passes = 0;
  for (const attempt of attempts) {
    if (attempt.override !== 'none') {
      overrides += 1;
    }
    if (effectiveVerdict(attempt) === 'pass') {
      passes += 1;
    }
  }
  const fails = attempts.length - passes;
  return {
    overrides,
    passes,
    fails,
    ready: overrides >= MIN_OVERRIDES_FOR_REFIT && passes >= MIN_ANSWERS_PER_LABEL && fails >= MIN_ANSWERS_PER_LABEL,
  };
}

/** One answer the fit learns from: the model's best-reference logit and the learner's label. */
export interface RecalibrationSample {
  attemptId: string;
  logit: number;
  /** Verdict after the learner's override: the label the fit learns. */
  passed: boolean;
  overridden: boolean;
}

export interface ScoringCalibration extends LogisticParameters {
  threshold: number;
}

export interface Agreement {
  /** Share of all samples whose verdict matches the learner's label; 0 when there are none. */
  all: number;
  /** Same, over the overridden samples only. */
  overridden: number;
}

export interface RecalibrationProposal extends ScoringCalibration {
  macroF1: number;
  sampleCount: number;
  overrideCount: number;
  before: Agreement;
  after: Agreement;
  /** Logit at which an answer starts to pass, before and after: comparable across calibrations. */
  logitCutoffBefore: number;
  logitCutoffAfter: number;
}

/** Raised when the learner's labels cannot be fitted to a calibration. */
export class RecalibrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecalibrationError';
  }
}

function share(matches: number, total: number): number {
  return total === 0 ? 0 : matches / total;
}

/** Returns how often `calibration` gives the verdict the learner settled on. */
export function measureAgreement(samples: readonly RecalibrationSample[], calibration: ScoringCalibration): Agreement {
  let matches = 0;
  let overridden = 0;
  let overriddenMatches = 0;
  for (const sample of samples) {
    const passed = verdictFor(calibratedScore(sample.logit, calibration), calibration.threshold) === 'pass';
    const match = passed === sample.passed;
    if (match) {
      matches += 1;
    }
    if (sample.overridden) {
      overridden += 1;
      if (match) {
        overriddenMatches += 1;
      }
    }
  }
  return { all: share(matches, samples.length), overridden: share(overriddenMatches, overridden) };
}

/**
 * Fits slope and intercept to the samples with a prior centred on `shipped`, then
 * picks the threshold by the pipeline's macro-F1 rule on the refitted scores.
 * `current` is the calibration in force, for the "before" figures.
 */
export function proposeRecalibration(
  samples: readonly RecalibrationSample[],
  shipped: LogisticParameters,
  current: ScoringCalibration,
  prior: CalibrationPrior = DEFAULT_CALIBRATION_PRIOR,
): RecalibrationProposal {
  const passes = samples.filter((sample) => sample.passed).length;
  const fails = samples.length - passes;
  if (passes < MIN_ANSWERS_PER_LABEL || fails < MIN_ANSWERS_PER_LABEL) {
    throw new RecalibrationError(
      `A refit needs at least ${MIN_ANSWERS_PER_LABEL} passed and ${MIN_ANSWERS_PER_LABEL} failed answers that the model can grade; there are ${passes} passed and ${fails} failed.`,
    );
  }

  const fit = fitCalibration(samples, shipped, prior);
  if (!(fit.slope > 0) || !Number.isFinite(fit.intercept)) {
    throw new RecalibrationError(
      'Your verdicts do not rise with the model\'s scores (the fitted slope is not positive), so no calibration of this model can follow them. The current calibration is unchanged.',
    );
  }

  const scores = samples.map((sample) => calibratedScore(sample.logit, fit));
  const choice = chooseThreshold(
    scores,
    samples.map((sample) => sample.passed),
  );
  // NOTE: the threshold is chosen on the same answers the slope and intercept were fitted
  // on, because a learner's few overrides are too few to hold some out, so the "after"
  // agreement is optimistic.

  const refit: ScoringCalibration = { slope: fit.slope, intercept: fit.intercept, threshold: choice.threshold };
  return {
    ...refit,
    macroF1: choice.macroF1,
    sampleCount: samples.length,
    overrideCount: samples.filter((sample) => sample.overridden).length,
    before: measureAgreement(samples, current),
    after: measureAgreement(samples, refit),
    logitCutoffBefore: logitCutoff(current, current.threshold),
    logitCutoffAfter: logitCutoff(refit, refit.threshold),
  };
}
