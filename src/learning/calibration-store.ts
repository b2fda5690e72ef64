// The calibrations that grade answers on this device: the shipped one from the model
// manifest, and refits the learner accepted. Refit rows are never deleted, because
// attempts name the calibration that graded them.

import type { TutorDatabase } from '../storage/database';
import { RowNotFoundError, runWrite } from '../storage/errors';
import { newId } from '../storage/ids';
import type { DeviceCalibration } from './learning-records';
import { ACTIVE_CALIBRATION_KEY, getActiveCalibrationId, SHIPPED_CALIBRATION_ID } from './learning-settings';
import type { RecalibrationProposal, ScoringCalibration } from './recalibration';
import type { ModelIdentity } from './recalibration-samples';

/** The loaded model and the calibration its manifest ships. */
export interface ShippedModel extends ModelIdentity {
  calibration: ScoringCalibration;
}

export interface ActiveCalibration extends ScoringCalibration {
  /** SHIPPED_CALIBRATION_ID or a DeviceCalibration id; stored on each attempt it grades. */
  id: string;
  /** The refit row, or null for the shipped calibration. */
  refit: DeviceCalibration | null;
}

function shippedCalibration(model: ShippedModel): ActiveCalibration {
  return { id: SHIPPED_CALIBRATION_ID, ...model.calibration, refit: null };
}

function appliesTo(refit: DeviceCalibration, model: ModelIdentity): boolean {
  return refit.modelId === model.id && refit.modelVersion === model.version;
}

/**
 * Returns the calibration to grade with: the learner's accepted refit when it was made
 * for this model and version, else the shipped one (after a model update, say).
 */
export async function getActiveCalibration(db: TutorDatabase, model: ShippedModel): Promise<ActiveCalibration> {
  const id = await getActiveCalibrationId(db);
  if (id === SHIPPED_CALIBRATION_ID) {
    return shippedCalibration(model);
  }
  const refit = await db.calibrations.get(id);
  if (refit === undefined || !appliesTo(refit, model)) {
    return shippedCalibration(model);
  }
  return { id: refit.id, slope: refit.slope, intercept: refit.intercept, threshold: refit.threshold, refit };
}

/** Stores a proposal as a new refit and makes it active; undo returns to the calibration active before. */
export async function acceptRecalibration(
  db: TutorDatabase,
  proposal: RecalibrationProposal,
  model: ModelIdentity,
  now: number,
): Promise<DeviceCalibration> {
  return runWrite('Could not save the new calibration', () =>
    db.transaction('rw', [db.calibrations, db.settings], async () => {
      const refit: DeviceCalibration = {
        id: `device-${newId()}`,
        modelId: model.id,
        modelVersion: model.version,
        slope: proposal.slope,
        intercept: proposal.intercept,
        threshold: proposal.threshold,
        createdAt: now,
        sampleCount: proposal.sampleCount,
        overrideCount: proposal.overrideCount,
        agreementBefore: proposal.before.all,
        agreementAfter: proposal.after.all,
        previousCalibrationId: await getActiveCalibrationId(db),
      };
      await db.calibrations.add(refit);
      await db.settings.put({ key: ACTIVE_CALIBRATION_KEY, value: refit.id });
      return refit;
    }),
  );
}

/** Makes `id` the active calibration; SHIPPED_CALIBRATION_ID goes back to the manifest's. */
export async function activateCalibration(db: TutorDatabase, id: string): Promise<void> {
  await runWrite('Could not change the calibration', () =>
    db.transaction('rw', [db.calibrations, db.settings], async () => {
      if (id !== SHIPPED_CALIBRATION_ID && (await db.calibrations.get(id)) === undefined) {
        throw new RowNotFoundError(`Calibration "${id}" is not stored on this device.`);
      }
      await db.settings.put({ key: ACTIVE_CALIBRATION_KEY, value: id });
    }),
  );
}

/**
 * Undoes the last accepted refit: the calibration that was active before it becomes
 * active again. Returns the id now active; does nothing when the shipped one is active.
 */
export async function undoRecalibration(db: TutorDatabase): Promise<string> {
  return runWrite('Could not undo the calibration', () =>
    db.transaction('rw', [db.calibrations, db.settings], async () => {
      const id = await getActiveCalibrationId(db);
      if (id === SHIPPED_CALIBRATION_ID) {
        return id;
      }
      const refit = await db.calibrations.get(id);
      const previous = refit?.previousCalibrationId ?? SHIPPED_CALIBRATION_ID;
      await db.settings.put({ key: ACTIVE_CALIBRATION_KEY, value: previous });
      return previous;
    }),
  );
}

/** Returns the refits stored on this device, newest first. */
export async function listDeviceCalibrations(db: TutorDatabase): Promise<DeviceCalibration[]> {
  return db.calibrations.orderBy('createdAt').reverse().toArray();
}
