// The mapping from a graded attempt to the FSRS rating fed to the scheduler.

import { Rating, type Grade } from 'ts-fsrs';
import type { Attempt } from '../storage/records';

/** A pass whose score is less than this far above the threshold is rated Hard. */
export const HARD_MARGIN = 0.15;

/** A pass with at least this score is rated Easy. */
export const EASY_SCORE = 0.9;

export type RatedAttempt = Pick<Attempt, 'score' | 'verdict' | 'override' | 'threshold'>;

/**
 * Returns the rating for one attempt. The learner's override wins: "I was right" is
 * Good and "I was wrong" is Again, because the learner's own judgement carries no
 * degree. Otherwise a fail is Again, and a pass is Easy at EASY_SCORE or above,
 * Hard when its score is less than HARD_MARGIN above the threshold, and Good
 * otherwise. A self-graded attempt (no score) is Good when passed, Again when failed.
 */
export function ratingForAttempt(attempt: RatedAttempt): Grade {
  if (attempt.override === 'right') {
    return Rating.Good;
  }
  if (attempt.override === 'wrong') {
    return Rating.Again;
  }
  if (attempt.verdict === 'fail') {
    return Rating.Again;
  }
  if (attempt.score === null) {
    return Rating.Good;
  }
  if (attempt.score >= EASY_SCORE) {
    return Rating.Easy;
  }
  if (attempt.score < attempt.threshold + HARD_MARGIN) {
    return Rating.Hard;
  }
  return Rating.Good;
}
