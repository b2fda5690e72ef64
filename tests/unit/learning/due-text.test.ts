import { describe, expect, it } from 'vitest';
import { dueIn } from '../../../src/ui/screens/review/due-text';

const MINUTE = 60_000;

describe('dueIn', () => {
  const cases: [number, string][] = [
    [-5 * MINUTE, 'now'],
    [0, 'now'],
    [10 * 1000, 'in 1 minute'],
    [10 * MINUTE, 'in 10 minutes'],
    [90 * MINUTE, 'in 2 hours'],
    [3 * 24 * 60 * MINUTE, 'in 3 days'],
  ];
  for (const [wait, expected] of cases) {
    it(`describes ${wait} ms as "${expected}"`, () => {
      expect(dueIn(1_000_000 + wait, 1_000_000)).toBe(expected);
    });
  }
});
