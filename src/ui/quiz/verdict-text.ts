import { effectiveVerdict } from '../../storage/attempts';
import type { QuizItem } from '../../state/quiz.svelte';
import { formatScore } from '../format';

/** Returns "Pass" or "Fail" for the verdict after any override. */
export function verdictLabel(item: QuizItem): string {
  return effectiveVerdict(item.attempt) === 'pass' ? 'Pass' : 'Fail';
}

/** Describes the score, or states that the learner graded the answer. */
export function scoreText(item: QuizItem): string {
  if (item.result === null) {
    return 'graded by you';
  }
  return `score ${formatScore(item.result.score)}, pass mark ${formatScore(item.result.threshold)}`;
}

/** Describes the learner's override, or '' when there is none. */
export function overrideText(item: QuizItem): string {
  if (item.attempt.override === 'right') {
    return 'you marked it right';
  }
  if (item.attempt.override === 'wrong') {
    return 'you marked it wrong';
  }
  return '';
}

/** Returns the sentence that the live region announces after grading. */
export function verdictAnnouncement(item: QuizItem): string {
  const override = overrideText(item);
  return `${verdictLabel(item)}: ${scoreText(item)}${override === '' ? '' : `; ${override}`}.`;
}
