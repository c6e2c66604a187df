/**
 * A plug-in's components, checked and registered with every library that uses a component of
 * their kind: the schema extensions and metric registry (libs/spec), the layer implementations
 * and tfjs classes (libs/models), the losses and metric functions (libs/training) and the dataset
 * loaders (libs/data). Its callbacks are guarded: an exception in them names the plug-in's line.
 */
import { addExtension, AUGMENTATION_CATALOG, BUILT_IN_SOURCE, CORRUPTION_CATALOG, corruptionLevels, PREPROCESSING_CATALOG, DATASET_CATALOG, extensions, num, LAYER_CATALOG, LOSS_CATALOG, METRICS, OPTIMIZER_CATALOG, SCHEDULE_CATALOG, UserError, type ExtensionKind, type SourceLocation, type TaskName } from '@ablate/spec';
import { finish, registerLayer, type BuildContext, type Built, type WeightInit } from '@ablate/models';
import { registerAugmentation, registerCorruption, registerDataset, registerPreprocessing, type Dataset, type DatasetLoader } from '@ablate/data';
import { perVariable, registerLoss, registerMetricFunction, registerOptimizer, registerSchedule } from '@ablate/training';
import type { AugmentationDefinition, DatasetDefinition, LayerBuild, LayerDefinition, LossDefinition, MetricDefinition, OptimizerDefinition, PluginDefinition, PreprocessingDefinition, ScheduleDefinition, CorruptionDefinition } from './definition';
import { guarded } from './plugin-errors';

export interface PluginSource {
  /** The module and its local imports (absolute paths): where its errors are located. */
  files: readonly string[];
  shown: string;
  display: (file: string) => string;
  /** Where the experiment lists it. */
  at?: SourceLocation;
}

const NAME = /^[a-z][a-z0-9_]*$/;
/** The functions each kind of component must have. */
const NEEDS = { layer: ['build'], loss: ['create'], metric: ['compute'], dataset: ['files', 'load'], augmentation: ['apply'], optimizer: ['update'], schedule: ['rate'], corruption: ['apply'], 'preprocessing step': ['apply'] } as const;
const KINDS = { layers: 'layer', losses: 'loss', metrics: 'metric', datasets: 'dataset', augmentations: 'augmentation', optimizers: 'optimizer', schedules: 'schedule', corruptions: 'corruption', preprocessing: 'preprocessing step' } as const;
const BUILT_IN: Record<ExtensionKind, readonly string[]> = {
  layer: Object.keys(LAYER_CATALOG),
  loss: Object.keys(LOSS_CATALOG),
  dataset: Object.keys(DATASET_CATALOG),
  augmentation: Object.keys(AUGMENTATION_CATALOG),
  optimizer: Object.keys(OPTIMIZER_CATALOG),
  schedule: Object.keys(SCHEDULE_CATALOG),
  corruption: Object.keys(CORRUPTION_CATALOG),
  'preprocessing step': Object.keys(PREPROCESSING_CATALOG),
};
const METRIC_TASKS: readonly TaskName[] = ['classification', 'regression'];

function problem(source: PluginSource, message: string, hint: string): UserError {
  return new UserError(`the plug-in ${source.shown} ${message}`, { ...(source.at ? { at: source.at } : {}), hint });
}

/** The export's shape: an object of component groups, each an object of named components. */
export function checkDefinition(source: PluginSource, value: unknown): PluginDefinition {
  const shape = 'Export its components: `export default definePlugin({ layers: { ... }, losses: { ... }, metrics: { ... }, datasets: { ... }, augmentations: { ... }, optimizers: { ... }, schedules: { ... }, corruptions: { ... }, preprocessing: { ... } })` (docs/plugins.md).';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw problem(source, 'exports no plug-in: its default export is not an object of components.', shape);
  if (Object.keys(value).length === 0) throw problem(source, 'exports no components.', shape);
  for (const [group, components] of Object.entries(value)) {
    if (!(group in KINDS)) throw problem(source, `exports "${group}", which is not a kind of component.`, `The kinds are ${Object.keys(KINDS).join(', ')}. ${shape}`);
    if (typeof components !== 'object' || components === null || Array.isArray(components)) throw problem(source, `exports ${group} that is not an object of named components.`, shape);
    for (const [name, component] of Object.entries(components as object)) {
      const kind = KINDS[group as keyof typeof KINDS];
      if (!NAME.test(name)) throw problem(source, `names a ${kind} "${name}": names are lower-case letters, digits and underscores, starting with a letter.`, 'Rename it, e.g. spectral_attention.');
      const needs: readonly string[] = NEEDS[kind];
      const missing: string[] = needs.filter((f) => typeof (component as Record<string, unknown>)?.[f] !== 'function');
      if (typeof (component as Record<string, unknown>)?.description !== 'string') missing.unshift('description');
      if (missing.length) throw problem(source, `has a ${kind} "${name}" without ${missing.join(', ')}.`, `A ${kind} needs description${needs.map((f) => `, ${f}()`).join('')} (docs/plugins.md).`);
    }
  }
  return value as PluginDefinition;
}

