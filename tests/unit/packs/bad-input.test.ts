import { describe, expect, it } from 'vitest';
import { PackReadError } from '../../../src/packs/pack-problems';
import { readImportFile } from '../../../src/packs/read-import-file';
import { BAD_PACK_INPUTS, BAD_TERM_LIST_INPUTS, type BadInputCase } from '../../fixtures/packs/bad-inputs';

function readError(badInput: BadInputCase): PackReadError {
  try {
    readImportFile(badInput.bytes, badInput.fileName);
  } catch (error) {
    if (error instanceof PackReadError) {
      return error;
    }
    throw error;
  }
  throw new Error(`${badInput.fileName} was accepted`);
}

describe.each([
  ['pack', BAD_PACK_INPUTS],
  ['term list', BAD_TERM_LIST_INPUTS],
])('bad %s input', (_, cases) => {
  it.each(cases.map((badInput) => [badInput.kind, badInput] as const))('%s is rejected', (_kind, badInput) => {
    const error = readError(badInput);
    expect(error.code).toBe(badInput.code);
    for (const words of badInput.mentions) {
      expect(error.problems[0]?.message).toContain(words);
    }
  });
});

describe('bad input table', () => {
  it('covers at least 25 kinds', () => {
    const kinds = new Set([...BAD_PACK_INPUTS, ...BAD_TERM_LIST_INPUTS].map((badInput) => badInput.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(25);
  });

  it('uses a distinct file name per case', () => {
    // The browser test tells the cases apart by the file name in the problem heading.
    const cases = [...BAD_PACK_INPUTS, ...BAD_TERM_LIST_INPUTS];
    expect(new Set(cases.map((badInput) => badInput.fileName)).size).toBe(cases.length);
  });
});
