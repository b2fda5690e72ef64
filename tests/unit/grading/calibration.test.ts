import { describe, expect, it } from 'vitest';

import { calibratedScore, sigmoid, verdictFor } from '../../../src/grading/calibration';

describe('sigmoid', () => {
  it.each([
    [0, 0.5],
    [2, 0.8807970779778823],
    [-2, 0.11920292202211755],
  ])('sigmoid(%f)', (x, expected) => {
    expect(sigmoid(x)).toBeCloseTo(expected, 12);
  });

  it('stays finite for large inputs', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(Number.isNaN(sigmoid(-1000))).toBe(false);
  });
});

describe('calibratedScore', () => {
  it('applies slope and intercept before the sigmoid', () => {
    // 1 / (1 + exp(-(2 * 1.5 - 1))) = sigmoid(2)
    expect(calibratedScore(1.5, { slope: 2, intercept: -1 })).toBeCloseTo(0.8807970779778823, 12);
  });

  it('maps the logit where slope * logit = -intercept to 0.5', () => {
    expect(calibratedScore(0.25, { slope: 4, intercept: -1 })).toBeCloseTo(0.5, 12);
  });

  it('increases with the logit for a positive slope', () => {
    const calibration = { slope: 4.07, intercept: -0.62 };
    expect(calibratedScore(1, calibration)).toBeGreaterThan(calibratedScore(0, calibration));
  });
});

describe('verdictFor', () => {
  it('passes a score equal to the threshold', () => {
    expect(verdictFor(0.37, 0.37)).toBe('pass');
  });

  it('fails a score just below the threshold', () => {
    expect(verdictFor(0.3699, 0.37)).toBe('fail');
  });
});
