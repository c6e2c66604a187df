export { EXPR_PATTERN, num, int, bool, text, choice, intOrTuple } from './schema/primitives';
export { taggedUnion, catalogNames, type Catalog } from './schema/tagged-union';
export { INITIALIZER_NAMES, type InitializerName, InitializerSchema } from './schema/initializers';
export { ACTIVATION_NAMES, type ActivationName } from './schema/layers/options';
export { LAYER_CATALOG, type LayerType } from './schema/layers/catalog';
export { IDENTIFIER_PATTERN, LayerSchema, ModelSchema, BlockSchema, GraphItemSchema } from './schema/model';
export { DATASET_CATALOG, DATASET_PATH_FIELDS, DatasetSchema } from './schema/dataset';
export { PREPROCESSING_CATALOG, PreprocessingSchema } from './schema/preprocessing';
export { SPLIT_CATALOG, SplitSchema } from './schema/split';
export { AUGMENTATION_CATALOG, AugmentationSchema } from './schema/augmentation';
export { OPTIMIZER_CATALOG, OptimizerSchema } from './schema/optimizer';
export { SCHEDULE_CATALOG, ScheduleSchema } from './schema/schedule';
export { LOSS_CATALOG, LossSchema } from './schema/loss';
export { TASK_CATALOG, TaskSchema } from './schema/task';
export { TrainingSchema, CHECKPOINT_DURATION } from './schema/training';
export { CORRUPTION_CATALOG, corruptionLevels, EvaluationSchema } from './schema/evaluation';
export { Registry, type RegistryEntry } from './registry/registry';
export { BUILT_IN_SOURCE, EXTENSION_KINDS, addExtension, extensions, extensionsKey, extendSchema, takenNames, clearExtensions, type Extension, type ExtensionKind } from './registry/extensions';
export { setPluginHost, loadPlugins, loadedPlugin, forgetPlugins, type PluginHost, type PluginRef, type LoadedPlugin } from './registry/plugin-host';
export {
  METRICS,
  TRIAL_COLUMN_REGISTRY,
  taskOf,
  epochMetrics,
  historyColumns,
  unrecordedMonitor,
  columnEntry,
  columnDirection,
  columnLabel,
  type MetricEntry,
  type TrialColumnEntry,
  type TaskName,
  type Direction,
  type ColumnLook,
} from './registry/metrics';
export { ReportSchema, PLOT_KINDS, type PlotKind } from './schema/report';
export { SearchSchema, SEARCH_PARAMETER_CATALOG, SEARCH_SAMPLER_CATALOG, SEARCH_PRUNER_CATALOG } from './schema/search';
export { DOTTED_PATH_PATTERN } from './schema/grid-key';
export { resultMetrics, TRIAL_COLUMNS, corruptionConditions, resultColumns, type CorruptionCondition } from './result-columns';
export {
  ExperimentSchema,
  EXPERIMENT_KEYS,
  GRID_KEY_PATTERN,
  BACKEND_NAMES,
  REPRODUCIBLE_MODES,
  type BackendName,
  type ReproducibleMode,
  type Experiment,
} from './schema/experiment';
export { schemaDocuments, SCHEMA_SOURCES } from './schema/documents';
export { yamlReference } from './schema/reference';
export type * from './types';
export { UserError, UserErrors, isUserError, type SourceLocation, type UserErrorDetails } from './errors';
export { writeFailure, writing, writingAsync } from './storage';
export { failpoint } from './failpoint';
export { displayRelative } from './display-path';
export { withDefaults, reportWithDefaults, searchWithDefaults, columnWithDefaults, fillDefaults, withExtensionDefaults, monitorMode, defaulted } from './defaults';
export { DATA_FACTS, BLOCK_INPUT_FACTS, REPEAT_INDEX_NAMES, type DataFactName } from './schema/data-facts';
export { TRIAL_KEYS, type TrialConfig } from './schema/trial';
export { type Pointer, toPointer, fromPointer, childPointer, parentPointer, displayPath, dottedToPointer, escapeSegment } from './pointer';
export { parseExpression, freeNames, memberPaths, ExpressionSyntaxError, type Expr } from './expr/parse';
export { evaluate as evaluateExpression, ExpressionError, type Scope } from './expr/evaluate';
export { parseTemplate, renderTemplate, templateNames, type Template, type TemplatePart } from './expr/template';
export { closestMatch, didYouMean, listOf } from './hints';
export { validatorFor, createAjv, cacheDir, type SchemaName } from './validate/ajv';
export { schemaErrors, type Locate } from './validate/schema-errors';
export { describeSchema, describeValue } from './validate/describe-schema';
export { textTable } from './text/text-table';
export { stream, resumeStream, intSeed, type Random, type ResumableRandom, type StreamState } from './random';
export { factScope, type DataFacts } from './data-facts';
export type { BlockCall, GraphNode, ModelGraph } from './model-graph';
