// Reads what the progress screen plots, for one domain or for all of them.

import type { ReviewState } from '../../../learning/learning-records';
import {
  countTermStages,
  dailyActivity,
  mostMissedTerms,
  type DayActivity,
  type MissedTerm,
  type TermStageCounts,
} from '../../../learning/progress-stats';
import { syncReviewStates } from '../../../learning/review-store';
import { effectiveVerdict, listAttemptsForDomain } from '../../../storage/attempts';
import type { TutorDatabase } from '../../../storage/database';
import type { Attempt, Term } from '../../../storage/records';
import { compareTermsByPrompt, listTerms } from '../../../storage/terms';

export interface TermWithHistory {
  term: Term;
  /** Newest first. */
  attempts: Attempt[];
  misses: number;
  state: ReviewState | null;
}

export interface ProgressData {
  now: number;
  stages: TermStageCounts;
  days: DayActivity[];
  missed: MissedTerm[];
  /** Terms with at least one attempt, by prompt. */
  histories: TermWithHistory[];
  attemptCount: number;
}

function groupHistories(terms: readonly Term[], attempts: readonly Attempt[], states: ReadonlyMap<string, ReviewState>): TermWithHistory[] {
  const byTerm = new Map<string, Attempt[]>();
  for (const attempt of attempts) {
    const list = byTerm.get(attempt.termId) ?? [];
    list.push(attempt);
    byTerm.set(attempt.termId, list);
  }
  const histories: TermWithHistory[] = [];
  for (const term of [...terms].sort(compareTermsByPrompt)) {
    const termAttempts = byTerm.get(term.id);
    if (termAttempts === undefined) {
      continue;
    }
    termAttempts.sort((a, b) => b.answeredAt - a.answeredAt);
    const misses = termAttempts.filter((attempt) => effectiveVerdict(attempt) === 'fail').length;
    histories.push({ term, attempts: termAttempts, misses, state: states.get(term.id) ?? null });
  }
  return histories;
}

/** Loads terms, attempts and review states in scope (`domainId` null: every domain) and computes the statistics. */
export async function loadProgressData(db: TutorDatabase, domainId: string | null, now: number): Promise<ProgressData> {
  const states = await syncReviewStates(db);
  const [terms, attempts] =
    domainId === null
      ? await Promise.all([db.terms.toArray(), db.attempts.toArray()])
      : await Promise.all([listTerms(db, domainId), listAttemptsForDomain(db, domainId)]);
  const termIds = new Set(terms.map((term) => term.id));
  // Attempts of deleted terms stay stored but are not progress on any current term.
  const current = attempts.filter((attempt) => termIds.has(attempt.termId));
  return {
    now,
    stages: countTermStages(terms, states, now),
    days: dailyActivity(current, now),
    missed: mostMissedTerms(current, terms),
    histories: groupHistories(terms, current, states),
    attemptCount: current.length,
  };
}
