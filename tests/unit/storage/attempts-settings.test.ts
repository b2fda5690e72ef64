// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorDatabase } from '../../../src/storage/database';
import {
  effectiveVerdict,
  listAttemptsForQuiz,
  recordAttempt,
  SELF_GRADED_CALIBRATION_ID,
  setOverride,
} from '../../../src/storage/attempts';
import { createDomain } from '../../../src/storage/domains';
import { InvalidInputError, RowNotFoundError } from '../../../src/storage/errors';
import { resetAllData } from '../../../src/storage/reset';
import { getAllSettings, getSetting, setSetting } from '../../../src/storage/settings';
import { addTerm } from '../../../src/storage/terms';
import { openFreshDatabase } from './helpers';

let db: TutorDatabase;

afterEach(async () => {
  await db.delete();
});

async function termFixture(): Promise<{ domainId: string; termId: string }> {
  const domain = await createDomain(db, { name: 'Web APIs' });
  const term = await addTerm(db, domain.id, { prompt: 'API', definitions: ['x'], subdomainId: '' });
  return { domainId: domain.id, termId: term.id };
}

const modelGrade = {
  score: 0.82,
  logit: 1.7,
  bestReferenceIndex: 0,
  verdict: 'pass' as const,
  threshold: 0.45,
  modelId: 'minilm-l6-cross-encoder',
  modelVersion: '1.0.0',
  calibrationId: 'shipped',
};

describe('attempts', () => {
  it('stores a model grade and an override', async () => {
    db = openFreshDatabase();
    const { domainId, termId } = await termFixture();
    const attempt = await recordAttempt(db, {
      termId,
      domainId,
      quizId: 'q1',
      answer: ' an agreed interface ',
      grade: modelGrade,
      threshold: 0.5,
    });
    expect(attempt.answer).toBe('an agreed interface');
    expect(attempt.threshold).toBe(0.45);
    expect(attempt.override).toBe('none');

    await setOverride(db, attempt.id, 'wrong');
    const stored = await db.attempts.get(attempt.id);
    expect(stored?.override).toBe('wrong');
    expect(stored?.verdict).toBe('pass');
    expect(stored?.modelId).toBe('minilm-l6-cross-encoder');
    expect(effectiveVerdict(stored!)).toBe('fail');
  });

  it('stores a self-graded attempt with a null score', async () => {
    db = openFreshDatabase();
    const { domainId, termId } = await termFixture();
    const attempt = await recordAttempt(db, {
      termId,
      domainId,
      quizId: 'q1',
      answer: 'a contract',
      grade: null,
      selfVerdict: 'pass',
      threshold: 0.5,
    });
    const stored = await db.attempts.get(attempt.id);
    expect(stored?.score).toBeNull();
    expect(stored?.logit).toBeNull();
    expect(stored?.verdict).toBe('pass');
    expect(stored?.calibrationId).toBe(SELF_GRADED_CALIBRATION_ID);
  });

  it('lists one quiz in answer order', async () => {
    db = openFreshDatabase();
    const { domainId, termId } = await termFixture();
    for (const [quizId, answer] of [['q1', 'first'], ['q2', 'other'], ['q1', 'second']] as const) {
      await recordAttempt(db, { termId, domainId, quizId, answer, grade: modelGrade, threshold: 0.5 });
    }
    expect((await listAttemptsForQuiz(db, 'q1')).map((attempt) => attempt.answer)).toEqual(['first', 'second']);
  });

  it('rejects an empty answer', async () => {
    db = openFreshDatabase();
    const { domainId, termId } = await termFixture();
    await expect(
      recordAttempt(db, { termId, domainId, quizId: 'q', answer: ' ', grade: null, threshold: 0.5 }),
    ).rejects.toThrow('Answer is empty');
    expect(await db.attempts.count()).toBe(0);
  });

  it('rejects an answer to a missing term', async () => {
    db = openFreshDatabase();
    const { domainId } = await termFixture();
    await expect(
      recordAttempt(db, { termId: 'gone', domainId, quizId: 'q', answer: 'x', grade: null, threshold: 0.5 }),
    ).rejects.toBeInstanceOf(RowNotFoundError);
  });

  it('rejects an override of a missing attempt', async () => {
    db = openFreshDatabase();
    await expect(setOverride(db, 'gone', 'right')).rejects.toBeInstanceOf(RowNotFoundError);
  });
});

describe('settings', () => {
  it('returns defaults and stored values', async () => {
    db = openFreshDatabase();
    expect(await getAllSettings(db)).toEqual({ passThreshold: null, sampleOffer: 'open' });
    await setSetting(db, 'passThreshold', 0.6);
    await setSetting(db, 'sampleOffer', 'dismissed');
    expect(await getAllSettings(db)).toEqual({ passThreshold: 0.6, sampleOffer: 'dismissed' });
    await setSetting(db, 'passThreshold', null);
    expect(await getSetting(db, 'passThreshold')).toBeNull();
  });

  it('rejects a threshold outside 0 to 1', async () => {
    db = openFreshDatabase();
    for (const bad of [-0.1, 1.5, Number.NaN]) {
      const error = await setSetting(db, 'passThreshold', bad).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain('use a number from 0 to 1');
    }
    expect(await getSetting(db, 'passThreshold')).toBeNull();
  });

  it('reads a corrupt stored value as the default', async () => {
    db = openFreshDatabase();
    await db.settings.put({ key: 'passThreshold', value: 'high' });
    await db.settings.put({ key: 'sampleOffer', value: 42 });
    expect(await getAllSettings(db)).toEqual({ passThreshold: null, sampleOffer: 'open' });
  });
});

describe('reset', () => {
  it('empties every table', async () => {
    db = openFreshDatabase();
    const { domainId, termId } = await termFixture();
    await recordAttempt(db, { termId, domainId, quizId: 'q', answer: 'x', grade: modelGrade, threshold: 0.5 });
    await setSetting(db, 'passThreshold', 0.7);

    await resetAllData(db);
    for (const table of db.tables) {
      expect(await table.count(), table.name).toBe(0);
    }
  });
});
