// Each fault of a language-model server, served for real on 127.0.0.1 by the faulty test
// server, must raise a CurriculumError of its own kind with a message that names the cause.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultyServer, FAKE_MODEL_ID, type FaultBehaviour, type FaultyServer } from '../../../scripts/llm/faulty-server';
import { createChatCompletion, listModels } from '../../../src/curriculum/chat-client';
import { CurriculumError } from '../../../src/curriculum/errors';
import {
  generateCurriculum,
  generateTermsForSubdomain,
  MAX_TERMS_PER_SUBDOMAIN,
  type GenerationRequest,
} from '../../../src/curriculum/generator';
import type { LanguageModelSettings } from '../../../src/curriculum/model-settings';
import { subdomainListSchema } from '../../../src/curriculum/reply-schemas';

let server: FaultyServer;

beforeAll(async () => {
  server = await startFaultyServer();
});

afterAll(async () => {
  await server.close();
});

const API_KEY = 'sk-test-secret-0123456789';

function settingsFor(behaviour: FaultBehaviour, overrides: Partial<LanguageModelSettings> = {}): LanguageModelSettings {
  return { baseUrl: server.baseUrl(behaviour), model: FAKE_MODEL_ID, apiKey: API_KEY, timeoutSeconds: 30, ...overrides };
}

const request: GenerationRequest = { domainName: 'Web APIs', notes: '', subdomainCount: 2, termsPerSubdomain: 2 };

async function generationError(settings: LanguageModelSettings, maxAttempts = 2): Promise<CurriculumError> {
  const error = await generateCurriculum(request, settings, { maxAttempts, maxTokens: 200 }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CurriculumError);
  return error as CurriculumError;
}

function chatRequestsFor(behaviour: FaultBehaviour): unknown[] {
  return server.requests.filter((entry) => entry.behaviour === behaviour && entry.path === '/v1/chat/completions').map((entry) => entry.body);
}

