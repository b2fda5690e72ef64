// Errors of curriculum generation. Each carries what failed (`message`) and what the user can
// do about it (`action`), so the UI can show both without knowing the cause.

export type CurriculumErrorKind =
  | 'invalid-settings'
  | 'invalid-input'
  | 'unreachable'
  | 'cors'
  | 'blocked-by-policy'
  | 'unauthorized'
  | 'forbidden'
  | 'endpoint-not-found'
  | 'model-not-found'
  | 'rate-limited'
  | 'server-error'
  | 'request-rejected'
  | 'invalid-response'
  | 'timeout'
  | 'stream-cut'
  | 'invalid-json'
  | 'schema-mismatch'
  | 'empty-list'
  | 'cancelled';

export class CurriculumError extends Error {
  readonly kind: CurriculumErrorKind;
  /** Next step for the user, as a sentence. Empty when there is nothing to do (a cancel). */
  readonly action: string;
  /** HTTP status of the reply that caused the error, when there was one. */
  readonly status: number | null;

  constructor(kind: CurriculumErrorKind, message: string, action: string, status: number | null = null) {
    super(message);
    this.name = 'CurriculumError';
    this.kind = kind;
    this.action = action;
    this.status = status;
  }

  /** Message and action together, as the UI shows them. */
  get description(): string {
    return this.action === '' ? this.message : `${this.message} ${this.action}`;
  }
}

/** Kinds where the model replied but the reply was unusable, so retries and other subdomains may still succeed. */
export const REPLY_FAULT_KINDS: ReadonlySet<CurriculumErrorKind> = new Set(['invalid-json', 'schema-mismatch', 'empty-list']);

const REDACTED = '[redacted]';

/**
 * Removes the API key from text that came from a server before it reaches a message.
 * Some services echo the key they rejected, in full or in part ("sk-...abcd"), so
 * OpenAI-style secret keys are removed as well as the exact key.
 */
export function redactSecret(text: string, apiKey: string): string {
  let redacted = text;
  if (apiKey.length > 0) {
    redacted = redacted.split(apiKey).join(REDACTED);
  }
  return redacted.replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, REDACTED);
}
