/** The report of one experiment's results folder (shared by `exec`, which ends with it, and `report`). */
import { resolve } from 'node:path';
import { writeReport, type ReportOutput, type ReportSource, type ResultRow } from '@ablate/report';
import { runningElsewhere, type Plan } from '@ablate/sweep';

export function resultsDirOf(plan: Plan): string {
  return resolve(plan.experiment.results_dir ?? 'results', plan.expansion.name);
}

/** An experiment's name in tables: report `name`, else its description, else its file name. */
export function experimentName(plan: Plan): string {
  return plan.experiment.report?.name ?? plan.experiment.description ?? plan.expansion.name;
}

/** What a report of the plan is made of (also `serve`'s page). */
export function reportSource(plan: Plan): ReportSource {
  return {
    rowName: experimentName(plan),
    ...(plan.experiment.description !== undefined ? { description: plan.experiment.description } : {}),
    name: plan.expansion.name,
    resultsDir: resultsDirOf(plan),
    trials: plan.expansion.trials,
    gridPaths: plan.expansion.gridPaths,
    hasVariants: plan.expansion.variants.length > 0,
    ...(plan.experiment.report !== undefined ? { report: plan.experiment.report } : {}),
  };
}

/** `rows`: the results when not read from the trial folders (runner:report --from-csv). */
export function reportPlan(plan: Plan, command: string, outDir?: string, rows?: ResultRow[]): Promise<ReportOutput> {
  return writeReport({ ...reportSource(plan), ...(outDir ? { outDir } : {}), ...(rows ? { rows } : {}), command });
}

/** The report's one-line summary; trials not run yet that another process (exec, worker, Slurm task) is running now are said to be. */
export function reportSummary(output: ReportOutput, shown: string, plan: Plan): string {
  const ids = new Set(plan.expansion.trials.map((t) => t.id));
  const running = runningElsewhere(resultsDirOf(plan)).filter((r) => ids.has(r.id));
  const done = output.rows.length - output.failed;
  const who = [...new Set(running.map((r) => (r.pid === undefined ? 'another process' : `pid ${r.pid}${r.host ? ` on ${r.host}` : ''}`)))];
  const elsewhere = running.length ? ` (${running.length} of them running now in ${who.join(', ')}: its report will include them, or run runner:report when it ends)` : '';
  const lines = [
    `report: ${done} finished trial(s)${output.failed ? `, ${output.failed} failed` : ''}${output.missing ? `, ${output.missing} not run yet${elsewhere}` : ''}; tables in ${shown}/table.tex, ${shown}/tabular.tex and ${shown}/table.md, all results in ${shown}/results.csv`,
    `the report page (table, figures, every trial; open it in a browser): ${shown}/report.html`,
    ...(output.plots.length ? [`plots in ${shown}/plots/: ${output.plots.join(', ')} (.svg${output.notices.length ? '' : ' and .pdf'})`] : []),
    ...output.notices.map((n) => `note: ${n}`),
  ];
  return lines.join('\n') + '\n';
}
