/** Returns an error's message for display; storage and grader errors are written for the learner. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
