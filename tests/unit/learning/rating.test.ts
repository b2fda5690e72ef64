import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { ratingForAttempt, type RatedAttempt } from '../../../src/learning/rating';

const cases: { name: string; attempt: RatedAttempt; expected: Rating }[] = [
  { name: 'fail', attempt: { score: 0.2, verdict: 'fail', override: 'none', threshold: 0.5 }, expected: Rating.Again },
  { name: 'pass just above threshold', attempt: { score: 0.5, verdict: 'pass', override: 'none', threshold: 0.5 }, expected: Rating.Hard },
  { name: 'pass below margin', attempt: { score: 0.64, verdict: 'pass', override: 'none', threshold: 0.5 }, expected: Rating.Hard },
  { name: 'pass at margin', attempt: { score: 0.65, verdict: 'pass', override: 'none', threshold: 0.5 }, expected: Rating.Good },
  { name: 'pass below easy', attempt: { score: 0.89, verdict: 'pass', override: 'none', threshold: 0.5 }, expected: Rating.Good },
  { name: 'pass at easy', attempt: { score: 0.9, verdict: 'pass', override: 'none', threshold: 0.5 }, expected: Rating.Easy },
  { name: 'easy wins over hard', attempt: { score: 0.92, verdict: 'pass', override: 'none', threshold: 0.85 }, expected: Rating.Easy },
  { name: 'override right on fail', attempt: { score: 0.1, verdict: 'fail', override: 'right', threshold: 0.5 }, expected: Rating.Good },
  { name: 'override wrong on easy pass', attempt: { score: 0.99, verdict: 'pass', override: 'wrong', threshold: 0.5 }, expected: Rating.Again },
  { name: 'self-graded pass', attempt: { score: null, verdict: 'pass', override: 'none', threshold: 0.5 }, expected: Rating.Good },
  { name: 'self-graded fail', attempt: { score: null, verdict: 'fail', override: 'none', threshold: 0.5 }, expected: Rating.Again },
];

describe('ratingForAttempt', () => {
  for (const { name, attempt, expected } of cases) {
    it(`rates ${name} as ${Rating[expected]}`, () => {
      expect(Rating[ratingForAttempt(attempt)]).toBe(Rating[expected]);
    });
  }
});
