/** `validate --list` and `exec`'s first line for a search: its space, sampler, pruner and budget. */
import { listOf, textTable } from '@ablate/spec';
import type { SearchPlan } from './trial';

const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** "up to 20 configurations (or 2 h) x 1 seed, tpe sampler, asha pruner, maximizing val.oa". */
export function searchSummary(search: SearchPlan): string {
  const { spec, seeds } = search;
  const budget = [...(spec.trials !== undefined ? [plural(spec.trials, 'configuration')] : []), ...(spec.hours !== undefined ? [`${spec.hours} h`] : [])].join(' or ');
  const confirm = spec.confirm ? `, then the best ${spec.confirm.top} over ${plural(spec.confirm.seeds, 'new seed')}` : '';
  return `a search of up to ${budget} x ${plural(seeds.length, 'seed')}, ${spec.sampler.type} sampler, ${spec.pruner.type === 'none' ? 'no' : spec.pruner.type} pruner, ${spec.direction === 'maximize' ? 'maximizing' : 'minimizing'} ${spec.metric}${confirm}`;
}

function options(value: object): string {
  const entries = Object.entries(value).filter(([k]) => k !== 'type');
  return entries.length ? entries.map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') : '-';
}

/** The space (one row per parameter: its distribution and condition) and the study's settings. */
export function searchTable(search: SearchPlan): string {
  const { spec, seeds, confirmSeeds } = search;
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const rows = Object.entries(spec.space).map(([path, p]) => {
    const range = p.type === 'choice' ? listOf(p.values) : `${p.low} .. ${p.high}${'step' in p && p.step !== undefined ? ` step ${p.step}` : ''}${p.type === 'int' && p.log ? ' (log)' : ''}`;
    const when = Object.entries(p.when ?? {}).map(([k, v]) => `${k} = ${Array.isArray(v) ? `one of ${listOf(v)}` : show(v)}`).join(', ');
    return [path, p.type, range, when || '-'];
  });
  const settings = [
    ['sampler', `${spec.sampler.type} (${options(spec.sampler)})`],
    ['pruner', `${spec.pruner.type} (${options(spec.pruner)})`],
    ['budget', [...(spec.trials !== undefined ? [plural(spec.trials, 'configuration')] : []), ...(spec.hours !== undefined ? [`${spec.hours} h of wall time`] : [])].join(', whichever comes first: ')],
    ['metric', `${spec.metric} (${spec.direction})`],
    ['seeds', `${listOf(seeds)} (each configuration; its value is the mean)`],
    ['study seed', String(spec.seed)],
    ...(spec.confirm ? [['confirm', `the best ${spec.confirm.top} over seeds ${listOf(confirmSeeds)}`]] : []),
  ];
  return `${textTable(['parameter', 'type', 'range', 'when'], rows)}\n\n${textTable(['setting', 'value'], settings)}`;
}
