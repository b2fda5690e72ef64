// HTTP plumbing shared by the local model server and the faulty test server: CORS,
// OpenAI-style error bodies, request bodies with a size limit, and one log line per request.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Origins allowed to read replies; `*` allows every origin. */
export type CorsPolicy = readonly string[];

export const ANY_ORIGIN: CorsPolicy = ['*'];

const MAX_BODY_BYTES = 1024 * 1024;

/** Raised for a request the server rejects with a 4xx status before doing any work. */
export class RequestError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;

  constructor(status: number, message: string, type = 'invalid_request_error', code: string | null = null) {
    super(message);
    this.name = 'RequestError';
    this.status = status;
    this.type = type;
    this.code = code;
  }
}

function allowedOrigin(policy: CorsPolicy, origin: string | undefined): string | null {
  if (policy.includes('*')) {
    return '*';
  }
  if (origin !== undefined && policy.includes(origin)) {
    return origin;
  }
  return null;
}

/**
 * Sets the CORS headers for `request` and answers a preflight. Returns true when the
 * request was a preflight, which needs no further handling. An origin outside the policy
 * gets no Access-Control-Allow-Origin header, so the browser withholds the reply from
 * the page, which is how a real server refuses.
 */
export function applyCors(policy: CorsPolicy, request: IncomingMessage, response: ServerResponse): boolean {
  const origin = allowedOrigin(policy, request.headers.origin);
  if (origin !== null) {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
  }
  if (request.method !== 'OPTIONS') {
    return false;
  }
  if (origin !== null) {
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    // A wildcard does not cover Authorization, so it is named.
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    response.setHeader('Access-Control-Max-Age', '600');
    // Chromium asks a loopback server for this before a page on a public origin may call it.
    response.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  response.writeHead(204);
  response.end();
  return true;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends an error in the shape OpenAI's API uses, which OpenAI-compatible clients parse. */
export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
): void {
  sendJson(response, status, { error: { message, type, code } });
}

/** Reads and parses a JSON request body of at most 1 MiB. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new RequestError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RequestError(400, `Request body is not valid JSON: ${detail}`);
  }
}

/**
 * Logs one line per finished request: method, path, status and duration. Headers are
 * never logged, so an Authorization header cannot leak into the log.
 */
export function logRequests(request: IncomingMessage, response: ServerResponse, label: string): void {
  const started = performance.now();
  response.on('close', () => {
    const milliseconds = Math.round(performance.now() - started);
    const path = (request.url ?? '').split('?')[0];
    const outcome = response.writableFinished ? String(response.statusCode) : `${response.statusCode} (client closed)`;
    console.log(`${new Date().toISOString()} ${label} ${request.method ?? '?'} ${path} ${outcome} ${milliseconds}ms`);
  });
}

/** Writes the headers of a server-sent event stream. */
export function startEventStream(response: ServerResponse): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
}

export function sendEvent(response: ServerResponse, data: unknown): void {
  response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}
