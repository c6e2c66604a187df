/**
 * What a plug-in module exports: `export default definePlugin({ layers, losses, metrics, datasets, augmentations, optimizers, schedules, corruptions, preprocessing })`.
 * Each component is written in YAML exactly like a built-in (`{ type: cbam, reduction: 16 }`,
 * `loss: { type: focal, gamma: 2 }`, `columns: [{ metric: test.top2_accuracy }]`); its `params` are
 * TypeBox properties, checked like a built-in's and filled with their defaults before the
 * implementation sees them.
 */
import { Type, type Static, type TObject, type TOptional, type TProperties, type TSchema } from '@sinclair/typebox';
import type { Direction, TaskName } from '@ablate/spec';
import type { BuildContext, Built, tf, tfl, WeightInit } from '@ablate/models';
import type { Dataset, DatasetShape, FileRef, LoaderContext } from '@ablate/data';
import type { LossFn, MetricInput } from '@ablate/training';

/** A dataset as a plug-in returns it: ablate adds the files' checksums. */
export type LoadedData = Dataset extends infer D ? (D extends unknown ? Omit<D, 'files'> : never) : never;

declare const DEFAULTED: unique symbol;
/** An optional parameter with a default: the implementation always receives a value. */
export type TDefaulted<S extends TSchema> = TOptional<S> & { readonly [DEFAULTED]: true };

/** `reduction: withDefault(param.int({ minimum: 1 }), 8)`: optional in YAML, always set for the implementation. */
export function withDefault<S extends TSchema>(schema: S, value: Static<S>): TDefaulted<S> {
  return Type.Optional({ ...schema, default: value } as S) as TDefaulted<S>;
}

type DefaultedKeys<P extends TProperties> = { [K in keyof P]: P[K] extends { readonly [DEFAULTED]: true } ? K : never }[keyof P];

/** The parameters an implementation receives: the static type of its `params`, defaulted ones present. */
export type Params<P extends TProperties> = Omit<Static<TObject<P>>, DefaultedKeys<P>> & { [K in DefaultedKeys<P>]-?: Exclude<Static<P[K]>, undefined> };

/** A class tfjs can serialise (`static className`), registered so that a saved model loads back. */
export type SerializableClass = Parameters<typeof tf.serialization.registerClass>[0];

export interface LayerBuild {
  /** Layers applied one after the other to the node's input (several inputs: the first layer gets them all). */
  layers: tfl.layers.Layer[];
  /** Multiply-accumulates of one example's forward pass (for the summary and MACs columns). */
  macs?: number;
  /**
   * How to initialise weights from the trial seed. Weights not listed here with two or more axes
   * get PyTorch's default (uniform in ±1/sqrt(fan_in)) from a stream named after the weight;
   * weights of one axis keep the layer's own initialiser (zeros, ones).
   */
  inits?: WeightInit[];
}

export interface LayerDefinition<P extends TProperties = TProperties> {
  description: string;
  params?: P;
  /** `many`: a merge layer that takes two or more inputs (`inputs: [a, b]`). Default: one. */
  arity?: 'one' | 'many';
  /** The tfjs layer classes it creates, registered with tfjs serialisation. */
  classes?: SerializableClass[];
  /** Throw `LayerUseError` for a use that cannot work (wrong rank, too small an input): validate reports it at the layer's line. */
  build(params: Params<P>, ctx: BuildContext): LayerBuild | Built;
}

export interface LossDefinition<P extends TProperties = TProperties> {
  description: string;
  params?: P;
  /** Made once per trial; returns the loss of a batch (a scalar), from the model's outputs and the targets. */
  create(params: Params<P>, ctx: { classes: number; trainCounts: readonly number[] }): LossFn;
}

export interface MetricDefinition {
  description: string;
  tasks: TaskName[];
  /** Which way is better; a table bolds that row and tests results against the baseline. */
  better: Exclude<Direction, 'none'>;
  /** Table header (default: the name); `unit` follows it in parentheses; scale 100 shows %. */
  label?: string;
  unit?: string;
  scale?: number;
  precision?: number;
  /** Also recorded after every validation (`val.<name>`), so early stopping and searches can watch it. */
  epoch?: boolean;
  compute(input: MetricInput): number;
}

export interface DatasetDefinition<P extends TProperties = TProperties> {
  description: string;
  params?: P;
  /** The files it reads: read and checksummed by ablate (part of every trial's identity), then given to `load`. */
  files(params: Params<P>, ctx: LoaderContext): FileRef[];
  load(params: Params<P>, files: Array<{ ref: FileRef; bytes: Buffer }>): LoadedData;
  /** What is known without reading the files (classes, one example's shape): lets validate compile the model without the data. */
  describe?(params: Params<P>): DatasetShape;
}

export interface AugmentationDefinition<P extends TProperties = TProperties> {
  description: string;
  /** Its own parameters; every augmentation also takes `p`, the chance of applying it to an example (default 0.5). */
  params?: P;
  /** `image`: the examples must be [height, width, channels] (validate says so otherwise); `any` (default): vectors too. */
  needs?: 'image' | 'any';
  /**
   * Changes one training example in place (`example` holds its values, channels last, as the model
   * gets them after preprocessing). Take every random number from `random` (uniform in [0, 1),
   * seeded from the trial seed and the epoch): the run then repeats exactly.
   */
  apply(example: Float32Array, shape: readonly number[], params: Params<P> & { p: number }, random: () => number): void;
}

