/**
 * A search experiment's plan: `search:` with its defaults, checked as a space the samplers can
 * draw from (search/validate-space.ts: what the schema and the semantic checks cannot see), its
 * first proposal (which depends on nothing but the study's seed, so `validate` resolves and checks
 * it before anything runs), and the seeds of the confirmation runs.
 */
import { childPointer, searchWithDefaults, UserError, UserErrors, type SearchSpec } from '@ablate/spec';
import { locate, type Json, type SourceDoc } from '@ablate/config';
import { proposeParams } from './search/propose';
import { validateSpace } from './search/validate-space';
import type { SearchPlan } from './trial';

export function searchPlan(search: SearchSpec, doc: SourceDoc, seeds: readonly number[], trialsFor: SearchPlan['trialsFor']): SearchPlan & { first: Record<string, Json> } {
  const spec = searchWithDefaults(search, seeds[0]);
  const problems = validateSpace(spec.space).map((p) => {
    const pointer = p.path.reduce((at, key) => childPointer(at, key), '/search');
    return new UserError(`${p.message}.`, { at: locate(doc.positions, pointer), path: `search.${p.path.map((k) => (k.includes('.') ? `["${k}"]` : k)).join('.').replace(/\.\[/g, '[')}`, hint: 'Fix the range or the condition; docs/yaml-reference.md (search.space) lists what each parameter type takes.' });
  });
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  const last = Math.max(...seeds);
  const confirmSeeds = Array.from({ length: spec.confirm?.seeds ?? 0 }, (_, i) => last + 1 + i);
  const first = proposeParams({ space: spec.space, sampler: spec.sampler, seed: spec.seed, index: 0, direction: spec.direction, history: [] }) as Record<string, Json>;
  return { spec, seeds: [...seeds], confirmSeeds, trialsFor, first };
}
