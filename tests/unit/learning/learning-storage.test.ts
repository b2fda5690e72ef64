// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { State } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  acceptRecalibration,
  activateCalibration,
  getActiveCalibration,
  listDeviceCalibrations,
  undoRecalibration,
  type ShippedModel,
} from '../../../src/learning/calibration-store';
import {
  DEFAULT_DAILY_NEW_TERM_LIMIT,
  getActiveCalibrationId,
  getDailyNewTermLimit,
  setDailyNewTermLimit,
  SHIPPED_CALIBRATION_ID,
} from '../../../src/learning/learning-settings';
import type { RecalibrationProposal } from '../../../src/learning/recalibration';
import { refreshReviewState, syncReviewStates } from '../../../src/learning/review-store';
import { SCHEDULER_VERSION } from '../../../src/learning/scheduler';
import { recordAttempt, setOverride } from '../../../src/storage/attempts';
import { SCHEMA_V2, TutorDatabase } from '../../../src/storage/database';
import { createDomain } from '../../../src/storage/domains';
import { InvalidInputError, RowNotFoundError } from '../../../src/storage/errors';
import { addTerm, deleteTerm } from '../../../src/storage/terms';
import { freshDatabaseName, openFreshDatabase } from '../storage/helpers';
import { DAY, START } from './fixtures';

let db: TutorDatabase;

