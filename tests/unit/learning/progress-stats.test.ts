import { describe, expect, it } from 'vitest';
import type { ReviewState } from '../../../src/learning/learning-records';
import { addLocalDays, startOfLocalDay } from '../../../src/learning/local-day';
import {
  countTermStages,
  dailyActivity,
  dayAccuracy,
  mostMissedTerms,
  termHistory,
} from '../../../src/learning/progress-stats';
import { replayAttempts } from '../../../src/learning/scheduler';
import { DAY, HOUR, makeAttempt, makeTerm, START } from './fixtures';

const today = startOfLocalDay(START);

describe('countTermStages', () => {
  it('counts new, learning, learned and due', () => {
    const terms = ['a', 'b', 'c', 'd'].map((id) => makeTerm(id));
    const learning = replayAttempts([makeAttempt({ termId: 'a', answeredAt: START })]) as ReviewState;
    const learned = replayAttempts([
      makeAttempt({ termId: 'b', answeredAt: START - 20 * DAY }),
      makeAttempt({ termId: 'b', answeredAt: START - 19 * DAY }),
    ]) as ReviewState;
    const states = new Map([
      ['a', learning],
      ['b', learned],
    ]);
    const counts = countTermStages(terms, states, START + HOUR);
    expect(counts).toEqual({ total: 4, new: 2, learning: 1, learned: 1, due: 2 });
  });

  it('counts all new without states', () => {
    expect(countTermStages([makeTerm('a')], new Map(), START)).toEqual({ total: 1, new: 1, learning: 0, learned: 0, due: 0 });
  });
});

describe('dailyActivity', () => {
  it('returns no days without attempts', () => {
    expect(dailyActivity([], START)).toEqual([]);
  });

  it('fills days without answers with zero', () => {
    const attempts = [
      makeAttempt({ termId: 'a', answeredAt: addLocalDays(today, -2) + HOUR, verdict: 'pass' }),
      makeAttempt({ termId: 'a', answeredAt: addLocalDays(today, -2) + 2 * HOUR, verdict: 'fail' }),
      makeAttempt({ termId: 'b', answeredAt: today + HOUR, verdict: 'fail', override: 'right' }),
    ];
    const days = dailyActivity(attempts, today + 5 * HOUR);
    expect(days.map((day) => day.dayStart)).toEqual([addLocalDays(today, -2), addLocalDays(today, -1), today]);
    expect(days.map((day) => day.answers)).toEqual([2, 0, 1]);
    expect(days.map((day) => day.passes)).toEqual([1, 0, 1]);
    expect(days.map(dayAccuracy)).toEqual([0.5, null, 1]);
  });

  it('drops answers outside the window', () => {
    const attempts = [
      makeAttempt({ termId: 'a', answeredAt: addLocalDays(today, -40) }),
      makeAttempt({ termId: 'a', answeredAt: addLocalDays(today, -1) }),
    ];
    const days = dailyActivity(attempts, today, 30);
    expect(days).toHaveLength(2);
    expect(days[0]?.dayStart).toBe(addLocalDays(today, -1));
  });
});

describe('mostMissedTerms', () => {
  it('ranks by misses after overrides', () => {
    const terms = [makeTerm('a', { prompt: 'Alpha' }), makeTerm('b', { prompt: 'Beta' }), makeTerm('c', { prompt: 'Gamma' })];
    const attempts = [
      makeAttempt({ termId: 'a', answeredAt: 1, verdict: 'fail' }),
      makeAttempt({ termId: 'a', answeredAt: 2, verdict: 'fail', override: 'right' }),
      makeAttempt({ termId: 'b', answeredAt: 3, verdict: 'fail' }),
      makeAttempt({ termId: 'b', answeredAt: 4, verdict: 'pass', override: 'wrong' }),
      makeAttempt({ termId: 'c', answeredAt: 5, verdict: 'pass' }),
      makeAttempt({ termId: 'deleted', answeredAt: 6, verdict: 'fail' }),
    ];
    const missed = mostMissedTerms(attempts, terms);
    expect(missed.map((term) => term.prompt)).toEqual(['Beta', 'Alpha']);
    expect(missed[0]).toEqual({ termId: 'b', prompt: 'Beta', misses: 2, attempts: 2 });
  });

  it('respects the limit', () => {
    const terms = ['a', 'b', 'c'].map((id) => makeTerm(id));
    const attempts = terms.map((term, index) => makeAttempt({ termId: term.id, answeredAt: index, verdict: 'fail' }));
    expect(mostMissedTerms(attempts, terms, 2)).toHaveLength(2);
  });
});

describe('termHistory', () => {
  it('lists one term newest first', () => {
    const attempts = [
      makeAttempt({ termId: 'a', answeredAt: 1 }),
      makeAttempt({ termId: 'b', answeredAt: 2 }),
      makeAttempt({ termId: 'a', answeredAt: 3 }),
    ];
    expect(termHistory(attempts, 'a').map((attempt) => attempt.answeredAt)).toEqual([3, 1]);
  });
});
