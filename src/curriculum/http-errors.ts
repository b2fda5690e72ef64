// Turns an HTTP error reply from an OpenAI-compatible server into a CurriculumError.
import { CurriculumError, redactSecret } from './errors';

const MAX_DETAIL_LENGTH = 300;

/** What the request was for, so 404 can tell a missing model from a wrong base URL. */
export type RequestPurpose = 'list-models' | 'chat';

export interface ErrorReplyContext {
  baseUrl: string;
  model: string;
  apiKey: string;
  purpose: RequestPurpose;
}

/**
 * Returns the server's own explanation from an error body: `error.message` of OpenAI's
 * shape, `error` or `message` as a string, or the text itself with HTML tags removed.
 */
export function errorDetail(body: string, apiKey: string): string {
  let detail = body;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const error = record.error;
      if (typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).message === 'string') {
        detail = (error as Record<string, string>).message ?? body;
      } else if (typeof error === 'string') {
        detail = error;
      } else if (typeof record.message === 'string') {
        detail = record.message;
      } else if (typeof record.detail === 'string') {
        detail = record.detail;
      }
    }
  } catch {
    detail = body.replace(/<[^>]*>/g, ' ');
  }
  detail = redactSecret(detail.replace(/\s+/g, ' ').trim(), apiKey);
  return detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH)}…` : detail;
}

function withDetail(text: string, detail: string): string {
  return detail === '' ? `${text}.` : `${text}: ${detail}`;
}

/** Parses Retry-After in seconds or as an HTTP date; returns null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') {
    return null;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

function looksLikeMissingModel(detail: string): boolean {
  return /model/i.test(detail);
}

/** Builds the error for a reply with status 400 or above. */
export function httpError(status: number, statusText: string, body: string, retryAfter: string | null, context: ErrorReplyContext): CurriculumError {
  const detail = errorDetail(body, context.apiKey);
  const server = `The server at ${context.baseUrl}`;
  const statusLabel = `${status}${statusText === '' ? '' : ` ${statusText}`}`;

  if (status === 401) {
    const message =
      context.apiKey === ''
        ? withDetail(`${server} requires an API key (${statusLabel})`, detail)
        : withDetail(`${server} rejected the API key (${statusLabel})`, detail);
    return new CurriculumError('unauthorized', message, 'Enter a valid API key in the model settings and test the connection again.', status);
  }
  if (status === 403) {
    return new CurriculumError(
      'forbidden',
      withDetail(`${server} refused access (${statusLabel})`, detail),
      `Check that your API key may use the model "${context.model}", or ask the server's administrator for access. Ollama also answers 403 to a page whose origin is not in OLLAMA_ORIGINS.`,
      status,
    );
  }
  if (status === 404) {
    if (context.purpose === 'chat' && looksLikeMissingModel(detail)) {
      return new CurriculumError(
        'model-not-found',
        withDetail(`${server} has no model named "${context.model}" (${statusLabel})`, detail),
        'Open the model settings, press "Test connection" and pick one of the models the server lists.',
        status,
      );
    }
    const path = context.purpose === 'chat' ? '/chat/completions' : '/models';
    return new CurriculumError(
      'endpoint-not-found',
      withDetail(`${server} has no endpoint ${context.baseUrl}${path} (${statusLabel})`, detail),
      'Check the base URL: OpenAI-compatible servers usually serve under /v1, for example http://127.0.0.1:8080/v1.',
      status,
    );
  }
  if (status === 429) {
    const wait = retryAfterSeconds(retryAfter);
    const waitText = wait === null ? 'Wait a minute' : `Wait ${wait} seconds`;
    return new CurriculumError(
      'rate-limited',
      withDetail(`${server} is limiting the rate of requests (${statusLabel})`, detail),
      `${waitText} and try again. If it keeps happening, check your plan's rate limits and quota.`,
      status,
    );
  }
  if (status >= 500) {
    return new CurriculumError(
      'server-error',
      withDetail(`${server} failed with ${statusLabel}`, detail),
      "The fault is on the server's side: try again later, or check the server's log.",
      status,
    );
  }
  return new CurriculumError(
    'request-rejected',
    withDetail(`${server} rejected the request with ${statusLabel}`, detail),
    'Check the base URL and model in the model settings. Some servers reject response_format with json_schema; a server that supports it (llama.cpp, Ollama, vLLM, LM Studio) avoids this.',
    status,
  );
}
