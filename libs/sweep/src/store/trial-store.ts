/**
 * The trial store: results/<experiment>/<trial-id>/, one folder per finished trial (done or
 * failed). A trial is written into its draft folder, .partial/<trial-id>/, and renamed into place
 * only when complete, so a reader — or a resumed sweep — never sees half a trial. Only the
 * process holding the trial's lock touches its draft. A killed trial's draft keeps its last
 * checkpoint (.partial/<trial-id>/checkpoint/, see checkpoint-dir.ts) for the next run of the
 * trial, which clears the rest; drafts of the older naming (<id>-<pid>-<random>) left by a killed
 * process are removed when the store is next opened.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFailure, writing } from '@ablate/spec';
import { CheckpointDir } from './checkpoint-dir';

/** `pruned`: a search's pruner stopped the trial early; it is finished (not run again) and not a failure. */
export type TrialStatus = 'done' | 'failed' | 'pruned' | 'missing';

export const METRICS_FILE = 'metrics.json';
const PARTIAL = '.partial';
const LOCKS = '.locks';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Trials of a results folder that another live process is running now (their locks), with who
 * holds them; a lock from another host counts as live. Reads only: a report may call it on a
 * folder it cannot write.
 */
export function runningElsewhere(resultsDir: string): Array<{ id: string; host?: string; pid?: number }> {
  const dir = join(resultsDir, LOCKS);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((id) => {
    let holder: { host?: string; pid?: number } = {};
    try {
      holder = JSON.parse(readFileSync(join(dir, id), 'utf8'));
    } catch {
      // half-written by its owner: held
    }
    const mine = holder.host === hostname() && holder.pid === process.pid;
    const dead = holder.host === hostname() && holder.pid !== undefined && !alive(holder.pid);
    return mine || dead ? [] : [{ id, ...holder }];
  });
}

/**
 * Who holds a lock: this host and process, and under Slurm the job (array job and task) — a
 * requeued job keeps its id, so a lock its killed run left on another node is its own.
 */
function holderOf(): { host: string; pid: number; slurm?: string } {
  const job = process.env.SLURM_ARRAY_JOB_ID ? `${process.env.SLURM_ARRAY_JOB_ID}_${process.env.SLURM_ARRAY_TASK_ID ?? ''}` : process.env.SLURM_JOB_ID;
  return { host: hostname(), pid: process.pid, ...(job ? { slurm: job } : {}) };
}

/** A lock whose holder cannot be running: a dead process of this host, or an earlier run of this Slurm job. */
function stale(holder: { host?: string; pid?: number; slurm?: string }): boolean {
  if (holder.host === hostname() && holder.pid !== undefined && !alive(holder.pid)) return true;
  const me = holderOf();
  return me.slurm !== undefined && holder.slurm === me.slurm && !(holder.host === me.host && holder.pid === me.pid);
}

export class TrialDraft {
  /** The trial's last checkpoint, kept across kills until the trial is committed. */
  readonly checkpoint: CheckpointDir;

  constructor(
    readonly dir: string,
    private readonly target: string,
  ) {
    this.checkpoint = new CheckpointDir(dir);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, content: string | Uint8Array): void {
    writing(join(this.target, name), () => writeFileSync(join(this.dir, name), content));
  }

  writeJson(name: string, value: unknown): void {
    this.write(name, JSON.stringify(value, null, 2) + '\n');
  }

  /** Moves the draft into place (without its checkpoint), replacing an earlier result of the same trial (a rerun). */
  commit(): void {
    this.checkpoint.remove();
    writing(this.target, () => {
      if (existsSync(this.target)) {
        const old = `${this.dir}.replaced`;
        renameSync(this.target, old);
        renameSync(this.dir, this.target);
        rmSync(old, { recursive: true, force: true });
      } else {
        renameSync(this.dir, this.target);
      }
    });
  }

  /** Removes what the draft holds but its checkpoint, which the next run of the trial resumes from. */
  abandon(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) if (!this.checkpoint.owns(name)) rmSync(join(this.dir, name), { recursive: true, force: true });
    if (readdirSync(this.dir).length === 0) rmSync(this.dir, { recursive: true, force: true });
  }
}

export class TrialStore {
  constructor(readonly dir: string) {
    writing(dir, () => {
      mkdirSync(join(dir, PARTIAL), { recursive: true });
      mkdirSync(join(dir, LOCKS), { recursive: true });
    });
    this.removeStaleDrafts();
  }

  /**
   * Takes the trial's lock (a file created exclusively, so two processes — on one machine or on
   * a shared filesystem — never run the same trial). A lock whose process is gone from this host
   * is stale and taken over. False when another live process holds it.
   */
  lock(id: string): boolean {
    const file = join(this.dir, LOCKS, id);
    const mine = JSON.stringify(holderOf());
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, mine, { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') writeFailure(error, file);
        let holder: { host?: string; pid?: number } = {};
        try {
          holder = JSON.parse(readFileSync(file, 'utf8'));
        } catch {
          // half-written by its owner: treat as held
        }
        if (stale(holder)) rmSync(file, { force: true });
        else return false;
      }
    }
    return false;
  }

  unlock(id: string): void {
    rmSync(join(this.dir, LOCKS, id), { force: true });
  }

  /** Drafts of the older naming (<id>-<pid>-<random>, no checkpoint) whose process is gone hold nothing worth keeping. */
  private removeStaleDrafts(): void {
    for (const name of readdirSync(join(this.dir, PARTIAL))) {
      const old = /^[0-9a-f]+-(\d+)-[0-9a-f]{6}(\.replaced)?$/.exec(name);
      if (old && !alive(Number(old[1]))) rmSync(join(this.dir, PARTIAL, name), { recursive: true, force: true });
    }
  }

  trialDir(id: string): string {
    return join(this.dir, id);
  }

  /** The draft folder of a trial being run (or killed while it ran). */
  draftDir(id: string): string {
    return join(this.dir, PARTIAL, id);
  }

  status(id: string): TrialStatus {
    const file = join(this.dir, id, METRICS_FILE);
    if (!existsSync(file)) return 'missing';
    try {
      const status = (JSON.parse(readFileSync(file, 'utf8')) as { status?: string }).status;
      return status === 'failed' || status === 'pruned' ? status : 'done';
    } catch {
      return 'missing';
    }
  }

  /**
   * The trial's draft, for the process that holds its lock: what an earlier, killed run of it
   * left is cleared, except its checkpoint.
   */
  begin(id: string): TrialDraft {
    const dir = this.draftDir(id);
    const draft = new TrialDraft(dir, this.trialDir(id));
    writing(dir, () => {
      rmSync(`${dir}.replaced`, { recursive: true, force: true });
      draft.abandon();
      mkdirSync(dir, { recursive: true });
    });
    return draft;
  }

  /** Ids of the trials on disk (finished or failed). */
  trials(): string[] {
    return readdirSync(this.dir).filter((name) => !name.startsWith('.') && existsSync(join(this.dir, name, METRICS_FILE)));
  }
}
