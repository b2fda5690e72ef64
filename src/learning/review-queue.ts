// Which terms the review screen asks next: due terms learned before, then new terms up
// to the daily limit, then due terms still in their learning steps of minutes.

import type { Term } from '../storage/records';
import type { ReviewState } from './learning-records';
import { startOfLocalDay } from './local-day';
import { isLearned } from './scheduler';

export interface ReviewQueueInput {
  /** Terms in scope: one domain's, or every domain's. */
  terms: readonly Term[];
  /** Review states by term id, for any terms; terms without one are new. */
  states: ReadonlyMap<string, ReviewState>;
  now: number;
  /** Maximum new terms introduced per local day, across all domains. */
  dailyNewTermLimit: number;
  /** Terms first answered today in any domain, including those answered in a quiz. */
  newTermsIntroducedToday: number;
}

export interface DueTerm {
  term: Term;
  state: ReviewState;
}

export interface ReviewQueue {
  /** Due terms, the longest overdue first, whatever their stage. */
  due: DueTerm[];
  /** New terms to introduce now, oldest first, at most the limit's remainder for today. */
  newTerms: Term[];
  /** New terms in scope beyond `newTerms`, held back by the daily limit. */
  newTermsHeldBack: number;
  /** Earliest due time among scheduled terms not yet due, or null when there are none. */
  nextDueAt: number | null;
  /** Every term to ask, in the order to ask them. */
  order: Term[];
}

function compareNewTerms(a: Term, b: Term): number {
  return a.createdAt - b.createdAt || a.prompt.localeCompare(b.prompt, undefined, { sensitivity: 'base' });
}

/**
 * Returns the terms to review now. Due terms in the FSRS Review state come first,
 * because their intervals are days long and delay costs the most. New terms follow.
 * Due terms in (re)learning steps come last: their steps are minutes long, and a
 * learner who keeps missing them would otherwise never reach the new terms. A limit
 * already used up today yields no new terms.
 */
export function buildReviewQueue(input: ReviewQueueInput): ReviewQueue {
  const due: DueTerm[] = [];
  const unseen: Term[] = [];
  let nextDueAt: number | null = null;
  for (const term of input.terms) {
    const state = input.states.get(term.id);
    if (state === undefined) {
      unseen.push(term);
    } else if (state.due <= input.now) {
      due.push({ term, state });
    } else if (nextDueAt === null || state.due < nextDueAt) {
      nextDueAt = state.due;
    }
  }
  due.sort((a, b) => a.state.due - b.state.due || compareNewTerms(a.term, b.term));
  unseen.sort(compareNewTerms);
  const allowance = Math.max(0, input.dailyNewTermLimit - input.newTermsIntroducedToday);
  const newTerms = unseen.slice(0, allowance);
  const order = [
    ...due.filter((item) => isLearned(item.state)).map((item) => item.term),
    ...newTerms,
    ...due.filter((item) => !isLearned(item.state)).map((item) => item.term),
  ];
  return { due, newTerms, newTermsHeldBack: unseen.length - newTerms.length, nextDueAt, order };
}

/**
 * Returns the first term of `queue.order`, or null when it is empty. The term just
 * answered (`previousTermId`) is skipped while any other is waiting, so that a missed
 * term, due again a minute later, is not asked twice in a row.
 */
export function nextQueuedTerm(queue: Pick<ReviewQueue, 'order'>, previousTermId: string | null = null): Term | null {
  return queue.order.find((term) => term.id !== previousTermId) ?? queue.order[0] ?? null;
}

/** Counts states whose term was first answered on the local day containing `now`. */
export function countIntroducedToday(states: Iterable<ReviewState>, now: number): number {
  const dayStart = startOfLocalDay(now);
  let count = 0;
  for (const state of states) {
    if (state.introducedAt >= dayStart && state.introducedAt <= now) {
      count += 1;
    }
  }
  return count;
}