/** What an optimizer's `update` gets for one variable at one step. */
export interface OptimizerStep {
  /** The weight (assign its new value). */
  weight: tf.Variable;
  grad: tf.Tensor;
  /** Its state tensor of that name (one of `slots`), zeros at the first step; assign to it. */
  slot(name: string): tf.Variable;
  /** 1 at the first step. */
  step: number;
  /** The learning rate of this step, as the schedule gives it. */
  lr: number;
}

export interface OptimizerDefinition<P extends TProperties = TProperties> {
  description: string;
  /** Its parameters; every optimizer also takes `lr` (default 0.001 unless given here), `weight_decay`, `clip_norm` and `clip_value`. */
  params?: P;
  /** Names of the state each weight keeps (momentum, moments): checkpointed and restored with the trial. */
  slots?: string[];
  /** One update of one weight, in tfjs operations (run inside tf.tidy). */
  update(params: Params<P> & { weight_decay: number }, step: OptimizerStep): void;
}

export interface ScheduleDefinition<P extends TProperties = TProperties> {
  description: string;
  /** Its parameters; every schedule also takes `warmup_epochs` (a linear warm-up ablate applies first). */
  params?: P;
  /**
   * Made once per trial: the learning rate at `epoch` (fractional, counted from the end of the
   * warm-up) and `step` (1-based, over the whole training), from the base rate and the epochs after
   * the warm-up.
   */
  rate(params: Params<P>, ctx: { base: number; epochs: number }): (epoch: number, step: number) => number;
}

export interface CorruptionDefinition<P extends TProperties = TProperties> {
  description: string;
  /** The parameter that holds its levels (one number or a list: one test evaluation per level), e.g. `amount`, and what it means. */
  level: { name: string; description: string };
  /** Its other parameters. */
  params?: P;
  /**
   * Corrupts one test example in place (its values as the model gets them, channels last) at
   * `level`, taking every random number from `random`, seeded from the trial seed, the condition
   * and the example: every variant is tested on the same corrupted examples.
   */
  apply(example: Float32Array, shape: readonly number[], level: number, params: Params<P>, random: () => number): void;
}

export interface PreprocessingDefinition<P extends TProperties = TProperties, S = unknown> {
  description: string;
  params?: P;
  /** One example's shape after the step, from its shape before (default: unchanged); also what validate compiles the model on. */
  shape?(params: Params<P>, shape: readonly number[]): number[];
  /**
   * What the step learns from the training part, as the steps before it left it: call `examples`
   * with a visitor that gets chunks of n examples (flat, channels last). Return plain data (JSON):
   * it is what preprocessing.json carries for an exported model.
   */
  fit?(params: Params<P>, examples: (visit: (x: Float32Array, n: number) => void) => void, shape: readonly number[]): S;
  /** n examples (flat, channels last) through the step, with what `fit` returned (null without fit). */
  apply(params: Params<P>, state: S, x: Float32Array, n: number, shape: readonly number[]): Float32Array;
}

export interface PluginDefinition {
  layers?: Record<string, LayerDefinition<never>>;
  losses?: Record<string, LossDefinition<never>>;
  metrics?: Record<string, MetricDefinition>;
  datasets?: Record<string, DatasetDefinition<never>>;
  augmentations?: Record<string, AugmentationDefinition<never>>;
  optimizers?: Record<string, OptimizerDefinition<never>>;
  schedules?: Record<string, ScheduleDefinition<never>>;
  corruptions?: Record<string, CorruptionDefinition<never>>;
  preprocessing?: Record<string, PreprocessingDefinition<never, never>>;
}

/** The components of a plug-in, with their types checked (`params` typed from their schemas). */
export function definePlugin<const D extends PluginDefinition>(definition: D): D {
  return definition;
}

/** One layer, its `build` typed from its `params`. */
export function defineLayer<P extends TProperties>(layer: LayerDefinition<P>): LayerDefinition<never> {
  return layer as unknown as LayerDefinition<never>;
}

export function defineLoss<P extends TProperties>(loss: LossDefinition<P>): LossDefinition<never> {
  return loss as unknown as LossDefinition<never>;
}

export function defineDataset<P extends TProperties>(dataset: DatasetDefinition<P>): DatasetDefinition<never> {
  return dataset as unknown as DatasetDefinition<never>;
}

export function defineAugmentation<P extends TProperties>(augmentation: AugmentationDefinition<P>): AugmentationDefinition<never> {
  return augmentation as unknown as AugmentationDefinition<never>;
}

export function defineOptimizer<P extends TProperties>(optimizer: OptimizerDefinition<P>): OptimizerDefinition<never> {
  return optimizer as unknown as OptimizerDefinition<never>;
}

export function defineSchedule<P extends TProperties>(schedule: ScheduleDefinition<P>): ScheduleDefinition<never> {
  return schedule as unknown as ScheduleDefinition<never>;
}

export function defineCorruption<P extends TProperties>(corruption: CorruptionDefinition<P>): CorruptionDefinition<never> {
  return corruption as unknown as CorruptionDefinition<never>;
}

export function definePreprocessing<P extends TProperties, S>(step: PreprocessingDefinition<P, S>): PreprocessingDefinition<never, never> {
  return step as unknown as PreprocessingDefinition<never, never>;
}
