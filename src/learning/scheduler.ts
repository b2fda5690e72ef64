// Spaced-repetition scheduling of one term with ts-fsrs, by replaying its attempts.

import { createEmptyCard, fsrs, State, type Card, type FSRS } from 'ts-fsrs';
import type { Attempt } from '../storage/records';
import type { ReviewState } from './learning-records';
import { ratingForAttempt } from './rating';

export type ReplayedAttempt = Pick<
  Attempt,
  'id' | 'termId' | 'domainId' | 'score' | 'verdict' | 'override' | 'threshold' | 'answeredAt'
>;

/**
 * Version of the scheduling rules below and of the score-to-rating table. Raise it when
 * either changes, so that stored review states are replayed with the new rules.
 */
export const SCHEDULER_VERSION = 1;

/**
 * ts-fsrs 5 defaults: 90 % requested retention, learning steps of 1 and 10 minutes,
 * one relearning step of 10 minutes, and no fuzz, so that a replay of the same
 * attempts always yields the same due dates.
 */
function createScheduler(): FSRS {
  return fsrs({ enable_fuzz: false });
}

const scheduler = createScheduler();

function cardFromState(state: ReviewState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    // Deprecated in ts-fsrs 5: the scheduler recomputes it from last_review.
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    last_review: new Date(state.lastReviewAt),
  };
}

/** Returns the state after one more attempt; `previous` is null for the term's first attempt. */
export function applyAttempt(previous: ReviewState | null, attempt: ReplayedAttempt): ReviewState {
  const card = previous === null ? createEmptyCard(attempt.answeredAt) : cardFromState(previous);
  const next = scheduler.next(card, attempt.answeredAt, ratingForAttempt(attempt)).card;
  return {
    termId: attempt.termId,
    domainId: attempt.domainId,
    due: next.due.getTime(),
    stability: next.stability,
    difficulty: next.difficulty,
    scheduledDays: next.scheduled_days,
    learningSteps: next.learning_steps,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state,
    lastReviewAt: attempt.answeredAt,
    introducedAt: previous?.introducedAt ?? attempt.answeredAt,
    attemptCount: (previous?.attemptCount ?? 0) + 1,
    lastAttemptId: attempt.id,
    schedulerVersion: SCHEDULER_VERSION,
  };
}

/**
 * Rebuilds a term's state from all its attempts, in the order they were answered.
 * Returns null when there are none, which means the term is new.
 */
export function replayAttempts(attempts: readonly ReplayedAttempt[]): ReviewState | null {
  const ordered = [...attempts].sort((a, b) => a.answeredAt - b.answeredAt || a.id.localeCompare(b.id));
  let state: ReviewState | null = null;
  for (const attempt of ordered) {
    state = applyAttempt(state, attempt);
  }
  return state;
}

/** Whether the term has left the learning steps and is scheduled in days. */
export function isLearned(state: ReviewState): boolean {
  return state.state === State.Review;
}

/** Whether the term should be asked at `now`. */
export function isDue(state: ReviewState, now: number): boolean {
  return state.due <= now;
}
