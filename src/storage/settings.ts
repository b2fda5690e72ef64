import type { TutorDatabase } from './database';
import { runWrite } from './errors';
import { requireThreshold } from './validation';

export type SampleOfferState = 'open' | 'dismissed' | 'added';

/** Every stored setting with its type. */
export interface SettingValues {
  /** Pass threshold chosen by the learner, or null to use the model manifest's. */
  passThreshold: number | null;
  /** Whether the first-run offer of the sample domain is still shown. */
  sampleOffer: SampleOfferState;
}

export type SettingKey = keyof SettingValues;

export const SETTING_DEFAULTS: SettingValues = {
  passThreshold: null,
  sampleOffer: 'open',
};

/** Type checks per key; a stored value that fails its check reads as the default. */
const SETTING_CHECKS: { [K in SettingKey]: (value: unknown) => value is SettingValues[K] } = {
  passThreshold: (value): value is number | null =>
    value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1),
  sampleOffer: (value): value is SampleOfferState => value === 'open' || value === 'dismissed' || value === 'added',
};

export async function getSetting<K extends SettingKey>(db: TutorDatabase, key: K): Promise<SettingValues[K]> {
  const row = await db.settings.get(key);
  const check = SETTING_CHECKS[key];
  if (row !== undefined && check(row.value)) {
    return row.value;
  }
  return SETTING_DEFAULTS[key];
}

/** Returns every setting, with defaults for those never stored. */
export async function getAllSettings(db: TutorDatabase): Promise<SettingValues> {
  return {
    passThreshold: await getSetting(db, 'passThreshold'),
    sampleOffer: await getSetting(db, 'sampleOffer'),
  };
}

export async function setSetting<K extends SettingKey>(
  db: TutorDatabase,
  key: K,
  value: SettingValues[K],
): Promise<void> {
  if (key === 'passThreshold' && value !== null) {
    requireThreshold(value as number);
  }
  await runWrite('Could not save the setting', async () => {
    await db.settings.put({ key, value });
  });
}
