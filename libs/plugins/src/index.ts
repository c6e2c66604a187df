/**
 * The public API of plug-ins: what a plug-in module imports to add layers, losses, metrics,
 * datasets, augmentations, optimizers, schedules, corruptions and preprocessing steps to the language (docs/plugins.md), and the plug-in host that the load phase uses.
 * Importing this library installs the host.
 */
import './host';

export { definePlugin, defineLayer, defineLoss, defineDataset, defineAugmentation, defineOptimizer, defineSchedule, defineCorruption, definePreprocessing, withDefault } from './definition';
export type { TDefaulted, PluginDefinition, LayerDefinition, LayerBuild, LossDefinition, MetricDefinition, DatasetDefinition, AugmentationDefinition, OptimizerDefinition, OptimizerStep, ScheduleDefinition, CorruptionDefinition, PreprocessingDefinition, Params, SerializableClass } from './definition';
export { pluginHost } from './host';
export { loadTrialModel } from './load-trial-model';
export { sourceHash, localSources } from './source-hash';

// What components are built from: TypeBox for parameters, tfjs, ablate's layer helpers and seeded random streams.
export { Type } from '@sinclair/typebox';
import { bool, choice, int, intOrTuple, num, text } from '@ablate/spec';
/** Parameter schemas as ablate's own components write them: a number, integer or boolean also accepts a `${...}` expression. */
export const param = { num, int, bool, text, choice, intOrTuple };
export { tf, tfl, LayerUseError, formatShape, type BuildContext, type Built, type WeightInit, type Shape, type SymbolicTensor, type Tensor, type LayersModel } from '@ablate/models';
export { stream, intSeed, UserError, type Random, type TaskName } from '@ablate/spec';
export type { Targets, LossFn, MetricInput } from '@ablate/training';
export { fileRef, type ExampleDataset, type DatasetShape, type FileRef, type LoaderContext } from '@ablate/data';
