/**
 * A search's study as the runner drives it: which trial runs next, decided under the study's lock
 * from what is on disk (so that any number of processes, on one machine or on a cluster's shared
 * filesystem, share one budget and never run a proposal twice), the pruning check each trial asks
 * after its epochs, and the confirmation runs.
 *
 * The next trial is the first unfinished trial of an existing proposal that no process is running
 * (a killed run's proposal is resumed before anything new), else a new proposal while the budget
 * lasts: proposal k's params come from proposeParams with the history rebuilt from the trial
 * folders at that moment. In one process that history is always proposals 0..k-1, finished: the
 * proposals depend only on the study's seed and are the same however often the run was killed.
 * With several processes a proposal sees whatever had finished when it was made (as in Optuna):
 * the sequence then depends on timing, though each proposal, once written, is final.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError, writing } from '@ablate/spec';
import { INTERMEDIATE_FILE, proposeParams, pruneDecision, runningElsewhere, StudyStore, type Confirmation, type Intermediate, type Proposal, type SearchPlan, type Trial, type TrialDraft, type TrialStore } from '@ablate/sweep';
import type { HistoryRow } from '@ablate/training';

/** What the study holds now, for the end of the run. */
export interface StudyState {
  proposals: number;
  complete: number;
  pruned: number;
  failed: number;
  running: number;
  best?: { index: number; value: number };
}

export class Study {
  readonly disk: StudyStore;

  constructor(
    readonly plan: SearchPlan,
    readonly store: TrialStore,
    /** When this process started (ms since the epoch): its share of the study's clock starts there. */
    private readonly started = Date.now(),
  ) {
    this.disk = new StudyStore(store);
  }

  private get metric(): string {
    return this.plan.spec.metric;
  }

  /** A proposal's trials (one per seed, or the confirmation's seeds). */
  trialsOf(proposal: Proposal, seeds: readonly number[] = proposal.seeds, index = proposal.index * this.plan.seeds.length): Trial[] {
    return this.plan.trialsFor(proposal.params, { proposal: proposal.index, index, seeds });
  }

  /** The trial `id` of proposal `index` (a search trial, or a confirmation run of it), for a worker process. */
  trialOf(id: string, index: number): Trial | undefined {
    const proposal = this.disk.proposal(index);
    if (!proposal) return undefined;
    if (proposal.trials.includes(id)) return this.trialsOf(proposal).find((t) => t.id === id);
    const confirmation = this.disk.confirmation();
    return confirmation ? this.trialsOf(proposal, confirmation.seeds).find((t) => t.id === id) : undefined;
  }

  /** Whether the budget allows another proposal, with `count` made and `seconds` of study time. */
  private budgetLeft(count: number, seconds: number): boolean {
    const { trials, hours } = this.plan.spec;
    return (trials === undefined || count < trials) && (hours === undefined || seconds < hours * 3600);
  }

  /**
   * The next trial to run, or undefined when the budget is spent and every proposal's trials are
   * finished or running (in `busy`, this process's, or elsewhere). Under the study's lock.
   */
  next(busy: ReadonlySet<string> = new Set()): Promise<Trial | undefined> {
    return this.disk.locked(() => {
      const seconds = this.disk.tick(this.started);
      const proposals = this.disk.proposals();
      const elsewhere = new Set(runningElsewhere(this.store.dir).map((r) => r.id));
      for (const proposal of proposals) {
        const state = this.disk.searchTrial(proposal, this.metric).state;
        // A pruned or failed configuration is finished: its other seeds are not run.
        if (state === 'pruned' || state === 'failed') continue;
        const open = proposal.trials.findIndex((id) => this.store.status(id) === 'missing' && !busy.has(id) && !elsewhere.has(id));
        if (open >= 0) return this.trialsOf(proposal)[open];
      }
      if (!this.budgetLeft(proposals.length, seconds)) return undefined;
      const index = proposals.length;
      const { space, sampler, seed, direction } = this.plan.spec;
      const params = proposeParams({ space, sampler, seed, index, direction, history: this.disk.history(this.metric, proposals) });
      const proposal: Proposal = { index, params: params as Proposal['params'], seeds: [...this.plan.seeds], trials: [] };
      const trials = this.trialsOf(proposal);
      this.disk.addProposal({ ...proposal, trials: trials.map((t) => t.id) });
      return trials[0];
    });
  }

