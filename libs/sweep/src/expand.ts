/**
 * Phase 3, expand: an experiment becomes its trials — variants × grid points × seeds, in that
 * order — each fully resolved, schema-checked and identified by the hash of its config.
 * Everything is built and checked before anything runs (a bad grid point fails the whole sweep
 * up front, not after an hour of training).
 */
import { TRIAL_KEYS, UserError, UserErrors, withDefaults, type Experiment, type TrialConfig } from '@ablate/spec';
import { schemaProblems, type Json, type JsonObject, type SourceDoc } from '@ablate/config';
import { gridAxes, gridPoints } from './grid';
import { applyGridPoint, applyVariant, resolveTemplates, type Patched } from './resolve-config';
import { deepFreeze } from './freeze';
import { canonicalJson } from './canonical-json';
import { trialId } from './trial-id';
import type { Expansion, GridValue, Trial } from './trial';
import { searchPlan } from './search-plan';
import { monitorProblems } from './monitor-problems';

export function trialSeeds(experiment: Experiment): number[] {
  if (experiment.seeds) return [...experiment.seeds];
  const first = experiment.seed ?? 0;
  return Array.from({ length: experiment.repeats ?? 1 }, (_, i) => first + i);
}

function baseOf(doc: SourceDoc): Patched {
  const all = doc.value as JsonObject;
  const value: JsonObject = {};
  for (const key of TRIAL_KEYS) if (key !== 'seed' && all[key] !== undefined) value[key] = all[key];
  return { value, positions: doc.positions };
}

/** `variant "w/o BN", optimizer.lr=0.1`, or '' for the base. */
function describePoint(variant: string | undefined, point: readonly GridValue[]): string {
  return [...(variant === undefined ? [] : [`variant "${variant}"`]), ...point.map((g) => `${g.path}=${JSON.stringify(g.value)}`)].join(', ');
}

function withContext(error: UserError, context: string): UserError {
  const message = context ? `${error.message.replace(/\.$/, '')} (in the trials of ${context}).` : error.message;
  return new UserError(message, { at: error.at, path: error.path, hint: error.hint });
}

/** The config with its keys in canonical order and the seed first. Frozen: configs are shared and memoised (see canonical-json.ts). */
function trialConfig(resolved: JsonObject, seed: number): TrialConfig {
  const config: JsonObject = { seed };
  for (const key of TRIAL_KEYS) if (key !== 'seed' && resolved[key] !== undefined) config[key] = resolved[key];
  return config as unknown as TrialConfig;
}

/** The content fingerprint of a trial's dataset (see libs/data's dataFingerprint), made part of its id. */
export type DataFingerprint = (dataset: TrialConfig['dataset']) => string;

export function expandExperiment(experiment: Experiment, doc: SourceDoc, name: string, fingerprint?: DataFingerprint): Expansion {
  const fingerprints = new Map<string, string>();
  const dataOf = (config: TrialConfig) => {
    if (!fingerprint) return undefined;
    const key = canonicalJson(config.dataset);
    if (!fingerprints.has(key)) fingerprints.set(key, fingerprint(config.dataset));
    return fingerprints.get(key);
  };
  const axes = gridAxes(experiment.grid as Record<string, unknown[]> | undefined);
  const keyOf = new Map(axes.flatMap((a) => a.paths.map((p) => [p, a.key] as const)));
  const points = gridPoints(axes);
  const variants: Array<[string | undefined, JsonObject]> = experiment.variants
    ? Object.entries(experiment.variants).map(([n, patch]) => [n, patch as JsonObject])
    : [[undefined, {}]];
  const seeds = trialSeeds(experiment);
  const base = baseOf(doc);
  const trials: Trial[] = [];
  const errors: UserError[] = [];

  // One point (a grid point, or a search's proposal): resolved once, checked, then one trial per seed.
  const pointTrials = (patched: Patched, point: readonly GridValue[], context: string, pointSeeds: readonly number[], first: number, keyed: (p: string) => string, section: string, extra: Partial<Trial> = {}): Trial[] => {
    let resolved: JsonObject;
    let positions;
    try {
      const full = applyGridPoint(patched, point, keyed, section);
      positions = full.positions;
      resolved = resolveTemplates(full);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      errors.push(withContext(error, context));
      return [];
    }
    const schemaErrors = schemaProblems(trialConfig(resolved, pointSeeds[0]) as unknown as JsonObject, positions);
    const problems = schemaErrors.length > 0 ? schemaErrors : monitorProblems(resolved, positions);
    if (problems.length > 0) {
      errors.push(...problems.map((p) => withContext(p, context)));
      return [];
    }
    deepFreeze(resolved);
    // The id covers what the experiment says; the trial runs (and records) it with every default filled in.
    const filled = deepFreeze(withDefaults(resolved as Partial<TrialConfig>) as JsonObject);
    return pointSeeds.map((seed, i) => {
      const explicit = deepFreeze(trialConfig(resolved, seed));
      return { id: trialId(explicit, dataOf(explicit)), index: first + i, variant: extra.variant, grid: [...point], seed, config: deepFreeze(trialConfig(filled, seed)), ...(extra.proposal !== undefined ? { proposal: extra.proposal } : {}) };
    });
  };

  if (experiment.search) {
    const search = searchPlan(experiment.search, doc, seeds, (params, options) => {
      const point = Object.entries(params).map(([path, value]) => ({ path, value: value as Json }));
      const made = pointTrials(base, point, `proposal ${options.proposal} (${describePoint(undefined, point)})`, options.seeds ?? seeds, options.index, (p) => p, '/search/space', { proposal: options.proposal });
      throwIf(errors.splice(0));
      return made;
    });
    const first = search.trialsFor(search.first, { proposal: 0, index: 0 });
    return { name, trials: first, variants: [], gridPaths: Object.keys(experiment.search.space), seeds, search };
  }

  for (const [variant, patch] of variants) {
    const patched = variant === undefined ? base : applyVariant(base, variant, patch);
    for (const point of points) trials.push(...pointTrials(patched, point, describePoint(variant, point), seeds, trials.length, (p) => keyOf.get(p) ?? p, '/grid', { variant }));
  }
  throwIf(errors);
  checkDistinct(trials);
  return { name, trials, variants: variants.flatMap(([v]) => (v === undefined ? [] : [v])), gridPaths: axes.flatMap((a) => a.paths), seeds };
}

function throwIf(errors: UserError[]): void {
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new UserErrors(dedupe(errors));
}

function dedupe(errors: UserError[]): UserError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = e.format();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 50);
}

/** Two trials with the same config would share a results folder: the grid or variants repeat a point. */
function checkDistinct(trials: readonly Trial[]): void {
  const first = new Map<string, Trial>();
  for (const trial of trials) {
    const other = first.get(trial.id);
    if (other) {
      const label = (t: Trial) => describePoint(t.variant, t.grid) || 'the base';
      throw new UserError(`two trials have the same resolved config (${label(other)} and ${label(trial)}, seed ${trial.seed}), so they would be the same run.`, {
        hint: 'Make the variants or grid values differ in something that changes the run, or remove the duplicate.',
      });
    }
    first.set(trial.id, trial);
  }
}


