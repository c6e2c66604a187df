import { relative } from 'node:path';

/**
 * How a file is named in messages: relative to `cwd` while that stays short (at most two `..`),
 * else absolute, so that `/tmp/x.yaml` seen from a deep checkout is not `../../../../tmp/x.yaml`.
 */
export function displayRelative(cwd: string): (absolute: string) => string {
  return (absolute) => {
    const rel = relative(cwd, absolute);
    return rel.split('/').filter((s) => s === '..').length > 2 ? absolute : rel || '.';
  };
}
