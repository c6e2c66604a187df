/** `runner:validate --list`: one row per trial — number, id, variant, grid values, seed. */
import type { Expansion } from './trial';
import { textTable } from '@ablate/spec';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function trialTable(expansion: Expansion): string {
  const hasVariants = expansion.variants.length > 0;
  const headers = ['#', 'id', ...(hasVariants ? ['variant'] : []), ...expansion.gridPaths, 'seed'];
  const rows = expansion.trials.map((t) => [
    String(t.index + 1),
    t.id,
    ...(hasVariants ? [t.variant ?? ''] : []),
    ...expansion.gridPaths.map((p) => show(t.grid.find((g) => g.path === p)?.value)),
    String(t.seed),
  ]);
  return textTable(headers, rows);
}

/** "54 trials = 2 variants x 9 grid points x 3 seeds". */
export function expansionSummary(expansion: Expansion): string {
  const n = expansion.trials.length;
  const variants = Math.max(1, expansion.variants.length);
  const points = n / variants / expansion.seeds.length;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${plural(n, 'trial')} = ${plural(variants, 'variant')} x ${plural(points, 'grid point')} x ${plural(expansion.seeds.length, 'seed')}`;
}
