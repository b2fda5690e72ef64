// Problems found in a pack or term list, with where they are, for the import screen
// to list. A file with any problem is rejected as a whole; nothing of it is stored.

export type PackProblemCode =
  // The bytes of the file.
  | 'empty-file'
  | 'file-too-large'
  | 'binary-file'
  | 'utf16-file'
  | 'invalid-utf8'
  // The JSON syntax.
  | 'html-page'
  | 'invalid-json'
  | 'too-deep'
  | 'not-an-object'
  | 'duplicate-key'
  | 'forbidden-key'
  // The pack format.
  | 'wrong-format'
  | 'missing-version'
  | 'invalid-version'
  | 'newer-major-version'
  | 'older-major-version'
  | 'missing-property'
  | 'unknown-property'
  | 'wrong-type'
  | 'empty-text'
  | 'text-too-long'
  | 'control-character'
  | 'script-url'
  | 'invalid-id'
  | 'too-few-items'
  | 'too-many-items'
  | 'out-of-range'
  | 'invalid-value'
  | 'duplicate-id'
  | 'duplicate-prompt'
  | 'unknown-subdomain'
  | 'unknown-term'
  // Term lists (CSV and TSV).
  | 'csv-unclosed-quote'
  | 'csv-too-few-columns'
  | 'csv-too-many-columns'
  | 'csv-ragged-row'
  | 'csv-only-header'
  | 'csv-too-many-rows'
  // Fetching from a URL.
  | 'invalid-url'
  | 'unsupported-url-scheme'
  | 'fetch-failed'
  | 'fetch-blocked-by-policy'
  | 'fetch-timed-out'
  | 'http-error';

export interface PackProblem {
  code: PackProblemCode;
  /** A full sentence for the learner that names the value and, when known, where it is. */
  message: string;
  /** JSON path such as `$.terms[3].prompt`, for problems inside a JSON pack. */
  path?: string;
  /** 1-based line in the file, for syntax problems and term lists. */
  line?: number;
  column?: number;
}

/** Raised when a file or URL cannot be imported; `problems` lists every problem found, first one first. */
export class PackReadError extends Error {
  readonly problems: readonly PackProblem[];
  /** Problems found but not listed, because a file can produce thousands. */
  readonly omittedCount: number;

  constructor(problems: readonly PackProblem[], omittedCount = 0) {
    const first = problems[0];
    if (first === undefined) {
      throw new TypeError('PackReadError needs at least one problem');
    }
    super(problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1 + omittedCount} more problems)`);
    this.name = 'PackReadError';
    this.problems = problems;
    this.omittedCount = omittedCount;
  }

  /** Code of the first problem. */
  get code(): PackProblemCode {
    return (this.problems[0] as PackProblem).code;
  }
}

/** Raises a PackReadError with one problem. */
export function fail(problem: PackProblem): never {
  throw new PackReadError([problem]);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Converts a JSON Pointer (`/terms/3/prompt`, as Ajv reports) to a JSON path (`$.terms[3].prompt`). */
export function jsonPointerToPath(pointer: string): string {
  if (pointer === '') {
    return '$';
  }
  const segments = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  return '$' + segments.map(formatPathSegment).join('');
}

/** Returns the JSON path of `segments` below the root, for example `$.terms[3]`. */
export function jsonPath(segments: readonly (string | number)[]): string {
  return '$' + segments.map(formatPathSegment).join('');
}

function formatPathSegment(segment: string | number): string {
  if (typeof segment === 'number' || /^(0|[1-9][0-9]*)$/.test(segment)) {
    return `[${segment}]`;
  }
  if (IDENTIFIER.test(segment)) {
    return `.${segment}`;
  }
  return `[${JSON.stringify(segment)}]`;
}
