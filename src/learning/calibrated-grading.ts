// Applies the active calibration to a grade from the worker, which always scores with
// the manifest's (shipped) calibration. The logit is what the model computed, so only
// the scores and the verdict change.

import { calibratedScore, verdictFor } from '../grading/calibration';
import type { GradeResult } from '../grading/types';
import type { LogisticParameters } from './calibration-fit';
import type { ActiveCalibration } from './calibration-store';

/** Keeps the inverse sigmoid finite for scores that rounded to exactly 0 or 1. */
const SCORE_EPSILON = 1e-12;

function shippedLogit(score: number, shipped: LogisticParameters): number {
  const clamped = Math.min(1 - SCORE_EPSILON, Math.max(SCORE_EPSILON, score));
  return (Math.log(clamped / (1 - clamped)) - shipped.intercept) / shipped.slope;
}

/**
 * Returns `result` rescored with `active` and judged against `threshold`. The best
 * reference stays the same, because every calibration has a positive slope and so
 * keeps the order of scores. Per-reference scores are recovered from the shipped
 * scores, since the worker returns only the best reference's logit.
 */
export function applyCalibration(
  result: GradeResult,
  shipped: LogisticParameters,
  active: Pick<ActiveCalibration, 'slope' | 'intercept'>,
  threshold: number,
): GradeResult {
  const score = calibratedScore(result.logit, active);
  return {
    ...result,
    score,
    verdict: verdictFor(score, threshold),
    referenceScores: result.referenceScores.map((referenceScore, index) =>
      index === result.bestReferenceIndex ? score : calibratedScore(shippedLogit(referenceScore, shipped), active),
    ),
    threshold,
  };
}
