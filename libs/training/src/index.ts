export { train, TrainingDiverged, type TrainOptions, type TrainResult, type TrainingEvents, type HistoryRow } from './loop/train';
export { TrainingInterrupted, checkpointDue, type TrainingState, type CheckpointOptions } from './loop/checkpoint';
export type { OptimizerState } from './optimizers/optimizer';
export { evaluate, type Evaluation, type EvaluateOptions } from './loop/evaluate';
export type { ImageTask } from './loop/evaluate-images';
export { createLoss, balancedWeights, type LossFn, type Targets } from './loop/losses';
export { createOptimizer, clipGradients, DEFAULT_LR } from './optimizers/create-optimizer';
export type { Optimizer } from './optimizers/optimizer';
export { createSchedule, type LearningRate } from './schedules/learning-rate';
