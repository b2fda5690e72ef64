// One sitting on the review screen: the queue, the term being asked, its grade and
// the learner's override. It lives outside the screen so that leaving it keeps the sitting.

import { calibratedGrader } from '../../../learning/calibrated-grader.svelte';
import type { ReviewState } from '../../../learning/learning-records';
import { nextQueuedTerm } from '../../../learning/review-queue';
import { loadReviewQueue, type LoadedReviewQueue } from '../../../learning/review-loader';
import { refreshReviewState } from '../../../learning/review-store';
import type { GradeResult } from '../../../grading/types';
import { database } from '../../../state/app-database';
import { grader } from '../../../state/grader.svelte';
import { settings } from '../../../state/settings.svelte';
import { recordAttempt, setOverride } from '../../../storage/attempts';
import { newId } from '../../../storage/ids';
import type { Attempt, Override, Term, Verdict } from '../../../storage/records';

/**
 * loading: reading the queue; question: waiting for an answer; grading: the model is
 * grading; graded: the verdict is shown; self-grade: the model is unavailable and the
 * learner grades against the reference; done: nothing is due.
 */
export type ReviewPhase = 'loading' | 'question' | 'grading' | 'graded' | 'self-grade' | 'done';

class ReviewSession {
  phase = $state<ReviewPhase>('loading');
  /** Domain in scope, or null for every domain. */
  domainId = $state<string | null>(null);
  queue = $state<LoadedReviewQueue | null>(null);
  current = $state<Term | null>(null);
  answer = $state('');
  attempt = $state<Attempt | null>(null);
  /** The model's grade of the current answer; null when the learner graded it. */
  result = $state<GradeResult | null>(null);
  /** The current term's schedule after its grade. */
  schedule = $state<ReviewState | null>(null);
  /** Why the model did not grade the current answer, shown in the self-grade phase. */
  gradingProblem = $state('');
  answeredCount = $state(0);

  /** Groups this sitting's attempts, as a quiz id does for a quiz run. */
  #sittingId = newId();
  #previousTermId: string | null = null;
  /** Increases on each load and submit, so a late result for an earlier step is ignored. */
  #step = 0;

  /** Loads the queue for `domainId` (null: every domain) and asks its first term. */
  async open(domainId: string | null): Promise<void> {
    if (domainId !== this.domainId) {
      this.#sittingId = newId();
      this.#previousTermId = null;
      this.answeredCount = 0;
    }
    this.domainId = domainId;
    await this.#askNext();
  }

  async #askNext(): Promise<void> {
    const step = ++this.#step;
    this.phase = 'loading';
    const queue = await loadReviewQueue(database, this.domainId, Date.now());
    if (step !== this.#step) {
      return;
    }
    this.queue = queue;
    this.current = nextQueuedTerm(queue, this.#previousTermId);
    this.answer = '';
    this.attempt = null;
    this.result = null;
    this.schedule = null;
    this.gradingProblem = '';
    this.phase = this.current === null ? 'done' : 'question';
    if (this.current !== null) {
      grader.start();
    }
  }

  /** Grades the typed answer, or switches to self-grading when the model is unavailable. */
  async submit(): Promise<void> {
    const term = this.current;
    if (term === null || this.phase !== 'question') {
      return;
    }
    const step = ++this.#step;
    if (grader.status === 'failed') {
      this.#selfGradeBecause(`The grading model is unavailable: ${grader.failure}`);
      return;
    }
    this.phase = 'grading';
    let graded: Awaited<ReturnType<typeof calibratedGrader.grade>>;
    try {
      // A snapshot, because the worker cannot clone the state proxy around the term.
      const references = $state.snapshot(term.definitions);
      graded = await calibratedGrader.grade({ answer: this.answer, references }, settings.passThreshold);
    } catch (error) {
      if (step === this.#step && this.phase === 'grading') {
        const reason = error instanceof Error ? error.message : String(error);
        this.#selfGradeBecause(`The model could not grade this answer: ${reason}`);
      }
      return;
    }
    if (step !== this.#step || this.phase !== 'grading') {
      return;
    }
    const { result, calibrationId } = graded;
    const model = grader.model;
    let attempt: Attempt;
    try {
      attempt = await recordAttempt(database, {
        termId: term.id,
        domainId: term.domainId,
        quizId: this.#sittingId,
        answer: this.answer,
        grade: {
          score: result.score,
          logit: result.logit,
          bestReferenceIndex: result.bestReferenceIndex,
          verdict: result.verdict,
          threshold: result.threshold,
          modelId: model?.id ?? '',
          modelVersion: model?.version ?? '',
          calibrationId,
        },
        threshold: result.threshold,
      });
    } catch (error) {
      this.phase = 'question';
      throw error;
    }
    await this.#graded(term, attempt, result);
  }

  /** Stops waiting for the model and lets the learner grade the current answer. */
  gradeMyself(): void {
    if (this.phase === 'grading') {
      this.#step += 1;
      this.#selfGradeBecause('You chose to grade this answer yourself.');
    }
  }

  #selfGradeBecause(reason: string): void {
    this.gradingProblem = reason;
    this.phase = 'self-grade';
  }

  /** Stores the learner's own verdict when the model did not grade the answer. */
  async recordSelfGrade(verdict: Verdict): Promise<void> {
    const term = this.current;
    if (term === null || this.phase !== 'self-grade') {
      return;
    }
    const attempt = await recordAttempt(database, {
      termId: term.id,
      domainId: term.domainId,
      quizId: this.#sittingId,
      answer: this.answer,
      grade: null,
      selfVerdict: verdict,
      threshold: settings.passThreshold ?? calibratedGrader.active?.threshold ?? grader.model?.threshold ?? 0.5,
    });
    await this.#graded(term, attempt, null);
  }

  async #graded(term: Term, attempt: Attempt, result: GradeResult | null): Promise<void> {
    this.attempt = attempt;
    this.result = result;
    this.answeredCount += 1;
    this.#previousTermId = term.id;
    this.phase = 'graded';
    this.schedule = await refreshReviewState(database, term.id);
  }

  /** Stores or clears the learner's override and reschedules the term to match. */
  async setOverride(override: Override): Promise<void> {
    const attempt = this.attempt;
    if (attempt === null) {
      return;
    }
    await setOverride(database, attempt.id, override);
    attempt.override = override;
    this.schedule = await refreshReviewState(database, attempt.termId);
  }

  /** Asks the next queued term; the queue is reread, since grading changed it. */
  async next(): Promise<void> {
    await this.#askNext();
  }

  /** Rereads the queue without answering, after the daily limit changed, say. */
  async reload(): Promise<void> {
    if (this.phase === 'question' || this.phase === 'done' || this.phase === 'loading') {
      await this.#askNext();
    }
  }
}

export const reviewSession = new ReviewSession();
