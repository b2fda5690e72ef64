// Loads what the review screen shows: the queue for one domain or all of them.

import type { TutorDatabase } from '../storage/database';
import type { Term } from '../storage/records';
import { listTerms } from '../storage/terms';
import { getDailyNewTermLimit } from './learning-settings';
import { buildReviewQueue, countIntroducedToday, type ReviewQueue } from './review-queue';
import { syncReviewStates } from './review-store';

export interface LoadedReviewQueue extends ReviewQueue {
  dailyNewTermLimit: number;
  newTermsIntroducedToday: number;
}

/**
 * Brings the stored review states up to date and returns the queue at `now` for
 * `domainId`, or across every domain when it is null. The daily new-term limit
 * counts terms introduced today in any domain.
 */
export async function loadReviewQueue(db: TutorDatabase, domainId: string | null, now: number): Promise<LoadedReviewQueue> {
  const states = await syncReviewStates(db);
  const terms: Term[] = domainId === null ? await db.terms.toArray() : await listTerms(db, domainId);
  const dailyNewTermLimit = await getDailyNewTermLimit(db);
  const newTermsIntroducedToday = countIntroducedToday(states.values(), now);
  const queue = buildReviewQueue({ terms, states, now, dailyNewTermLimit, newTermsIntroducedToday });
  return { ...queue, dailyNewTermLimit, newTermsIntroducedToday };
}
