// Grades answers with the calibration active on this device. The quiz and the review
// screen both grade through `calibratedGrader`, so every stored attempt names the
// calibration that scored it.

import { HttpModelSource, readModelManifest, resolveModelFolderUrl } from '../grading/model-files';
import type { GradeRequest, GradeResult, ModelInfo } from '../grading/types';
import { database } from '../state/app-database';
import { grader } from '../state/grader.svelte';
import { applyCalibration } from './calibrated-grading';
import { getActiveCalibration, type ActiveCalibration, type ShippedModel } from './calibration-store';
import { SHIPPED_CALIBRATION_ID } from './learning-settings';

/** Folder of the model bundles, as the grader client resolves it by default. */
const MODELS_FOLDER = 'models/';

export interface CalibratedGrade {
  result: GradeResult;
  /** SHIPPED_CALIBRATION_ID or the id of the device refit that produced `result.score`. */
  calibrationId: string;
}

/** Reads the calibration that the model's manifest ships; the worker reports only the threshold. */
async function readShippedModel(model: ModelInfo): Promise<ShippedModel> {
  const modelsUrl = new URL(MODELS_FOLDER, document.baseURI).href;
  const manifest = await readModelManifest(new HttpModelSource(await resolveModelFolderUrl(modelsUrl, model.id)));
  if (manifest.id !== model.id || manifest.version !== model.version) {
    throw new Error(
      `The model manifest names ${manifest.id} ${manifest.version}, but the grader loaded ${model.id} ${model.version}. Reload the page to load one version.`,
    );
  }
  const { slope, intercept, threshold } = manifest.calibration;
  return { id: model.id, version: model.version, calibration: { slope, intercept, threshold } };
}

class CalibratedGrader {
  /** The loaded model with its shipped calibration, once read. */
  shipped = $state<ShippedModel | null>(null);
  /** The calibration grading uses; null until the model has loaded. */
  active = $state<ActiveCalibration | null>(null);

  #shippedFor: { model: ModelInfo; read: Promise<ShippedModel> } | null = null;

  /** Returns the shipped calibration of `model`, reading its manifest once per model. */
  async shippedModel(model: ModelInfo): Promise<ShippedModel> {
    const known = this.#shippedFor?.model;
    if (this.#shippedFor === null || known?.id !== model.id || known.version !== model.version) {
      const read = readShippedModel(model);
      this.#shippedFor = { model, read };
      read.catch(() => {
        if (this.#shippedFor?.read === read) {
          this.#shippedFor = null;
        }
      });
    }
    const shipped = await this.#shippedFor.read;
    this.shipped = shipped;
    return shipped;
  }

  /** Rereads the active calibration, after an accept or undo, say. */
  async refresh(model: ModelInfo): Promise<ActiveCalibration> {
    const active = await getActiveCalibration(database, await this.shippedModel(model));
    this.active = active;
    return active;
  }

  /**
   * Grades one answer. With the shipped calibration the worker's result is used as is;
   * with a refit, its scores and verdict are recomputed from the worker's logit.
   * `manualThreshold` is the learner's own pass threshold from the settings, which
   * wins over the calibration's. Rejects with a GraderError when the model fails.
   */
  async grade(request: GradeRequest, manualThreshold: number | null): Promise<CalibratedGrade> {
    const shippedResult = await grader.grade(request, manualThreshold ?? undefined);
    const model = grader.model;
    if (model === null) {
      throw new Error('The grader returned a result before reporting which model it loaded.');
    }
    const active = await this.refresh(model);
    if (active.id === SHIPPED_CALIBRATION_ID) {
      return { result: shippedResult, calibrationId: SHIPPED_CALIBRATION_ID };
    }
    const shipped = await this.shippedModel(model);
    const threshold = manualThreshold ?? active.threshold;
    return { result: applyCalibration(shippedResult, shipped.calibration, active, threshold), calibrationId: active.id };
  }
}

export const calibratedGrader = new CalibratedGrader();

// Reads the active calibration as soon as the model has loaded, so that screens showing
// the threshold in use are right before the first answer is graded.
$effect.root(() => {
  $effect(() => {
    const model = grader.model;
    if (model === null) {
      return;
    }
    calibratedGrader.refresh(model).catch((error: unknown) => {
      console.warn(`Could not read the active calibration of model ${model.id} ${model.version}.`, error);
    });
  });
});
