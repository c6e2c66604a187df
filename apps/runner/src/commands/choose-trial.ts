/**
 * The trial `predict` and `export` apply: by id (a prefix, or its folder), by variant and seed,
 * the only one, or the best finished one by the report's first column.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { collectResults } from '@ablate/report';
import { columnWithDefaults, reportWithDefaults, UserError } from '@ablate/spec';
import type { Plan, Trial } from '@ablate/sweep';
import { resultsDirOf } from './experiment-report';

export const TRIAL_OPTIONS = {
  trial: { type: 'string', description: 'The trial, by id or its prefix (`validate --list` lists them) or its folder, results/<experiment>/<id>.' },
  variant: { type: 'string', description: 'Among the trials of this variant (its name in `variants:`).' },
  seed: { type: 'string', description: 'Among the trials of this seed.' },
  best: { type: 'boolean', description: "Of the finished trials left, the one with the best value of the report's first column (test.oa by default). Without it, exactly one trial must be left." },
} as const;

const named = (t: Trial) => [t.variant !== undefined ? `variant "${t.variant}"` : '', ...t.grid.map((g) => `${g.path}=${JSON.stringify(g.value)}`), `seed ${t.seed}`].filter(Boolean).join(', ');

/** The trials the options leave, before `--best`. */
function candidates(plan: Plan, opts: { trial?: unknown; variant?: unknown; seed?: unknown }): Trial[] {
  let trials = plan.expansion.trials;
  if (opts.trial !== undefined) {
    const given = String(opts.trial);
    // A trial's folder names it by its last part.
    const id = existsSync(given) && statSync(given).isDirectory() ? basename(given.replace(/\/+$/, '')) : given;
    trials = trials.filter((t) => t.id === id || t.id.startsWith(id));
    if (trials.length === 0) throw new UserError(`the experiment has no trial ${given}.`, { hint: `Its trials: ${plan.expansion.trials.map((t) => t.id).join(', ')} (\`ablate validate --list\` says which is which).` });
  }
  if (opts.variant !== undefined) {
    const names = [...new Set(plan.expansion.trials.map((t) => t.variant).filter((v) => v !== undefined))];
    if (!names.includes(String(opts.variant))) throw new UserError(`the experiment has no variant "${String(opts.variant)}".`, { hint: names.length ? `Its variants: ${names.map((n) => `"${n}"`).join(', ')}.` : 'It has no `variants:`; leave --variant out.' });
    trials = trials.filter((t) => t.variant === String(opts.variant));
  }
  if (opts.seed !== undefined) {
    const seeds = [...new Set(trials.map((t) => t.seed))];
    trials = trials.filter((t) => t.seed === Number(opts.seed));
    if (trials.length === 0) throw new UserError(`no trial ${opts.variant !== undefined ? `of variant "${String(opts.variant)}" ` : ''}has seed ${String(opts.seed)}.`, { hint: `Seeds: ${seeds.join(', ')}.` });
  }
  return trials;
}

export function chooseTrial(plan: Plan, opts: { trial?: unknown; variant?: unknown; seed?: unknown; best?: unknown }): Trial {
  const store = resultsDirOf(plan);
  const finished = (t: Trial) => existsSync(join(store, t.id, 'model', 'model.json'));
  const trials = candidates(plan, opts);
  if (trials.length === 1) {
    if (!finished(trials[0])) throw new UserError(`trial ${trials[0].id} (${named(trials[0])}) has not finished: there is no model in ${relative(process.cwd(), join(store, trials[0].id))}.`, { hint: 'Run `ablate exec` first.' });
    return trials[0];
  }
  const done = trials.filter(finished);
  if (done.length === 0) throw new UserError(`none of the ${trials.length} trials chosen has finished (no model under ${relative(process.cwd(), store) || '.'}).`, { hint: 'Run `ablate exec` first.' });
  if (!opts.best) {
    throw new UserError(`${trials.length} trials are left; the command applies one.`, {
      hint: `Give --trial <id> (finished: ${done.map((t) => `${t.id} = ${named(t)}`).join('; ')}), narrow with --variant and --seed, or add --best.`,
    });
  }
  const column = columnWithDefaults(reportWithDefaults(plan.experiment.report).columns?.[0] ?? { metric: 'test.oa' });
  const sign = column.better === 'min' ? -1 : 1;
  const rows = collectResults(store, done).filter((r) => r.status === 'done' && r.values[column.metric] !== undefined);
  if (rows.length === 0) throw new UserError(`no finished trial records ${column.metric}, the report's first column.`, { hint: 'Give --trial <id>.' });
  const top = rows.reduce((a, b) => (sign * b.values[column.metric] > sign * a.values[column.metric] ? b : a));
  return done.find((t) => t.id === top.trial.id) as Trial;
}
