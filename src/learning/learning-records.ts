// Rows that the learning loop stores in IndexedDB next to the app's own records.

import type { State } from 'ts-fsrs';

/**
 * The FSRS scheduling state of one term that has been answered at least once. A term
 * with no row is new. The row is derived: it is rebuilt by replaying the term's
 * attempts in time order, so an override or a deleted attempt changes it consistently.
 */
export interface ReviewState {
  termId: string;
  domainId: string;
  /** When the term is next due, in ms since the epoch. */
  due: number;
  stability: number;
  difficulty: number;
  /** Interval in days that the last review scheduled; 0 while in (re)learning steps. */
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs card state: Learning (1), Review (2) or Relearning (3); never New, because a row exists only after an answer. */
  state: State;
  lastReviewAt: number;
  /** Time of the first attempt: the day on which the term counts against the daily new-term limit. */
  introducedAt: number;
  /** Number of attempts replayed into this state; a different count of stored attempts makes the row stale. */
  attemptCount: number;
  /** Id of the newest attempt replayed. */
  lastAttemptId: string;
  /** SCHEDULER_VERSION of the code that computed the row; rows of another version are replayed again. */
  schedulerVersion: number;
}

/**
 * A calibration refitted on this device from the learner's attempts. The shipped
 * calibration lives in the model manifest and has no row; attempts name it 'shipped'.
 */
export interface DeviceCalibration {
  id: string;
  /** Model the refit applies to; a refit for another model or version is ignored. */
  modelId: string;
  modelVersion: string;
  /** score = sigmoid(slope * logit + intercept) */
  slope: number;
  intercept: number;
  /** An answer passes when its score is at or above this value. */
  threshold: number;
  createdAt: number;
  /** Attempts the fit used, and how many of them the learner had overridden. */
  sampleCount: number;
  overrideCount: number;
  /** Share of the learner's labels that the calibration in force before the refit agreed with. */
  agreementBefore: number;
  /** Share of the learner's labels that this refit agrees with. */
  agreementAfter: number;
  /** Calibration that was active when this one was accepted; undo returns to it. */
  previousCalibrationId: string;
}
