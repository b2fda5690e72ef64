// Validation of OpenAI chat-completions request bodies: the subset this server supports.
import { RequestError } from './http-helpers';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** What a JSON reply must look like: any JSON value, or one that follows a schema. */
export type ReplyFormat = { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: object };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  maxTokens: number;
  temperature: number;
  seed: number | undefined;
  format: ReplyFormat;
}

const DEFAULT_MAX_TOKENS = 512;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts a string or an array of `{type: 'text', text}` parts, as OpenAI's API does. */
function parseContent(content: unknown, where: string): string {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content
      .map((part: unknown, index) => {
        if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') {
          return part.text;
        }
        throw new RequestError(400, `${where}.content[${index}] must be a text part ({"type": "text", "text": "..."}).`);
      })
      .join('');
  }
  throw new RequestError(400, `${where}.content must be a string or an array of text parts.`);
}

function parseMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new RequestError(400, '"messages" must be a non-empty array.');
  }
  return value.map((message: unknown, index) => {
    const where = `messages[${index}]`;
    if (!isRecord(message)) {
      throw new RequestError(400, `${where} must be an object.`);
    }
    const role = message.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      throw new RequestError(400, `${where}.role must be "system", "user" or "assistant", not ${JSON.stringify(role)}.`);
    }
    return { role, content: parseContent(message.content, where) };
  });
}

function parseFormat(value: unknown): ReplyFormat {
  if (value === undefined || value === null) {
    return { type: 'text' };
  }
  if (!isRecord(value)) {
    throw new RequestError(400, '"response_format" must be an object.');
  }
  if (value.type === 'text' || value.type === 'json_object') {
    return { type: value.type };
  }
  if (value.type === 'json_schema') {
    const jsonSchema = value.json_schema;
    if (!isRecord(jsonSchema) || !isRecord(jsonSchema.schema)) {
      throw new RequestError(400, '"response_format.json_schema.schema" must be a JSON schema object.');
    }
    return { type: 'json_schema', schema: jsonSchema.schema };
  }
  throw new RequestError(
    400,
    `"response_format.type" must be "text", "json_object" or "json_schema", not ${JSON.stringify(value.type)}.`,
  );
}

function parseOptionalNumber(body: Record<string, unknown>, key: string, minimum: number, maximum: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum || value > maximum) {
    throw new RequestError(400, `"${key}" must be a number from ${minimum} to ${maximum}, not ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Validates a chat-completions body and raises RequestError (400) naming the first invalid field. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isRecord(body)) {
    throw new RequestError(400, 'Request body must be a JSON object.');
  }
  if (typeof body.model !== 'string' || body.model === '') {
    throw new RequestError(400, '"model" must be a non-empty string.');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new RequestError(400, '"stream" must be true or false.');
  }
  const maxTokens =
    parseOptionalNumber(body, 'max_completion_tokens', 1, 32768) ?? parseOptionalNumber(body, 'max_tokens', 1, 32768);
  const seed = parseOptionalNumber(body, 'seed', 0, Number.MAX_SAFE_INTEGER);
  return {
    model: body.model,
    messages: parseMessages(body.messages),
    stream: body.stream === true,
    maxTokens: Math.floor(maxTokens ?? DEFAULT_MAX_TOKENS),
    temperature: parseOptionalNumber(body, 'temperature', 0, 2) ?? 0,
    seed: seed === undefined ? undefined : Math.floor(seed),
    format: parseFormat(body.response_format),
  };
}
