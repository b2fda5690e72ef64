// An OpenAI-compatible chat-completions server on 127.0.0.1 for one local GGUF model,
// so the curriculum generator can be tested against a real language model offline.
//
//   npx tsx scripts/llm/server.ts --port 8089 [--model FILE] [--model-id NAME]
//       [--api-key KEY] [--cors-origin ORIGIN ...] [--threads N] [--context-size N] [--seed N]
//
// Routes: GET /v1/models, POST /v1/chat/completions (with "stream" and with
// "response_format" of type json_schema, enforced through a grammar), OPTIONS for CORS.
// On start it prints one line with its pid and base URL; SIGTERM or SIGINT stops it.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ChatModel, type GenerationResult } from './chat-model';
import {
  ANY_ORIGIN,
  applyCors,
  logRequests,
  readJsonBody,
  RequestError,
  sendError,
  sendEvent,
  sendJson,
  startEventStream,
  type CorsPolicy,
} from './http-helpers';
import { parseChatRequest, type ChatRequest } from './openai-request';

export const DEFAULT_MODEL_PATH = '.cache/llm/SmolLM2-135M-Instruct.Q4_1.gguf';

export interface ServerOptions {
  port: number;
  modelPath: string;
  modelId: string;
  /** When set, every /v1 request must send `Authorization: Bearer <apiKey>`. */
  apiKey: string | null;
  cors: CorsPolicy;
  threads: number;
  contextSize: number;
  /**
   * Sampling seed for the first request that sends none. Each later one gets the next number,
   * so a run repeats on one machine and a retried request still gets a fresh sample.
   * Null leaves such requests unseeded.
   */
  seed: number | null;
}

interface ServerContext {
  model: ChatModel;
  options: ServerOptions;
  created: number;
  /** Requests so far that took the server's seed. */
  seededRequests: number;
}

/** Returns the request's own seed, else the server's next one, else none. */
function samplingSeed(context: ServerContext, requested: number | undefined): number | undefined {
  if (requested !== undefined || context.options.seed === null) {
    return requested;
  }
  const seed = context.options.seed + context.seededRequests;
  context.seededRequests += 1;
  return seed;
}

function checkAuthorization(request: IncomingMessage, apiKey: string | null): void {
  if (apiKey === null) {
    return;
  }
  const header = request.headers.authorization;
  if (header === undefined) {
    throw new RequestError(401, 'Missing API key: send it as "Authorization: Bearer <key>".', 'invalid_request_error', 'missing_api_key');
  }
  if (header !== `Bearer ${apiKey}`) {
    throw new RequestError(401, 'Invalid API key.', 'invalid_request_error', 'invalid_api_key');
  }
}

function completionId(): string {
  return `chatcmpl-${randomUUID()}`;
}

