export type { Trial, Expansion, GridValue } from './trial';
export { expandExperiment, trialSeeds, type DataFingerprint } from './expand';
export { canonicalJson } from './canonical-json';
export { trialId, TRIAL_ID_LENGTH } from './trial-id';
export { gridAxes, gridPoints, gridSize, type GridAxis } from './grid';
export { trialTable, expansionSummary } from './trial-table';
export { planExperiment, type Plan, type PlanOptions } from './plan';
export { TrialStore, TrialDraft, runningElsewhere, METRICS_FILE, type TrialStatus } from './store/trial-store';
export { parseShard, shardOf, type Shard } from './shard';
