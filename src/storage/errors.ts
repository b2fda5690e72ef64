// Errors raised by the storage modules, with messages meant to be shown to the learner.

/** Raised when a value given to a storage function is invalid; `field` names the value. */
export class InvalidInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'InvalidInputError';
    this.field = field;
  }
}

/** Raised when a row that a change refers to does not exist (deleted in another tab, say). */
export class RowNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowNotFoundError';
  }
}

export type StorageFailureKind = 'quota' | 'constraint' | 'unavailable' | 'other';

/**
 * Raised when IndexedDB rejects a write. Writes that span tables run in one
 * transaction, so when this is raised none of that write's rows were stored.
 */
export class StorageWriteError extends Error {
  readonly kind: StorageFailureKind;

  constructor(kind: StorageFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageWriteError';
    this.kind = kind;
  }
}

/** Error names from IndexedDB and Dexie, searched through Dexie's `inner` chain. */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') {
      names.push(name);
    }
    // Dexie's BulkError lists each failed row's error instead of one inner error.
    const failures = (current as { failures?: unknown }).failures;
    if (Array.isArray(failures)) {
      names.push(...failures.flatMap((failure: unknown) => errorNames(failure)));
    }
    const inner = (current as { inner?: unknown }).inner;
    current = inner ?? (current as { cause?: unknown }).cause;
  }
  return names;
}

/**
 * Returns the app's own error when Dexie wrapped it: Dexie rewraps an error thrown
 * inside a transaction when the error's name matches one of Dexie's own names.
 */
function unwrapAppError(error: unknown): InvalidInputError | RowNotFoundError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof InvalidInputError || current instanceof RowNotFoundError) {
      return current;
    }
    current = (current as { inner?: unknown }).inner;
  }
  return undefined;
}

function failureKind(error: unknown): StorageFailureKind {
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) {
    return 'quota';
  }
  if (names.includes('ConstraintError')) {
    return 'constraint';
  }
  if (
    names.some((name) =>
      ['OpenFailedError', 'DatabaseClosedError', 'MissingAPIError', 'InvalidStateError'].includes(name),
    )
  ) {
    return 'unavailable';
  }
  return 'other';
}

function explain(kind: StorageFailureKind, error: unknown): string {
  switch (kind) {
    case 'quota':
      return "the browser's storage for this site is full. Free space by deleting domains you no longer need, or by clearing other sites' data, then try again.";
    case 'constraint':
      return 'a row with the same id is already stored. Reload the page and try again.';
    case 'unavailable':
      return 'the browser did not open its storage (IndexedDB); private windows and some privacy settings disable it.';
    case 'other': {
      const detail = error instanceof Error ? error.message : String(error);
      return `the browser rejected the write (${detail}).`;
    }
  }
}

/**
 * Runs `write` and converts a storage failure into a StorageWriteError whose message
 * starts with `action` ("Could not save the term"), so the UI can show it as is.
 * Input and not-found errors pass through unchanged.
 */
export async function runWrite<T>(action: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const appError = unwrapAppError(error);
    if (appError !== undefined) {
      throw appError;
    }
    const kind = failureKind(error);
    throw new StorageWriteError(kind, `${action}: ${explain(kind, error)} No changes were stored.`, {
      cause: error,
    });
  }
}
