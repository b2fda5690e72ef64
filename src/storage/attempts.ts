import type { TutorDatabase } from './database';
import { RowNotFoundError, runWrite } from './errors';
import { newId } from './ids';
import type { Attempt, Override, Verdict } from './records';
import { MAX_ANSWER_LENGTH, requireText, requireThreshold } from './validation';

/** Calibration id stored on attempts that the learner graded without the model. */
export const SELF_GRADED_CALIBRATION_ID = 'self-graded';

/** The model's grade of one answer, as stored with the attempt. */
export interface ModelGrade {
  score: number;
  logit: number;
  bestReferenceIndex: number;
  verdict: Verdict;
  threshold: number;
  modelId: string;
  modelVersion: string;
  calibrationId: string;
}

export interface AttemptInput {
  termId: string;
  domainId: string;
  quizId: string;
  answer: string;
  /** The model's grade, or null when the learner graded the answer themselves. */
  grade: ModelGrade | null;
  /** The learner's own verdict; used only when `grade` is null. */
  selfVerdict?: Verdict;
  /** Threshold in force; stored for self-graded attempts too, so history stays comparable. */
  threshold: number;
}

/** Returns the verdict after the learner's override, which wins over the model's. */
export function effectiveVerdict(attempt: Pick<Attempt, 'verdict' | 'override'>): Verdict {
  if (attempt.override === 'right') {
    return 'pass';
  }
  if (attempt.override === 'wrong') {
    return 'fail';
  }
  return attempt.verdict;
}

/** Validates and stores one answer with its grade. */
export async function recordAttempt(db: TutorDatabase, input: AttemptInput): Promise<Attempt> {
  const answer = requireText(input.answer, 'Answer', MAX_ANSWER_LENGTH);
  const threshold = requireThreshold(input.threshold);
  const grade = input.grade;
  const attempt: Attempt = {
    id: newId(),
    termId: input.termId,
    domainId: input.domainId,
    quizId: input.quizId,
    answer,
    score: grade?.score ?? null,
    logit: grade?.logit ?? null,
    bestReferenceIndex: grade?.bestReferenceIndex ?? null,
    verdict: grade?.verdict ?? input.selfVerdict ?? 'fail',
    override: 'none',
    threshold: grade?.threshold ?? threshold,
    modelId: grade?.modelId ?? '',
    modelVersion: grade?.modelVersion ?? '',
    calibrationId: grade?.calibrationId ?? SELF_GRADED_CALIBRATION_ID,
    answeredAt: Date.now(),
  };
  return runWrite('Could not save your answer', () =>
    db.transaction('rw', [db.terms, db.attempts], async () => {
      if ((await db.terms.get(input.termId)) === undefined) {
        throw new RowNotFoundError('This term no longer exists; it may have been deleted in another tab.');
      }
      await db.attempts.add(attempt);
      return attempt;
    }),
  );
}

/**
 * Stores the learner's override of an attempt's verdict ('none' clears it), and deletes the
 * term's review state in the same transaction. The state is derived from the attempts, and
 * an override keeps their count, so review-store could not otherwise detect the stale row.
 * The learning layer rebuilds the row right after, or on the next review or progress visit.
 */
export async function setOverride(db: TutorDatabase, attemptId: string, override: Override): Promise<void> {
  await runWrite('Could not save your correction', () =>
    db.transaction('rw', [db.attempts, db.reviewStates], async () => {
      const attempt = await db.attempts.get(attemptId);
      if (attempt === undefined) {
        throw new RowNotFoundError('This answer is no longer stored; it may have been deleted in another tab.');
      }
      await db.attempts.update(attemptId, { override });
      await db.reviewStates.delete(attempt.termId);
    }),
  );
}

/** Returns the attempts of one quiz run, oldest first. */
export async function listAttemptsForQuiz(db: TutorDatabase, quizId: string): Promise<Attempt[]> {
  const attempts = await db.attempts.where('quizId').equals(quizId).toArray();
  return attempts.sort((a, b) => a.answeredAt - b.answeredAt);
}

/** Returns a domain's attempts, oldest first. */
export async function listAttemptsForDomain(db: TutorDatabase, domainId: string): Promise<Attempt[]> {
  return db.attempts
    .where('[domainId+answeredAt]')
    .between([domainId, -Infinity], [domainId, Infinity])
    .toArray();
}
