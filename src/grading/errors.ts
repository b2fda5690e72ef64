// Typed grader failures. The code survives the trip from the worker to the main
// thread, so callers can branch on it without parsing messages.

export type GraderErrorCode =
  /** A model file or index could not be fetched (network error or HTTP status). */
  | 'fetch-failed'
  /** A file's sha256 differs from the manifest. */
  | 'checksum-mismatch'
  /** A file's byte size differs from the manifest. */
  | 'size-mismatch'
  /** The manifest or models index is not valid JSON of the expected shape. */
  | 'invalid-manifest'
  /** onnxruntime-web or the tokenizer failed to start. */
  | 'session-failed'
  /** A grade request arrived before a model was loaded. */
  | 'not-loaded'
  /** A grade request is malformed (empty answer, no references, bad threshold). */
  | 'invalid-request'
  /** The model run itself failed. */
  | 'inference-failed'
  /** The worker stopped or failed outside of a request. */
  | 'worker-crashed'
  /** The client was disposed while the request was pending. */
  | 'disposed';

export const GRADER_ERROR_CODES: readonly GraderErrorCode[] = [
  'fetch-failed',
  'checksum-mismatch',
  'size-mismatch',
  'invalid-manifest',
  'session-failed',
  'not-loaded',
  'invalid-request',
  'inference-failed',
  'worker-crashed',
  'disposed',
];

export class GraderError extends Error {
  readonly code: GraderErrorCode;

  constructor(code: GraderErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GraderError';
    this.code = code;
  }
}

/** Raised when a downloaded file does not match the manifest's sha256. */
export class ChecksumMismatchError extends GraderError {
  readonly file: string;
  readonly expected: string;
  readonly actual: string;

  constructor(file: string, expected: string, actual: string) {
    super(
      'checksum-mismatch',
      `Model file "${file}" is corrupt or was replaced: its sha256 is ${actual}, but the manifest expects ${expected}. Reload to download it again.`,
    );
    this.name = 'ChecksumMismatchError';
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** Raised when a downloaded file does not have the manifest's byte size. */
export class SizeMismatchError extends GraderError {
  readonly file: string;
  readonly expected: number;
  readonly actual: number;

  constructor(file: string, expected: number, actual: number) {
    super(
      'size-mismatch',
      `Model file "${file}" is ${actual} bytes, but the manifest expects ${expected} bytes. Reload to download it again.`,
    );
    this.name = 'SizeMismatchError';
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** Converts anything thrown into a GraderError, keeping a GraderError's code. */
export function toGraderError(error: unknown, fallbackCode: GraderErrorCode): GraderError {
  if (error instanceof GraderError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GraderError(fallbackCode, message, { cause: error });
}
