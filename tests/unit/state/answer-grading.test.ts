// The answer grading that the quiz and the review share, on the paths that need no
// model: self-grading when the model is unavailable, and the threshold that a
// self-graded attempt stores. The model-graded path runs in the browser specs.

// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calibratedGrader } from '../../../src/learning/calibrated-grader.svelte';
import { AnswerGrading, selfGradeThreshold, type GradedAnswer } from '../../../src/state/answer-grading.svelte';
import { database } from '../../../src/state/app-database';
import { grader } from '../../../src/state/grader.svelte';
import { settings } from '../../../src/state/settings.svelte';
import { listAttemptsForQuiz, SELF_GRADED_CALIBRATION_ID } from '../../../src/storage/attempts';
import { createDomain } from '../../../src/storage/domains';
import type { Term } from '../../../src/storage/records';
import { resetAllData } from '../../../src/storage/reset';
import { addTerm } from '../../../src/storage/terms';

const GROUP_ID = 'quiz-under-test';
const MODEL = { id: 'minilm-l6-cross-encoder', version: '1.0.0', threshold: 0.45, maxSequenceLength: 256 };

let term: Term | null;
let graded: GradedAnswer[];
let grading: AnswerGrading;

beforeEach(async () => {
  const domain = await createDomain(database, { name: 'Web APIs' });
  term = await addTerm(database, domain.id, {
    prompt: 'API',
    definitions: ['A contract that lets two programs talk to each other.'],
    subdomainId: '',
  });
  graded = [];
  grading = new AnswerGrading({
    currentTerm: () => term,
    attemptGroupId: () => GROUP_ID,
    onGraded: (answer) => {
      graded.push(answer);
    },
  });
  grading.ask();
});

afterEach(async () => {
  await resetAllData(database);
  grader.status = 'idle';
  grader.failure = '';
  grader.model = null;
  calibratedGrader.active = null;
  settings.passThreshold = null;
});

describe('selfGradeThreshold', () => {
  it('is 0.5 before any model loaded', () => {
    expect(selfGradeThreshold()).toBe(0.5);
  });

  it("uses the loaded model's threshold", () => {
    grader.model = MODEL;
    expect(selfGradeThreshold()).toBe(0.45);
  });

  it('prefers the active calibration to the model', () => {
    grader.model = MODEL;
    calibratedGrader.active = { id: 'device-1', slope: 2, intercept: -1, threshold: 0.38, refit: null };
    expect(selfGradeThreshold()).toBe(0.38);
  });

  it("prefers the learner's threshold to both", () => {
    grader.model = MODEL;
    calibratedGrader.active = { id: 'device-1', slope: 2, intercept: -1, threshold: 0.38, refit: null };
    settings.passThreshold = 0.6;
    expect(selfGradeThreshold()).toBe(0.6);
  });
});

describe('AnswerGrading without the model', () => {
  it('switches to self-grading when the model failed', async () => {
    grader.status = 'failed';
    grader.failure = 'WebAssembly is disabled.';
    grading.answer = 'An agreed interface between programs.';
    await grading.submit();
    expect(grading.phase).toBe('self-grade');
    expect(grading.gradingProblem).toBe('The grading model is unavailable: WebAssembly is disabled.');
    expect(graded).toHaveLength(0);
  });

  it('stores a self-graded attempt', async () => {
    grader.status = 'failed';
    settings.passThreshold = 0.6;
    grading.answer = 'An agreed interface between programs.';
    await grading.submit();
    await grading.recordSelfGrade('pass');

    expect(grading.phase).toBe('graded');
    expect(graded).toHaveLength(1);
    expect(graded[0]?.result).toBeNull();
    const [stored] = await listAttemptsForQuiz(database, GROUP_ID);
    expect(stored?.id).toBe(graded[0]?.attempt.id);
    expect(stored?.termId).toBe(term?.id);
    expect(stored?.answer).toBe('An agreed interface between programs.');
    expect(stored?.verdict).toBe('pass');
    expect(stored?.threshold).toBe(0.6);
    expect(stored?.calibrationId).toBe(SELF_GRADED_CALIBRATION_ID);
  });

  it('records a self-grade only in that phase', async () => {
    grading.answer = 'An agreed interface between programs.';
    await grading.recordSelfGrade('pass');
    expect(grading.phase).toBe('question');
    expect(await listAttemptsForQuiz(database, GROUP_ID)).toHaveLength(0);
  });

  it('ignores a submit without a term', async () => {
    term = null;
    grader.status = 'failed';
    grading.answer = 'Anything.';
    await grading.submit();
    expect(grading.phase).toBe('question');
  });

  it('lets the learner grade only while grading', () => {
    grading.gradeMyself();
    expect(grading.phase).toBe('question');
    expect(grading.gradingProblem).toBe('');
  });

  it('clears the answer for the next question', async () => {
    grader.status = 'failed';
    grading.answer = 'An agreed interface between programs.';
    await grading.submit();
    grading.ask();
    expect(grading.phase).toBe('question');
    expect(grading.answer).toBe('');
    expect(grading.gradingProblem).toBe('');
  });
});
