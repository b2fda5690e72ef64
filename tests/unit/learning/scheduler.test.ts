import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { applyAttempt, isDue, isLearned, replayAttempts } from '../../../src/learning/scheduler';
import type { ReviewState } from '../../../src/learning/learning-records';
import type { Attempt } from '../../../src/storage/records';
import { DAY, makeAttempt, START } from './fixtures';

const MINUTE = 60 * 1000;

function passAt(answeredAt: number): Attempt {
  return makeAttempt({ termId: 't1', answeredAt, score: 0.8, verdict: 'pass' });
}

function failAt(answeredAt: number): Attempt {
  return makeAttempt({ termId: 't1', answeredAt, score: 0.2, verdict: 'fail' });
}

/** Answers the term each time it falls due, with the outcome from `outcomes`; returns the states. */
function studyWhenDue(outcomes: ('pass' | 'fail')[]): ReviewState[] {
  const states: ReviewState[] = [];
  let state: ReviewState | null = null;
  let now = START;
  for (const outcome of outcomes) {
    const attempt = outcome === 'pass' ? passAt(now) : failAt(now);
    state = applyAttempt(state, attempt);
    states.push(state);
    now = state.due;
  }
  return states;
}

describe('scheduling over simulated days', () => {
  it('first pass schedules a learning step', () => {
    const [state] = studyWhenDue(['pass']);
    expect(state?.state).toBe(State.Learning);
    expect(state?.due).toBe(START + 10 * MINUTE);
  });

  it('first fail is due again in a minute', () => {
    const [state] = studyWhenDue(['fail']);
    expect(state?.state).toBe(State.Learning);
    expect(state?.due).toBe(START + MINUTE);
  });

  it('repeated passes grow the interval', () => {
    const states = studyWhenDue(['pass', 'pass', 'pass', 'pass', 'pass']);
    const intervals = states.slice(1).map((state) => state.scheduledDays);
    expect(states[1]?.state).toBe(State.Review);
    expect(intervals[0]).toBeGreaterThanOrEqual(1);
    for (let index = 1; index < intervals.length; index++) {
      expect(intervals[index]).toBeGreaterThan(intervals[index - 1] as number);
    }
    const last = states.at(-1) as ReviewState;
    expect(last.due - last.lastReviewAt).toBe(last.scheduledDays * DAY);
  });

  it('fail after learning is a lapse due within minutes', () => {
    const states = studyWhenDue(['pass', 'pass', 'pass', 'fail']);
    const beforeLapse = states[2] as ReviewState;
    const lapsed = states[3] as ReviewState;
    expect(lapsed.state).toBe(State.Relearning);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.due - lapsed.lastReviewAt).toBe(10 * MINUTE);
    expect(lapsed.stability).toBeLessThan(beforeLapse.stability);
  });

  it('pass after lapse returns to days', () => {
    const states = studyWhenDue(['pass', 'pass', 'pass', 'fail', 'pass']);
    const recovered = states[4] as ReviewState;
    expect(recovered.state).toBe(State.Review);
    expect(recovered.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(isLearned(recovered)).toBe(true);
  });

  it('pass schedules later than fail', () => {
    const passed = studyWhenDue(['pass', 'pass', 'pass']).at(-1) as ReviewState;
    const failed = studyWhenDue(['pass', 'pass', 'fail']).at(-1) as ReviewState;
    expect(passed.lastReviewAt).toBe(failed.lastReviewAt);
    expect(passed.due).toBeGreaterThan(failed.due + DAY);
  });

  it('isDue compares with the clock', () => {
    const [state] = studyWhenDue(['pass']) as [ReviewState];
    expect(isDue(state, state.due - 1)).toBe(false);
    expect(isDue(state, state.due)).toBe(true);
  });
});

describe('replayAttempts', () => {
  it('returns null without attempts', () => {
    expect(replayAttempts([])).toBeNull();
  });

  it('replays in answer order', () => {
    const attempts = [passAt(START), passAt(START + DAY), failAt(START + 5 * DAY)];
    const forward = replayAttempts(attempts);
    const shuffled = replayAttempts([attempts[2], attempts[0], attempts[1]] as Attempt[]);
    expect(shuffled).toEqual(forward);
    expect(forward?.attemptCount).toBe(3);
    expect(forward?.introducedAt).toBe(START);
    expect(forward?.lastAttemptId).toBe(attempts[2]?.id);
  });

  it('override changes the replayed schedule', () => {
    const learned = [passAt(START), passAt(START + DAY)];
    const missed = failAt(START + 5 * DAY);
    const asGraded = replayAttempts([...learned, missed]) as ReviewState;
    const overridden = replayAttempts([...learned, { ...missed, override: 'right' }]) as ReviewState;
    expect(asGraded.lapses).toBe(1);
    expect(overridden.lapses).toBe(0);
    expect(overridden.due).toBeGreaterThan(asGraded.due);
  });
});
