import type { GradedAnswer } from '../../state/answer-grading.svelte';
import { effectiveVerdict } from '../../storage/attempts';
import { formatScore } from '../format';

type Grade = Pick<GradedAnswer, 'attempt' | 'result'>;

/** Returns "Pass" or "Fail" for the verdict after any override. */
export function verdictLabel(graded: Grade): string {
  return effectiveVerdict(graded.attempt) === 'pass' ? 'Pass' : 'Fail';
}

/** Describes the score, or states that the learner graded the answer. */
export function scoreText(graded: Grade): string {
  if (graded.result === null) {
    return 'graded by you';
  }
  return `score ${formatScore(graded.result.score)}, pass mark ${formatScore(graded.result.threshold)}`;
}

/** Describes the learner's override, or '' when there is none. */
export function overrideText(graded: Grade): string {
  if (graded.attempt.override === 'right') {
    return 'you marked it right';
  }
  if (graded.attempt.override === 'wrong') {
    return 'you marked it wrong';
  }
  return '';
}

/** Returns the sentence that the live region announces after grading. */
export function verdictAnnouncement(graded: Grade): string {
  const override = overrideText(graded);
  return `${verdictLabel(graded)}: ${scoreText(graded)}${override === '' ? '' : `; ${override}`}.`;
}
