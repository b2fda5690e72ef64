import type { Attempt, Term } from '../../../src/storage/records';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** 09:00 UTC on a Monday; tests that need local days set TZ themselves or use offsets from here. */
export const START = Date.UTC(2025, 2, 3, 9, 0, 0);

let attemptCounter = 0;

export function makeAttempt(fields: Partial<Attempt> & Pick<Attempt, 'termId' | 'answeredAt'>): Attempt {
  attemptCounter += 1;
  return {
    id: `attempt-${String(attemptCounter).padStart(6, '0')}`,
    domainId: 'domain-1',
    quizId: '',
    answer: 'an answer',
    score: 0.7,
    logit: 1,
    bestReferenceIndex: 0,
    verdict: 'pass',
    override: 'none',
    threshold: 0.5,
    modelId: 'model',
    modelVersion: '1',
    calibrationId: 'shipped',
    ...fields,
  };
}

export function makeTerm(id: string, fields: Partial<Term> = {}): Term {
  return {
    id,
    domainId: 'domain-1',
    subdomainId: '',
    prompt: `Prompt ${id}`,
    definitions: [`Definition of ${id}.`],
    source: '',
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}
