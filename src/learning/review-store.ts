// Reads and rebuilds the stored review states. Every write replays attempts, so a
// stored state always equals what the term's attempts and overrides give.

import type { TutorDatabase } from '../storage/database';
import { runWrite } from '../storage/errors';
import type { Attempt } from '../storage/records';
import type { ReviewState } from './learning-records';
import { replayAttempts } from './scheduler';

function sameState(a: ReviewState, b: ReviewState): boolean {
  return (Object.keys(a) as (keyof ReviewState)[]).every((key) => a[key] === b[key]);
}

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

/**
 * Rebuilds every review state whose stored row differs from a replay of its
 * attempts: rows missing after an upgrade or a pack import, rows left behind by
 * deleted terms, and rows an override in another tab made stale. Returns the states
 * by term id.
 */
export async function syncReviewStates(db: TutorDatabase): Promise<Map<string, ReviewState>> {
  return runWrite('Could not update the review schedule', () =>
    db.transaction('rw', [db.terms, db.attempts, db.reviewStates], async () => {
      const [termIds, attempts, stored] = await Promise.all([
        db.terms.toCollection().primaryKeys(),
        db.attempts.toArray(),
        db.reviewStates.toArray(),
      ]);
      const existingTerms = new Set(termIds);
      const attemptsByTerm = new Map<string, Attempt[]>();
      for (const attempt of attempts) {
        if (!existingTerms.has(attempt.termId)) {
          continue;
        }
        const list = attemptsByTerm.get(attempt.termId) ?? [];
        list.push(attempt);
        attemptsByTerm.set(attempt.termId, list);
      }
      const storedByTerm = new Map(stored.map((state) => [state.termId, state]));
      const states = new Map<string, ReviewState>();
      const changed: ReviewState[] = [];
      for (const [termId, termAttempts] of attemptsByTerm) {
        const state = replayAttempts(termAttempts);
        if (state === null) {
          continue;
        }
        states.set(termId, state);
        const previous = storedByTerm.get(termId);
        if (previous === undefined || !sameState(previous, state)) {
          changed.push(state);
        }
      }
      const orphaned = stored.filter((state) => !states.has(state.termId)).map((state) => state.termId);
      if (changed.length > 0) {
        await db.reviewStates.bulkPut(changed);
      }
      if (orphaned.length > 0) {
        await db.reviewStates.bulkDelete(orphaned);
      }
      return states;
    }),
  );
}
