// The forecasting library shared by the forecasts of issue 16 (decision 035): an ordinal model for
// grades with explanations, boosted trees for numbers and yes/no, and the measures of a forecast.
// Pure TypeScript, no I/O; models are plain JSON to keep in the database.

export { trainOrdinal, ordinalFromJSON } from './ordinal.js';
export type { OrdinalModel, OrdinalOptions, OrdinalJSON } from './ordinal.js';
export { trainRegressor, trainClassifier, regressorFromJSON, classifierFromJSON } from './trees.js';
export type { Regressor, Classifier, BoostOptions, BoostJSON } from './trees.js';
export { trainCutoff } from './cutoff.js';
export { trainBlend, bestWeights } from './blend.js';
export type { Blend, BlendMember, BlendOptions } from './blend.js';
export type { CutoffRule } from './cutoff.js';
export { rmse, mae, accuracy, brier, reliability, calibrationError, kFold, repeatedKFold, crossValidate, mean, sd } from './metrics.js';
export type { ReliabilityRow, Fold } from './metrics.js';
export { seededRng, shuffled } from './rng.js';
export type { Rng } from './rng.js';

/** A feature of a model; the Russian reason templates live with the caller. */
export interface FeatureSpec {
  name: string;
}
