/**
 * The scripts `ablate slurm` writes: an array job whose task i runs shard i of n, a report job that
 * runs once after every task has ended (`--dependency=afterany`, so also after a failed or timed
 * out task: the report covers what finished), and submit.sh, which submits both. Every job starts
 * in $SLURM_SUBMIT_DIR, the directory sbatch was called from: the workspace, on a shared filesystem.
 * A task that is preempted or reaches its time limit gets SIGTERM `grace` seconds before the end
 * (`--signal=B:TERM@<grace>`, to the script, which passes it on): ablate writes a checkpoint at
 * the running epoch's end and exits 143, and the task requeues itself (`--requeue`; `scontrol
 * requeue`) to resume from it. Its log is appended to, not overwritten, when it comes back.
 */
export interface SlurmJob {
  name: string;
  experiment: string;
  set: readonly string[];
  shards: number;
  cpus: number;
  time: string;
  partition?: string;
  /** Seconds before the end of a task when Slurm sends it SIGTERM: enough for an epoch and a checkpoint. */
  grace: number;
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
    ...header(job, `ablate-${job.name}`, [
      `#SBATCH --array=0-${job.shards - 1}`,
      `#SBATCH --cpus-per-task=${job.cpus}`,
      `#SBATCH --time=${job.time}`,
      `#SBATCH --output=${job.dir}/%A_%a.out`,
      '#SBATCH --open-mode=append',
      `#SBATCH --signal=B:TERM@${job.grace}`,
      '#SBATCH --requeue',
    ]),
    `# Task i of ${job.shards} runs every ${job.shards}-th trial of ${job.experiment}; trial locks on the shared`,
    '# filesystem keep two tasks from running the same trial. report.sbatch writes the tables after all tasks.',
    `# Preempted, or ${job.grace} s before the time limit, Slurm sends this script SIGTERM: it passes it on to ablate,`,
    '# which writes a checkpoint at the end of the running epoch and exits 143; the task then requeues itself and',
    '# its next run resumes every unfinished trial from its checkpoint.',
    '# ablate runs as a child of this script, not under npx, whose shell would not pass the signal on.',
    "ablate_bin=$(npx --no-install -c 'command -v ablate')",
    `"$ablate_bin" exec --experiment ${quote(job.experiment)} --shard "\${SLURM_ARRAY_TASK_ID}/${job.shards}" --threads "\${SLURM_CPUS_PER_TASK}"${sets} --quiet --no-report &`,
    'ablate=$!',
    'trap \'kill -TERM "$ablate" 2>/dev/null || true\' TERM',
    'set +e',
    'wait "$ablate"',
    'status=$?',
    '# A trapped signal ends `wait` early: wait on until ablate has written its checkpoint and exited.',
    'while kill -0 "$ablate" 2>/dev/null; do',
    '  wait "$ablate"',
    '  status=$?',
    'done',
    'if [ "$status" -eq 143 ]; then',
    '  echo "ablate stopped on SIGTERM after a checkpoint: requeueing ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} to resume"',
    '  scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}" || true',
    'fi',
    'exit "$status"',
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
