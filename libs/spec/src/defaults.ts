/**
 * The defaults of a trial's config, applied in one place (libs/sweep, when a trial is resolved)
 * so that every later reader sees the values the run used and config.resolved.yaml records them:
 * the schema's own `default`s (walked through objects, tagged unions and lists), then the defaults
 * that depend on other values (eval_batch_size, the direction of a monitored metric). The model
 * graph is left to the model compiler, and `vars` are the user's.
 */
import { extendSchema, extensions, extensionsKey, type ExtensionKind } from './registry/extensions';
import { closed } from './schema/primitives';
import { columnDirection, columnEntry, columnLabel } from './registry/metrics';
import { ExperimentSchema } from './schema/experiment';
import { TRIAL_KEYS, type TrialConfig } from './schema/trial';
import type { ReportColumnSpec, ReportSpec, ResolvedReport, ResolvedReportColumn, ResolvedSearch, SearchSpec } from './types';

type Schema = {
  default?: unknown;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
  discriminator?: { propertyName: string };
  const?: unknown;
  type?: string | string[];
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const extended = new Map<string, Schema>();
/** The experiment schema with the plug-ins' components, whose defaults fill their parameters too. */
function experimentSchema(): Schema {
  const key = extensionsKey();
  let schema = extended.get(key);
  if (!schema) {
    schema = extendSchema(JSON.parse(JSON.stringify(ExperimentSchema)) as Schema);
    extended.set(key, schema);
  }
  return schema;
}

/** A value with the defaults of `schema` filled in (objects, tagged unions and lists walked). */
export function fillDefaults(schema: unknown, value: unknown): unknown {
  return fill(schema as Schema, value);
}

/** A plug-in component's parameters with its schema's defaults: what its implementation receives. */
export function withExtensionDefaults<T extends object>(kind: ExtensionKind, name: string, value: T): T {
  const extension = extensions().find((e) => e.kind === kind && e.name === name);
  return extension ? (fill(closed(extension.params) as unknown as Schema, value) as T) : value;
}

/** The member of a union that describes `value`: by its discriminator, or the only one of its JSON type. */
function branch(schema: Schema, value: unknown): Schema | undefined {
  const members = schema.oneOf ?? schema.anyOf;
  if (!members) return schema;
  if (schema.discriminator && isObject(value)) return members.find((m) => m.properties?.[schema.discriminator!.propertyName]?.const === value[schema.discriminator!.propertyName]);
  const kind = Array.isArray(value) ? 'array' : isObject(value) ? 'object' : undefined;
  const fitting = members.filter((m) => (kind === 'array' ? m.items !== undefined || m.type === 'array' : kind === 'object' ? m.properties !== undefined : false));
  return fitting.length === 1 ? fitting[0] : undefined;
}

function fill(schema: Schema, value: unknown): unknown {
  const s = branch(schema, value);
  if (!s) return value;
  if (Array.isArray(value)) return s.items ? value.map((v) => fill(s.items as Schema, v)) : value;
  if (!isObject(value) || !s.properties) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, property] of Object.entries(s.properties)) {
    if (out[key] === undefined) {
      if (property.default !== undefined) out[key] = structuredClone(property.default);
    } else out[key] = fill(property, out[key]);
  }
  return out;
}

/**
 * The direction of a monitored history column, from the metric registry (min for loss, mse and
 * mae; max for accuracies, kappa, PSNR, SSIM). Validation has refused names that are not a
 * history column before any default is filled, so an unknown name here is ablate's bug.
 */
export function monitorMode(monitor: string): 'min' | 'max' {
  const direction = columnDirection(monitor);
  if (direction === undefined || direction === 'none') throw new Error(`monitorMode: "${monitor}" is not a metric with a direction`);
  return direction;
}

/** The defaults that follow from other values of the config. */
function derived(config: Partial<TrialConfig>): Partial<TrialConfig> {
  if (!config.training) return config;
  const training = { ...config.training };
  training.eval_batch_size ??= 4 * training.batch_size;
  if (training.early_stopping) training.early_stopping = { ...training.early_stopping, mode: training.early_stopping.mode ?? monitorMode(training.early_stopping.monitor ?? 'val.loss') };
  const schedule = config.schedule?.type === 'plateau' ? { ...config.schedule, mode: config.schedule.mode ?? monitorMode(config.schedule.monitor ?? 'val.loss') } : config.schedule;
  return { ...config, training, ...(schedule ? { schedule } : {}) };
}

