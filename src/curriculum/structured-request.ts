// One structured request to the model: send, parse, validate, and retry with the problem
// fed back, up to a bounded number of attempts.
import { createChatCompletion, type ChatMessage } from './chat-client';
import { CurriculumError, type CurriculumErrorKind } from './errors';
import type { LanguageModelSettings } from './model-settings';
import { retryMessages } from './prompts';
import { checkReply, type ReplyFault } from './reply-parsing';
import type { ReplyValidator } from './reply-validators';

/** Progress of a generation, for the UI to show; every request and rejected attempt is reported. */
export type RequestEvent =
  | { type: 'request-started'; label: string; attempt: number; maxAttempts: number }
  | { type: 'reply-progress'; label: string; receivedCharacters: number; text: string }
  | { type: 'attempt-rejected'; label: string; attempt: number; reason: string };

export interface AttemptPolicy {
  /** Attempts per request, counting the first; at least 1. */
  maxAttempts: number;
  maxTokens: number;
  temperature: number;
  signal?: AbortSignal;
  onEvent?: (event: RequestEvent) => void;
}

export interface StructuredRequest<T> {
  /** Subject of the request, as shown to the user: 'subdomains of "Web APIs"'. */
  label: string;
  messages: ChatMessage[];
  schemaName: string;
  /** Schema sent in response_format and in the prompt. */
  schema: object;
  /** Validator of the same schema as `schema`, counts included. */
  validate: ReplyValidator;
  /** Property that contains the reply's list, so an empty list gets its own error. */
  listKey: string | null;
  /** Checks beyond the schema; returns the problems to feed back, or none. */
  review?: (value: T) => string[];
}

export interface StructuredResult<T> {
  value: T;
  /** Problems `review` still found after the last attempt; the caller flags them. */
  remainingProblems: string[];
  attempts: number;
}

function exhaustedError(fault: ReplyFault, label: string, attempts: number): CurriculumError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const modelAdvice =
    'Try again, or choose a larger model. Servers that enforce response_format with a JSON schema (llama.cpp, Ollama, vLLM, LM Studio) return valid JSON.';
  const messages: Record<ReplyFault['kind'], [string, string]> = {
    'invalid-json': [`The model's reply for ${label} was not valid JSON after ${tries}. ${fault.detail}`, modelAdvice],
    'schema-mismatch': [`The model's reply for ${label} did not follow the requested JSON schema after ${tries}. ${fault.detail}`, modelAdvice],
    'empty-list': [
      `The model returned an empty list for ${label} after ${tries}.`,
      "Check the domain name, add notes that describe the domain's scope, or try another model.",
    ],
  };
  const [message, action] = messages[fault.kind];
  const kind: CurriculumErrorKind = fault.kind;
  return new CurriculumError(kind, message, action);
}

/**
 * Sends `request` and returns the first reply that parses, follows the schema and passes
 * `review`. A reply that fails is sent back with its problem, up to `maxAttempts` in all.
 * When only `review` problems remain at the end, the reply with the fewest is returned
 * with them. When no reply followed the schema, CurriculumError names the last fault.
 * Transport errors (HTTP status, timeout, cancel) are raised at once, without retrying.
 */
export async function requestStructuredReply<T>(
  settings: LanguageModelSettings,
  request: StructuredRequest<T>,
  policy: AttemptPolicy,
): Promise<StructuredResult<T>> {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  let messages = request.messages;
  let lastFault: ReplyFault | null = null;
  let best: StructuredResult<T> | null = null;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    policy.onEvent?.({ type: 'request-started', label: request.label, attempt, maxAttempts });
    const reply = await createChatCompletion(
      settings,
      {
        messages,
        schemaName: request.schemaName,
        schema: request.schema,
        maxTokens: policy.maxTokens,
        temperature: policy.temperature,
      },
      {
        ...(policy.signal === undefined ? {} : { signal: policy.signal }),
        onText: (text) =>
          policy.onEvent?.({ type: 'reply-progress', label: request.label, receivedCharacters: text.length, text }),
      },
    );

    const check = checkReply<T>(reply.content, request.validate, request.listKey, reply.finishReason);
    if (!check.ok) {
      lastFault = check.fault;
      policy.onEvent?.({ type: 'attempt-rejected', label: request.label, attempt, reason: check.fault.detail });
      messages = [...request.messages, ...retryMessages(reply.content, check.fault.detail)];
      continue;
    }

    const problems = request.review?.(check.value) ?? [];
    if (best === null || problems.length < best.remainingProblems.length) {
      best = { value: check.value, remainingProblems: problems, attempts: attempt };
    }
    if (problems.length === 0) {
      return best;
    }
    if (attempt < maxAttempts) {
      const reason = problems.join(' ');
      policy.onEvent?.({ type: 'attempt-rejected', label: request.label, attempt, reason });
      messages = [...request.messages, ...retryMessages(reply.content, reason)];
    }
  }

  if (best !== null) {
    return best;
  }
  // lastFault is set: every attempt either returned above or recorded a fault.
  throw exhaustedError(lastFault ?? { kind: 'invalid-json', detail: '' }, request.label, maxAttempts);
}
