// Reads and rebuilds the stored review states. Every write replays attempts, so a
// stored state equals what the term's attempts and overrides give.

import type { TutorDatabase } from '../storage/database';
import { runWrite } from '../storage/errors';
import type { Attempt } from '../storage/records';
import type { ReviewState } from './learning-records';
import { replayAttempts, SCHEDULER_VERSION } from './scheduler';

/**
 * Replays one term's attempts and stores the result, or deletes the state when the
 * term has no attempts left. Call it after storing an attempt or changing an override.
 */
export async function refreshReviewState(db: TutorDatabase, termId: string): Promise<ReviewState | null> {
  return runWrite('Could not update the review schedule', () =>
    db.transaction('rw', [db.attempts, db.reviewStates], async () => {
      const attempts = await db.attempts.where('termId').equals(termId).toArray();
      const state = replayAttempts(attempts);
      if (state === null) {
        await db.reviewStates.delete(termId);
      } else {
        await db.reviewStates.put(state);
      }
      return state;
    }),
  );
}

/** Checks, without reading the attempts, that a stored row still matches its term's `attemptCount` attempts. */
function isCurrent(state: ReviewState, attemptCount: number): boolean {
  return state.attemptCount === attemptCount && state.schedulerVersion === SCHEDULER_VERSION;
}

/**
 * Checks from the total attempt count alone that every stored row is current. Every write
 * path keeps a row's count at or below its term's attempts (deleting attempts deletes the
 * row, and so does an override), so equal totals mean equal counts for every term.
 */
function allRowsCurrent(stored: readonly ReviewState[], attemptTotal: number): boolean {
  let replayedTotal = 0;
  for (const state of stored) {
    if (state.schedulerVersion !== SCHEDULER_VERSION) {
      return false;
    }
    replayedTotal += state.attemptCount;
  }
  return replayedTotal === attemptTotal;
}

function groupByTerm(attempts: readonly Attempt[], existingTerms: ReadonlySet<string>): Map<string, Attempt[]> {
  const attemptsByTerm = new Map<string, Attempt[]>();
  for (const attempt of attempts) {
    if (!existingTerms.has(attempt.termId)) {
      continue;
    }
    const list = attemptsByTerm.get(attempt.termId) ?? [];
    list.push(attempt);
    attemptsByTerm.set(attempt.termId, list);
  }
  return attemptsByTerm;
}

/**
 * Brings every review state up to date and returns them by term id. When the stored rows
 * account for every stored attempt, they are returned as they are, without reading the
 * attempts. Otherwise a row is replayed when it is missing (after an upgrade, a pack import
 * or an override), when its term's attempt count changed, or when an older scheduler
 * computed it, and rows of deleted terms are removed.
 */
export async function syncReviewStates(db: TutorDatabase): Promise<Map<string, ReviewState>> {
  return runWrite('Could not update the review schedule', () =>
    db.transaction('rw', [db.terms, db.attempts, db.reviewStates], async () => {
      const [stored, attemptTotal] = await Promise.all([db.reviewStates.toArray(), db.attempts.count()]);
      if (allRowsCurrent(stored, attemptTotal)) {
        return new Map(stored.map((state) => [state.termId, state]));
      }

      const [termIds, attempts] = await Promise.all([db.terms.toCollection().primaryKeys(), db.attempts.toArray()]);
      const storedByTerm = new Map(stored.map((state) => [state.termId, state]));
      const states = new Map<string, ReviewState>();
      const replayed: ReviewState[] = [];
      for (const [termId, termAttempts] of groupByTerm(attempts, new Set(termIds))) {
        const previous = storedByTerm.get(termId);
        if (previous !== undefined && isCurrent(previous, termAttempts.length)) {
          states.set(termId, previous);
          continue;
        }
        const state = replayAttempts(termAttempts);
        if (state !== null) {
          states.set(termId, state);
          replayed.push(state);
        }
      }
      if (replayed.length > 0) {
        await db.reviewStates.bulkPut(replayed);
      }
      const orphaned = stored.filter((state) => !states.has(state.termId)).map((state) => state.termId);
      if (orphaned.length > 0) {
        await db.reviewStates.bulkDelete(orphaned);
      }
      return states;
    }),
  );
}