/** Metrics plug-ins added, by name: the plug-in that added each. */
const pluginMetrics = new Map<string, string>();

function checkName(source: PluginSource, kind: ExtensionKind | 'metric', name: string): void {
  const other = kind === 'metric' ? pluginMetrics.get(name) : extensions().find((e) => e.kind === kind && e.name === name)?.source;
  if (other === BUILT_IN_SOURCE) throw problem(source, `adds a ${kind} "${name}", the name of ablate's built-in ${kind}.`, `Give it another name (built-in ${kind}s: ${[...BUILT_IN[kind as ExtensionKind], ...extensions().filter((e) => e.kind === kind && e.source === BUILT_IN_SOURCE).map((e) => e.name)].join(', ')}).`);
  if (other) throw problem(source, `adds a ${kind} "${name}", which the plug-in ${other} adds already.`, 'Give one of them another name, or load only one of the plug-ins.');
  const builtIn = kind === 'metric' ? METRICS.names() : BUILT_IN[kind];
  if (builtIn.includes(name)) throw problem(source, `adds a ${kind} "${name}", the name of ablate's built-in ${kind}.`, `Give it another name (built-in ${kind}s: ${builtIn.join(', ')}).`);
}

/** Weights with two or more axes that the plug-in did not initialise: PyTorch's default, from the trial seed. */
function defaultInits(built: LayerBuild): WeightInit[] {
  const declared = new Set((built.inits ?? []).map((i) => `${i.layer.name}/${i.weight}`));
  return built.layers.flatMap((layer) =>
    layer.weights.flatMap((w) => {
      const weight = w.originalName.split('/').pop() as string;
      if (w.shape.length < 2 || declared.has(`${layer.name}/${weight}`)) return [];
      return [{ layer, weight, kind: w.shape.length > 2 ? 'conv' : 'dense', role: 'kernel', initializer: 'torch_default' } satisfies WeightInit];
    }),
  );
}

function registerLayerDefinition(source: PluginSource, name: string, layer: LayerDefinition<never>): void {
  addExtension({ kind: 'layer', name, description: layer.description, params: layer.params ?? {}, source: source.shown });
  const build = guarded(source, `building its layer "${name}"`, (params: never, ctx: BuildContext): Built => {
    const made = layer.build(params, ctx);
    if ('output' in made) return made;
    return finish(ctx, made.layers, { macs: made.macs ?? 0, inits: [...(made.inits ?? []), ...defaultInits(made)] });
  });
  registerLayer({ type: name, arity: layer.arity ?? 'one', build }, layer.classes ?? []);
}

function registerLossDefinition(source: PluginSource, name: string, loss: LossDefinition<never>): void {
  addExtension({ kind: 'loss', name, description: loss.description, params: loss.params ?? {}, source: source.shown });
  registerLoss(
    name,
    guarded(source, `creating its loss "${name}"`, (params, ctx) => guarded(source, `computing its loss "${name}"`, loss.create(params as never, ctx))),
  );
}

function registerMetricDefinition(source: PluginSource, name: string, metric: MetricDefinition): void {
  const tasks = Array.isArray(metric.tasks) ? metric.tasks : [];
  if (tasks.length === 0 || tasks.some((t) => !METRIC_TASKS.includes(t))) {
    throw problem(source, `has a metric "${name}" whose tasks are ${JSON.stringify(metric.tasks)}.`, `A plug-in metric is computed for tasks among ${METRIC_TASKS.join(', ')}.`);
  }
  if (metric.better !== 'max' && metric.better !== 'min') throw problem(source, `has a metric "${name}" with better: ${JSON.stringify(metric.better)}.`, 'Say which way is better: max or min.');
  pluginMetrics.set(name, source.shown);
  METRICS.add({
    name,
    description: metric.description,
    label: metric.label ?? name,
    ...(metric.unit ? { unit: metric.unit } : {}),
    scale: metric.scale ?? 1,
    precision: metric.precision ?? 4,
    format: 'fixed',
    better: metric.better,
    tasks,
    epoch: metric.epoch ? tasks : [],
    train: [],
  });
  registerMetricFunction(name, tasks, guarded(source, `computing its metric "${name}"`, metric.compute));
}

