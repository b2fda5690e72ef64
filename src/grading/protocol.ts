// Messages between the grader worker and GraderClient. Every request carries an id;
// every response to it repeats that id, so several requests can be in flight.
// A load request gets any number of `progress` responses, then `ready` or `error`.
// A grade or gradeBatch request gets one `result` or `error`.

import { GRADER_ERROR_CODES, GraderError, type GraderErrorCode } from './errors';
import type { GradeRequest, GradeResult, LoadProgress, ModelInfo } from './types';

export interface LoadMessage {
  type: 'load';
  id: number;
  /** Absolute URL of the folder holding `index.json` and one folder per model. */
  modelBaseUrl: string;
  /** Model folder name; when absent, the `default` named by `index.json`. */
  modelId?: string;
}

export interface GradeMessage {
  type: 'grade';
  id: number;
  request: GradeRequest;
  /** Overrides the manifest's pass threshold for this request only. */
  threshold?: number;
}

export interface GradeBatchMessage {
  type: 'gradeBatch';
  id: number;
  requests: GradeRequest[];
  threshold?: number;
}

export interface DisposeMessage {
  type: 'dispose';
  id: number;
}

export type GraderRequestMessage = LoadMessage | GradeMessage | GradeBatchMessage | DisposeMessage;

export interface ProgressMessage {
  type: 'progress';
  id: number;
  progress: LoadProgress;
}

export interface ReadyMessage {
  type: 'ready';
  id: number;
  model: ModelInfo;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  /** One result per request, in request order; a `grade` request gets one. */
  results: GradeResult[];
}

export interface ErrorMessage {
  type: 'error';
  /** Id of the failed request, or null for a failure outside any request. */
  id: number | null;
  code: GraderErrorCode;
  message: string;
}

export type GraderResponseMessage = ProgressMessage | ReadyMessage | ResultMessage | ErrorMessage;

export function errorMessageFrom(id: number | null, error: GraderError): ErrorMessage {
  return { type: 'error', id, code: error.code, message: error.message };
}

export function graderErrorFrom(message: ErrorMessage): GraderError {
  return new GraderError(message.code, message.message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isGradeRequest(value: unknown): value is GradeRequest {
  return (
    isRecord(value) &&
    typeof value.answer === 'string' &&
    Array.isArray(value.references) &&
    value.references.every((reference) => typeof reference === 'string')
  );
}

function isOptionalThreshold(value: unknown): boolean {
  return value === undefined || isFiniteNumber(value);
}

/** Checks the shape of a message received by the worker. */
export function isGraderRequestMessage(value: unknown): value is GraderRequestMessage {
  if (!isRecord(value) || !Number.isInteger(value.id)) {
    return false;
  }
  switch (value.type) {
    case 'load':
      return (
        typeof value.modelBaseUrl === 'string' &&
        (value.modelId === undefined || typeof value.modelId === 'string')
      );
    case 'grade':
      return isGradeRequest(value.request) && isOptionalThreshold(value.threshold);
    case 'gradeBatch':
      return (
        Array.isArray(value.requests) &&
        value.requests.every(isGradeRequest) &&
        isOptionalThreshold(value.threshold)
      );
    case 'dispose':
      return true;
    default:
      return false;
  }
}

function isLoadProgress(value: unknown): value is LoadProgress {
  return (
    isRecord(value) &&
    typeof value.file === 'string' &&
    isFiniteNumber(value.loadedBytes) &&
    isFiniteNumber(value.totalBytes)
  );
}

function isModelInfo(value: unknown): value is ModelInfo {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.version === 'string' &&
    isFiniteNumber(value.threshold) &&
    isFiniteNumber(value.maxSequenceLength)
  );
}

function isGradeResult(value: unknown): value is GradeResult {
  return (
    isRecord(value) &&
    isFiniteNumber(value.score) &&
    isFiniteNumber(value.logit) &&
    (value.verdict === 'pass' || value.verdict === 'fail') &&
    Number.isInteger(value.bestReferenceIndex) &&
    Array.isArray(value.referenceScores) &&
    value.referenceScores.every(isFiniteNumber) &&
    isFiniteNumber(value.threshold)
  );
}

/** Checks the shape of a message received by the client. */
export function isGraderResponseMessage(value: unknown): value is GraderResponseMessage {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'progress':
      return Number.isInteger(value.id) && isLoadProgress(value.progress);
    case 'ready':
      return Number.isInteger(value.id) && isModelInfo(value.model);
    case 'result':
      return (
        Number.isInteger(value.id) &&
        Array.isArray(value.results) &&
        value.results.every(isGradeResult)
      );
    case 'error':
      return (
        (value.id === null || Number.isInteger(value.id)) &&
        typeof value.message === 'string' &&
        GRADER_ERROR_CODES.includes(value.code as GraderErrorCode)
      );
    default:
      return false;
  }
}