beforeEach(() => {
  db = openFreshDatabase();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const MODEL: ShippedModel = {
  id: 'tutor-minilm-l6-ce',
  version: '1.0.0',
  calibration: { slope: 4, intercept: -0.6, threshold: 0.37 },
};

async function answer(termId: string, domainId: string, verdict: 'pass' | 'fail') {
  return recordAttempt(db, {
    termId,
    domainId,
    quizId: 'q',
    answer: 'an answer',
    grade: {
      score: verdict === 'pass' ? 0.8 : 0.1,
      logit: verdict === 'pass' ? 1 : -1,
      bestReferenceIndex: 0,
      verdict,
      threshold: 0.37,
      modelId: MODEL.id,
      modelVersion: MODEL.version,
      calibrationId: SHIPPED_CALIBRATION_ID,
    },
    threshold: 0.37,
  });
}

async function termFixture(prompt = 'API') {
  const domain = await createDomain(db, { name: `Domain ${prompt}` });
  const term = await addTerm(db, domain.id, { prompt, definitions: ['A contract between programs.'], subdomainId: '' });
  return term;
}

function proposal(fields: Partial<RecalibrationProposal> = {}): RecalibrationProposal {
  return {
    slope: 3,
    intercept: 0.5,
    threshold: 0.42,
    macroF1: 0.9,
    sampleCount: 60,
    overrideCount: 22,
    before: { all: 0.6, overridden: 0 },
    after: { all: 0.9, overridden: 0.8 },
    logitCutoffBefore: 0.02,
    logitCutoffAfter: -0.3,
    ...fields,
  };
}

describe('refreshReviewState', () => {
  it('schedules the term after an answer', async () => {
    const term = await termFixture();
    await answer(term.id, term.domainId, 'pass');
    const state = await refreshReviewState(db, term.id);
    expect(state?.state).toBe(State.Learning);
    expect(await db.reviewStates.get(term.id)).toEqual(state);
  });

  it('follows a later override', async () => {
    const term = await termFixture();
    await answer(term.id, term.domainId, 'pass');
    vi.setSystemTime(START + DAY);
    await answer(term.id, term.domainId, 'pass');
    vi.setSystemTime(START + 5 * DAY);
    const missed = await answer(term.id, term.domainId, 'fail');
    const lapsed = await refreshReviewState(db, term.id);
    await setOverride(db, missed.id, 'right');
    const corrected = await refreshReviewState(db, term.id);
    expect(lapsed?.lapses).toBe(1);
    expect(corrected?.lapses).toBe(0);
    expect(corrected?.due).toBeGreaterThan(lapsed?.due ?? Infinity);
  });

  it('deletes the state without attempts', async () => {
    const term = await termFixture();
    expect(await refreshReviewState(db, term.id)).toBeNull();
    expect(await db.reviewStates.count()).toBe(0);
  });
});

describe('syncReviewStates', () => {
  it('rebuilds missing, stale and orphaned rows', async () => {
    const kept = await termFixture('Kept');
    const missing = await termFixture('Missing');
    const deleted = await termFixture('Deleted');
    const keptAttempt = await answer(kept.id, kept.domainId, 'fail');
    await answer(missing.id, missing.domainId, 'pass');
    await answer(deleted.id, deleted.domainId, 'pass');
    await refreshReviewState(db, kept.id);
    await refreshReviewState(db, deleted.id);
    await setOverride(db, keptAttempt.id, 'right');
    await deleteTerm(db, deleted.id);

    const states = await syncReviewStates(db);

    expect([...states.keys()].sort()).toEqual([kept.id, missing.id].sort());
    expect((await db.reviewStates.toCollection().primaryKeys()).sort()).toEqual([kept.id, missing.id].sort());
    const keptState = await db.reviewStates.get(kept.id);
    // "I was right" is rated Good: the 10-minute learning step, not Again's 1 minute.
    expect(keptState?.due).toBe(START + 10 * 60 * 1000);
  });

  it('replays a term with a new attempt', async () => {
    const term = await termFixture();
    await answer(term.id, term.domainId, 'pass');
    await refreshReviewState(db, term.id);
    vi.setSystemTime(START + DAY);
    const second = await answer(term.id, term.domainId, 'fail');

    const states = await syncReviewStates(db);

    expect(states.get(term.id)?.attemptCount).toBe(2);
    expect((await db.reviewStates.get(term.id))?.lastAttemptId).toBe(second.id);
  });

  it('keeps a row whose count matches', async () => {
    const term = await termFixture();
    await answer(term.id, term.domainId, 'pass');
    const state = await refreshReviewState(db, term.id);
    // A row is judged by its attempt count and scheduler version only, so this edit survives.
    await db.reviewStates.update(term.id, { stability: 99 });

    const states = await syncReviewStates(db);

    expect(states.get(term.id)?.stability).toBe(99);
    expect(state?.stability).not.toBe(99);
  });

  it('replays rows of another scheduler version', async () => {
    const term = await termFixture();
    await answer(term.id, term.domainId, 'pass');
    const state = await refreshReviewState(db, term.id);
    await db.reviewStates.update(term.id, { stability: 99, schedulerVersion: SCHEDULER_VERSION - 1 });

    const states = await syncReviewStates(db);

    expect(states.get(term.id)?.stability).toBe(state?.stability);
    expect((await db.reviewStates.get(term.id))?.schedulerVersion).toBe(SCHEDULER_VERSION);
  });
});

describe('setOverride', () => {
  it('deletes the term review state', async () => {
    const term = await termFixture();
    const attempt = await answer(term.id, term.domainId, 'fail');
    await refreshReviewState(db, term.id);

    await setOverride(db, attempt.id, 'right');

    expect(await db.reviewStates.get(term.id)).toBeUndefined();
    expect((await db.attempts.get(attempt.id))?.override).toBe('right');
  });
});

describe('daily new-term limit', () => {
  it('defaults to ten', async () => {
    expect(await getDailyNewTermLimit(db)).toBe(DEFAULT_DAILY_NEW_TERM_LIMIT);
    expect(DEFAULT_DAILY_NEW_TERM_LIMIT).toBe(10);
  });

  it('stores a valid limit', async () => {
    await setDailyNewTermLimit(db, 0);
    expect(await getDailyNewTermLimit(db)).toBe(0);
  });

  it('rejects invalid limits', async () => {
    for (const value of [-1, 2.5, 201, Number.NaN]) {
      await expect(setDailyNewTermLimit(db, value)).rejects.toThrow(InvalidInputError);
    }
    await expect(setDailyNewTermLimit(db, 2.5)).rejects.toThrow(/whole number from 0 to 200; got 2.5/);
  });

  it('reads a corrupt value as the default', async () => {
    await db.settings.put({ key: 'dailyNewTermLimit', value: 'ten' });
    expect(await getDailyNewTermLimit(db)).toBe(10);
  });
});

describe('calibration store', () => {
  it('uses the shipped calibration by default', async () => {
    const active = await getActiveCalibration(db, MODEL);
    expect(active).toEqual({ id: SHIPPED_CALIBRATION_ID, ...MODEL.calibration, refit: null });
  });

  it('activates an accepted refit', async () => {
    const refit = await acceptRecalibration(db, proposal(), MODEL, START);
    const active = await getActiveCalibration(db, MODEL);
    expect(active.id).toBe(refit.id);
    expect(active.threshold).toBe(0.42);
    expect(refit.previousCalibrationId).toBe(SHIPPED_CALIBRATION_ID);
    expect(refit.agreementBefore).toBe(0.6);
    expect(refit.agreementAfter).toBe(0.9);
  });

  it('undoes back through earlier refits', async () => {
    const first = await acceptRecalibration(db, proposal({ threshold: 0.4 }), MODEL, START);
    const second = await acceptRecalibration(db, proposal({ threshold: 0.3 }), MODEL, START + DAY);
    expect(second.previousCalibrationId).toBe(first.id);
    expect(await undoRecalibration(db)).toBe(first.id);
    expect((await getActiveCalibration(db, MODEL)).threshold).toBe(0.4);
    expect(await undoRecalibration(db)).toBe(SHIPPED_CALIBRATION_ID);
    expect((await getActiveCalibration(db, MODEL)).id).toBe(SHIPPED_CALIBRATION_ID);
    expect(await undoRecalibration(db)).toBe(SHIPPED_CALIBRATION_ID);
    expect((await listDeviceCalibrations(db)).map((row) => row.id)).toEqual([second.id, first.id]);
  });

  it('ignores a refit of another model version', async () => {
    await acceptRecalibration(db, proposal(), MODEL, START);
    const updated = { ...MODEL, version: '1.1.0' };
    expect((await getActiveCalibration(db, updated)).id).toBe(SHIPPED_CALIBRATION_ID);
  });

  it('rejects activating an unknown id', async () => {
    await expect(activateCalibration(db, 'device-missing')).rejects.toThrow(RowNotFoundError);
    expect(await getActiveCalibrationId(db)).toBe(SHIPPED_CALIBRATION_ID);
  });
});

describe('schema upgrade to version 3', () => {
  it('keeps version 2 rows and adds empty stores', async () => {
    const name = freshDatabaseName();
    const old = new Dexie(name);
    old.version(2).stores(SCHEMA_V2);
    await old.open();
    await old.table('settings').add({ key: 'passThreshold', value: 0.6 });
    old.close();

    const upgraded = new TutorDatabase(name);
    await upgraded.open();
    try {
      expect(upgraded.verno).toBe(3);
      expect(await upgraded.settings.toArray()).toEqual([{ key: 'passThreshold', value: 0.6 }]);
      expect(await upgraded.reviewStates.count()).toBe(0);
      expect(await upgraded.calibrations.count()).toBe(0);
    } finally {
      upgraded.close();
      await Dexie.delete(name);
    }
  });
});
