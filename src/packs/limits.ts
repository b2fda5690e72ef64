// Limits checked before a file is parsed. Field lengths and item counts live in
// pack.schema.json, which uses the same limits as the storage modules.

/** Largest pack or term-list file accepted: 5 MiB, about 10,000 terms with long definitions. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Deepest nesting of JSON objects and arrays accepted. A valid pack nests 4 levels
 * (root, progress, attempts, one attempt), so 20 leaves room for a newer minor
 * version while keeping recursion in the validator shallow.
 */
export const MAX_JSON_DEPTH = 20;

/** Most problems listed for one file; a file with more shows a count of the rest. */
export const MAX_REPORTED_PROBLEMS = 20;

/** Time allowed for fetching a pack from a URL, in milliseconds. */
export const FETCH_TIMEOUT_MS = 30_000;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KiB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
