// The steps of a refit on the recalibration screen: check readiness, regrade and fit,
// show the proposal, then accept, discard or undo.

import { calibratedGrader } from '../../../learning/calibrated-grader.svelte';
import type { ActiveCalibration } from '../../../learning/calibration-store';
import { acceptRecalibration, activateCalibration, listDeviceCalibrations, undoRecalibration } from '../../../learning/calibration-store';
import type { DeviceCalibration } from '../../../learning/learning-records';
import { SHIPPED_CALIBRATION_ID } from '../../../learning/learning-settings';
import {
  proposeRecalibration,
  recalibrationReadiness,
  type RecalibrationProposal,
  type RecalibrationReadiness,
} from '../../../learning/recalibration';
import { collectRecalibrationSamples, type CollectedSamples } from '../../../learning/recalibration-samples';
import { database } from '../../../state/app-database';
import { grader } from '../../../state/grader.svelte';
import { settings } from '../../../state/settings.svelte';

/** idle: nothing running; fitting: regrading and fitting; proposed: a refit awaits a decision. */
export type RecalibrationPhase = 'idle' | 'fitting' | 'proposed';

class RecalibrationFlow {
  phase = $state<RecalibrationPhase>('idle');
  readiness = $state<RecalibrationReadiness | null>(null);
  active = $state<ActiveCalibration | null>(null);
  refits = $state<DeviceCalibration[]>([]);
  proposal = $state<RecalibrationProposal | null>(null);
  collected = $state<Omit<CollectedSamples, 'samples'> | null>(null);
  /** Answers regraded so far, and how many need it. */
  regradeProgress = $state<{ done: number; total: number } | null>(null);

  /** Reads the learner's overrides and the calibration in force; waits for the model. */
  async load(): Promise<void> {
    const attempts = await database.attempts.toArray();
    this.readiness = recalibrationReadiness(attempts);
    this.refits = await listDeviceCalibrations(database);
    const model = await grader.loadedModel();
    this.active = await calibratedGrader.refresh(model);
  }

  /** Regrades answers without a usable logit, then fits a proposal; the calibration in force is unchanged. */
  async propose(): Promise<void> {
    if (this.phase === 'fitting') {
      return;
    }
    this.phase = 'fitting';
    this.proposal = null;
    this.regradeProgress = null;
    try {
      const model = await grader.loadedModel();
      const shipped = await calibratedGrader.shippedModel(model);
      const active = await calibratedGrader.refresh(model);
      const { samples, regraded, skipped } = await collectRecalibrationSamples(
        database,
        model,
        (requests) => grader.gradeBatch(requests),
        (done, total) => {
          this.regradeProgress = { done, total };
        },
      );
      const inForce = { ...active, threshold: settings.passThreshold ?? active.threshold };
      this.proposal = proposeRecalibration(samples, shipped.calibration, inForce);
      this.collected = { regraded, skipped };
      this.phase = 'proposed';
    } catch (error) {
      this.phase = 'idle';
      throw error;
    }
  }

  /** Makes the proposal the calibration that grades from now on. */
  async accept(): Promise<DeviceCalibration> {
    const proposal = this.proposal;
    if (proposal === null) {
      throw new Error('There is no refit to accept; run a refit first.');
    }
    const model = await grader.loadedModel();
    const refit = await acceptRecalibration(database, proposal, model, Date.now());
    this.proposal = null;
    this.phase = 'idle';
    await this.load();
    return refit;
  }

  discard(): void {
    this.proposal = null;
    this.phase = 'idle';
  }

  /** Returns to the calibration that was active before the current refit; returns the id now active. */
  async undo(): Promise<string> {
    const id = await undoRecalibration(database);
    await this.load();
    return id;
  }

  async useShipped(): Promise<void> {
    await activateCalibration(database, SHIPPED_CALIBRATION_ID);
    await this.load();
  }
}

export const recalibrationFlow = new RecalibrationFlow();

