import { describe, expect, it } from 'vitest';
import { errorDetail, retryAfterSeconds } from '../../../src/curriculum/http-errors';
import { redactSecret } from '../../../src/curriculum/errors';
import { checkReply, extractJsonText } from '../../../src/curriculum/reply-parsing';
import { subdomainListValidator, termListValidator } from '../../../src/curriculum/reply-validators';
import { ServerSentEventParser } from '../../../src/curriculum/server-sent-events';

describe('ServerSentEventParser', () => {
  it('joins events split across chunks', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('data: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\ndata: [DONE]\n\n')).toEqual(['{"a":1}', '[DONE]']);
  });

  it('handles CRLF split between chunks', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('data: one\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual(['one']);
  });

  it('joins multi-line data and skips comments and other fields', () => {
    const parser = new ServerSentEventParser();
    const events = parser.push(': keep-alive\nevent: message\nid: 7\ndata: first\ndata: second\n\n');
    expect(events).toEqual(['first\nsecond']);
  });

  it('returns an unterminated last event on finish', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('data: tail')).toEqual([]);
    expect(parser.finish()).toEqual(['tail']);
  });
});

describe('extractJsonText', () => {
  it('takes JSON out of a Markdown fence', () => {
    expect(extractJsonText('Here you go:\n```json\n{"a": 1}\n```\nEnjoy')).toBe('{"a": 1}');
  });

  it('takes JSON out of surrounding prose', () => {
    expect(extractJsonText('Sure! {"a": {"b": 2}} Hope it helps.')).toBe('{"a": {"b": 2}}');
  });

  it('leaves text without braces unchanged', () => {
    expect(extractJsonText('no json here')).toBe('no json here');
  });
});

describe('checkReply', () => {
  const validate = subdomainListValidator(3);

  it('accepts a valid reply', () => {
    const result = checkReply('{"subdomains":[{"name":"HTTP","scope":"Requests, responses and status codes."}]}', validate, 'subdomains', 'stop');
    expect(result.ok).toBe(true);
  });

  it('reports invalid JSON with the parse error', () => {
    const result = checkReply('{"subdomains": [', validate, 'subdomains', 'stop');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fault.kind).toBe('invalid-json');
      expect(result.fault.detail).toContain('not valid JSON');
    }
  });

  it('names the token limit when the reply was cut', () => {
    const result = checkReply('{"subdomains": [{"name": "HT', validate, 'subdomains', 'length');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fault.detail).toContain('max_tokens');
    }
  });

  it('reports an empty reply', () => {
    const result = checkReply('   ', validate, 'subdomains', 'stop');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fault.detail).toBe('The reply was empty.');
    }
  });

  it('reports an empty list as its own fault', () => {
    const result = checkReply('{"subdomains": []}', validate, 'subdomains', 'stop');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fault.kind).toBe('empty-list');
    }
  });

  it('names the path and rule of a schema mismatch', () => {
    const result = checkReply('{"subdomains":[{"name":"HTTP","scope":"short","extra":1}]}', validate, 'subdomains', 'stop');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fault.kind).toBe('schema-mismatch');
      expect(result.fault.detail).toContain('/subdomains/0/scope must NOT have fewer than 10 characters');
      expect(result.fault.detail).toContain('must NOT have additional properties ("extra")');
    }
  });

  it('rejects more items than asked for', () => {
    const terms = Array.from({ length: 3 }, (_, index) => ({
      prompt: `Term ${index}`,
      definition: 'A definition long enough to pass the schema check.',
      sources: [],
    }));
    const result = checkReply(JSON.stringify({ terms }), termListValidator(2), 'terms', 'stop');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fault.detail).toContain('/terms must NOT have more than 2 items');
    }
  });
});

describe('error details', () => {
  it('reads OpenAI-style error bodies', () => {
    expect(errorDetail('{"error":{"message":"Model not loaded","type":"x"}}', '')).toBe('Model not loaded');
  });

  it('strips HTML from a proxy page', () => {
    expect(errorDetail('<html><body><h1>502 Bad Gateway</h1></body></html>', '')).toBe('502 Bad Gateway');
  });

  it('truncates long bodies', () => {
    expect(errorDetail('x'.repeat(1000), '').length).toBe(301);
  });

  it('redacts the exact key and sk- keys', () => {
    expect(redactSecret('bad key my-local-key', 'my-local-key')).toBe('bad key [redacted]');
    expect(redactSecret('Incorrect API key provided: sk-abc1234567', '')).toBe('Incorrect API key provided: [redacted]');
    expect(errorDetail('{"error":{"message":"key secret-123 rejected"}}', 'secret-123')).toBe('key [redacted] rejected');
  });

  it('parses Retry-After seconds and dates', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
  });
});
