/**
 * The results of an experiment's trials, read from their folders: one row per trial on disk that
 * belongs to the experiment as it is now (other folders, from earlier versions of the file, are
 * counted but not reported), with every number flattened into a named column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, TRIAL_COLUMN_REGISTRY } from '@ablate/spec';

/** What a report needs to know about a trial (a structural subset of libs/sweep's Trial). */
export interface TrialInfo {
  id: string;
  index: number;
  variant?: string;
  grid: ReadonlyArray<{ path: string; value: unknown }>;
  seed: number;
}

export interface ResultRow {
  trial: TrialInfo;
  /** pruned: a search's pruner stopped it (its validation metrics only; it is in no mean). */
  status: 'done' | 'failed' | 'pruned';
  reason?: string;
  /** test.oa, val.loss, corrupt.gaussian_noise@snr_db=20.oa, params, train_seconds, ... */
  values: Record<string, number>;
  classNames?: string[];
  dir: string;
}

interface MetricsFile {
  status: 'done' | 'failed' | 'pruned';
  reason?: string;
  test?: Record<string, number>;
  val?: Record<string, number>;
  corruptions?: Record<string, Record<string, number>>;
  test_per_class?: { classes: string[] };
  params?: { trainable: number; non_trainable: number; macs: number };
  epochs?: number;
  best_epoch?: number;
  pruned?: { epoch: number; rule: string };
}

function flatten(metrics: MetricsFile, timing: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics.test ?? {})) out[`test.${k}`] = v;
  for (const [k, v] of Object.entries(metrics.val ?? {})) out[`val.${k}`] = v;
  for (const [condition, values] of Object.entries(metrics.corruptions ?? {})) for (const [k, v] of Object.entries(values)) out[`corrupt.${condition}.${k}`] = v;
  if (metrics.params) {
    out.params = metrics.params.trainable;
    out.non_trainable_params = metrics.params.non_trainable;
    out.macs = metrics.params.macs;
  }
  if (metrics.epochs !== undefined) out.epochs = metrics.epochs;
  if (metrics.best_epoch !== undefined) out.best_epoch = metrics.best_epoch;
  for (const key of ['train_seconds', 'seconds_per_epoch']) if (timing[key] !== undefined) out[key] = timing[key];
  return out;
}

export function collectResults(resultsDir: string, trials: readonly TrialInfo[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const trial of trials) {
    const dir = join(resultsDir, trial.id);
    const file = join(dir, 'metrics.json');
    if (!existsSync(file)) continue;
    const metrics = JSON.parse(readFileSync(file, 'utf8')) as MetricsFile;
    const timingFile = join(dir, 'timing.json');
    const timing = existsSync(timingFile) ? (JSON.parse(readFileSync(timingFile, 'utf8')) as Record<string, number>) : {};
    // A pruned trial's reason is the epoch and rule that stopped it.
    const reason = metrics.reason ?? (metrics.pruned ? `after epoch ${metrics.pruned.epoch}: ${metrics.pruned.rule}` : undefined);
    rows.push({ trial, status: metrics.status, ...(reason ? { reason } : {}), values: flatten(metrics, timing), ...(metrics.test_per_class ? { classNames: metrics.test_per_class.classes } : {}), dir });
  }
  return rows;
}

/** Metric columns in a stable, readable order: test, then validation, corruptions, model size, time. */
export function metricColumns(rows: readonly ResultRow[]): string[] {
  const all = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.values)) all.add(key);
  // The registries' order, the loss last.
  const first = [...METRICS.names().filter((m) => m !== 'loss'), 'loss'];
  const other = TRIAL_COLUMN_REGISTRY.names();
  const rank = (key: string) => {
    const [group, ...rest] = key.split('.');
    const groupRank = ['test', 'val', 'corrupt'].indexOf(group);
    const metric = rest[rest.length - 1] ?? '';
    const order = groupRank < 0 ? other.indexOf(key) : first.indexOf(metric);
    return [groupRank < 0 ? 3 : groupRank, group === 'corrupt' ? rest.slice(0, -1).join('.') : '', order < 0 ? 99 : order, key] as const;
  };
  return [...all].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}
