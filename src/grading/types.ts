// Values that cross the boundary between the grader and its callers (the quiz UI,
// the grade CLI, the evaluation script). They are plain data so that they survive
// structured cloning between the worker and the main thread.

/** One learner answer to grade against one or more reference definitions of a term. */
export interface GradeRequest {
  answer: string;
  references: string[];
}

export interface GradeResult {
  /** Calibrated score in [0, 1]: the best score over all references. */
  score: number;
  /** Raw model output for the best reference, before calibration. */
  logit: number;
  verdict: 'pass' | 'fail';
  /** Index into `GradeRequest.references` of the reference that gave `score`. */
  bestReferenceIndex: number;
  /** Calibrated score against each reference, in the order given. */
  referenceScores: number[];
  /** Threshold the verdict was decided with: the caller's, or the manifest's. */
  threshold: number;
}

/** Download progress of one model file, in bytes. */
export interface LoadProgress {
  file: string;
  loadedBytes: number;
  totalBytes: number;
}

export interface ModelInfo {
  id: string;
  version: string;
  /** Pass threshold from the manifest's calibration. */
  threshold: number;
  /** Maximum (answer, reference) pair length in tokens, special tokens included. */
  maxSequenceLength: number;
}
