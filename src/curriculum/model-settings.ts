// Settings of the language model that drafts curricula, and their storage on this device.
import type { TutorDatabase } from '../storage/database';
import { CurriculumError } from './errors';

export interface LanguageModelSettings {
  /** Base URL of an OpenAI-compatible API, ending before /chat/completions (for example http://127.0.0.1:8080/v1). */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer <apiKey>`; empty sends no Authorization header. */
  apiKey: string;
  /** Limit for one request, from sending it to the last byte of the reply. */
  timeoutSeconds: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MIN_TIMEOUT_SECONDS = 5;
export const MAX_TIMEOUT_SECONDS = 1800;

export const DEFAULT_MODEL_SETTINGS: LanguageModelSettings = {
  baseUrl: '',
  model: '',
  apiKey: '',
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
};

/** Key of the settings row. The API key stays in this row; packs and exports must leave it out. */
export const MODEL_SETTINGS_KEY = 'languageModel';

const URL_EXAMPLE = 'http://127.0.0.1:8080/v1';

/**
 * Returns the base URL without trailing slashes, or raises CurriculumError('invalid-settings')
 * naming what is wrong with it.
 */
export function normalizeBaseUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') {
    throw new CurriculumError('invalid-settings', 'The base URL is empty.', `Enter the server's API address, such as ${URL_EXAMPLE}.`);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new CurriculumError(
      'invalid-settings',
      `The base URL "${trimmed}" is not a valid URL.`,
      `Enter it with its scheme and host, such as ${URL_EXAMPLE}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CurriculumError(
      'invalid-settings',
      `The base URL "${trimmed}" uses ${url.protocol}, but only http: and https: are supported.`,
      `Enter an address such as ${URL_EXAMPLE}.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new CurriculumError(
      'invalid-settings',
      `The base URL "${trimmed}" has a query or fragment.`,
      `Remove everything from "?" or "#" on, such as ${URL_EXAMPLE}.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new CurriculumError(
      'invalid-settings',
      'The base URL contains a user name or password.',
      'Remove them from the URL and put the key in the API key field.',
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Returns valid settings or raises CurriculumError('invalid-settings') for the first invalid field. */
export function validateModelSettings(settings: LanguageModelSettings): LanguageModelSettings {
  const baseUrl = normalizeBaseUrl(settings.baseUrl);
  const model = settings.model.trim();
  if (model === '') {
    throw new CurriculumError(
      'invalid-settings',
      'No model is chosen.',
      'Press "Test connection" to load the server\'s models, then pick one, or type its name.',
    );
  }
  const timeout = settings.timeoutSeconds;
  if (!Number.isFinite(timeout) || timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS) {
    throw new CurriculumError(
      'invalid-settings',
      `The timeout ${String(timeout)} s is out of range.`,
      `Enter a number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}.`,
    );
  }
  return { baseUrl, model, apiKey: settings.apiKey.trim(), timeoutSeconds: timeout };
}

function isStoredSettings(value: unknown): value is LanguageModelSettings {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return (
    typeof record.baseUrl === 'string' &&
    typeof record.model === 'string' &&
    typeof record.apiKey === 'string' &&
    typeof record.timeoutSeconds === 'number'
  );
}

/** Returns the stored settings, or the defaults when none are stored or the row is malformed. */
export async function loadModelSettings(db: TutorDatabase): Promise<LanguageModelSettings> {
  const row = await db.settings.get(MODEL_SETTINGS_KEY);
  if (row !== undefined && isStoredSettings(row.value)) {
    return { ...row.value };
  }
  return { ...DEFAULT_MODEL_SETTINGS };
}

/** Stores the settings in IndexedDB, on this device only. */
export async function saveModelSettings(db: TutorDatabase, settings: LanguageModelSettings): Promise<void> {
  const value: LanguageModelSettings = {
    baseUrl: settings.baseUrl.trim(),
    model: settings.model.trim(),
    apiKey: settings.apiKey.trim(),
    timeoutSeconds: settings.timeoutSeconds,
  };
  await db.settings.put({ key: MODEL_SETTINGS_KEY, value });
}
