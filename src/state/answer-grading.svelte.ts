// Grading of the answer to one term, shared by the quiz and the review session: the
// model grades it, or the learner does when the model is unavailable, and either way
// the attempt is stored.

import { calibratedGrader } from '../learning/calibrated-grader.svelte';
import type { GradeResult } from '../grading/types';
import { recordAttempt } from '../storage/attempts';
import type { Attempt, Override, Term, Verdict } from '../storage/records';
import { database } from './app-database';
import { grader } from './grader.svelte';
import { settings } from './settings.svelte';

/**
 * Step of one answer:
 * - question: the app waits for an answer.
 * - grading: the model is grading, or still loading.
 * - graded: the verdict is shown.
 * - self-grade: the model is unavailable, so the learner compares with the reference.
 */
export type AnswerPhase = 'question' | 'grading' | 'graded' | 'self-grade';

export interface GradedAnswer {
  term: Term;
  attempt: Attempt;
  /** Null when the learner graded the answer themselves. */
  result: GradeResult | null;
}

/** A quiz run or a review sitting, as the shared answer form and result read it. */
export interface AnswerSession {
  /** The term being asked, or null when there is none. */
  readonly current: Term | null;
  /** The run's or sitting's phase, which differs from `grading.phase` while the next term loads. */
  readonly phase: string;
  readonly grading: AnswerGrading;
  /** The current term's stored grade, or null until it is graded. */
  readonly graded: GradedAnswer | null;
  /** Stores or clears the learner's override of the current term's verdict. */
  setOverride(override: Override): Promise<void>;
  /** Moves on to the next term. */
  next(): Promise<void> | void;
}

export interface AnswerGradingOptions {
  /** The term being asked, or null when there is none. */
  currentTerm: () => Term | null;
  /** Id that groups the attempts of one quiz run or review sitting. */
  attemptGroupId: () => string;
  /** Runs once the attempt is stored and the phase is 'graded'. */
  onGraded: (graded: GradedAnswer) => Promise<void> | void;
}

/**
 * Returns the pass threshold that the model would have graded the answer against: the
 * learner's, else the active calibration's, else the loaded model's. Attempts graded by
 * the learner store it, so that a later refit compares them on the same scale.
 */
export function selfGradeThreshold(): number {
  // NOTE: 0.5 is stored only when the model never loaded, so its manifest threshold is unknown.
  return settings.effectiveThreshold ?? 0.5;
}

export class AnswerGrading {
  phase = $state<AnswerPhase>('question');
  answer = $state('');
  /** Reason the model did not grade the current answer, shown in the self-grade phase. */
  gradingProblem = $state('');

  readonly #options: AnswerGradingOptions;
  /** Increases on each question and submit, so a late model result for an earlier answer is ignored. */
  #submission = 0;

  constructor(options: AnswerGradingOptions) {
    this.#options = options;
  }

  /** Clears the answer for the next question. */
  ask(): void {
    this.#submission += 1;
    this.answer = '';
    this.gradingProblem = '';
    this.phase = 'question';
  }

  /** Ignores the result of a grading still in progress, when the run ends or moves on. */
  abandon(): void {
    this.#submission += 1;
  }

  /** Grades the typed answer with the model, or switches to self-grading when it is unavailable. */
  async submit(): Promise<void> {
    const term = this.#options.currentTerm();
    if (term === null || this.phase !== 'question') {
      return;
    }
    const submission = ++this.#submission;

    if (grader.status === 'failed') {
      this.#selfGradeBecause(`The grading model is unavailable: ${grader.failure}`);
      return;
    }

    this.phase = 'grading';
    let graded: Awaited<ReturnType<typeof calibratedGrader.grade>>;
    try {
      // A snapshot, because the worker cannot clone a state proxy around the term.
      const references = $state.snapshot(term.definitions);
      // The active calibration: the shipped one, or the learner's refit on this device.
      graded = await calibratedGrader.grade({ answer: this.answer, references }, settings.passThreshold);
    } catch (error) {
      if (submission === this.#submission && this.phase === 'grading') {
        const reason = error instanceof Error ? error.message : String(error);
        this.#selfGradeBecause(`The model could not grade this answer: ${reason}`);
      }
      return;
    }
    if (submission !== this.#submission || this.phase !== 'grading') {
      return; // The learner chose to grade themselves, or moved on, while the model was busy.
    }

    const { result, calibrationId } = graded;
    const model = grader.model;
    let attempt: Attempt;
    try {
      attempt = await recordAttempt(database, {
        termId: term.id,
        domainId: term.domainId,
        quizId: this.#options.attemptGroupId(),
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
      // Back to the question, so the learner can submit again once there is space.
      this.phase = 'question';
      throw error;
    }
    await this.#graded({ term, attempt, result });
  }

  /** Stops waiting for the model and lets the learner grade the current answer. */
  gradeMyself(): void {
    if (this.phase === 'grading') {
      this.#submission += 1;
      this.#selfGradeBecause('You chose to grade this answer yourself.');
    }
  }

  /** Stores the learner's own verdict when the model did not grade the answer. */
  async recordSelfGrade(verdict: Verdict): Promise<void> {
    const term = this.#options.currentTerm();
    if (term === null || this.phase !== 'self-grade') {
      return;
    }
    const attempt = await recordAttempt(database, {
      termId: term.id,
      domainId: term.domainId,
      quizId: this.#options.attemptGroupId(),
      answer: this.answer,
      grade: null,
      selfVerdict: verdict,
      threshold: selfGradeThreshold(),
    });
    await this.#graded({ term, attempt, result: null });
  }

  #selfGradeBecause(reason: string): void {
    this.gradingProblem = reason;
    this.phase = 'self-grade';
  }

  async #graded(graded: GradedAnswer): Promise<void> {
    this.phase = 'graded';
    await this.#options.onGraded(graded);
  }
}
