// Shape of `public/models/<model-id>/manifest.json`, written by the model pipeline
// (scripts/model/write_bundle.py) and read by the grader in the browser and in Node.

export const MODEL_MANIFEST_FORMAT = 'know-it-all-tutor-model';

export interface ModelFileEntry {
  sha256: string; // lowercase hex
  bytes: number;
}

export interface LogisticCalibration {
  kind: 'logistic';
  /** score = 1 / (1 + exp(-(slope * logit + intercept))) */
  slope: number;
  intercept: number;
  /** An answer passes when its score is at or above this value. */
  threshold: number;
  thresholdRule: string;
  fittedOn: string;
}

export interface ModelManifest {
  format: typeof MODEL_MANIFEST_FORMAT;
  formatVersion: 1;
  id: string;
  version: string;
  description: string;
  baseModel: { name: string; source: string; licence: string };
  trainingData: { name: string; use: string; source: string; licence: string }[];
  /** File name (relative to the manifest) to its checksum and size; `model.onnx` and the tokenizer files at least. */
  files: Record<string, ModelFileEntry>;
  modelFile: string;
  tokenizerFile: string;
  tokenizerConfigFile: string;
  /** Longest (answer, reference) pair in tokens, special tokens included; longer pairs are truncated. */
  maxSequenceLength: number;
  inputs: string[];
  output: { name: string; meaning: string };
  calibration: LogisticCalibration;
  metrics: Record<string, unknown>;
}
