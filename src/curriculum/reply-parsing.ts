// Parses a model's reply text and validates it against the requested JSON schema.
import type { ErrorObject } from 'ajv';
import type { ReplyValidator } from './reply-validators';

export type ReplyFaultKind = 'invalid-json' | 'schema-mismatch' | 'empty-list';

export interface ReplyFault {
  kind: ReplyFaultKind;
  /** What is wrong, in words that are fed back to the model on a retry. */
  detail: string;
}

export type ReplyCheck<T> = { ok: true; value: T } | { ok: false; fault: ReplyFault };

const MAX_LISTED_ERRORS = 5;

function describeSchemaErrors(errors: readonly ErrorObject[]): string {
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((error) => {
    const where = error.instancePath === '' ? 'the reply' : error.instancePath;
    const extra =
      error.keyword === 'additionalProperties'
        ? ` ("${String((error.params as { additionalProperty?: unknown }).additionalProperty)}")`
        : '';
    return `${where} ${error.message ?? 'is invalid'}${extra}`;
  });
  const more = errors.length - lines.length;
  return lines.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * Returns the JSON part of a reply: the text inside a Markdown code fence when there is
 * one, or else the span from the first "{" to the last "}", since some models wrap the
 * JSON in prose even when told not to.
 */
export function extractJsonText(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidate = (fenced?.[1] ?? text).trim();
  if (candidate.startsWith('{')) {
    return candidate;
  }
  const first = candidate.indexOf('{');
  const last = candidate.lastIndexOf('}');
  return first !== -1 && last > first ? candidate.slice(first, last + 1) : candidate;
}

/**
 * Parses `text` and validates it with `validate`. When `listKey` names the reply's list,
 * an empty list is reported as its own fault rather than as a schema mismatch.
 */
export function checkReply<T>(text: string, validate: ReplyValidator, listKey: string | null, finishReason: string | null): ReplyCheck<T> {
  let value: unknown;
  try {
    value = JSON.parse(extractJsonText(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const cut = finishReason === 'length' ? ' The reply stopped at the max_tokens limit before the JSON was complete.' : '';
    const detail = text.trim() === '' ? 'The reply was empty.' : `The reply is not valid JSON (${reason}).${cut}`;
    return { ok: false, fault: { kind: 'invalid-json', detail } };
  }
  if (listKey !== null && typeof value === 'object' && value !== null) {
    const list = (value as Record<string, unknown>)[listKey];
    if (Array.isArray(list) && list.length === 0) {
      return { ok: false, fault: { kind: 'empty-list', detail: `The list "${listKey}" is empty.` } };
    }
  }
  const errors = validate(value);
  if (errors.length > 0) {
    return {
      ok: false,
      fault: { kind: 'schema-mismatch', detail: `The JSON does not follow the schema: ${describeSchemaErrors(errors)}.` },
    };
  }
  return { ok: true, value: value as T };
}
