// Locations shared by the grading tests: the committed default model and its files.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MODELS_FOLDER } from '../../../src/grading/node/load-grader';

export const DEFAULT_MODEL_ID = (JSON.parse(readFileSync(join(MODELS_FOLDER, 'index.json'), 'utf8')) as { default: string }).default;
export const DEFAULT_MODEL_FOLDER = join(MODELS_FOLDER, DEFAULT_MODEL_ID);

export function readModelJson(name: string): object {
  return JSON.parse(readFileSync(join(DEFAULT_MODEL_FOLDER, name), 'utf8')) as object;
}

/**
 * Loading the model into WebAssembly takes about 2 s on an idle core, but minutes when
 * other jobs keep a 2-core machine busy, so the limits are wide.
 */
export const MODEL_LOAD_TIMEOUT_MS = 300_000;

/** Model runs over a few dozen pairs take seconds when other jobs share the CPU. */
export const MODEL_RUN_TIMEOUT_MS = 300_000;
