import { describe, expect, it } from 'vitest';

import { ChecksumMismatchError, GRADER_ERROR_CODES, GraderError } from '../../../src/grading/errors';
import {
  errorMessageFrom,
  graderErrorFrom,
  isGraderRequestMessage,
  isGraderResponseMessage,
  type GraderRequestMessage,
  type GraderResponseMessage,
} from '../../../src/grading/protocol';

const REQUESTS: GraderRequestMessage[] = [
  { type: 'load', id: 1, modelBaseUrl: 'http://127.0.0.1:4173/models/' },
  { type: 'load', id: 2, modelBaseUrl: 'http://127.0.0.1:4173/models/', modelId: 'tutor-minilm-l6-ce' },
  { type: 'grade', id: 3, request: { answer: 'rapid', references: ['fast'] } },
  { type: 'grade', id: 4, request: { answer: 'rapid', references: ['fast', 'quick'] }, threshold: 0.5 },
  { type: 'gradeBatch', id: 5, requests: [{ answer: 'a', references: ['b'] }, { answer: 'c', references: ['d'] }] },
  { type: 'dispose', id: 6 },
];

const RESPONSES: GraderResponseMessage[] = [
  { type: 'progress', id: 1, progress: { file: 'model.onnx', loadedBytes: 1024, totalBytes: 23001332 } },
  { type: 'ready', id: 1, model: { id: 'tutor-minilm-l6-ce', version: '1.0.0', threshold: 0.37, maxSequenceLength: 256 } },
  {
    type: 'result',
    id: 3,
    results: [{ score: 0.8, logit: 1.2, verdict: 'pass', bestReferenceIndex: 0, referenceScores: [0.8], threshold: 0.37 }],
  },
  { type: 'error', id: 4, code: 'invalid-request', message: 'requests[0]: the answer is empty' },
  { type: 'error', id: null, code: 'worker-crashed', message: 'out of memory' },
];

describe('protocol round trip', () => {
  it.each(REQUESTS.map((message) => [`${message.type} ${message.id}`, message] as const))('request %s', (_, message) => {
    const received = structuredClone(message);
    expect(received).toEqual(message);
    expect(isGraderRequestMessage(received)).toBe(true);
  });

  it.each(RESPONSES.map((message) => [`${message.type} ${message.id}`, message] as const))('response %s', (_, message) => {
    const received = structuredClone(message);
    expect(received).toEqual(message);
    expect(isGraderResponseMessage(received)).toBe(true);
  });
});

describe('protocol shape checks', () => {
  it.each([
    ['no id', { type: 'dispose' }],
    ['fractional id', { type: 'dispose', id: 1.5 }],
    ['unknown type', { type: 'explode', id: 1 }],
    ['load without URL', { type: 'load', id: 1 }],
    ['grade with numeric answer', { type: 'grade', id: 1, request: { answer: 3, references: ['x'] } }],
    ['grade with reference string', { type: 'grade', id: 1, request: { answer: 'a', references: 'x' } }],
    ['grade with text threshold', { type: 'grade', id: 1, request: { answer: 'a', references: ['x'] }, threshold: '0.5' }],
    ['batch of non-requests', { type: 'gradeBatch', id: 1, requests: [1, 2] }],
    ['null', null],
  ])('rejects request with %s', (_, message) => {
    expect(isGraderRequestMessage(message)).toBe(false);
  });

  it.each([
    ['unknown error code', { type: 'error', id: 1, code: 'oops', message: 'x' }],
    ['progress without bytes', { type: 'progress', id: 1, progress: { file: 'model.onnx' } }],
    ['result with bad verdict', { type: 'result', id: 1, results: [{ score: 1, logit: 1, verdict: 'maybe', bestReferenceIndex: 0, referenceScores: [1], threshold: 0.5 }] }],
    ['ready without model', { type: 'ready', id: 1 }],
  ])('rejects response with %s', (_, message) => {
    expect(isGraderResponseMessage(message)).toBe(false);
  });
});

describe('protocol errors', () => {
  it.each(GRADER_ERROR_CODES.map((code) => [code]))('keeps code %s across the boundary', (code) => {
    const message = structuredClone(errorMessageFrom(7, new GraderError(code, `failure ${code}`)));
    expect(isGraderResponseMessage(message)).toBe(true);
    const error = graderErrorFrom(message);
    expect(error).toBeInstanceOf(GraderError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`failure ${code}`);
  });

  it('carries a checksum mismatch message naming the file', () => {
    const message = errorMessageFrom(1, new ChecksumMismatchError('model.onnx', 'a'.repeat(64), 'b'.repeat(64)));
    expect(message.code).toBe('checksum-mismatch');
    expect(message.message).toContain('model.onnx');
    expect(message.message).toContain('a'.repeat(64));
    expect(message.message).toContain('b'.repeat(64));
  });
});
