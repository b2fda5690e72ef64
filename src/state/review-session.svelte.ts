// One sitting on the review screen: the queue, the term being asked, its grade and
// the learner's override. It lives outside the screen so that leaving it keeps the sitting.

import type { ReviewState } from '../learning/learning-records';
import { nextQueuedTerm } from '../learning/review-queue';
import { loadReviewQueue, type LoadedReviewQueue } from '../learning/review-loader';
import { refreshReviewState } from '../learning/review-store';
import { setOverride } from '../storage/attempts';
import { newId } from '../storage/ids';
import type { Override, Term } from '../storage/records';
import { AnswerGrading, type AnswerPhase, type AnswerSession, type GradedAnswer } from './answer-grading.svelte';
import { database } from './app-database';
import { grader } from './grader.svelte';

/**
 * Step of a review sitting: loading while the queue is read, then the steps of each
 * answer (see AnswerPhase), and done when nothing is due.
 */
export type ReviewPhase = 'loading' | AnswerPhase | 'done';

class ReviewSession implements AnswerSession {
  /** Domain in scope, or null for every domain. */
  domainId = $state<string | null>(null);
  queue = $state<LoadedReviewQueue | null>(null);
  current = $state<Term | null>(null);
  /** The current answer's grade once stored, or null before. */
  graded = $state<GradedAnswer | null>(null);
  /** The current term's schedule after its grade. */
  schedule = $state<ReviewState | null>(null);
  answeredCount = $state(0);

  /** The answer to the current term, and its grading. */
  readonly grading = new AnswerGrading({
    currentTerm: () => this.current,
    attemptGroupId: () => this.#sittingId,
    onGraded: async (graded) => {
      this.graded = graded;
      this.answeredCount += 1;
      this.#previousTermId = graded.term.id;
      this.schedule = await refreshReviewState(database, graded.term.id);
    },
  });

  #stage = $state<'loading' | 'answering' | 'done'>('loading');

  phase = $derived<ReviewPhase>(this.#stage === 'answering' ? this.grading.phase : this.#stage);

  /** Groups this sitting's attempts, as a quiz id does for a quiz run. */
  #sittingId = newId();
  #previousTermId: string | null = null;
  /** Increases on each load, so a late queue for an earlier load is ignored. */
  #load = 0;

  /** Loads the queue for `domainId` (null: every domain) and shows its first term. */
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
    const load = ++this.#load;
    this.grading.abandon();
    this.#stage = 'loading';
    const queue = await loadReviewQueue(database, this.domainId, Date.now());
    if (load !== this.#load) {
      return;
    }
    this.queue = queue;
    this.current = nextQueuedTerm(queue, this.#previousTermId);
    this.graded = null;
    this.schedule = null;
    this.grading.ask();
    this.#stage = this.current === null ? 'done' : 'answering';
    if (this.current !== null) {
      grader.start();
    }
  }

  /** Stores or clears the learner's override and reschedules the term to match. */
  async setOverride(override: Override): Promise<void> {
    const attempt = this.graded?.attempt ?? null;
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

  /** Rereads the queue without recording an attempt, for example after the daily limit changed. */
  async reload(): Promise<void> {
    if (this.phase === 'question' || this.phase === 'done' || this.phase === 'loading') {
      await this.#askNext();
    }
  }
}

export const reviewSession = new ReviewSession();
