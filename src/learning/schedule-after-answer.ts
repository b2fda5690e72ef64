// The call that the quiz makes after it stores an attempt or an override, so that the
// term's review schedule follows every graded answer.

import { database } from '../state/app-database';
import { refreshReviewState } from './review-store';

/**
 * Rebuilds the term's review state. A failure is logged, not raised: the attempt is
 * already stored, and the review and progress screens rebuild stale states on load.
 */
export async function rescheduleTerm(termId: string): Promise<void> {
  try {
    await refreshReviewState(database, termId);
  } catch (error) {
    console.warn(`Could not update the review schedule of term ${termId}; it is rebuilt when the review screen opens.`, error);
  }
}
