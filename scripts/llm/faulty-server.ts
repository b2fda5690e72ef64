// An OpenAI-compatible server on 127.0.0.1 that misbehaves on purpose, one way per base URL,
// so tests can check how the curriculum client reports each fault.
//
// The first path segment picks the behaviour: http://127.0.0.1:PORT/<behaviour>/v1.
// Valid behaviours are the keys of BEHAVIOURS below. Run alone for browser tests:
//   npx tsx scripts/llm/faulty-server.ts --port 8090
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ANY_ORIGIN,
  applyCors,
  logRequests,
  readJsonBody,
  sendError,
  sendEvent,
  sendJson,
  startEventStream,
} from './http-helpers';

export const FAKE_MODEL_ID = 'fake-model';

const BEHAVIOURS = {
  ok: 'valid replies, streamed when asked',
  unauthorized: '401 on every request, echoing the key it was sent',
  forbidden: '403 on every request',
  'model-not-found': 'models are listed, but a chat request gets 404 model_not_found',
  'rate-limited': '429 with Retry-After: 7',
  'server-error': '500 on every request',
  'bad-gateway': '502 with an HTML body, as a proxy in front of a stopped server sends',
  hang: 'accepts the request and never replies',
  'stream-cut': 'streams part of a reply, then drops the connection',
  'invalid-json': 'a reply that is not JSON',
  'schema-mismatch': 'JSON that does not follow the requested schema',
  'empty-list': 'JSON whose list is empty',
  'too-many-items': "valid items, but one more than the schema's maxItems allows",
  'invalid-then-ok': 'the first chat reply is not JSON, later ones are valid',
  'no-cors': 'valid replies without CORS headers, so a browser withholds them',
  'slow-stream': 'a valid reply streamed one small piece every 300 ms',
} as const;

export type FaultBehaviour = keyof typeof BEHAVIOURS;

/** A request as the faulty server received it, for tests to inspect. */
export interface ReceivedRequest {
  behaviour: string;
  method: string;
  path: string;
  hasAuthorization: boolean;
  body: unknown;
}

