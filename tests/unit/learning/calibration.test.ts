import { describe, expect, it } from 'vitest';
import { fitCalibration, logitCutoff, type LabeledLogit } from '../../../src/learning/calibration-fit';
import {
  measureAgreement,
  proposeRecalibration,
  recalibrationReadiness,
  RecalibrationError,
  type RecalibrationSample,
  type ScoringCalibration,
} from '../../../src/learning/recalibration';
import { chooseThreshold, macroF1 } from '../../../src/learning/threshold-choice';
import { sigmoid } from '../../../src/grading/calibration';

const SHIPPED: ScoringCalibration = { slope: 4.069132, intercept: -0.617344, threshold: 0.37 };
const SHIPPED_CUTOFF = logitCutoff(SHIPPED, SHIPPED.threshold);

/** Logits evenly spaced over [-3, 3], as a stand-in for a learner's answers. */
function logitGrid(count = 121): number[] {
  return Array.from({ length: count }, (_, index) => -3 + (6 * index) / (count - 1));
}

/**
 * Answers labelled by a learner who passes every answer above `learnerCutoff`, where
 * the shipped calibration passes those above SHIPPED_CUTOFF; disagreements are overrides.
 */
function learnerSamples(learnerCutoff: number, logits: number[] = logitGrid()): RecalibrationSample[] {
  return logits.map((logit, index) => {
    const passed = logit >= learnerCutoff;
    const modelPassed = logit >= SHIPPED_CUTOFF;
    return { attemptId: `a${index}`, logit, passed, overridden: passed !== modelPassed };
  });
}

describe('macroF1', () => {
  it('is 1 for a perfect prediction', () => {
    expect(macroF1([true, false, true], [true, false, true])).toBe(1);
  });

  it('averages both classes', () => {
    // pass: precision 1/2, recall 1, F1 2/3. fail: precision 1, recall 1/2, F1 2/3.
    expect(macroF1([true, false], [true, true])).toBeCloseTo(1 / 3, 12);
    expect(macroF1([true, false, false], [true, true, false])).toBeCloseTo(2 / 3, 12);
  });
});

describe('chooseThreshold', () => {
  it('separates the labels', () => {
    const choice = chooseThreshold([0.1, 0.2, 0.3, 0.7, 0.8], [false, false, false, true, true]);
    expect(choice.macroF1).toBe(1);
    // Every threshold in (0.3, 0.7] separates them; the tie goes to the one nearest 0.5.
    expect(choice.threshold).toBe(0.5);
  });

  it('stays on the grid', () => {
    const choice = chooseThreshold([0.01, 0.02, 0.99], [false, true, true]);
    expect(choice.threshold).toBeGreaterThanOrEqual(0.05);
    expect(choice.threshold).toBeLessThanOrEqual(0.95);
  });

  it('rejects mismatched lengths', () => {
    expect(() => chooseThreshold([0.5], [])).toThrow(/1 scores but 0 labels/);
  });
});

describe('fitCalibration', () => {
  it('returns the shipped calibration without samples', () => {
    const fit = fitCalibration([], SHIPPED);
    expect(fit.slope).toBeCloseTo(SHIPPED.slope, 12);
    expect(fit.intercept).toBeCloseTo(SHIPPED.intercept, 12);
  });

  it('recovers a calibration from many labels', () => {
    // Labels drawn deterministically from a known calibration: pass when the quantile is below its probability.
    const truth = { slope: 2, intercept: 1 };
    const samples: LabeledLogit[] = [];
    for (const logit of logitGrid(61)) {
      const p = sigmoid(truth.slope * logit + truth.intercept);
      for (let quantile = 0.025; quantile < 1; quantile += 0.05) {
        samples.push({ logit, passed: quantile < p });
      }
    }
    const fit = fitCalibration(samples, SHIPPED);
    expect(fit.slope).toBeGreaterThan(1.6);
    expect(fit.slope).toBeLessThan(2.4);
    expect(fit.intercept).toBeGreaterThan(0.7);
    expect(fit.intercept).toBeLessThan(1.3);
  });

  it('stays finite on separable labels', () => {
    const fit = fitCalibration(learnerSamples(0.5), SHIPPED);
    expect(Number.isFinite(fit.slope)).toBe(true);
    expect(Number.isFinite(fit.intercept)).toBe(true);
    expect(fit.slope).toBeGreaterThan(0);
  });

  it('moves little on a few overrides', () => {
    const agreeing = logitGrid(60).map((logit) => ({ logit, passed: logit >= SHIPPED_CUTOFF }));
    const overridden = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ logit: -0.6 + (0.6 * index) / (count - 1), passed: true }));
    const cutoffShift = (samples: LabeledLogit[]) =>
      logitCutoff(fitCalibration(samples, SHIPPED), SHIPPED.threshold) - SHIPPED_CUTOFF;
    const fewShift = cutoffShift([...agreeing, ...overridden(3)]);
    const manyShift = cutoffShift([...agreeing, ...overridden(20)]);
    expect(manyShift).toBeLessThan(-0.3);
    expect(fewShift).toBeLessThan(0);
    expect(Math.abs(fewShift)).toBeLessThan(Math.abs(manyShift) / 2);
  });

  it('rejects a non-finite logit', () => {
    expect(() => fitCalibration([{ logit: Number.NaN, passed: true }], SHIPPED)).toThrow(/samples\[0\]\.logit is NaN/);
  });
});

