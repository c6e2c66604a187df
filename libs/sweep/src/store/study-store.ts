/**
 * A search's study on disk, beside its trial folders: results/<experiment>/search/
 *
 * - proposals/<k>.json: proposal k (its params, the seeds and the trial ids it makes), written
 *   whole (a temporary file renamed) under the study's lock before any of its trials runs, so a
 *   killed run resumes the same proposal and two processes never make the same k;
 * - clock.json: the study's wall time so far (for `hours:`), kept across runs;
 * - confirm.json: the best proposals re-run over more seeds (`confirm:`), chosen once.
 *
 * The sampler's history is never stored: it is read again, each time it is needed, from the
 * proposals and the trial folders (metrics.json, intermediate.json) and the drafts of the trials
 * still running (their intermediate.json, rewritten at each epoch).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writing } from '@ablate/spec';
import type { Json } from '@ablate/config';
import type { SearchTrial, TrialState } from '../search/types';
import { METRICS_FILE, type TrialStore } from './trial-store';

/** One configuration of the study and the trials (one per seed) that run it. */
export interface Proposal {
  index: number;
  params: Record<string, Json>;
  seeds: number[];
  trials: string[];
}

/** The confirmation runs: the best proposals (by index, best first) and their trials over the new seeds. */
export interface Confirmation {
  proposals: number[];
  seeds: number[];
  trials: Record<string, string[]>;
}

/** A trial's values of the search metric after each epoch (null where it did not validate), in its draft and then its folder. */
export const INTERMEDIATE_FILE = 'intermediate.json';
export interface Intermediate {
  metric: string;
  values: Array<number | null>;
}

/** The lock of the study (proposals, clock, confirmation), among the trial locks. */
const STUDY_LOCK = 'search';
const POLL_MS = 50;

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writing(file, () => {
    try {
      writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
      renameSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}

/** One trial's state for the sampler and the pruners. */
export interface TrialRecord {
  state: TrialState;
  value?: number;
  intermediate: Array<number | undefined>;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Per epoch, the mean over the trials that reported it. */
function meanCurve(curves: ReadonlyArray<ReadonlyArray<number | undefined>>): Array<number | undefined> {
  const length = Math.max(0, ...curves.map((c) => c.length));
  return Array.from({ length }, (_, e) => {
    const values = curves.map((c) => c[e]).filter((v): v is number => typeof v === 'number');
    return values.length ? mean(values) : undefined;
  });
}

export class StudyStore {
  readonly dir: string;

  constructor(readonly store: TrialStore) {
    this.dir = join(store.dir, 'search');
    writing(this.dir, () => mkdirSync(join(this.dir, 'proposals'), { recursive: true }));
  }

  /**
   * Runs `fn` holding the study's lock (shared with every process of the study, on a shared
   * filesystem too); waits while another process holds it (they hold it for milliseconds).
   */
  async locked<T>(fn: () => T): Promise<T> {
    while (!this.store.lock(STUDY_LOCK)) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    try {
      return fn();
    } finally {
      this.store.unlock(STUDY_LOCK);
    }
  }

  proposals(): Proposal[] {
    const dir = join(this.dir, 'proposals');
    return readdirSync(dir)
      .filter((name) => /^\d+\.json$/.test(name))
      .map((name) => readJson<Proposal>(join(dir, name)))
      .filter((p): p is Proposal => p !== undefined)
      .sort((a, b) => a.index - b.index);
  }

  proposal(index: number): Proposal | undefined {
    return readJson<Proposal>(join(this.dir, 'proposals', `${index}.json`));
  }

  /** Writes proposal k whole; under the lock, and only if it is new. */
  addProposal(proposal: Proposal): void {
    const file = join(this.dir, 'proposals', `${proposal.index}.json`);
    if (existsSync(file)) throw new Error(`proposal ${proposal.index} already exists in ${this.dir}`);
    writeAtomic(file, proposal);
  }

  /**
   * The study's wall time in seconds, counting this process's time since `since` (when it started,
   * ms) and what earlier or concurrent runs recorded; records it. Under the lock.
   */
  tick(since: number, now = Date.now()): number {
    const file = join(this.dir, 'clock.json');
    const clock = readJson<{ seconds: number; updated: number }>(file) ?? { seconds: 0, updated: 0 };
    const seconds = clock.seconds + Math.max(0, now - Math.max(clock.updated, since)) / 1000;
    writeAtomic(file, { seconds, updated: now });
    return seconds;
  }

  confirmation(): Confirmation | undefined {
    return readJson<Confirmation>(join(this.dir, 'confirm.json'));
  }

  setConfirmation(confirmation: Confirmation): void {
    writeAtomic(join(this.dir, 'confirm.json'), confirmation);
  }

  /** A trial's state and its metric per epoch: from its folder when finished, else from its draft. */
  trial(id: string, metric: string): TrialRecord {
    const folder = this.store.trialDir(id);
    const metrics = readJson<{ status: string; val?: Record<string, number> }>(join(folder, METRICS_FILE));
    const source = metrics ? folder : this.store.draftDir(id);
    const curve = (readJson<Intermediate>(join(source, INTERMEDIATE_FILE))?.values ?? []).map((v) => (v === null ? undefined : v));
    if (!metrics) return { state: 'running', intermediate: curve };
    if (metrics.status === 'failed') return { state: 'failed', intermediate: curve };
    if (metrics.status === 'pruned') return { state: 'pruned', intermediate: curve };
    const value = metrics.val?.[metric.replace(/^val\./, '')];
    return { state: 'complete', ...(value !== undefined ? { value } : {}), intermediate: curve };
  }

  /**
   * A proposal as the sampler sees it, from its trials: failed if one failed, pruned if one was
   * pruned, complete when all are done (its value the mean over the seeds), else running; its
   * curve the mean, per epoch, of its trials' curves.
   */
  searchTrial(proposal: Proposal, metric: string): SearchTrial {
    const records = proposal.trials.map((id) => this.trial(id, metric));
    const intermediate = meanCurve(records.map((r) => r.intermediate));
    const state: TrialState = records.some((r) => r.state === 'failed') ? 'failed' : records.some((r) => r.state === 'pruned') ? 'pruned' : records.every((r) => r.state === 'complete') ? 'complete' : 'running';
    const values = records.map((r) => r.value).filter((v): v is number => v !== undefined);
    const value = state === 'complete' && values.length === records.length ? mean(values) : undefined;
    return { index: proposal.index, params: proposal.params, state, ...(value !== undefined ? { value } : {}), intermediate };
  }

  /** The study's history, rebuilt from disk. */
  history(metric: string, proposals = this.proposals()): SearchTrial[] {
    return proposals.map((p) => this.searchTrial(p, metric));
  }
}