export interface FaultyServer {
  url: string;
  /** Base URL (ending in /v1) that makes the server behave as `behaviour`. */
  baseUrl: (behaviour: FaultBehaviour) => string;
  requests: ReceivedRequest[];
  close: () => Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Finds the name of the list property that the requested schema asks for ("subdomains", "terms"). */
function requestedShape(body: unknown): { key: string; count: number } {
  if (!isRecord(body) || !isRecord(body.response_format)) {
    return { key: 'terms', count: 3 };
  }
  const jsonSchema = body.response_format.json_schema;
  const schema = isRecord(jsonSchema) ? jsonSchema.schema : undefined;
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  for (const [key, property] of Object.entries(properties)) {
    if (isRecord(property) && property.type === 'array') {
      const count = typeof property.maxItems === 'number' ? property.maxItems : 3;
      return { key, count };
    }
  }
  // A schema without a list asks for one object, such as a single rewritten definition.
  return { key: '', count: 1 };
}

let replyCounter = 0;

/**
 * Returns a reply of the shape asked for. It is valid unless `extraItems` puts more items
 * in the list than the schema's maxItems. Prompts carry a counter so replies never repeat.
 */
function validReply(body: unknown, extraItems = 0): string {
  const { key, count: maxItems } = requestedShape(body);
  const count = maxItems + extraItems;
  replyCounter += 1;
  const batch = replyCounter;
  if (key === 'subdomains') {
    const subdomains = Array.from({ length: count }, (_, index) => ({
      name: `Topic ${batch}.${index + 1}`,
      scope: `Everything a beginner needs about topic ${batch}.${index + 1}.`,
    }));
    return JSON.stringify({ subdomains });
  }
  if (key === '') {
    return JSON.stringify({
      definition: 'A rewritten reference explanation that a learner can be graded against.',
      sources: [],
    });
  }
  const items = Array.from({ length: count }, (_, index) => ({
    prompt: `Concept ${batch}.${index + 1}`,
    definition: `The idea numbered ${batch}.${index + 1}, stated precisely enough to grade an answer against.`,
    sources: ['Fake reference book, chapter 1'],
  }));
  return JSON.stringify({ [key]: items });
}

function faultyReply(behaviour: string, body: unknown, chatCount: number): string {
  const { key } = requestedShape(body);
  switch (behaviour) {
    case 'invalid-json':
      return `Sure! Here is the list: {${key}: [name: "Basics"`;
    case 'schema-mismatch':
      return JSON.stringify({ [key === '' ? 'text' : key]: [{ title: 'Basics', summary: 42 }] });
    case 'empty-list':
      return JSON.stringify(key === '' ? { definition: '', sources: [] } : { [key]: [] });
    case 'invalid-then-ok':
      return chatCount === 1 ? 'not json at all' : validReply(body);
    case 'too-many-items':
      return validReply(body, 1);
    default:
      return validReply(body);
  }
}

function streamReply(response: ServerResponse, content: string, pieceLength: number, delayMs: number, cutAfter: number | null): void {
  startEventStream(response);
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model: FAKE_MODEL_ID };
  const pieces: string[] = [];
  for (let start = 0; start < content.length; start += pieceLength) {
    pieces.push(content.slice(start, start + pieceLength));
  }
  let index = 0;
  const sendNext = (): void => {
    if (response.destroyed) {
      return;
    }
    if (cutAfter !== null && index === cutAfter) {
      // Ends the TCP connection without the final chunk or [DONE], as a crashed server or a dropped proxy does.
      response.socket?.destroy();
      return;
    }
    if (index < pieces.length) {
      sendEvent(response, { ...base, choices: [{ index: 0, delta: { content: pieces[index] }, finish_reason: null }] });
      index += 1;
      setTimeout(sendNext, delayMs);
      return;
    }
    sendEvent(response, { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    sendEvent(response, '[DONE]');
    response.end();
  };
  sendNext();
}

function sendCompletion(response: ServerResponse, content: string): void {
  sendJson(response, 200, {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: FAKE_MODEL_ID,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
}

async function handleFault(
  behaviour: string,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  chatCount: () => number,
  record: (body: unknown) => void,
): Promise<void> {
  const body = request.method === 'POST' ? await readJsonBody(request) : undefined;
  record(body);
  switch (behaviour) {
    case 'unauthorized': {
      // Echoes the key as some services do, so tests can check that the client hides it.
      const key = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      sendError(response, 401, `Incorrect API key provided: ${key}.`, 'invalid_request_error', 'invalid_api_key');
      return;
    }
    case 'forbidden':
      sendError(response, 403, 'This key may not use this model.', 'invalid_request_error', 'forbidden');
      return;
    case 'rate-limited':
      response.setHeader('Retry-After', '7');
      sendError(response, 429, 'Rate limit reached for requests.', 'rate_limit_error', 'rate_limit_exceeded');
      return;
    case 'server-error':
      sendError(response, 500, 'The server had an error while processing your request.', 'server_error');
      return;
    case 'bad-gateway':
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'hang':
      return;
  }

  if (path === '/v1/models' && request.method === 'GET') {
    sendJson(response, 200, { object: 'list', data: [{ id: FAKE_MODEL_ID, object: 'model', created: 0, owned_by: 'test' }] });
    return;
  }
  if (path !== '/v1/chat/completions' || request.method !== 'POST') {
    sendError(response, 404, `No route for ${path}.`, 'invalid_request_error', 'not_found');
    return;
  }
  if (behaviour === 'model-not-found') {
    const model = isRecord(body) ? String(body.model) : '?';
    sendError(response, 404, `The model \`${model}\` does not exist.`, 'invalid_request_error', 'model_not_found');
    return;
  }

  const content = faultyReply(behaviour, body, chatCount());
  const stream = isRecord(body) && body.stream === true;
  if (behaviour === 'stream-cut') {
    streamReply(response, content, 8, 5, 3);
  } else if (behaviour === 'slow-stream') {
    streamReply(response, content, 4, 300, null);
  } else if (stream) {
    streamReply(response, content, 16, 0, null);
  } else {
    sendCompletion(response, content);
  }
}

/** Starts the faulty server on 127.0.0.1 (port 0 picks a free one). */
export async function startFaultyServer(port = 0): Promise<FaultyServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const chatCounts = new Map<string, number>();

  const server: Server = createServer((request, response) => {
    logRequests(request, response, 'faulty');
    const match = /^\/([a-z-]+)(\/.*)$/.exec((request.url ?? '/').split('?')[0] ?? '/');
    const behaviour = match?.[1] ?? '';
    const path = match?.[2] ?? '';
    const withCors = behaviour !== 'no-cors';
    if (withCors && applyCors(ANY_ORIGIN, request, response)) {
      return;
    }
    if (!(behaviour in BEHAVIOURS)) {
      sendError(response, 404, `Unknown behaviour "${behaviour}"; use one of ${Object.keys(BEHAVIOURS).join(', ')}.`, 'invalid_request_error');
      return;
    }
    const chatCount = (): number => {
      const next = (chatCounts.get(behaviour) ?? 0) + 1;
      chatCounts.set(behaviour, next);
      return next;
    };
    const record = (body: unknown): void => {
      requests.push({
        behaviour,
        method: request.method ?? '',
        path,
        hasAuthorization: request.headers.authorization !== undefined,
        body,
      });
    };
    handleFault(behaviour, path, request, response, chatCount, record).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) {
        sendError(response, 400, detail, 'invalid_request_error');
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${boundPort}`;
  return {
    url,
    baseUrl: (behaviour) => `${url}/${behaviour}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolveClose) => {
        // Hanging requests keep their sockets open, so they are ended here or close() would wait forever.
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolveClose());
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { port: { type: 'string' } }, strict: true });
  const port = Number(values.port ?? '8090');
  if (!Number.isInteger(port) || port < 0) {
    throw new Error(`--port must be an integer, not "${values.port ?? ''}".`);
  }
  const server = await startFaultyServer(port);
  console.log(`faulty llm server pid=${process.pid} url=${server.url} (base URL: ${server.url}/<behaviour>/v1)`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(`faulty llm server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
