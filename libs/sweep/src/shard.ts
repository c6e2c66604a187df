/** `--shard i/n`: a deterministic 1/n of an experiment's trials (every n-th in expansion order, from the i-th). */
import { UserError } from '@ablate/spec';
import type { Trial } from './trial';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index >= count) {
    throw new UserError(`--shard ${text} is not i/n with 0 <= i < n.`, { hint: 'For example --shard 0/4 runs the first of four shards (Slurm: --shard ${SLURM_ARRAY_TASK_ID}/4).' });
  }
  return { index, count };
}

export function shardOf<T extends Pick<Trial, 'index'>>(trials: readonly T[], shard: Shard | undefined): T[] {
  return shard ? trials.filter((t) => t.index % shard.count === shard.index) : [...trials];
}
