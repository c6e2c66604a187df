/**
 * What `serve` watches in a results folder, reading only: the trials running now (a live lock and
 * a draft folder, where the trial rewrites history.csv at each epoch's end), and a cheap
 * signature of the folder that changes when a trial finishes or a running one ends an epoch.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningTrial, TrialInfo } from '@ablate/report';
import { runningElsewhere } from '@ablate/sweep';

const PARTIAL = '.partial';

/** Draft folders by trial id (`<id>` or the older `<id>.<pid>` naming). */
function drafts(resultsDir: string): Map<string, string> {
  const dir = join(resultsDir, PARTIAL);
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const id = /^[0-9a-f]+/.exec(name)?.[0];
    if (id) out.set(id, join(dir, name));
  }
  return out;
}

/** Trials of the experiment that a live process is running now, with their draft folders. */
export function runningTrials(resultsDir: string, trials: readonly TrialInfo[]): RunningTrial[] {
  const found = drafts(resultsDir);
  const live = new Set(runningElsewhere(resultsDir).map((r) => r.id));
  return trials.filter((t) => live.has(t.id) && found.has(t.id) && !existsSync(join(resultsDir, t.id, 'metrics.json'))).map((trial) => ({ trial, dir: found.get(trial.id) as string }));
}

const stamp = (file: string) => {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '-';
  }
};

/** Changes when a trial folder appears or goes, a lock is taken or released, or a draft's history grows. */
export function folderSignature(resultsDir: string): string {
  if (!existsSync(resultsDir)) return 'none';
  const names = readdirSync(resultsDir).sort();
  const locks = existsSync(join(resultsDir, '.locks')) ? readdirSync(join(resultsDir, '.locks')).sort() : [];
  const histories = [...drafts(resultsDir).values()].sort().map((d) => `${d}=${stamp(join(d, 'history.csv'))}`);
  return JSON.stringify([names, locks, histories, stamp(join(resultsDir, 'results.csv'))]);
}
