// Validation of `manifest.json` and `index.json` read from the network or disk. The
// grader trusts these files for checksums and calibration, so a missing or malformed
// field stops the load with a message naming the field and the file.

import { GraderError } from './errors';
import { MODEL_MANIFEST_FORMAT, type ModelManifest } from './manifest';

/** Contents of `public/models/index.json`. */
export interface ModelIndex {
  default: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A model id is one folder name, so it cannot climb out of the models folder. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function invalid(source: string, field: string, problem: string): GraderError {
  return new GraderError('invalid-manifest', `${source}: field "${field}" ${problem}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireRecord(value: unknown, source: string, field: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw invalid(source, field, 'is missing or is not an object');
  }
  return value;
}

function requireString(value: unknown, source: string, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw invalid(source, field, 'is missing or is not a non-empty string');
  }
  return value;
}

function requireFiniteNumber(value: unknown, source: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(source, field, `must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function requireModelId(value: unknown, source: string, field: string): string {
  const id = requireString(value, source, field);
  if (!MODEL_ID.test(id)) {
    throw invalid(source, field, `must be a folder name of letters, digits, ".", "_" or "-", got ${JSON.stringify(id)}`);
  }
  return id;
}

/** Parses `index.json`, which names the default model folder. */
export function parseModelIndex(value: unknown, source: string): ModelIndex {
  const index = requireRecord(value, source, '(root)');
  return { default: requireModelId(index.default, source, 'default') };
}

/** Checks that a model id from a caller can be used as a folder name. */
export function checkModelId(modelId: string): string {
  return requireModelId(modelId, 'model id', 'modelId');
}

function parseFiles(value: unknown, source: string): ModelManifest['files'] {
  const files = requireRecord(value, source, 'files');
  const parsed: ModelManifest['files'] = {};
  for (const [name, entry] of Object.entries(files)) {
    const field = `files.${name}`;
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw invalid(source, field, 'names a file outside the model folder');
    }
    const record = requireRecord(entry, source, field);
    const sha256 = requireString(record.sha256, source, `${field}.sha256`);
    if (!SHA256_HEX.test(sha256)) {
      throw invalid(source, `${field}.sha256`, `must be 64 lowercase hex digits, got ${JSON.stringify(sha256)}`);
    }
    const bytes = requireFiniteNumber(record.bytes, source, `${field}.bytes`);
    if (!Number.isSafeInteger(bytes) || bytes < 0) {
      throw invalid(source, `${field}.bytes`, `must be a non-negative integer, got ${bytes}`);
    }
    parsed[name] = { sha256, bytes };
  }
  return parsed;
}

function requireListedFile(manifest: Record<string, unknown>, files: ModelManifest['files'], source: string, field: string): string {
  const name = requireString(manifest[field], source, field);
  if (!(name in files)) {
    throw invalid(source, field, `names "${name}", which has no checksum under "files"`);
  }
  return name;
}

function parseCalibration(value: unknown, source: string): ModelManifest['calibration'] {
  const calibration = requireRecord(value, source, 'calibration');
  if (calibration.kind !== 'logistic') {
    throw invalid(source, 'calibration.kind', `must be "logistic", got ${JSON.stringify(calibration.kind)}`);
  }
  const threshold = requireFiniteNumber(calibration.threshold, source, 'calibration.threshold');
  if (threshold < 0 || threshold > 1) {
    throw invalid(source, 'calibration.threshold', `must be between 0 and 1, got ${threshold}`);
  }
  return {
    kind: 'logistic',
    slope: requireFiniteNumber(calibration.slope, source, 'calibration.slope'),
    intercept: requireFiniteNumber(calibration.intercept, source, 'calibration.intercept'),
    threshold,
    thresholdRule: typeof calibration.thresholdRule === 'string' ? calibration.thresholdRule : '',
    fittedOn: typeof calibration.fittedOn === 'string' ? calibration.fittedOn : '',
  };
}

/**
 * Parses `manifest.json`. Fields the grader relies on (files, file names, maximum
 * length, inputs, output, calibration) are checked strictly. Descriptive fields are
 * kept as they are when present, because only people read them.
 */
export function parseModelManifest(value: unknown, source: string): ModelManifest {
  const manifest = requireRecord(value, source, '(root)');
  if (manifest.format !== MODEL_MANIFEST_FORMAT) {
    throw invalid(source, 'format', `must be "${MODEL_MANIFEST_FORMAT}", got ${JSON.stringify(manifest.format)}`);
  }
  if (manifest.formatVersion !== 1) {
    throw invalid(source, 'formatVersion', `must be 1, got ${JSON.stringify(manifest.formatVersion)}; update the app to read this model`);
  }
  const files = parseFiles(manifest.files, source);
  const maxSequenceLength = requireFiniteNumber(manifest.maxSequenceLength, source, 'maxSequenceLength');
  if (!Number.isInteger(maxSequenceLength) || maxSequenceLength < 4) {
    throw invalid(source, 'maxSequenceLength', `must be an integer of at least 4, got ${maxSequenceLength}`);
  }
  if (!Array.isArray(manifest.inputs) || !manifest.inputs.every((input) => typeof input === 'string')) {
    throw invalid(source, 'inputs', 'must be a list of input names');
  }
  const output = requireRecord(manifest.output, source, 'output');
  const metrics = manifest.metrics === undefined ? {} : requireRecord(manifest.metrics, source, 'metrics');

  return {
    ...(manifest as unknown as ModelManifest),
    format: MODEL_MANIFEST_FORMAT,
    formatVersion: 1,
    id: requireModelId(manifest.id, source, 'id'),
    version: requireString(manifest.version, source, 'version'),
    files,
    modelFile: requireListedFile(manifest, files, source, 'modelFile'),
    tokenizerFile: requireListedFile(manifest, files, source, 'tokenizerFile'),
    tokenizerConfigFile: requireListedFile(manifest, files, source, 'tokenizerConfigFile'),
    maxSequenceLength,
    inputs: manifest.inputs as string[],
    output: {
      name: requireString(output.name, source, 'output.name'),
      meaning: typeof output.meaning === 'string' ? output.meaning : '',
    },
    calibration: parseCalibration(manifest.calibration, source),
    metrics,
  };
}
