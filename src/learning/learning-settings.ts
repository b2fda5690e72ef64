// Settings of the learning loop, kept in the app's settings table under their own keys.

import type { TutorDatabase } from '../storage/database';
import { InvalidInputError, runWrite } from '../storage/errors';

export const DAILY_NEW_TERM_LIMIT_KEY = 'dailyNewTermLimit';
export const ACTIVE_CALIBRATION_KEY = 'activeCalibrationId';

export const DEFAULT_DAILY_NEW_TERM_LIMIT = 10;
/** Upper bound on the daily limit; a typo such as 1000 would otherwise flood the queue. */
export const MAX_DAILY_NEW_TERM_LIMIT = 200;

/** Calibration id of the logistic calibration in the model manifest; attempts store it as is. */
export const SHIPPED_CALIBRATION_ID = 'shipped';

function isValidDailyLimit(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DAILY_NEW_TERM_LIMIT;
}

/** Raises InvalidInputError unless `value` is a whole number from 0 to MAX_DAILY_NEW_TERM_LIMIT. */
export function requireDailyNewTermLimit(value: number): number {
  if (!isValidDailyLimit(value)) {
    throw new InvalidInputError(
      'New terms per day',
      `New terms per day must be a whole number from 0 to ${MAX_DAILY_NEW_TERM_LIMIT}; got ${String(value)}.`,
    );
  }
  return value;
}

/** Returns the stored limit, or the default when none is stored or the stored value is invalid. */
export async function getDailyNewTermLimit(db: TutorDatabase): Promise<number> {
  const row = await db.settings.get(DAILY_NEW_TERM_LIMIT_KEY);
  return row !== undefined && isValidDailyLimit(row.value) ? row.value : DEFAULT_DAILY_NEW_TERM_LIMIT;
}

export async function setDailyNewTermLimit(db: TutorDatabase, value: number): Promise<void> {
  const limit = requireDailyNewTermLimit(value);
  await runWrite('Could not save the number of new terms per day', async () => {
    await db.settings.put({ key: DAILY_NEW_TERM_LIMIT_KEY, value: limit });
  });
}

/** Returns the id of the calibration the learner chose, SHIPPED_CALIBRATION_ID by default. */
export async function getActiveCalibrationId(db: TutorDatabase): Promise<string> {
  const row = await db.settings.get(ACTIVE_CALIBRATION_KEY);
  return typeof row?.value === 'string' && row.value !== '' ? row.value : SHIPPED_CALIBRATION_ID;
}
