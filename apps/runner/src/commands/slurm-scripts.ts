/**
 * The scripts `ablate slurm` writes: an array job whose task i runs shard i of n, a report job that
 * runs once after every task has ended (`--dependency=afterany`, so also after a failed or timed
 * out task: the report covers what finished), and submit.sh, which submits both. Every job starts
 * in $SLURM_SUBMIT_DIR, the directory sbatch was called from: the workspace, on a shared filesystem.
 */
export interface SlurmJob {
  name: string;
  experiment: string;
  set: readonly string[];
  shards: number;
  cpus: number;
  time: string;
  partition?: string;
  /** The folder of the scripts and the jobs' logs, relative to the workspace. */
  dir: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function header(job: SlurmJob, name: string, lines: string[]): string[] {
  return ['#!/bin/bash', `#SBATCH --job-name=${name}`, ...lines, ...(job.partition ? [`#SBATCH --partition=${job.partition}`] : []), 'set -euo pipefail', 'cd "$SLURM_SUBMIT_DIR"'];
}

export function arrayScript(job: SlurmJob): string {
  const sets = job.set.map((s) => ` --set ${quote(s)}`).join('');
  return [
    ...header(job, `ablate-${job.name}`, [`#SBATCH --array=0-${job.shards - 1}`, `#SBATCH --cpus-per-task=${job.cpus}`, `#SBATCH --time=${job.time}`, `#SBATCH --output=${job.dir}/%A_%a.out`]),
    `# Task i of ${job.shards} runs every ${job.shards}-th trial of ${job.experiment}; trial locks on the shared`,
    '# filesystem keep two tasks from running the same trial. report.sbatch writes the tables after all tasks.',
    `npx ablate exec --experiment ${quote(job.experiment)} --shard "\${SLURM_ARRAY_TASK_ID}/${job.shards}" --threads "\${SLURM_CPUS_PER_TASK}"${sets} --quiet --no-report`,
    '',
  ].join('\n');
}

export function reportScript(job: SlurmJob): string {
  const sets = job.set.map((s) => ` --set ${quote(s)}`).join('');
  return [
    ...header(job, `ablate-${job.name}-report`, ['#SBATCH --cpus-per-task=1', '#SBATCH --time=01:00:00', `#SBATCH --output=${job.dir}/report_%j.out`]),
    '# Submitted by submit.sh with --dependency=afterany:<array job>: runs once, after every task has ended.',
    `npx ablate report --experiment ${quote(job.experiment)}${sets}`,
    '',
  ].join('\n');
}

export function submitScript(job: SlurmJob): string {
  return [
    '#!/bin/bash',
    `# Submits the ${job.shards} array tasks of ${job.name}, then its report job, which waits for all of them.`,
    `# Run it from the workspace (the jobs start where sbatch is called): bash ${job.dir}/submit.sh`,
    'set -euo pipefail',
    `if [ ! -f ${quote(job.experiment)} ]; then`,
    `  echo "submit.sh: ${job.experiment} is not here: run this from the ablate workspace, on the filesystem the nodes share" >&2`,
    '  exit 1',
    'fi',
    `array=$(sbatch --parsable ${job.dir}/run.sbatch)`,
    'array=${array%%;*}',
    `report=$(sbatch --parsable --dependency=afterany:"$array" ${job.dir}/report.sbatch)`,
    `echo "submitted array job $array (${job.shards} tasks) and report job $report (after all of them); logs in ${job.dir}/"`,
    '',
  ].join('\n');
}
