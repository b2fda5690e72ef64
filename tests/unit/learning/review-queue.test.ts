import { describe, expect, it } from 'vitest';
import type { ReviewState } from '../../../src/learning/learning-records';
import { buildReviewQueue, countIntroducedToday, nextQueuedTerm } from '../../../src/learning/review-queue';
import { replayAttempts } from '../../../src/learning/scheduler';
import { startOfLocalDay } from '../../../src/learning/local-day';
import { DAY, HOUR, makeAttempt, makeTerm, START } from './fixtures';

function stateAnsweredAt(termId: string, times: number[]): ReviewState {
  return replayAttempts(times.map((answeredAt) => makeAttempt({ termId, answeredAt }))) as ReviewState;
}

const terms = [
  makeTerm('a', { createdAt: 1, prompt: 'Alpha' }),
  makeTerm('b', { createdAt: 2, prompt: 'Beta' }),
  makeTerm('c', { createdAt: 3, prompt: 'Gamma' }),
  makeTerm('d', { createdAt: 4, prompt: 'Delta' }),
];

describe('buildReviewQueue', () => {
  it('serves new terms up to the daily limit', () => {
    const queue = buildReviewQueue({ terms, states: new Map(), now: START, dailyNewTermLimit: 2, newTermsIntroducedToday: 0 });
    expect(queue.due).toEqual([]);
    expect(queue.newTerms.map((term) => term.id)).toEqual(['a', 'b']);
    expect(queue.newTermsHeldBack).toBe(2);
    expect(queue.nextDueAt).toBeNull();
  });

  it('subtracts terms introduced today', () => {
    const queue = buildReviewQueue({ terms, states: new Map(), now: START, dailyNewTermLimit: 3, newTermsIntroducedToday: 2 });
    expect(queue.newTerms.map((term) => term.id)).toEqual(['a']);
  });

  it('serves no new terms once the limit is used', () => {
    const queue = buildReviewQueue({ terms, states: new Map(), now: START, dailyNewTermLimit: 2, newTermsIntroducedToday: 5 });
    expect(queue.newTerms).toEqual([]);
    expect(queue.newTermsHeldBack).toBe(4);
  });

  it('orders due terms most overdue first', () => {
    const states = new Map([
      ['a', stateAnsweredAt('a', [START - 2 * DAY])],
      ['b', stateAnsweredAt('b', [START - 3 * DAY])],
      ['c', stateAnsweredAt('c', [START - 10])],
    ]);
    const queue = buildReviewQueue({ terms, states, now: START, dailyNewTermLimit: 10, newTermsIntroducedToday: 0 });
    expect(queue.due.map((item) => item.term.id)).toEqual(['b', 'a']);
    expect(queue.nextDueAt).toBe(states.get('c')?.due);
    expect(queue.newTerms.map((term) => term.id)).toEqual(['d']);
  });

  it('asks learned, then new, then learning terms', () => {
    // 'a' graduated to days long ago; 'b' is in its learning steps; 'c' and 'd' are new.
    const states = new Map([
      ['a', stateAnsweredAt('a', [START - 30 * DAY, START - 29 * DAY])],
      ['b', stateAnsweredAt('b', [START - HOUR])],
    ]);
    const queue = buildReviewQueue({ terms, states, now: START, dailyNewTermLimit: 1, newTermsIntroducedToday: 0 });
    expect(queue.order.map((term) => term.id)).toEqual(['a', 'c', 'b']);
    expect(nextQueuedTerm(queue)?.id).toBe('a');
  });

  it('skips the term just answered', () => {
    const states = new Map([['a', stateAnsweredAt('a', [START - 2 * DAY])]]);
    const queue = buildReviewQueue({ terms, states, now: START, dailyNewTermLimit: 1, newTermsIntroducedToday: 0 });
    expect(nextQueuedTerm(queue)?.id).toBe('b');
    expect(nextQueuedTerm(queue, 'b')?.id).toBe('a');
    const alone = buildReviewQueue({ terms, states, now: START, dailyNewTermLimit: 0, newTermsIntroducedToday: 0 });
    expect(nextQueuedTerm(alone, 'a')?.id).toBe('a');
  });

  it('returns null when nothing is left', () => {
    const queue = buildReviewQueue({ terms: [], states: new Map(), now: START, dailyNewTermLimit: 10, newTermsIntroducedToday: 0 });
    expect(nextQueuedTerm(queue)).toBeNull();
  });
});

describe('countIntroducedToday', () => {
  it('counts first answers since local midnight', () => {
    const midnight = startOfLocalDay(START);
    const states = [
      stateAnsweredAt('a', [midnight + HOUR]),
      stateAnsweredAt('b', [midnight - HOUR, midnight + 2 * HOUR]),
      stateAnsweredAt('c', [midnight]),
    ];
    expect(countIntroducedToday(states, midnight + 3 * HOUR)).toBe(2);
  });
});
