import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, writing } from '@ablate/spec';
import { expansionSummary } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { resultsDirOf } from './experiment-report';

const options = {
  ...EXPERIMENT_OPTIONS,
  shards: { type: 'string', required: true, description: 'Number of array tasks; each runs every n-th trial (--shard i/n).' },
  cpus: { type: 'string', description: 'CPUs per task (default 4); the native kernels use them all.' },
  time: { type: 'string', description: 'Time limit per task (default 24:00:00).' },
  partition: { type: 'string', description: 'Slurm partition.' },
} as const;

/** The sbatch script: one array task per shard, each running `exec --shard $SLURM_ARRAY_TASK_ID/n`. */
export function slurmScript(p: { name: string; root: string; experiment: string; set: readonly string[]; shards: number; cpus: number; time: string; partition?: string; logs: string }): string {
  const sets = p.set.map((s) => ` --set '${s.replace(/'/g, `'\\''`)}'`).join('');
  return [
    '#!/bin/bash',
    `# Runs the ${p.shards} shards of experiment ${p.name} as a Slurm array job. Submit with: sbatch ${p.logs}/run.sbatch`,
    '# Needs a filesystem shared by the nodes (results and trial locks live in results/); when the',
    `# array is done: npx nx run runner:report --experiment ${p.experiment}`,
    `#SBATCH --job-name=ablate-${p.name}`,
    `#SBATCH --array=0-${p.shards - 1}`,
    `#SBATCH --cpus-per-task=${p.cpus}`,
    `#SBATCH --time=${p.time}`,
    ...(p.partition ? [`#SBATCH --partition=${p.partition}`] : []),
    `#SBATCH --output=${p.logs}/%A_%a.out`,
    'set -euo pipefail',
    `cd ${p.root}`,
    `npx nx run runner:exec --experiment ${p.experiment} --shard \${SLURM_ARRAY_TASK_ID}/${p.shards} --threads \${SLURM_CPUS_PER_TASK}${sets} --quiet`,
    '',
  ].join('\n');
}

export const slurmCommand: Command = {
  name: 'slurm',
  summary: 'Writes a Slurm array-job script that runs the experiment in shards on a cluster.',
  options,
  async run(argv, io) {
    const opts = parseOptions('slurm', options, argv);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    const shards = Number(opts.shards);
    if (!Number.isInteger(shards) || shards < 1) throw new UserError(`--shards ${opts.shards} is not a whole number >= 1.`);
    const cpus = Number(opts.cpus ?? 4);
    const dir = join(resultsDirOf(plan), 'slurm');
    const logs = relative(process.cwd(), dir) || '.';
    const file = join(dir, 'run.sbatch');
    writing(file, () => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, slurmScript({ name: plan.expansion.name, root: process.cwd(), experiment: opts.experiment as string, set: opts.set ?? [], shards, cpus, time: opts.time ?? '24:00:00', partition: opts.partition, logs }), { mode: 0o755 });
    });
    io.out(`${plan.loaded.display}: ${expansionSummary(plan.expansion)} in ${shards} shards.\nwrote ${relative(process.cwd(), file)}; submit it with: sbatch ${relative(process.cwd(), file)}\n`);
    return 0;
  },
};
