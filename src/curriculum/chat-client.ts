// Client for the two OpenAI-compatible endpoints the app uses: GET /models and
// POST /chat/completions, streamed when the server streams.
import { CurriculumError } from './errors';
import type { ErrorReplyContext } from './http-errors';
import type { LanguageModelSettings } from './model-settings';
import { ServerSentEventParser } from './server-sent-events';
import { authorizationHeaders, RequestScope, sendRequest } from './transport';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCompletionRequest {
  messages: ChatMessage[];
  /** Name of the schema in response_format (letters, digits, _ and -). */
  schemaName: string;
  schema: object;
  maxTokens: number;
  temperature: number;
}

export interface ChatCompletionReply {
  content: string;
  /** "stop", "length" and so on; null when the server sent none. */
  finishReason: string | null;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Called with the whole text received so far, each time more arrives. */
  onText?: (textSoFar: string) => void;
}

type ConnectionSettings = Pick<LanguageModelSettings, 'baseUrl' | 'apiKey' | 'timeoutSeconds'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidResponse(baseUrl: string, what: string): CurriculumError {
  return new CurriculumError(
    'invalid-response',
    `The server at ${baseUrl} sent ${what}.`,
    'Check that the base URL points at an OpenAI-compatible API (it usually ends in /v1).',
  );
}

/** Returns the ids of the models the server lists, in its order. */
export async function listModels(settings: ConnectionSettings, options: CallOptions = {}): Promise<string[]> {
  const context: ErrorReplyContext = { baseUrl: settings.baseUrl, model: '', apiKey: settings.apiKey, purpose: 'list-models' };
  const scope = new RequestScope(settings.timeoutSeconds * 1000, options.signal);
  try {
    const response = await sendRequest(
      `${settings.baseUrl}/models`,
      { method: 'GET', headers: authorizationHeaders(settings.apiKey) },
      scope,
      context,
    );
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (scope.aborted) {
        throw scope.abortError(settings.baseUrl);
      }
      throw invalidResponse(settings.baseUrl, 'a model list that is not JSON');
    }
    if (!isRecord(body) || !Array.isArray(body.data)) {
      throw invalidResponse(settings.baseUrl, 'a reply to /models without a "data" list');
    }
    return body.data.filter(isRecord).flatMap((entry) => (typeof entry.id === 'string' ? [entry.id] : []));
  } finally {
    scope.dispose();
  }
}

function streamCutError(baseUrl: string, received: number): CurriculumError {
  return new CurriculumError(
    'stream-cut',
    `The connection to ${baseUrl} closed before the reply was complete (after ${received} characters).`,
    "Try again. If it keeps happening, check the server's log for a crash, or a proxy's time limit on long replies.",
  );
}

/** Reads an event stream of chat.completion.chunk objects until [DONE]. */
async function readStream(
  body: ReadableStream<Uint8Array>,
  scope: RequestScope,
  settings: ConnectionSettings,
  onText: ((textSoFar: string) => void) | undefined,
): Promise<ChatCompletionReply> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new ServerSentEventParser();
  let content = '';
  let finishReason: string | null = null;
  let sawDone = false;

  const takeEvent = (data: string): void => {
    if (data === '[DONE]') {
      sawDone = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw invalidResponse(settings.baseUrl, `a stream event that is not JSON: ${data.slice(0, 120)}`);
    }
    if (!isRecord(chunk)) {
      throw invalidResponse(settings.baseUrl, 'a stream event that is not a JSON object');
    }
    if (chunk.error !== undefined) {
      const error = chunk.error;
      const message = isRecord(error) && typeof error.message === 'string' ? error.message : JSON.stringify(error);
      throw new CurriculumError(
        'server-error',
        `The server at ${settings.baseUrl} reported an error while streaming: ${message}`,
        "The fault is on the server's side: try again later, or check the server's log.",
      );
    }
    const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as unknown) : undefined;
    if (!isRecord(choice)) {
      return;
    }
    if (isRecord(choice.delta) && typeof choice.delta.content === 'string' && choice.delta.content !== '') {
      content += choice.delta.content;
      onText?.(content);
    }
    if (typeof choice.finish_reason === 'string') {
      finishReason = choice.finish_reason;
    }
  };

  try {
    while (!sawDone) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch {
        throw scope.aborted ? scope.abortError(settings.baseUrl) : streamCutError(settings.baseUrl, content.length);
      }
      if (result.done) {
        parser.push(decoder.decode()).forEach(takeEvent);
        parser.finish().forEach(takeEvent);
        break;
      }
      parser.push(decoder.decode(result.value, { stream: true })).forEach(takeEvent);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  // Some servers end with a finish_reason and no [DONE]; without either, the reply is incomplete.
  if (!sawDone && finishReason === null) {
    throw streamCutError(settings.baseUrl, content.length);
  }
  return { content, finishReason };
}

async function readCompletion(response: Response, scope: RequestScope, settings: ConnectionSettings): Promise<ChatCompletionReply> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (scope.aborted) {
      throw scope.abortError(settings.baseUrl);
    }
    throw invalidResponse(settings.baseUrl, 'a chat completion that is not JSON');
  }
  const choice = isRecord(body) && Array.isArray(body.choices) ? (body.choices[0] as unknown) : undefined;
  if (!isRecord(choice) || !isRecord(choice.message) || typeof choice.message.content !== 'string') {
    throw invalidResponse(settings.baseUrl, 'a chat completion without choices[0].message.content');
  }
  return {
    content: choice.message.content,
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
  };
}

/**
 * Sends one chat-completions request asking for JSON that follows `request.schema`,
 * streamed, and returns the reply's text. A server that ignores "stream" and sends
 * one JSON body is read as well.
 */
export async function createChatCompletion(
  settings: LanguageModelSettings,
  request: ChatCompletionRequest,
  options: CallOptions = {},
): Promise<ChatCompletionReply> {
  const context: ErrorReplyContext = { baseUrl: settings.baseUrl, model: settings.model, apiKey: settings.apiKey, purpose: 'chat' };
  const scope = new RequestScope(settings.timeoutSeconds * 1000, options.signal);
  const body = {
    model: settings.model,
    messages: request.messages,
    stream: true,
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    // strict: false, because services with a strict mode accept only a subset of JSON Schema
    // there and may reject these schemas. The reply is validated against the full schema here.
    response_format: { type: 'json_schema', json_schema: { name: request.schemaName, strict: false, schema: request.schema } },
  };
  try {
    const response = await sendRequest(
      `${settings.baseUrl}/chat/completions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authorizationHeaders(settings.apiKey) },
        body: JSON.stringify(body),
      },
      scope,
      context,
    );
    const contentType = response.headers.get('Content-Type') ?? '';
    if (contentType.includes('text/event-stream') && response.body !== null) {
      return await readStream(response.body, scope, settings, options.onText);
    }
    const reply = await readCompletion(response, scope, settings);
    options.onText?.(reply.content);
    return reply;
  } finally {
    scope.dispose();
  }
}
