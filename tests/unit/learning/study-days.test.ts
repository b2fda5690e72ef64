// A learner studies one domain through the review queue over simulated days, with
// the system clock faked so that stored attempts carry the simulated times.
import 'fake-indexeddb/auto';
import { State } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDailyNewTermLimit, SHIPPED_CALIBRATION_ID } from '../../../src/learning/learning-settings';
import { addLocalDays, startOfLocalDay } from '../../../src/learning/local-day';
import { nextQueuedTerm } from '../../../src/learning/review-queue';
import { loadReviewQueue } from '../../../src/learning/review-loader';
import { refreshReviewState } from '../../../src/learning/review-store';
import { recordAttempt } from '../../../src/storage/attempts';
import type { TutorDatabase } from '../../../src/storage/database';
import { createDomain } from '../../../src/storage/domains';
import type { Term } from '../../../src/storage/records';
import { addTerm } from '../../../src/storage/terms';
import { openFreshDatabase } from '../storage/helpers';
import { HOUR, START } from './fixtures';

const MINUTE = 60 * 1000;
const TERM_COUNT = 12;
const DAILY_LIMIT = 4;
const DAYS = 12;

let db: TutorDatabase;

beforeEach(() => {
  db = openFreshDatabase();
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

/** The simulated learner knows even-numbered terms and misses odd-numbered ones. */
function knows(term: Term): boolean {
  return Number(term.prompt.replace('Term ', '')) % 2 === 0;
}

async function answer(term: Term): Promise<void> {
  const passed = knows(term);
  await recordAttempt(db, {
    termId: term.id,
    domainId: term.domainId,
    quizId: 'review',
    answer: passed ? 'the right idea' : 'no idea',
    grade: {
      score: passed ? 0.8 : 0.1,
      logit: passed ? 1 : -1,
      bestReferenceIndex: 0,
      verdict: passed ? 'pass' : 'fail',
      threshold: 0.37,
      modelId: 'model',
      modelVersion: '1',
      calibrationId: SHIPPED_CALIBRATION_ID,
    },
    threshold: 0.37,
  });
  await refreshReviewState(db, term.id);
}

/**
 * Studies from 09:00 until the queue is empty or the next due term is after 09:20,
 * advancing the clock to each learning step. Returns the terms first seen today.
 */
async function studyOneDay(domainId: string, dayStart: number, seen: Set<string>): Promise<string[]> {
  const introduced: string[] = [];
  let now = dayStart + 9 * HOUR;
  const sessionEnd = now + 20 * MINUTE;
  let previousTermId: string | null = null;
  while (now <= sessionEnd) {
    vi.setSystemTime(now);
    const queue = await loadReviewQueue(db, domainId, now);
    const term = nextQueuedTerm(queue, previousTermId);
    if (term !== null) {
      if (!seen.has(term.id)) {
        seen.add(term.id);
        introduced.push(term.id);
      }
      await answer(term);
      previousTermId = term.id;
      now += MINUTE;
    } else if (queue.nextDueAt === null) {
      break;
    } else {
      now = queue.nextDueAt;
    }
  }
  return introduced;
}

describe('studying over simulated days', () => {
  it('introduces at most the daily limit and spaces by outcome', { timeout: 60_000 }, async () => {
    const domain = await createDomain(db, { name: 'Simulated' });
    for (let index = 1; index <= TERM_COUNT; index++) {
      await addTerm(db, domain.id, { prompt: `Term ${index}`, definitions: [`Definition ${index}.`], subdomainId: '' });
    }
    await setDailyNewTermLimit(db, DAILY_LIMIT);
    const seen = new Set<string>();
    const firstDay = startOfLocalDay(START);
    const introducedPerDay: number[] = [];
    for (let day = 0; day < DAYS; day++) {
      introducedPerDay.push((await studyOneDay(domain.id, addLocalDays(firstDay, day), seen)).length);
    }

    expect(introducedPerDay.slice(0, 3)).toEqual([DAILY_LIMIT, DAILY_LIMIT, DAILY_LIMIT]);
    expect(introducedPerDay.slice(3).every((count) => count === 0)).toBe(true);

    const terms = await db.terms.where('domainId').equals(domain.id).toArray();
    const states = new Map((await db.reviewStates.toArray()).map((state) => [state.termId, state]));
    expect(states.size).toBe(TERM_COUNT);
    const lastStudyDay = addLocalDays(firstDay, DAYS - 1);
    for (const term of terms) {
      const state = states.get(term.id);
      if (state === undefined) {
        throw new Error(`No review state for ${term.prompt}.`);
      }
      if (knows(term)) {
        // Known terms graduate and are not asked again for days.
        expect(state.state, term.prompt).toBe(State.Review);
        expect(state.lapses, term.prompt).toBe(0);
        expect(state.due, term.prompt).toBeGreaterThan(addLocalDays(lastStudyDay, 2));
      } else {
        // Missed terms stay in the learning steps, due again within minutes.
        expect(state.state, term.prompt).toBe(State.Learning);
        expect(state.due - state.lastReviewAt, term.prompt).toBeLessThanOrEqual(10 * MINUTE);
      }
    }
  });

  it('serves due terms after the limit is used', async () => {
    const domain = await createDomain(db, { name: 'Limited' });
    for (let index = 1; index <= 3; index++) {
      await addTerm(db, domain.id, { prompt: `Term ${index}`, definitions: [`Definition ${index}.`], subdomainId: '' });
    }
    await setDailyNewTermLimit(db, 1);
    const firstDay = startOfLocalDay(START);
    await studyOneDay(domain.id, firstDay, new Set());
    const nextMorning = addLocalDays(firstDay, 1) + 9 * HOUR;
    const queue = await loadReviewQueue(db, domain.id, nextMorning);
    // Term 1 (missed) is due again, and one new term is allowed on the new day.
    expect(queue.due.map((item) => item.term.prompt)).toEqual(['Term 1']);
    expect(queue.newTerms.map((term) => term.prompt)).toEqual(['Term 2']);
    expect(queue.newTermsHeldBack).toBe(1);
  });
});
