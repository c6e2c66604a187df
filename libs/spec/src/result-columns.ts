/**
 * The names results are recorded under, so that a report column can be checked before anything
 * runs: `test.<metric>`, `val.<metric>`, `corrupt.<condition>.<metric>` (a condition is
 * `gaussian_noise@snr_db=20`: one per corruption level), and the model-size and time columns.
 */
import { extensions } from './registry/extensions';
import { METRICS, TRIAL_COLUMN_REGISTRY } from './registry/metrics';
import type { Experiment } from './schema/experiment';
import type { CorruptionSpec } from './types';

/** Every metric an evaluation can record, plug-ins' included (which ones depends on the task: see METRICS). */
export function resultMetrics(): string[] {
  return METRICS.names();
}

/** Columns of every finished trial besides its metrics. */
export const TRIAL_COLUMNS: readonly string[] = TRIAL_COLUMN_REGISTRY.names();

export interface CorruptionCondition {
  spec: CorruptionSpec;
  /** The parameter holding the levels: snr_db, fraction, size, or a plug-in corruption's. */
  parameter: string;
  level: number;
  /** `gaussian_noise@snr_db=20` — the key results are recorded under. */
  key: string;
}

const levels = (value: number | number[]) => (Array.isArray(value) ? value : [value]);

/** The parameter holding a corruption's levels: the built-ins', or the one a plug-in's corruption names. */
function levelParameter(type: string): string {
  const builtIn: Record<string, string> = { gaussian_noise: 'snr_db', band_dropout: 'fraction', occlusion: 'size' };
  return builtIn[type] ?? extensions().find((e) => e.kind === 'corruption' && e.name === type)?.level ?? 'level';
}

export function corruptionConditions(specs: readonly CorruptionSpec[] | undefined): CorruptionCondition[] {
  return (specs ?? []).flatMap((spec) => {
    const parameter = levelParameter(spec.type);
    const values = levels((spec as unknown as Record<string, number | number[]>)[parameter]);
    return values.map((level) => ({ spec, parameter, level, key: `${spec.type}@${parameter}=${level}` }));
  });
}

/** Every column name a report of this experiment can show. */
export function resultColumns(experiment: Pick<Experiment, 'evaluation'>): string[] {
  const conditions = corruptionConditions(experiment.evaluation?.corruptions).map((c) => `corrupt.${c.key}`);
  return [...['test', 'val', ...conditions].flatMap((prefix) => resultMetrics().map((m) => `${prefix}.${m}`)), ...TRIAL_COLUMNS];
}
