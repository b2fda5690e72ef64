// Runs the committed int8 model through onnxruntime-web's WebAssembly backend in Node.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GraderError } from '../../../src/grading/errors';
import type { Grader } from '../../../src/grading/grader';
import { loadGraderFromFolder } from '../../../src/grading/node/load-grader';
import type { GradeRequest } from '../../../src/grading/types';
import { MODEL_LOAD_TIMEOUT_MS, MODEL_RUN_TIMEOUT_MS } from './model-folder';

let grader: Grader;
let batchedGrader: Grader;

beforeAll(async () => {
  grader = await loadGraderFromFolder();
  batchedGrader = await loadGraderFromFolder(undefined, { batchLimits: { maxPairsPerRun: 16, maxTokensPerRun: 8192 } });
}, MODEL_LOAD_TIMEOUT_MS);

afterAll(async () => {
  await grader.dispose();
  await batchedGrader.dispose();
});

const REQUESTS: GradeRequest[] = [
  { answer: 'a contract between services', references: ['an agreed-upon interface', 'a set of rules for how programs talk'] },
  { answer: 'rapid', references: ['fast'] },
  { answer: 'blue', references: ['democracy', 'government by the people'] },
  { answer: 'the heart pumps blood', references: ['the heart does not pump blood'] },
  { answer: 'An API is the boundary through which one program requests services from another.', references: ['an agreed-upon interface'] },
  { answer: 'x', references: ['a very long reference definition that goes on and on '.repeat(20)] },
];

async function caught(promise: Promise<unknown>): Promise<GraderError> {
  try {
    await promise;
  } catch (error) {
    return error as GraderError;
  }
  throw new Error('expected the promise to reject');
}

describe('grader cases', { timeout: MODEL_RUN_TIMEOUT_MS }, () => {
  // Verdicts come from the manifest's calibration and threshold, never a typed-in score,
  // so only a trained model passes: an untrained head scores every pair alike.
  it.each([
    ['blue', 'democracy', 'fail'],
    ['the heart pumps blood', 'the heart does not pump blood', 'fail'],
  ] as const)('"%s" vs "%s" gets %s', async (answer, reference, expected) => {
    const result = await grader.grade({ answer, references: [reference] });
    expect(result.threshold).toBe(grader.manifest.calibration.threshold);
    expect(result.verdict).toBe(expected);
  });

  // NOTE: known misses of the shipped model. Short paraphrases with no shared words score
  // well below the threshold that the SemEval calibration picks (npm run model:eval prints
  // the scores). `it.fails` keeps them visible: each turns red once a model passes it.
  it.fails.each([
    ['a contract between services', 'an agreed-upon interface', 'pass'],
    ['rapid', 'fast', 'pass'],
  ] as const)('"%s" vs "%s" gets %s (known miss)', async (answer, reference, expected) => {
    const result = await grader.grade({ answer, references: [reference] });
    expect(result.verdict).toBe(expected);
  });
});

describe('grader results', { timeout: MODEL_RUN_TIMEOUT_MS }, () => {
  it('picks the best reference', async () => {
    const result = await grader.grade({ answer: 'rapid', references: ['democracy', 'fast', 'purple'] });
    expect(result.referenceScores).toHaveLength(3);
    expect(result.score).toBe(Math.max(...result.referenceScores));
    expect(result.referenceScores[result.bestReferenceIndex]).toBe(result.score);
    expect(result.score).toBeCloseTo(grader.score(result.logit), 12);
  });

  it('scores in [0, 1]', async () => {
    const results = await grader.gradeBatch(REQUESTS);
    for (const result of results) {
      for (const score of result.referenceScores) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('applies a caller threshold', async () => {
    const request = { answer: 'rapid', references: ['fast'] };
    const always = await grader.grade(request, 0);
    const never = await grader.grade(request, 1);
    expect(always.verdict).toBe('pass');
    expect(always.threshold).toBe(0);
    expect(never.threshold).toBe(1);
    expect(never.verdict).toBe(never.score >= 1 ? 'pass' : 'fail');
  });

  it('scores both orders of a pair', async () => {
    const [forward, backward] = await grader.pairLogits([
      ['rapid', 'fast'],
      ['fast', 'rapid'],
    ]);
    expect(Number.isFinite(forward)).toBe(true);
    expect(Number.isFinite(backward)).toBe(true);
  });
});

describe('batch scoring', { timeout: MODEL_RUN_TIMEOUT_MS }, () => {
  it('equals one-by-one scoring within 1e-4', async () => {
    const batch = await grader.gradeBatch(REQUESTS);
    for (const [index, request] of REQUESTS.entries()) {
      const single = await grader.grade(request);
      const batched = batch[index];
      expect(batched?.bestReferenceIndex).toBe(single.bestReferenceIndex);
      expect(Math.abs((batched?.logit ?? NaN) - single.logit)).toBeLessThan(1e-4);
      single.referenceScores.forEach((score, referenceIndex) => {
        expect(Math.abs((batched?.referenceScores[referenceIndex] ?? NaN) - score)).toBeLessThan(1e-4);
      });
    }
  });

  it('scores repeated pairs once and alike', async () => {
    const logits = await grader.pairLogits([
      ['rapid', 'fast'],
      ['blue', 'democracy'],
      ['rapid', 'fast'],
    ]);
    expect(logits[0]).toBe(logits[2]);
  });

  it('pads multi-pair runs without changing results much', async () => {
    // Multi-pair runs share one int8 activation scale, so they differ from single runs:
    // by up to 0.52 logit on these pairs with the shipped model. Padding without the
    // attention mask moved the short pairs by more than 1.4 logit, which this still catches.
    const pairs = REQUESTS.flatMap((request) => request.references.map((reference) => [request.answer, reference] as const));
    const single = await grader.pairLogits(pairs);
    const batched = await batchedGrader.pairLogits(pairs);
    single.forEach((logit, index) => {
      expect(Math.abs((batched[index] as number) - logit)).toBeLessThan(1);
    });
  });
});

describe('grader request checks', () => {
  const invalidRequests: [string, GradeRequest, RegExp][] = [
    ['empty answer', { answer: '  ', references: ['fast'] }, /requests\[0\]: the answer is empty/],
    ['no references', { answer: 'rapid', references: [] }, /requests\[0\]: no reference definitions/],
    ['empty reference', { answer: 'rapid', references: ['fast', ''] }, /requests\[0\]: reference 1 is empty/],
  ];

  it.each(invalidRequests)('rejects %s', async (_, request, message) => {
    const error = await caught(grader.grade(request));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(message);
  });

  it('rejects a threshold above 1', async () => {
    const error = await caught(grader.grade({ answer: 'rapid', references: ['fast'] }, 1.5));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/threshold 1.5 is invalid/);
  });
});
