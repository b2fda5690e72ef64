import { getAllSettings, SETTING_DEFAULTS, setSetting, type SampleOfferState } from '../storage/settings';
import { database } from './app-database';
import { calibratedGrader } from '../learning/calibrated-grader.svelte';
import { grader } from './grader.svelte';

class SettingsState {
  /** The learner's pass threshold, or null to use the model manifest's. */
  passThreshold = $state<number | null>(SETTING_DEFAULTS.passThreshold);
  sampleOffer = $state<SampleOfferState>(SETTING_DEFAULTS.sampleOffer);
  loaded = $state(false);

  /**
   * Threshold that grading uses: the learner's, else the active calibration's (a refit
   * on this device, or the manifest's), else null until the model loads.
   */
  effectiveThreshold = $derived(
    this.passThreshold ?? calibratedGrader.active?.threshold ?? grader.model?.threshold ?? null,
  );

  async load(): Promise<void> {
    const values = await getAllSettings(database);
    this.passThreshold = values.passThreshold;
    this.sampleOffer = values.sampleOffer;
    this.loaded = true;
  }

  /** Stores a threshold in [0, 1], or null to go back to the manifest's. Raises on invalid values. */
  async setPassThreshold(value: number | null): Promise<void> {
    await setSetting(database, 'passThreshold', value);
    this.passThreshold = value;
  }

  async setSampleOffer(value: SampleOfferState): Promise<void> {
    await setSetting(database, 'sampleOffer', value);
    this.sampleOffer = value;
  }
}

export const settings = new SettingsState();
