// One quiz run: the chosen terms, the current answer, each attempt and the summary.
// It lives outside the quiz screen so that leaving the screen does not lose the run.

import { rescheduleTerm } from '../learning/schedule-after-answer';
import { effectiveVerdict, setOverride } from '../storage/attempts';
import { newId } from '../storage/ids';
import type { Override, Subdomain, Term } from '../storage/records';
import { listSubdomains } from '../storage/subdomains';
import { listTerms } from '../storage/terms';
import { AnswerGrading, type AnswerPhase, type AnswerSession, type GradedAnswer } from './answer-grading.svelte';
import { database } from './app-database';
import { grader } from './grader.svelte';
import { orderTermsForQuiz, shuffled } from './quiz-order';

/**
 * Step of a quiz run: setup while the learner chooses what to quiz on, then the steps
 * of each answer (see AnswerPhase), and summary once the run is over.
 */
export type QuizPhase = 'setup' | AnswerPhase | 'summary';

class QuizState implements AnswerSession {
  domainId = $state('');
  /** '' to quiz on the whole domain. */
  subdomainId = $state('');
  shuffle = $state(false);
  quizId = $state('');
  // Raw (not deeply reactive): rows are replaced whole, and plain objects can be posted to the worker.
  terms = $state.raw<Term[]>([]);
  index = $state(0);
  items = $state<GradedAnswer[]>([]);

  /** The answer to the current term, and its grading. */
  readonly grading = new AnswerGrading({
    currentTerm: () => this.current,
    attemptGroupId: () => this.quizId,
    onGraded: (graded) => {
      this.items.push(graded);
      void rescheduleTerm(graded.term.id);
    },
  });

  #stage = $state<'setup' | 'answering' | 'summary'>('setup');

  phase = $derived<QuizPhase>(this.#stage === 'answering' ? this.grading.phase : this.#stage);
  current = $derived(this.terms[this.index] ?? null);
  lastItem = $derived(this.items.at(-1) ?? null);
  graded = $derived(this.grading.phase === 'graded' ? this.lastItem : null);
  passedCount = $derived(this.items.filter((item) => effectiveVerdict(item.attempt) === 'pass').length);
  overrideCount = $derived(this.items.filter((item) => item.attempt.override !== 'none').length);

  /** Subdomains of `domainId`, offered in the setup form. */
  subdomainChoices = $state.raw<Subdomain[]>([]);

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
    this.grading.ask();
    this.#stage = 'answering';
    grader.start();
    return true;
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
    this.grading.ask();
    if (this.index + 1 >= this.terms.length) {
      this.#stage = 'summary';
      return;
    }
    this.index += 1;
  }

  /** Ends the run early; the summary lists the answered terms. */
  finish(): void {
    this.grading.abandon();
    this.#stage = 'summary';
  }

  /** Goes back to choosing a domain, keeping the last choice selected. */
  reset(): void {
    this.grading.ask();
    this.#stage = 'setup';
    this.items = [];
    this.terms = [];
  }
}

export const quiz = new QuizState();
