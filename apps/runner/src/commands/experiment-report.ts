/** The report of one experiment's results folder (shared by `exec`, which ends with it, and `report`). */
import { resolve } from 'node:path';
import { writeReport, type ReportOutput, type ReportSource, type ResultRow, type SearchReport } from '@ablate/report';
import { inspectForReport } from './inspect-for-report';
import { runningElsewhere, StudyStore, TrialStore, type Plan, type SearchPlan, type Trial } from '@ablate/sweep';

export function resultsDirOf(plan: Plan): string {
  return resolve(plan.experiment.results_dir ?? 'results', plan.expansion.name);
}

/** An experiment's name in tables: report `name`, else its description, else its file name. */
export function experimentName(plan: Plan): string {
  return plan.experiment.report?.name ?? plan.experiment.description ?? plan.expansion.name;
}

/**
 * A search's trials as its study has them on disk (every proposal's, then the confirmation runs),
 * and the report's view of the study: one row per proposal and the trials of the main table, the
 * best first (the confirmation runs when there are any, else the top proposals' own trials).
 */
function searchSource(search: SearchPlan, resultsDir: string): { trials: Trial[]; search: SearchReport } {
  const disk = new StudyStore(new TrialStore(resultsDir));
  const proposals = disk.proposals();
  const { spec, seeds } = search;
  const trials = proposals.flatMap((p) => search.trialsFor(p.params, { proposal: p.index, index: p.index * seeds.length, seeds: p.seeds }));
  const rows = disk.history(spec.metric, proposals).map((t) => {
    const last = [...(t.intermediate ?? [])].reverse().find((v) => v !== undefined);
    const value = t.state === 'pruned' ? last : t.value;
    return { index: t.index, params: t.params, state: t.state, ...(value !== undefined ? { value } : {}) };
  });
  const confirmation = disk.confirmation();
  const base = proposals.length * seeds.length;
  const confirmTrials = (confirmation?.proposals ?? []).flatMap((k, rank) => search.trialsFor(proposals[k].params, { proposal: k, index: base + rank * confirmation!.seeds.length, seeds: confirmation!.seeds }));
  const sign = spec.direction === 'maximize' ? -1 : 1;
  const top = rows
    .filter((r) => r.state === 'complete' && r.value !== undefined)
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.index - b.index)
    .slice(0, spec.confirm?.top ?? 5)
    .map((r) => r.index);
  const table = confirmation ? confirmTrials.map((t) => ({ id: t.id, proposal: t.proposal as number })) : top.flatMap((k) => proposals[k].trials.map((id) => ({ id, proposal: k })));
  const space = Object.fromEntries(Object.entries(spec.space).map(([path, p]) => [path, { type: p.type, ...(p.type === 'int' && p.log ? { log: true } : {}), ...(p.type === 'choice' ? { values: p.values } : {}) }]));
  return { trials: [...trials, ...confirmTrials], search: { metric: spec.metric, direction: spec.direction, space, rows, table, confirmed: confirmation !== undefined } };
}

/** What a report of the plan is made of (also `serve`'s page). */
export function reportSource(plan: Plan): ReportSource {
  const search = plan.expansion.search && searchSource(plan.expansion.search, resultsDirOf(plan));
  return {
    rowName: experimentName(plan),
    ...(plan.experiment.description !== undefined ? { description: plan.experiment.description } : {}),
    name: plan.expansion.name,
    resultsDir: resultsDirOf(plan),
    trials: search?.trials ?? plan.expansion.trials,
    gridPaths: plan.expansion.gridPaths,
    ...(search ? { search: search.search } : {}),
    hasVariants: plan.expansion.variants.length > 0,
    ...(plan.experiment.report !== undefined ? { report: plan.experiment.report } : {}),
  };
}

/** The trials of a plan: its expansion's, or for a search, every proposal's and confirmation run's on disk. */
export function trialsOf(plan: Plan): Trial[] {
  return plan.expansion.search ? searchSource(plan.expansion.search, resultsDirOf(plan)).trials : plan.expansion.trials;
}

/** `rows`: the results when not read from the trial folders (runner:report --from-csv). */
export async function reportPlan(plan: Plan, command: string, outDir?: string, rows?: ResultRow[]): Promise<ReportOutput> {
  // The plots of what the networks learned read files made from the saved models (not from a results.csv).
  if (!rows) await inspectForReport(plan, resultsDirOf(plan), trialsOf(plan));
  return writeReport({ ...reportSource(plan), ...(outDir ? { outDir } : {}), ...(rows ? { rows } : {}), command });
}

/** The report's one-line summary; trials not run yet that another process (exec, worker, Slurm task) is running now are said to be. */
export function reportSummary(output: ReportOutput, shown: string, plan: Plan): string {
  const ids = new Set(trialsOf(plan).map((t) => t.id));
  const running = runningElsewhere(resultsDirOf(plan)).filter((r) => ids.has(r.id));
  const pruned = output.rows.filter((r) => r.status === 'pruned').length;
  const done = output.rows.length - output.failed - pruned;
  const who = [...new Set(running.map((r) => (r.pid === undefined ? 'another process' : `pid ${r.pid}${r.host ? ` on ${r.host}` : ''}`)))];
  const elsewhere = running.length ? ` (${running.length} of them running now in ${who.join(', ')}: its report will include them, or run runner:report when it ends)` : '';
  const lines = [
    `report: ${done} finished trial(s)${output.failed ? `, ${output.failed} failed` : ''}${pruned ? `, ${pruned} pruned` : ''}${output.missing ? `, ${output.missing} not run yet${elsewhere}` : ''}; tables in ${shown}/table.tex, ${shown}/tabular.tex and ${shown}/table.md, all results in ${shown}/results.csv`,
    `the report page (table, figures, every trial; open it in a browser): ${shown}/report.html`,
    ...(output.plots.length ? [`plots in ${shown}/plots/: ${output.plots.join(', ')} (.svg${output.notices.length ? '' : ' and .pdf'})`] : []),
    ...output.notices.map((n) => `note: ${n}`),
  ];
  return lines.join('\n') + '\n';
}