function registerDatasetDefinition(source: PluginSource, name: string, dataset: DatasetDefinition<never>): void {
  addExtension({ kind: 'dataset', name, description: dataset.description, params: dataset.params ?? {}, source: source.shown });
  const describe = dataset.describe;
  registerDataset({
    type: name,
    files: guarded(source, `listing the files of its dataset "${name}"`, (spec: never, ctx) => dataset.files(spec, ctx)),
    load: guarded(source, `loading its dataset "${name}"`, (spec: never, bytes, files) => ({ ...dataset.load(spec, files.map((ref) => ({ ref, bytes: bytes.get(ref.path) as Buffer }))), files: [] }) as Dataset),
    describe: describe ? guarded(source, `describing its dataset "${name}"`, (spec: never) => describe(spec)) : () => ({ kind: 'examples' }),
  } satisfies DatasetLoader<never>);
}

/** The chance of applying an augmentation to an example, which every augmentation takes. */
const CHANCE = { p: { ...num({ minimum: 0, maximum: 1, description: 'The chance of applying it to each training example.' }), default: 0.5 } };

function registerAugmentationDefinition(source: PluginSource, name: string, augmentation: AugmentationDefinition<never>): void {
  addExtension({ kind: 'augmentation', name, description: augmentation.description, params: { ...CHANCE, ...(augmentation.params ?? {}) } as never, source: source.shown });
  registerAugmentation(name, {
    needs: augmentation.needs ?? 'any',
    apply: guarded(source, `applying its augmentation "${name}"`, (example: Float32Array, shape: readonly number[], params: Record<string, unknown>, random: () => number) => augmentation.apply(example, shape, params as never, random)),
  });
}

/** The learning rate, which every optimizer takes; a plug-in may give its own default. */
const LR = { lr: { ...num({ exclusiveMinimum: 0, description: 'Learning rate (base value of the schedule).' }), default: 0.001 } };

function registerOptimizerDefinition(source: PluginSource, name: string, optimizer: OptimizerDefinition<never>): void {
  addExtension({ kind: 'optimizer', name, description: optimizer.description, params: { ...LR, ...(optimizer.params ?? {}) } as never, source: source.shown });
  const update = guarded(source, `updating a weight with its optimizer "${name}"`, optimizer.update);
  registerOptimizer(name, (params) => {
    const slots = new Set(optimizer.slots ?? []);
    return perVariable((weight, grad, slot, step, lr) =>
      update(params as never, {
        weight,
        grad,
        step,
        lr,
        slot: (key) => {
          if (!slots.has(key)) throw new UserError(`the plug-in ${source.shown}'s optimizer "${name}" asks for a slot "${key}" it does not declare.`, { hint: `Add it to \`slots\` (declared: ${[...slots].join(', ') || 'none'}).` });
          return slot(key);
        },
      }),
    );
  });
}

function registerScheduleDefinition(source: PluginSource, name: string, schedule: ScheduleDefinition<never>): void {
  addExtension({ kind: 'schedule', name, description: schedule.description, params: schedule.params ?? {}, source: source.shown });
  registerSchedule(
    name,
    guarded(source, `making its schedule "${name}"`, (params, ctx) => guarded(source, `computing its schedule "${name}"`, schedule.rate(params as never, ctx))),
  );
}

const LEVEL_NAME = /^[a-z][a-z0-9_]*$/;