  /**
   * The check a search trial asks after each epoch: its metric so far is written to its draft
   * (intermediate.json, where other processes read it), then the pruner decides from it and the
   * other proposals' curves. Confirmation runs record their curve but are never pruned, and no
   * trial is pruned after its last epoch.
   */
  prune = (trial: Trial, draft: TrialDraft): ((history: readonly HistoryRow[]) => string | undefined) => {
    const { metric } = this;
    const { pruner, direction } = this.plan.spec;
    const proposal = trial.proposal === undefined ? undefined : this.disk.proposal(trial.proposal);
    const searched = proposal !== undefined && proposal.trials.includes(trial.id);
    return (history) => {
      const row = history[history.length - 1];
      const columns = Object.keys(row).filter((k) => k.startsWith('val.'));
      if (columns.length > 0 && row[metric] === undefined) {
        throw new UserError(`the search metric ${metric} is not among the validation metrics this task records (${columns.join(', ')}).`, { path: 'search.metric', hint: `Use one of ${columns.join(', ')}.` });
      }
      if (columns.length === 0 && history.length === trial.config.training.epochs) {
        throw new UserError(`the search optimises ${metric}, but the trials have no validation set to measure it on.`, { path: 'search.metric', hint: 'Give the split a val: part (e.g. split: {type: given, val: 0.1}).' });
      }
      const values = history.map((r) => (r[metric] === undefined ? null : r[metric]));
      writeIntermediate(draft, { metric, values });
      // After its last epoch a trial has cost all it will: it completes (a rung there would only discard a finished result).
      if (!searched || pruner.type === 'none' || row[metric] === undefined || history.length >= trial.config.training.epochs) return undefined;
      const others = this.disk.history(metric).filter((t) => t.index !== trial.proposal);
      const decision = pruneDecision({ pruner, direction, epoch: history.length, values: values.map((v) => (v === null ? Number.NaN : v)), others });
      return decision.prune ? decision.rule : undefined;
    };
  };

  /**
   * The confirmation runs (`search.confirm`), chosen once the budget is spent and every proposal
   * finished: the `top` complete proposals by their value, each over the confirmation seeds.
   * `waiting`: proposals still running (another process's), when it cannot be chosen yet.
   */
  confirmTrials(): Promise<{ trials: Trial[]; waiting: number }> {
    const confirm = this.plan.spec.confirm;
    if (!confirm) return Promise.resolve({ trials: [], waiting: 0 });
    return this.disk.locked(() => {
      const seconds = this.disk.tick(this.started);
      const proposals = this.disk.proposals();
      let chosen = this.disk.confirmation();
      if (!chosen) {
        const history = this.disk.history(this.metric, proposals);
        const waiting = history.filter((t) => t.state === 'running').length;
        if (waiting > 0 || this.budgetLeft(proposals.length, seconds)) return { trials: [], waiting };
        const sign = this.plan.spec.direction === 'maximize' ? -1 : 1;
        const top = history
          .filter((t) => t.state === 'complete' && t.value !== undefined && Number.isFinite(t.value))
          .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.index - b.index)
          .slice(0, confirm.top);
        const made: Confirmation = { proposals: top.map((t) => t.index), seeds: [...this.plan.confirmSeeds], trials: {} };
        for (const index of made.proposals) made.trials[index] = this.trialsOf(proposals[index], made.seeds).map((t) => t.id);
        this.disk.setConfirmation(made);
        chosen = made;
      }
      const { seeds } = chosen;
      const base = proposals.length * this.plan.seeds.length;
      const trials = chosen.proposals.flatMap((index, rank) => this.trialsOf(proposals[index], seeds, base + rank * seeds.length));
      return { trials, waiting: 0 };
    });
  }

  /** The study as it is on disk. */
  state(): StudyState {
    const history = this.disk.history(this.metric);
    const count = (s: string) => history.filter((t) => t.state === s).length;
    const sign = this.plan.spec.direction === 'maximize' ? 1 : -1;
    let best: StudyState['best'];
    for (const t of history) if (t.state === 'complete' && t.value !== undefined && (best === undefined || sign * (t.value - best.value) > 0)) best = { index: t.index, value: t.value };
    return { proposals: history.length, complete: count('complete'), pruned: count('pruned'), failed: count('failed'), running: count('running'), ...(best ? { best } : {}) };
  }
}

/** intermediate.json in the draft, replaced whole (a reader in another process never sees half of it). */
function writeIntermediate(draft: TrialDraft, intermediate: Intermediate): void {
  const file = draft.path(INTERMEDIATE_FILE);
  const tmp = `${file}.tmp`;
  writing(file, () => {
    try {
      writeFileSync(tmp, JSON.stringify(intermediate) + '\n');
      renameSync(tmp, file);
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}
