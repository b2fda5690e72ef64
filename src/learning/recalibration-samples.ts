// Gathers the answers a refit learns from, regrading those without a usable logit.

import type { GradeRequest, GradeResult } from '../grading/types';
import { effectiveVerdict } from '../storage/attempts';
import type { TutorDatabase } from '../storage/database';
import type { Attempt, Term } from '../storage/records';
import type { RecalibrationSample } from './recalibration';

export interface ModelIdentity {
  id: string;
  version: string;
}

/** Grades answers with the current model, such as `GraderClient.gradeBatch`. */
export type RegradeAnswers = (requests: GradeRequest[]) => Promise<GradeResult[]>;

export interface CollectedSamples {
  samples: RecalibrationSample[];
  /** Answers graded again because they had no logit or one from another model. */
  regraded: number;
  /** Answers left out because their term was deleted and they had no usable logit. */
  skipped: number;
}

/** Answers sent to the worker per call, so that progress can be shown between calls. */
const REGRADE_CHUNK_SIZE = 32;

/** Whether the attempt's stored logit came from this model, so it can be reused as is. */
export function hasUsableLogit(attempt: Attempt, model: ModelIdentity): boolean {
  return attempt.logit !== null && attempt.modelId === model.id && attempt.modelVersion === model.version;
}

function sampleFrom(attempt: Attempt, logit: number): RecalibrationSample {
  return {
    attemptId: attempt.id,
    logit,
    passed: effectiveVerdict(attempt) === 'pass',
    overridden: attempt.override !== 'none',
  };
}

/**
 * Returns one sample per attempt. Self-graded answers and answers graded by another
 * model version are graded again against the term's current definitions, because a
 * logit is only comparable with logits of the same model.
 */
export async function collectRecalibrationSamples(
  db: TutorDatabase,
  model: ModelIdentity,
  regrade: RegradeAnswers,
  onProgress?: (done: number, total: number) => void,
): Promise<CollectedSamples> {
  const [attempts, terms] = await Promise.all([db.attempts.toArray(), db.terms.toArray()]);
  const termsById = new Map<string, Term>(terms.map((term) => [term.id, term]));
  const samples: RecalibrationSample[] = [];
  const toRegrade: { attempt: Attempt; term: Term }[] = [];
  let skipped = 0;
  for (const attempt of attempts) {
    if (hasUsableLogit(attempt, model)) {
      samples.push(sampleFrom(attempt, attempt.logit as number));
      continue;
    }
    const term = termsById.get(attempt.termId);
    if (term === undefined) {
      skipped += 1;
    } else {
      toRegrade.push({ attempt, term });
    }
  }
  onProgress?.(0, toRegrade.length);
  for (let start = 0; start < toRegrade.length; start += REGRADE_CHUNK_SIZE) {
    const chunk = toRegrade.slice(start, start + REGRADE_CHUNK_SIZE);
    const results = await regrade(chunk.map(({ attempt, term }) => ({ answer: attempt.answer, references: term.definitions })));
    chunk.forEach(({ attempt }, index) => {
      const result = results[index];
      if (result === undefined) {
        throw new Error(`The grader returned ${results.length} results for ${chunk.length} answers.`);
      }
      samples.push(sampleFrom(attempt, result.logit));
    });
    onProgress?.(start + chunk.length, toRegrade.length);
  }
  return { samples, regraded: toRegrade.length, skipped };
}
