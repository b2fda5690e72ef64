// Checks on grade requests, shared by the client, so bad input fails on the main thread,
// and by the grading module, which the CLI and the worker call directly.

import { GraderError } from './errors';
import type { GradeRequest } from './types';

/** Throws an `invalid-request` GraderError naming `where` unless the request can be graded. */
export function validateGradeRequest(request: GradeRequest, where: string): void {
  if (typeof request.answer !== 'string' || request.answer.trim() === '') {
    throw new GraderError('invalid-request', `${where}: the answer is empty; type an answer before grading.`);
  }
  if (!Array.isArray(request.references) || request.references.length === 0) {
    throw new GraderError('invalid-request', `${where}: no reference definitions were given to grade against.`);
  }
  request.references.forEach((reference, index) => {
    if (typeof reference !== 'string' || reference.trim() === '') {
      throw new GraderError('invalid-request', `${where}: reference ${index} is empty.`);
    }
  });
}

/** Throws an `invalid-request` GraderError unless the threshold is absent or a number in [0, 1]. */
export function validateThreshold(threshold: number | undefined): void {
  if (threshold === undefined) {
    return;
  }
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new GraderError('invalid-request', `Pass threshold ${threshold} is invalid; use a number from 0 to 1.`);
  }
}
