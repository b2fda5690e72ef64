// Statistics for the progress screen, computed from terms, attempts and review states.

import { effectiveVerdict } from '../storage/attempts';
import type { Attempt, Term } from '../storage/records';
import type { ReviewState } from './learning-records';
import { addLocalDays, startOfLocalDay } from './local-day';
import { isDue, isLearned } from './scheduler';

/** How many of the terms in scope are in each stage. `due` overlaps the other stages except `new`. */
export interface TermStageCounts {
  total: number;
  /** Never answered. */
  new: number;
  /** Answered, still in the (re)learning steps of minutes. */
  learning: number;
  /** Scheduled in days (the FSRS Review state). */
  learned: number;
  /** Answered and due now. */
  due: number;
}

export function countTermStages(
  terms: readonly Term[],
  states: ReadonlyMap<string, ReviewState>,
  now: number,
): TermStageCounts {
  const counts: TermStageCounts = { total: terms.length, new: 0, learning: 0, learned: 0, due: 0 };
  for (const term of terms) {
    const state = states.get(term.id);
    if (state === undefined) {
      counts.new += 1;
      continue;
    }
    if (isLearned(state)) {
      counts.learned += 1;
    } else {
      counts.learning += 1;
    }
    if (isDue(state, now)) {
      counts.due += 1;
    }
  }
  return counts;
}

/** Answers given on one local day. */
export interface DayActivity {
  /** Local midnight starting the day, in ms since the epoch. */
  dayStart: number;
  answers: number;
  /** Answers whose verdict, after any override, was a pass. */
  passes: number;
}

/** Days shown by the charts over time, ending today. */
export const ACTIVITY_WINDOW_DAYS = 30;

/**
 * Returns one entry per local day from the first day with an answer (or the start of
 * the window, if later) to the day containing `now`, with zero for days without
 * answers so that gaps show on the time axis. Returns [] when no answer falls in the window.
 */
export function dailyActivity(
  attempts: readonly Attempt[],
  now: number,
  windowDays: number = ACTIVITY_WINDOW_DAYS,
): DayActivity[] {
  const today = startOfLocalDay(now);
  const windowStart = addLocalDays(today, -(windowDays - 1));
  const byDay = new Map<number, DayActivity>();
  for (const attempt of attempts) {
    const dayStart = startOfLocalDay(attempt.answeredAt);
    if (dayStart < windowStart || dayStart > today) {
      continue;
    }
    let day = byDay.get(dayStart);
    if (day === undefined) {
      day = { dayStart, answers: 0, passes: 0 };
      byDay.set(dayStart, day);
    }
    day.answers += 1;
    if (effectiveVerdict(attempt) === 'pass') {
      day.passes += 1;
    }
  }
  if (byDay.size === 0) {
    return [];
  }
  const firstDay = Math.min(...byDay.keys());
  const days: DayActivity[] = [];
  for (let dayStart = firstDay; dayStart <= today; dayStart = addLocalDays(dayStart, 1)) {
    days.push(byDay.get(dayStart) ?? { dayStart, answers: 0, passes: 0 });
  }
  return days;
}

/** Returns the share of passes on a day, or null for a day without answers. */
export function dayAccuracy(day: DayActivity): number | null {
  return day.answers === 0 ? null : day.passes / day.answers;
}

export interface MissedTerm {
  termId: string;
  prompt: string;
  /** Attempts failed after any override. */
  misses: number;
  attempts: number;
}

/** Terms listed by the "missed most" chart; more would not fit a phone screen's height. */
export const MOST_MISSED_LIMIT = 8;

/**
 * Returns the terms with the most failed attempts, most first, ties broken by the
 * higher miss share and then by prompt. Terms never missed, and attempts of deleted
 * terms, are left out.
 */
export function mostMissedTerms(
  attempts: readonly Attempt[],
  terms: readonly Term[],
  limit: number = MOST_MISSED_LIMIT,
): MissedTerm[] {
  const termsById = new Map(terms.map((term) => [term.id, term]));
  const tallies = new Map<string, MissedTerm>();
  for (const attempt of attempts) {
    const term = termsById.get(attempt.termId);
    if (term === undefined) {
      continue;
    }
    let tally = tallies.get(term.id);
    if (tally === undefined) {
      tally = { termId: term.id, prompt: term.prompt, misses: 0, attempts: 0 };
      tallies.set(term.id, tally);
    }
    tally.attempts += 1;
    if (effectiveVerdict(attempt) === 'fail') {
      tally.misses += 1;
    }
  }
  return [...tallies.values()]
    .filter((tally) => tally.misses > 0)
    .sort(
      (a, b) =>
        b.misses - a.misses ||
        b.misses / b.attempts - a.misses / a.attempts ||
        a.prompt.localeCompare(b.prompt, undefined, { sensitivity: 'base' }),
    )
    .slice(0, limit);
}

/** Returns one term's attempts, newest first. */
export function termHistory(attempts: readonly Attempt[], termId: string): Attempt[] {
  return attempts.filter((attempt) => attempt.termId === termId).sort((a, b) => b.answeredAt - a.answeredAt);
}
