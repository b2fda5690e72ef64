// Locates the default model's folder and builds the grader's tokenizer from it, the
// same files that the production build copies to dist/models/.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ModelManifest } from '../../src/grading/manifest';
import { checkModelId, parseModelIndex, parseModelManifest } from '../../src/grading/manifest-parsing';
import { PairEncoder } from '../../src/grading/pair-encoder';

export interface ModelFolder {
  path: string;
  manifest: ModelManifest;
  modelPath: string;
  encoder: PairEncoder;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** Reads `<modelsRoot>/index.json`, then the default model's manifest and tokenizer. */
export function openDefaultModelFolder(modelsRoot: string): ModelFolder {
  const indexPath = join(modelsRoot, 'index.json');
  const index = parseModelIndex(readJson(indexPath), indexPath);
  const path = join(modelsRoot, checkModelId(index.default));
  const manifestPath = join(path, 'manifest.json');
  const manifest = parseModelManifest(readJson(manifestPath), manifestPath);
  const encoder = new PairEncoder(
    readJson(join(path, manifest.tokenizerFile)) as object,
    readJson(join(path, manifest.tokenizerConfigFile)) as object,
    manifest.maxSequenceLength,
  );
  return { path, manifest, modelPath: join(path, manifest.modelFile), encoder };
}