function registerCorruptionDefinition(source: PluginSource, name: string, corruption: CorruptionDefinition<never>): void {
  const level = corruption.level;
  if (typeof level?.name !== 'string' || !LEVEL_NAME.test(level.name) || level.name === 'type') {
    throw problem(source, `has a corruption "${name}" whose level is ${JSON.stringify(level)}.`, 'Name the parameter that holds its levels: `level: { name: \'amount\', description: \'...\' }`.');
  }
  const levels = { [level.name]: corruptionLevels(`${level.description} One number or a list: one test evaluation per level.`) };
  addExtension({ kind: 'corruption', name, description: corruption.description, params: { ...levels, ...(corruption.params ?? {}) } as never, source: source.shown, level: level.name });
  registerCorruption(name, guarded(source, `applying its corruption "${name}"`, (example: Float32Array, shape: readonly number[], value: number, params: Record<string, unknown>, random: () => number) => corruption.apply(example, shape, value, params as never, random)));
}

function registerPreprocessingDefinition(source: PluginSource, name: string, step: PreprocessingDefinition<never, never>): void {
  addExtension({ kind: 'preprocessing step', name, description: step.description, params: step.params ?? {}, source: source.shown });
  const { shape, fit } = step;
  registerPreprocessing(name, {
    ...(shape ? { shape: guarded(source, `giving the shape of its preprocessing step "${name}"`, (params: Record<string, unknown>, from: readonly number[]) => shape(params as never, from)) } : {}),
    ...(fit ? { fit: guarded(source, `fitting its preprocessing step "${name}"`, (params: Record<string, unknown>, examples: (visit: (x: Float32Array, n: number) => void) => void, from: readonly number[]) => fit(params as never, examples, from) as unknown) } : {}),
    apply: guarded(source, `applying its preprocessing step "${name}"`, (params: Record<string, unknown>, state: unknown, x: Float32Array, n: number, from: readonly number[]) => step.apply(params as never, state as never, x, n, from)),
  });
}

/** Checks every name first (nothing is registered from a plug-in with a clash), then registers all. Returns `kind name` of each. */
export function registerComponents(source: PluginSource, definition: PluginDefinition): string[] {
  const { layers = {}, losses = {}, metrics = {}, datasets = {}, augmentations = {}, optimizers = {}, schedules = {}, corruptions = {}, preprocessing = {} } = definition;
  for (const name of Object.keys(layers)) checkName(source, 'layer', name);
  for (const name of Object.keys(losses)) checkName(source, 'loss', name);
  for (const name of Object.keys(metrics)) checkName(source, 'metric', name);
  for (const name of Object.keys(datasets)) checkName(source, 'dataset', name);
  for (const name of Object.keys(augmentations)) checkName(source, 'augmentation', name);
  for (const name of Object.keys(optimizers)) checkName(source, 'optimizer', name);
  for (const name of Object.keys(schedules)) checkName(source, 'schedule', name);
  for (const name of Object.keys(corruptions)) checkName(source, 'corruption', name);
  for (const name of Object.keys(preprocessing)) checkName(source, 'preprocessing step', name);
  for (const [name, layer] of Object.entries(layers)) registerLayerDefinition(source, name, layer);
  for (const [name, loss] of Object.entries(losses)) registerLossDefinition(source, name, loss);
  for (const [name, metric] of Object.entries(metrics)) registerMetricDefinition(source, name, metric);
  for (const [name, dataset] of Object.entries(datasets)) registerDatasetDefinition(source, name, dataset);
  for (const [name, augmentation] of Object.entries(augmentations)) registerAugmentationDefinition(source, name, augmentation);
  for (const [name, optimizer] of Object.entries(optimizers)) registerOptimizerDefinition(source, name, optimizer);
  for (const [name, schedule] of Object.entries(schedules)) registerScheduleDefinition(source, name, schedule);
  for (const [name, corruption] of Object.entries(corruptions)) registerCorruptionDefinition(source, name, corruption);
  for (const [name, step] of Object.entries(preprocessing)) registerPreprocessingDefinition(source, name, step);
  return [
    ...Object.keys(layers).map((n) => `layer ${n}`),
    ...Object.keys(losses).map((n) => `loss ${n}`),
    ...Object.keys(metrics).map((n) => `metric ${n}`),
    ...Object.keys(datasets).map((n) => `dataset ${n}`),
    ...Object.keys(augmentations).map((n) => `augmentation ${n}`),
    ...Object.keys(optimizers).map((n) => `optimizer ${n}`),
    ...Object.keys(schedules).map((n) => `schedule ${n}`),
    ...Object.keys(corruptions).map((n) => `corruption ${n}`),
    ...Object.keys(preprocessing).map((n) => `preprocessing step ${n}`),
  ];
}
