/**
 * Before a report draws what its networks learned (feature_maps, embedding, grad_cam plots), the
 * inspection files those plots read are written into the trial folders from the saved models: for
 * each variant and grid point, its finished trial of the lowest seed (the one the plot shows).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getBackend } from '@tensorflow/tfjs-core';
import { selectBackend } from '@ablate/backend';
import { inspectTrial, type InspectKind, type InspectRequest } from '@ablate/pipeline';
import type { Plan, Trial } from '@ablate/sweep';

const INSPECTED: readonly string[] = ['feature_maps', 'embedding', 'grad_cam'] satisfies InspectKind[];

/** `store`: the experiment's results folder; `trials`: its trials (a search's: every proposal's). */
export async function inspectForReport(plan: Plan, store: string, trials: readonly Trial[]): Promise<void> {
  const plots = plan.experiment.report?.plots;
  if (!Array.isArray(plots)) return;
  const requests = plots
    .map((p) => (typeof p === 'string' ? { type: p } : p))
    .filter((p) => INSPECTED.includes(p.type))
    .map(({ type, ...options }) => ({ kind: type, ...options }) as InspectRequest);
  if (requests.length === 0) return;
  const first = new Map<string, Trial>();
  for (const trial of trials) {
    if (!existsSync(join(store, trial.id, 'model', 'model.json'))) continue;
    const key = JSON.stringify([trial.variant ?? null, trial.grid]);
    const seen = first.get(key);
    if (!seen || trial.seed < seen.seed) first.set(key, trial);
  }
  if (first.size === 0) return;
  // After exec its backend is in place; `report` alone has none yet: the JavaScript CPU backend does.
  if (!getBackend()) await selectBackend('cpu');
  for (const trial of first.values()) await inspectTrial(trial, join(store, trial.id), dirname(plan.loaded.file), requests);
}
