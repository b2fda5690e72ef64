import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PairEncoder, truncatedPairLengths } from '../../../src/grading/pair-encoder';
import { readModelJson } from './model-folder';

interface FixtureCase {
  name: string;
  maxLength: number;
  answer: string;
  reference: string;
  inputIds: number[];
  tokenTypeIds: number[];
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'tokenizer-pairs.json'), 'utf8')) as {
  manifestMaxLength: number;
  cases: FixtureCase[];
};
const manifest = readModelJson('manifest.json') as { maxSequenceLength: number; tokenizerFile: string; tokenizerConfigFile: string };
const tokenizerJson = readModelJson(manifest.tokenizerFile);
const tokenizerConfig = readModelJson(manifest.tokenizerConfigFile);

const encoders = new Map<number, PairEncoder>();
function encoderFor(maxLength: number): PairEncoder {
  let encoder = encoders.get(maxLength);
  if (!encoder) {
    encoder = new PairEncoder(tokenizerJson, tokenizerConfig, maxLength);
    encoders.set(maxLength, encoder);
  }
  return encoder;
}

describe('PairEncoder parity with transformers', () => {
  it('fixture uses the manifest maximum length', () => {
    expect(fixture.manifestMaxLength).toBe(manifest.maxSequenceLength);
  });

  it('fixture covers truncated pairs', () => {
    const truncated = fixture.cases.filter((item) => item.inputIds.length === item.maxLength);
    expect(truncated.length).toBeGreaterThan(10);
  });

  it.each(fixture.cases.map((item) => [`${item.name} at ${item.maxLength}`, item] as const))('%s', (_, item) => {
    const encoded = encoderFor(item.maxLength).encode(item.answer, item.reference);
    expect(encoded.inputIds).toEqual(item.inputIds);
    expect(encoded.tokenTypeIds).toEqual(item.tokenTypeIds);
  });
});

describe('PairEncoder truncation', () => {
  const longText = 'the quick brown fox jumps over the lazy dog '.repeat(60);

  it('caps long pairs at the maximum length', () => {
    const encoder = encoderFor(manifest.maxSequenceLength);
    for (const [answer, reference] of [
      [longText, 'short'],
      ['short', longText],
      [longText, longText],
    ] as const) {
      const encoded = encoder.encode(answer, reference);
      expect(encoded.inputIds.length).toBe(manifest.maxSequenceLength);
      expect(encoded.tokenTypeIds.length).toBe(manifest.maxSequenceLength);
    }
  });

  it('keeps the special tokens of a truncated pair', () => {
    const encoder = encoderFor(16);
    const { inputIds, tokenTypeIds } = encoder.encode(longText, longText);
    const clsId = 101;
    const sepId = 102;
    expect(inputIds[0]).toBe(clsId);
    expect(inputIds.at(-1)).toBe(sepId);
    expect(inputIds.filter((id) => id === sepId)).toHaveLength(2);
    expect(tokenTypeIds.filter((type) => type === 0)).toHaveLength(1 + 6 + 1);
    expect(tokenTypeIds.filter((type) => type === 1)).toHaveLength(7 + 1);
  });

  it('leaves short pairs untouched', () => {
    const encoded = encoderFor(manifest.maxSequenceLength).encode('rapid', 'fast');
    expect(encoded.inputIds.length).toBeLessThan(10);
  });

  it('rejects a maximum length without room for text', () => {
    expect(() => new PairEncoder(tokenizerJson, tokenizerConfig, 3)).toThrow(/maxSequenceLength 3 is invalid/);
  });
});

describe('truncatedPairLengths', () => {
  it.each([
    // [first, second, budget, expected]
    [3, 4, 10, [3, 4]],
    [3, 20, 10, [3, 7]],
    [20, 3, 10, [7, 3]],
    [5, 5, 10, [5, 5]],
    [6, 6, 10, [5, 5]],
    [6, 6, 11, [5, 6]],
    [20, 8, 13, [7, 6]],
    [8, 20, 13, [6, 7]],
    [30, 30, 5, [2, 3]],
    [0, 30, 5, [0, 5]],
  ] as const)('first %i, second %i, budget %i', (first, second, budget, expected) => {
    expect(truncatedPairLengths(first, second, budget)).toEqual(expected);
  });
});