/** Returns a loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('faulty server replies', { timeout: 30_000 }, () => {
  it('valid replies give a full draft', async () => {
    const draft = await generateCurriculum(request, settingsFor('ok'), { maxAttempts: 1 });
    expect(draft.subdomains).toHaveLength(2);
    expect(draft.subdomains.every((subdomain) => subdomain.status === 'ready')).toBe(true);
    expect(draft.subdomains.map((subdomain) => subdomain.terms.length)).toEqual([2, 2]);
  });

  it('server unreachable', async () => {
    const port = await closedPort();
    const error = await generationError({ ...settingsFor('ok'), baseUrl: `http://127.0.0.1:${port}/v1` });
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.action).toContain('server is running');
  });

  it('401 names the rejected key and hides it', async () => {
    const error = await generationError(settingsFor('unauthorized'));
    expect(error.kind).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.message).toContain('rejected the API key');
    expect(error.action).toContain('API key');
    expect(error.description).not.toContain(API_KEY);
  });

  it('401 without a key asks for one', async () => {
    const error = await generationError(settingsFor('unauthorized', { apiKey: '' }));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('requires an API key');
    const last = server.requests.at(-1);
    expect(last?.hasAuthorization).toBe(false);
  });

  it('403 forbidden', async () => {
    const error = await generationError(settingsFor('forbidden'));
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(403);
    expect(error.message).toContain('refused access');
    expect(error.message).toContain('This key may not use this model');
  });

  it('404 for the model', async () => {
    const error = await generationError(settingsFor('model-not-found', { model: 'gpt-imaginary' }));
    expect(error.kind).toBe('model-not-found');
    expect(error.message).toContain('"gpt-imaginary"');
    expect(error.action).toContain('Test connection');
  });

  it('404 for a wrong base URL', async () => {
    const error = await listModels({ baseUrl: `${server.url}/ok`, apiKey: '', timeoutSeconds: 30 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).kind).toBe('endpoint-not-found');
    expect((error as CurriculumError).action).toContain('/v1');
  });

  it('429 passes on Retry-After', async () => {
    const error = await generationError(settingsFor('rate-limited'));
    expect(error.kind).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.action).toContain('Wait 7 seconds');
  });

  it('500 server error', async () => {
    const error = await generationError(settingsFor('server-error'));
    expect(error.kind).toBe('server-error');
    expect(error.status).toBe(500);
    expect(error.message).toContain('500');
    expect(error.message).toContain('The server had an error');
  });

  it('502 with an HTML page', async () => {
    const error = await generationError(settingsFor('bad-gateway'));
    expect(error.kind).toBe('server-error');
    expect(error.message).toContain('502 Bad Gateway');
    expect(error.message).not.toContain('<h1>');
  });

  it('timeout while the server hangs', async () => {
    const error = await createChatCompletion(
      { ...settingsFor('hang'), timeoutSeconds: 0.5 },
      { messages: [{ role: 'user', content: 'x' }], schemaName: 'x', schema: subdomainListSchema(2), maxTokens: 10, temperature: 0 },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).kind).toBe('timeout');
    expect((error as CurriculumError).action).toContain('Raise the timeout');
  });

  it('stream cut mid-way', async () => {
    const error = await generationError(settingsFor('stream-cut'));
    expect(error.kind).toBe('stream-cut');
    expect(error.message).toMatch(/closed before the reply was complete \(after \d+ characters\)/);
  });

  it('invalid JSON, retried then reported', async () => {
    const before = chatRequestsFor('invalid-json').length;
    const error = await generationError(settingsFor('invalid-json'), 3);
    expect(error.kind).toBe('invalid-json');
    expect(error.message).toContain('was not valid JSON after 3 attempts');
    expect(chatRequestsFor('invalid-json').length - before).toBe(3);
    // The retry carries the rejected reply and the parse error back to the model.
    const retry = chatRequestsFor('invalid-json').at(-1) as { messages: { role: string; content: string }[] };
    const roles = retry.messages.map((message) => message.role);
    expect(roles.slice(-2)).toEqual(['assistant', 'user']);
    expect(retry.messages.at(-1)?.content).toContain('not valid JSON');
  });

  it('JSON that fails the schema', async () => {
    const error = await generationError(settingsFor('schema-mismatch'));
    expect(error.kind).toBe('schema-mismatch');
    expect(error.message).toContain('did not follow the requested JSON schema after 2 attempts');
    expect(error.message).toContain("must have required property 'name'");
  });

  it('more items than requested', async () => {
    const error = await generationError(settingsFor('too-many-items'));
    expect(error.kind).toBe('schema-mismatch');
    expect(error.message).toContain('/subdomains must NOT have more than 2 items');
    // The schema sent still carries the requested count.
    const sent = chatRequestsFor('too-many-items').at(-1) as { response_format: { json_schema: { schema: unknown } } };
    expect(sent.response_format.json_schema.schema).toMatchObject({ properties: { subdomains: { maxItems: 2 } } });
  });

  it('term count above the maximum', async () => {
    const before = chatRequestsFor('ok').length;
    const error = await generateTermsForSubdomain(
      { domainName: 'Web APIs', notes: '' },
      { name: 'HTTP', scope: 'Requests and responses.', siblings: [], existingPrompts: [] },
      MAX_TERMS_PER_SUBDOMAIN + 1,
      settingsFor('ok'),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).kind).toBe('invalid-input');
    expect((error as CurriculumError).message).toContain(`is ${MAX_TERMS_PER_SUBDOMAIN + 1}`);
    expect(chatRequestsFor('ok').length).toBe(before);
  });

  it('empty list', async () => {
    const error = await generationError(settingsFor('empty-list'));
    expect(error.kind).toBe('empty-list');
    expect(error.message).toContain('empty list for subdomains of "Web APIs"');
  });

  it('invalid reply then a valid one', async () => {
    const rejected: string[] = [];
    const draft = await generateCurriculum(request, settingsFor('invalid-then-ok'), {
      maxAttempts: 2,
      onEvent: (event) => {
        if (event.type === 'attempt-rejected') {
          rejected.push(event.reason);
        }
      },
    });
    expect(draft.subdomains).toHaveLength(2);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toContain('not valid JSON');
  });

  it('cancel aborts the streaming request', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const pending = generateCurriculum(request, settingsFor('slow-stream'), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'reply-progress') {
          progress.push(event.receivedCharacters);
          if (progress.length === 2) {
            controller.abort();
          }
        }
      },
    });
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).kind).toBe('cancelled');
    expect(progress).toEqual([4, 8]);
  });
});
