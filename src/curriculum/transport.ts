// fetch with a per-request timeout, cancellation, and errors that name their cause:
// an unreachable server, a CORS refusal, the page's own content security policy, an HTTP
// error status, a timeout or a cancel.
import { blockedByPolicy, policyFix, watchBlockedConnections } from '../hosting/connection-policy';
import { CurriculumError } from './errors';
import { httpError, type ErrorReplyContext } from './http-errors';

const MAX_ERROR_BODY_LENGTH = 20_000;

/**
 * One request's abort signal. It fires when the caller cancels or when the timeout
 * passes, and remembers which, so an abort can be reported as the right error.
 */
export class RequestScope {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly outer: AbortSignal | undefined;
  private readonly onOuterAbort = (): void => this.controller.abort();
  private timedOut = false;

  constructor(timeoutMs: number, outer?: AbortSignal) {
    this.signal = this.controller.signal;
    this.timeoutMs = timeoutMs;
    this.outer = outer;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (outer?.aborted === true) {
      this.controller.abort();
    } else {
      outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    }
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** The error to raise once the signal has fired: a timeout or a cancel. */
  abortError(baseUrl: string): CurriculumError {
    if (this.timedOut) {
      return new CurriculumError(
        'timeout',
        `No complete reply from ${baseUrl} within ${Math.round(this.timeoutMs / 1000)} seconds.`,
        'Raise the timeout in the model settings, choose a faster model, or ask for fewer terms per subdomain.',
      );
    }
    return cancelledError();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}

export function cancelledError(): CurriculumError {
  return new CurriculumError('cancelled', 'Generation was cancelled; nothing was saved.', '');
}

/** The Node.js error code under a fetch failure (ECONNREFUSED, ENOTFOUND), when there is one. */
function networkCode(error: unknown): string | null {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  if (typeof cause === 'object' && cause !== null) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
  }
  return null;
}

function runsInBrowser(): boolean {
  return typeof document !== 'undefined';
}

/** Origin of the page, to name in CORS advice; null outside a browser. */
export function pageOrigin(): string | null {
  return typeof location !== 'undefined' && typeof location.origin === 'string' ? location.origin : null;
}

export function corsError(baseUrl: string, origin: string): CurriculumError {
  return new CurriculumError(
    'cors',
    `The browser blocked the reply from ${baseUrl}: the server does not allow requests from this page's origin ${origin} (CORS).`,
    `Allow the origin ${origin} on the server. llama.cpp's llama-server: allowed by default, or add it to --cors-origins. ` +
      `Ollama: set OLLAMA_ORIGINS=${origin} before "ollama serve". vLLM: --allowed-origins '["${origin}"]'. ` +
      'LM Studio: turn on "Enable CORS" in the server settings, or run "lms server start --cors". ' +
      'Behind a proxy: send Access-Control-Allow-Origin for this origin, and answer OPTIONS preflights allowing the Authorization and Content-Type headers.',
  );
}

function policyError(baseUrl: string): CurriculumError {
  const origin = new URL(baseUrl).origin;
  return new CurriculumError(
    'blocked-by-policy',
    `The browser did not send the request to ${baseUrl}: this site's content security policy does not allow connections to ${origin}.`,
    `${policyFix(origin)} Or set a base URL on a server that the policy allows.`,
  );
}

function unreachableError(baseUrl: string, detail: string): CurriculumError {
  const secureHint =
    typeof location !== 'undefined' && location.protocol === 'https:' && baseUrl.startsWith('http:')
      ? ' This page is served over https, so the browser only lets it call https servers or localhost.'
      : '';
  return new CurriculumError(
    'unreachable',
    `Could not connect to ${baseUrl}${detail === '' ? '' : ` (${detail})`}.`,
    `Check that the server is running and that the base URL, with its port and /v1, is right.${secureHint}`,
  );
}

/**
 * Tells the page's own policy, a CORS refusal and an unreachable server apart. All three
 * reach a page as the same TypeError, but a block by the policy also fires an event. A no-cors
 * request still completes when the server responds, so a completed probe means the server
 * is up and only CORS withheld the reply.
 */
async function diagnoseNetworkFailure(url: string, baseUrl: string, error: unknown, scope: RequestScope): Promise<CurriculumError> {
  const origin = pageOrigin();
  if (runsInBrowser() && origin !== null) {
    if (await blockedByPolicy(url)) {
      return policyError(baseUrl);
    }
    try {
      await fetch(url, { method: 'GET', mode: 'no-cors', cache: 'no-store', signal: scope.signal });
      return corsError(baseUrl, origin);
    } catch {
      if (scope.aborted) {
        return scope.abortError(baseUrl);
      }
    }
    return unreachableError(baseUrl, '');
  }
  const code = networkCode(error);
  return unreachableError(baseUrl, code ?? (error instanceof Error ? error.message : String(error)));
}

async function readLimitedText(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.slice(0, MAX_ERROR_BODY_LENGTH);
  } catch {
    return '';
  }
}

/**
 * Sends a request within `scope` and returns a response with a 2xx status. Raises
 * CurriculumError for everything else, with the API key kept out of every message.
 */
export async function sendRequest(url: string, init: RequestInit, scope: RequestScope, context: ErrorReplyContext): Promise<Response> {
  watchBlockedConnections();
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: scope.signal, cache: 'no-store' });
  } catch (error) {
    if (scope.aborted) {
      throw scope.abortError(context.baseUrl);
    }
    throw await diagnoseNetworkFailure(url, context.baseUrl, error, scope);
  }
  if (!response.ok) {
    const body = await readLimitedText(response);
    if (scope.aborted) {
      throw scope.abortError(context.baseUrl);
    }
    throw httpError(response.status, response.statusText, body, response.headers.get('Retry-After'), context);
  }
  return response;
}

export function authorizationHeaders(apiKey: string): Record<string, string> {
  return apiKey === '' ? {} : { Authorization: `Bearer ${apiKey}` };
}
