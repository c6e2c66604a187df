import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, writing } from '@ablate/spec';
import { expansionSummary } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { resultsDirOf } from './experiment-report';
import { arrayScript, reportScript, submitScript, type SlurmJob } from './slurm-scripts';

const options = {
  ...EXPERIMENT_OPTIONS,
  shards: { type: 'string', required: true, description: 'Number of array tasks; each runs every n-th trial (--shard i/n).' },
  cpus: { type: 'string', description: 'CPUs per task (default 4); the native kernels use them all.' },
  time: { type: 'string', description: 'Time limit per task (default 24:00:00).' },
  partition: { type: 'string', description: 'Slurm partition.' },
  grace: { type: 'string', description: 'Seconds before a task is preempted or reaches --time when Slurm sends it SIGTERM (default 300): ablate writes a checkpoint at the end of the running epoch, so an epoch must fit in it; the task then requeues itself and resumes.' },
} as const;

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
    const grace = Number(opts.grace ?? 300);
    if (!Number.isInteger(grace) || grace < 1) throw new UserError(`--grace ${opts.grace} is not a whole number of seconds >= 1.`, { hint: 'Give the seconds an epoch and its checkpoint need, e.g. --grace 600.' });
    const dir = join(resultsDirOf(plan), 'slurm');
    const job: SlurmJob = { name: plan.expansion.name, experiment: opts.experiment as string, set: opts.set ?? [], shards, cpus, time: opts.time ?? '24:00:00', partition: opts.partition, grace, dir: relative(process.cwd(), dir) || '.' };
    const scripts = { 'run.sbatch': arrayScript(job), 'report.sbatch': reportScript(job), 'submit.sh': submitScript(job) };
    for (const [name, text] of Object.entries(scripts)) {
      const file = join(dir, name);
      writing(file, () => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, text, { mode: 0o755 });
      });
    }
    io.out(`${plan.loaded.display}: ${expansionSummary(plan.expansion)} in ${shards} shards.\nwrote ${job.dir}/run.sbatch (the array job), report.sbatch (the tables, once every task has ended) and submit.sh; from this directory, on the cluster's shared filesystem: bash ${job.dir}/submit.sh\n`);
    return 0;
  },
};