async function handleChat(context: ServerContext, chat: ChatRequest, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (chat.model !== context.options.modelId) {
    throw new RequestError(
      404,
      `The model "${chat.model}" does not exist; this server has "${context.options.modelId}".`,
      'invalid_request_error',
      'model_not_found',
    );
  }
  // A client that disconnects (a cancelled request) stops the generation.
  const abort = new AbortController();
  response.on('close', () => abort.abort(new Error('client closed the connection')));

  const id = completionId();
  const created = Math.floor(Date.now() / 1000);
  const chunkBase = { id, object: 'chat.completion.chunk', created, model: chat.model };
  if (chat.stream) {
    startEventStream(response);
    sendEvent(response, { ...chunkBase, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  }

  let result: GenerationResult;
  try {
    result = await context.model.generate({
      messages: chat.messages,
      format: chat.format,
      maxTokens: chat.maxTokens,
      temperature: chat.temperature,
      seed: samplingSeed(context, chat.seed),
      signal: abort.signal,
      onText: (text) => {
        if (chat.stream && text !== '') {
          sendEvent(response, { ...chunkBase, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
        }
      },
    });
  } catch (error) {
    if (abort.signal.aborted) {
      return;
    }
    if (chat.stream && !(error instanceof RequestError)) {
      // The status line is already sent, so the error travels as an event, as OpenAI's API does.
      const detail = error instanceof Error ? error.message : String(error);
      console.error(`${new Date().toISOString()} generation ${id} failed: ${detail}`);
      sendEvent(response, { error: { message: `Generation failed: ${detail}`, type: 'server_error', code: null } });
      response.end();
      return;
    }
    throw error;
  }

  const usage = {
    prompt_tokens: result.promptTokens,
    completion_tokens: result.completionTokens,
    total_tokens: result.promptTokens + result.completionTokens,
  };
  if (chat.stream) {
    sendEvent(response, { ...chunkBase, choices: [{ index: 0, delta: {}, finish_reason: result.finishReason }], usage });
    sendEvent(response, '[DONE]');
    response.end();
    return;
  }
  sendJson(response, 200, {
    id,
    object: 'chat.completion',
    created,
    model: chat.model,
    choices: [{ index: 0, message: { role: 'assistant', content: result.text }, finish_reason: result.finishReason }],
    usage,
  });
}

async function route(context: ServerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/v1/models' && request.method === 'GET') {
    checkAuthorization(request, context.options.apiKey);
    sendJson(response, 200, {
      object: 'list',
      data: [{ id: context.options.modelId, object: 'model', created: context.created, owned_by: 'local' }],
    });
    return;
  }
  if (path === '/v1/chat/completions' && request.method === 'POST') {
    checkAuthorization(request, context.options.apiKey);
    const chat = parseChatRequest(await readJsonBody(request));
    await handleChat(context, chat, request, response);
    return;
  }
  if (path === '/v1/models' || path === '/v1/chat/completions') {
    throw new RequestError(405, `${request.method ?? '?'} is not allowed on ${path}.`);
  }
  throw new RequestError(404, `No route for ${path}; this server serves /v1/models and /v1/chat/completions.`, 'invalid_request_error', 'not_found');
}

function handle(context: ServerContext, request: IncomingMessage, response: ServerResponse): void {
  logRequests(request, response, 'llm');
  if (applyCors(context.options.cors, request, response)) {
    return;
  }
  route(context, request, response).catch((error: unknown) => {
    if (response.headersSent) {
      response.end();
      return;
    }
    if (error instanceof RequestError) {
      sendError(response, error.status, error.message, error.type, error.code);
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    console.error(`${new Date().toISOString()} ${request.method ?? '?'} ${request.url ?? ''} failed: ${detail}`);
    sendError(response, 500, `Internal server error: ${detail}`, 'server_error');
  });
}

/** Loads the model and listens on 127.0.0.1; resolves once the server accepts requests. */
export async function startServer(options: ServerOptions): Promise<{ server: Server; url: string; model: ChatModel }> {
  if (!existsSync(options.modelPath)) {
    throw new Error(`Model file ${options.modelPath} not found; run "npm run llm:fetch" to download it.`);
  }
  const model = await ChatModel.load({
    modelPath: options.modelPath,
    threads: options.threads,
    contextSize: options.contextSize,
  });
  const context: ServerContext = { model, options, created: Math.floor(Date.now() / 1000), seededRequests: 0 };
  const server = createServer((request, response) => handle(context, request, response));
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/v1`, model };
}

function parseIntegerOption(value: string | undefined, name: string, fallback: number, minimum: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    throw new Error(`--${name} must be an integer of at least ${minimum}, not "${value}".`);
  }
  return parsed;
}

function parseOptions(argv: string[]): ServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      model: { type: 'string' },
      'model-id': { type: 'string' },
      'api-key': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      threads: { type: 'string' },
      'context-size': { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const modelPath = resolve(values.model ?? DEFAULT_MODEL_PATH);
  return {
    port: parseIntegerOption(values.port, 'port', 8089, 0),
    modelPath,
    modelId: values['model-id'] ?? basename(modelPath).replace(/\.gguf$/i, ''),
    apiKey: values['api-key'] ?? null,
    cors: values['cors-origin'] ?? ANY_ORIGIN,
    // Default 1: llama.cpp's worker threads spin while they wait for each other, so when
    // other processes keep the cores busy, more threads make generation far slower.
    threads: parseIntegerOption(values.threads, 'threads', 1, 1),
    contextSize: parseIntegerOption(values['context-size'], 'context-size', 4096, 256),
    seed: values.seed === undefined ? null : parseIntegerOption(values.seed, 'seed', 0, 0),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { server, url, model } = await startServer(options);
  console.log(`llm server pid=${process.pid} url=${url} model=${options.modelId} cors=${options.cors.join(',')}`);

  const stop = (signal: string): void => {
    console.log(`${new Date().toISOString()} llm server stopping on ${signal}`);
    server.closeAllConnections();
    server.close(() => {
      void model.dispose().finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(`llm server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
