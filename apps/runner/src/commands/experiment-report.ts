/** The report of one experiment's results folder (shared by `exec`, which ends with it, and `report`). */
import { resolve } from 'node:path';
import { writeReport, type ReportOutput } from '@ablate/report';
import type { Plan } from '@ablate/sweep';

export function resultsDirOf(plan: Plan): string {
  return resolve(plan.experiment.results_dir ?? 'results', plan.expansion.name);
}

export function reportPlan(plan: Plan, command: string, outDir?: string): Promise<ReportOutput> {
  return writeReport({
    ...(outDir ? { outDir } : {}),
    name: plan.expansion.name,
    resultsDir: resultsDirOf(plan),
    trials: plan.expansion.trials,
    gridPaths: plan.expansion.gridPaths,
    hasVariants: plan.expansion.variants.length > 0,
    report: plan.experiment.report,
    command,
  });
}

export function reportSummary(output: ReportOutput, shown: string): string {
  const done = output.rows.length - output.failed;
  const lines = [`report: ${done} finished trial(s)${output.failed ? `, ${output.failed} failed` : ''}${output.missing ? `, ${output.missing} not run yet` : ''}; tables in ${shown}/table.tex and ${shown}/table.md, all results in ${shown}/results.csv`];
  return lines.join('\n') + '\n';
}