describe('proposeRecalibration', () => {
  it('lowers the cut-off for a lenient learner', () => {
    const proposal = proposeRecalibration(learnerSamples(-0.6), SHIPPED, SHIPPED);
    expect(proposal.logitCutoffBefore).toBeCloseTo(SHIPPED_CUTOFF, 12);
    expect(proposal.logitCutoffAfter).toBeLessThan(proposal.logitCutoffBefore - 0.3);
    expect(proposal.after.all).toBeGreaterThan(proposal.before.all);
    expect(proposal.after.overridden).toBeGreaterThan(proposal.before.overridden);
  });

  it('raises the cut-off for a strict learner', () => {
    const proposal = proposeRecalibration(learnerSamples(0.7), SHIPPED, SHIPPED);
    expect(proposal.logitCutoffAfter).toBeGreaterThan(proposal.logitCutoffBefore + 0.3);
    expect(proposal.after.all).toBeGreaterThan(proposal.before.all);
  });

  it('keeps the cut-off for an agreeing learner', () => {
    const proposal = proposeRecalibration(learnerSamples(SHIPPED_CUTOFF), SHIPPED, SHIPPED);
    expect(proposal.overrideCount).toBe(0);
    expect(Math.abs(proposal.logitCutoffAfter - proposal.logitCutoffBefore)).toBeLessThan(0.1);
    expect(proposal.after.all).toBe(1);
  });

  it('counts samples and overrides', () => {
    const samples = learnerSamples(-0.6);
    const proposal = proposeRecalibration(samples, SHIPPED, SHIPPED);
    expect(proposal.sampleCount).toBe(samples.length);
    expect(proposal.overrideCount).toBe(samples.filter((sample) => sample.overridden).length);
  });

  it('rejects one-sided labels', () => {
    const samples = learnerSamples(-10);
    expect(() => proposeRecalibration(samples, SHIPPED, SHIPPED)).toThrow(RecalibrationError);
    expect(() => proposeRecalibration(samples, SHIPPED, SHIPPED)).toThrow(/0 failed/);
  });

  it('rejects labels that fall as scores rise', () => {
    const samples = logitGrid().map((logit, index) => ({ attemptId: `a${index}`, logit, passed: logit < 0, overridden: true }));
    expect(() => proposeRecalibration(samples, SHIPPED, SHIPPED)).toThrow(/slope is not positive/);
  });
});

describe('measureAgreement', () => {
  it('scores zero without samples', () => {
    expect(measureAgreement([], SHIPPED)).toEqual({ all: 0, overridden: 0 });
  });
});

describe('recalibrationReadiness', () => {
  function attempts(overrides: number, passes: number, fails: number) {
    const rows: { verdict: 'pass' | 'fail'; override: 'none' | 'right' | 'wrong' }[] = [];
    for (let index = 0; index < passes; index++) {
      rows.push({ verdict: 'fail', override: index < overrides ? 'right' : 'none' });
    }
    for (let index = 0; index < fails; index++) {
      rows.push({ verdict: 'fail', override: 'none' });
    }
    // Overrides beyond the passes turn passes into fails.
    for (let index = passes; index < overrides; index++) {
      rows.push({ verdict: 'pass', override: 'wrong' });
    }
    return rows;
  }

  it('is ready at 20 overrides with both labels', () => {
    const readiness = recalibrationReadiness(attempts(20, 20, 5));
    expect(readiness).toEqual({ overrides: 20, passes: 20, fails: 5, ready: true });
  });

  it('waits below 20 overrides', () => {
    expect(recalibrationReadiness(attempts(19, 30, 30)).ready).toBe(false);
  });

  it('waits with too few fails', () => {
    expect(recalibrationReadiness(attempts(25, 25, 4)).ready).toBe(false);
  });
});
