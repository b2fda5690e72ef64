// One quiz run: the chosen terms, the current answer, each attempt and the summary.
// It lives outside the quiz screen so that leaving the screen does not lose the run.

import type { GradeResult } from '../grading/grader-client';
import { calibratedGrader } from '../learning/calibrated-grader.svelte';
import { rescheduleTerm } from '../learning/schedule-after-answer';
import { effectiveVerdict, recordAttempt, setOverride } from '../storage/attempts';
import { newId } from '../storage/ids';
import type { Attempt, Override, Subdomain, Term, Verdict } from '../storage/records';
import { listSubdomains } from '../storage/subdomains';
import { listTerms } from '../storage/terms';
import { database } from './app-database';
import { grader } from './grader.svelte';
import { orderTermsForQuiz, shuffled } from './quiz-order';
import { settings } from './settings.svelte';

/**
 * Step of a quiz run:
 * - setup: the learner chooses what to quiz on.
 * - question: the app waits for an answer.
 * - grading: the model is grading, or still loading.
 * - graded: the verdict is shown.
 * - self-grade: the model is unavailable, so the learner compares with the reference.
 * - summary: the run is over.
 */
export type QuizPhase = 'setup' | 'question' | 'grading' | 'graded' | 'self-grade' | 'summary';

export interface QuizItem {
  term: Term;
  attempt: Attempt;
  /** Null when the learner graded the answer themselves. */
  result: GradeResult | null;
}

class QuizState {
  phase = $state<QuizPhase>('setup');
  domainId = $state('');
  /** '' to quiz on the whole domain. */
  subdomainId = $state('');
  shuffle = $state(false);
  quizId = $state('');
  // Raw (not deeply reactive): rows are replaced whole, and plain objects can be posted to the worker.
  terms = $state.raw<Term[]>([]);
  index = $state(0);
  answer = $state('');
  items = $state<QuizItem[]>([]);
  /** Why the model did not grade the current answer, shown in the self-grade phase. */
  gradingProblem = $state('');

  current = $derived(this.terms[this.index] ?? null);
  lastItem = $derived(this.items.at(-1) ?? null);
  passedCount = $derived(this.items.filter((item) => effectiveVerdict(item.attempt) === 'pass').length);
  overrideCount = $derived(this.items.filter((item) => item.attempt.override !== 'none').length);

  /** Subdomains of `domainId`, offered in the setup form. */
  subdomainChoices = $state.raw<Subdomain[]>([]);

  /** Increases on each submit, so a late model result for an earlier answer is ignored. */
  #submission = 0;

  /** Selects the domain in the setup form and loads its subdomains. */
  async chooseDomain(domainId: string, subdomainId = ''): Promise<void> {
    this.domainId = domainId;
    this.subdomainId = subdomainId;
    const subdomains = domainId === '' ? [] : await listSubdomains(database, domainId);
    if (domainId !== this.domainId) {
      return; // Another domain was chosen meanwhile.
    }
    this.subdomainChoices = subdomains;
    if (!subdomains.some((subdomain) => subdomain.id === this.subdomainId)) {
      this.subdomainId = '';
    }
  }

  /** Loads the chosen terms and starts at the first; returns false when there are none. */
  async start(domainId: string, subdomainId: string, shuffle: boolean): Promise<boolean> {
    const [allTerms, subdomains] = await Promise.all([listTerms(database, domainId), listSubdomains(database, domainId)]);
    const chosen = subdomainId === '' ? allTerms : allTerms.filter((term) => term.subdomainId === subdomainId);
    if (chosen.length === 0) {
      return false;
    }
    const ordered = orderTermsForQuiz(chosen, subdomains);
    this.domainId = domainId;
    this.subdomainId = subdomainId;
    this.shuffle = shuffle;
    this.terms = shuffle ? shuffled(ordered) : ordered;
    this.quizId = newId();
    this.index = 0;
    this.items = [];
    this.answer = '';
    this.gradingProblem = '';
    this.phase = 'question';
    grader.start();
    return true;
  }

  /** Grades the typed answer with the model, or switches to self-grading when it is unavailable. */
  async submit(): Promise<void> {
    const term = this.current;
    if (term === null || this.phase !== 'question') {
      return;
    }
    const submission = ++this.#submission;

    if (grader.status === 'failed') {
      this.#selfGradeBecause(`The grading model is unavailable: ${grader.failure}`);
      return;
    }

    this.phase = 'grading';
    let result: GradeResult;
    let calibrationId: string;
    try {
      // The active calibration: the shipped one, or the learner's refit on this device.
      ({ result, calibrationId } = await calibratedGrader.grade(
        { answer: this.answer, references: [...term.definitions] },
        settings.passThreshold,
      ));
    } catch (error) {
      if (submission === this.#submission && this.phase === 'grading') {
        const reason = error instanceof Error ? error.message : String(error);
        this.#selfGradeBecause(`The model could not grade this answer: ${reason}`);
      }
      return;
    }
    if (submission !== this.#submission || this.phase !== 'grading') {
      return; // The learner chose to grade themselves while the model was busy.
    }

    const model = grader.model;
    let attempt: Attempt;
    try {
      attempt = await recordAttempt(database, {
        termId: term.id,
        domainId: term.domainId,
        quizId: this.quizId,
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
    this.items.push({ term, attempt, result });
    this.phase = 'graded';
    void rescheduleTerm(term.id);
  }

  /** Stops waiting for the model and lets the learner grade the current answer. */
  gradeMyself(): void {
    if (this.phase === 'grading') {
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
      quizId: this.quizId,
      answer: this.answer,
      grade: null,
      selfVerdict: verdict,
      // NOTE: 0.5 is stored only when the model never loaded, so its manifest threshold is unknown.
      threshold: settings.effectiveThreshold ?? 0.5,
    });
    this.items.push({ term, attempt, result: null });
    this.phase = 'graded';
    void rescheduleTerm(term.id);
  }

  /** Stores or clears the learner's override of the last model verdict. */
  async setOverride(override: Override): Promise<void> {
    const item = this.lastItem;
    if (item === null) {
      return;
    }
    await setOverride(database, item.attempt.id, override);
    item.attempt.override = override;
    void rescheduleTerm(item.attempt.termId);
  }

  /** Moves to the next term, or to the summary after the last one. */
  next(): void {
    this.answer = '';
    this.gradingProblem = '';
    if (this.index + 1 >= this.terms.length) {
      this.phase = 'summary';
      return;
    }
    this.index += 1;
    this.phase = 'question';
  }

  /** Ends the run early; the summary lists the answered terms. */
  finish(): void {
    this.#submission += 1;
    this.phase = 'summary';
  }

  /** Goes back to choosing a domain, keeping the last choice selected. */
  reset(): void {
    this.#submission += 1;
    this.phase = 'setup';
    this.answer = '';
    this.items = [];
    this.terms = [];
  }
}

export const quiz = new QuizState();
