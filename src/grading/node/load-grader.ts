// Starting the grader in Node from a model folder on disk, with the same WebAssembly
// backend the browser uses. Node-only.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { GraderError } from '../errors';
import { Grader, type GraderOptions } from '../grader';
import { parseModelIndex } from '../manifest-parsing';
import { MODEL_INDEX_FILE, loadModelBundle } from '../model-files';
import type { LoadProgress } from '../types';
import { FileModelSource } from './file-model-source';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MODELS_FOLDER = join(REPO_ROOT, 'public', 'models');

/** Returns the folder holding onnxruntime-web's `.wasm` files, ending in a separator. */
export function onnxRuntimeWasmFolder(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'))}/`;
}

/** Returns the folder of the model that `public/models/index.json` names as default. */
export async function defaultModelFolder(modelsFolder: string = MODELS_FOLDER): Promise<string> {
  const indexPath = join(modelsFolder, MODEL_INDEX_FILE);
  let text: string;
  try {
    text = await readFile(indexPath, 'utf8');
  } catch (error) {
    throw new GraderError('fetch-failed', `Could not read ${indexPath}; build the model or pass a model folder.`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GraderError('invalid-manifest', `${indexPath} is not valid JSON.`, { cause: error });
  }
  return join(modelsFolder, parseModelIndex(parsed, indexPath).default);
}

/** Verifies and loads the model in `modelFolder` (default: the default bundled model). */
export async function loadGraderFromFolder(
  modelFolder?: string,
  options: GraderOptions & { onProgress?: (progress: LoadProgress) => void } = {},
): Promise<Grader> {
  const folder = modelFolder ?? (await defaultModelFolder());
  const bundle = await loadModelBundle(new FileModelSource(folder), options.onProgress);
  return Grader.create(bundle, { wasmPaths: onnxRuntimeWasmFolder(), ...options });
}