/**
 * The task and the loss, each implied by the other when only one is written: mse or mae means a
 * regression, image_to_image or regression means mse, and nothing means classification with
 * cross-entropy.
 */
function implied(config: Partial<TrialConfig>): Partial<TrialConfig> {
  if (!config.training) return {};
  const numeric = config.loss?.type === 'mse' || config.loss?.type === 'mae';
  const task = config.task ?? { type: numeric ? 'regression' : 'classification' };
  const loss = config.loss ?? { type: task.type === 'classification' ? 'cross_entropy' : 'mse' };
  return { task, loss } as Partial<TrialConfig>;
}

const SKIPPED = new Set(['seed', 'vars', 'model']);

/** A new config (or its sections without the seed) with every default filled in; the given one is not changed. */
export function withDefaults<T extends Partial<TrialConfig>>(config: T): T {
  const sections = experimentSchema().properties ?? {};
  const out: Record<string, unknown> = {};
  const completed = { ...config, ...implied(config) };
  for (const key of TRIAL_KEYS) {
    const value = (completed as Record<string, unknown>)[key];
    if (value === undefined) continue;
    out[key] = SKIPPED.has(key) ? value : fill(sections[key], value);
  }
  return derived(out as Partial<TrialConfig>) as T;
}

/**
 * `report:` with its schema defaults (layout, width, plots, each column's scale, precision, format
 * and direction, the significance test), applied once where a table is built: the report is not a
 * part of a trial's config, so withDefaults does not see it.
 */
export function reportWithDefaults(report: ReportSpec | undefined): ResolvedReport {
  const schema = (ExperimentSchema as unknown as Schema).properties?.report as Schema;
  const filled = fill(schema, report ?? {}) as ReportSpec;
  const columns = filled.columns?.map(columnWithDefaults);
  return { ...filled, ...(columns ? { columns } : {}), significance: fill(schema.properties?.significance as Schema, report?.significance ?? {}) } as ResolvedReport;
}

/**
 * A report column with the look of its metric (libs/spec's METRICS and trial columns): header,
 * scale, precision, format and direction, each unless the column sets it. A column no registry
 * knows (validation refuses those) keeps its name as header, scale 1, 2 decimals, not ranked.
 */
export function columnWithDefaults(column: ReportColumnSpec): ResolvedReportColumn {
  const entry = columnEntry(column.metric);
  const scale = column.scale ?? entry?.scale ?? 1;
  const prefix = column.metric.startsWith('val.') ? 'Val. ' : column.metric.startsWith('train.') ? 'Train ' : '';
  const label = column.label ?? (entry ? prefix + columnLabel(entry, scale) : column.metric);
  return { ...column, label, scale, precision: column.precision ?? entry?.precision ?? 2, format: column.format ?? entry?.format ?? 'fixed', better: column.better ?? entry?.better ?? 'none' };
}

/**
 * `search:` with its defaults: the sampler (TPE) and pruner (none) with their options, the study's
 * seed (the experiment's first seed) and the direction (minimize for a loss-like metric). Like the
 * report, the search is not part of a trial's config: applied once, where the study is planned.
 */
export function searchWithDefaults(search: SearchSpec, experimentSeed: number): ResolvedSearch {
  const schema = (ExperimentSchema as unknown as Schema).properties?.search as Schema;
  const filled = fill(schema, { sampler: { type: 'tpe' }, pruner: { type: 'none' }, ...search }) as SearchSpec;
  return {
    ...filled,
    sampler: filled.sampler as ResolvedSearch['sampler'],
    pruner: filled.pruner as ResolvedSearch['pruner'],
    seed: search.seed ?? experimentSeed,
    direction: search.direction ?? (monitorMode(search.metric) === 'min' ? 'minimize' : 'maximize'),
  };
}

/** A value withDefaults has filled in: reading it from a config that skipped resolution is a bug in ablate, not a missing default. */
export function defaulted<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw new Error(`${path} has no value: the config was not resolved with withDefaults`);
  return value;
}
