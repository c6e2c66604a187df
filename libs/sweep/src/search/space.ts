/**
 * The structure of a search space: which parameters a `when:` makes conditional on which choices,
 * the order to draw them in (a condition's choice before the params it governs), and which params
 * are active given the values drawn so far.
 */
import { canonicalJson } from '../canonical-json';
import type { SearchParam, SearchParams, SearchSpace } from './types';

/** The same value, as YAML means it (key order and number spelling aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return Object.is(a, b);
  }
}

/** The index of `value` among a choice's values, or -1. */
export function choiceIndex(param: Extract<SearchParam, { type: 'choice' }>, value: unknown): number {
  return param.values.findIndex((v) => sameValue(v, value));
}

/**
 * The values a `when` entry allows: a list of the choice's values, or one value. A list that is
 * itself one of the choice's values (a choice between lists) is that one value.
 */
export function allowedValues(choice: SearchParam | undefined, wanted: unknown): unknown[] {
  if (!Array.isArray(wanted)) return [wanted];
  if (choice?.type === 'choice' && choiceIndex(choice, wanted) >= 0) return [wanted];
  return wanted;
}

/** The paths of the space in drawing order: every `when` param before the params it governs, else the space's order. */
export function drawOrder(space: SearchSpace): string[] {
  const paths = Object.keys(space);
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (path: string) => {
    if (state.get(path) !== undefined) return; // done, or a cycle (validateSpace reports it)
    state.set(path, 'open');
    for (const dep of Object.keys(space[path]?.when ?? {})) if (dep in space) visit(dep);
    state.set(path, 'done');
    order.push(path);
  };
  for (const path of paths) visit(path);
  return order;
}

/** Whether `path` is active given the (active) values in `params`: each of its conditions' params present with an allowed value. */
export function isActive(space: SearchSpace, path: string, params: SearchParams): boolean {
  return Object.entries(space[path]?.when ?? {}).every(([dep, wanted]) => dep in params && allowedValues(space[dep], wanted).some((v) => sameValue(v, params[dep])));
}

/**
 * The active params of a full assignment: walks the drawing order and keeps a param only when its
 * conditions hold on the params kept before it (a condition on an inactive param fails).
 */
export function activeParams(space: SearchSpace, values: SearchParams): SearchParams {
  const active: SearchParams = {};
  for (const path of drawOrder(space)) if (path in values && isActive(space, path, active)) active[path] = values[path];
  return active;
}

/** Whether `value` is a value `param` can take (in range, on its step, one of its choices). */
export function inDomain(param: SearchParam, value: unknown): boolean {
  if (param.type === 'choice') return choiceIndex(param, value) >= 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < param.low || value > param.high) return false;
  if (param.type === 'int') return Number.isInteger(value) && (value - param.low) % (param.step ?? 1) === 0;
  if (param.type === 'uniform' && param.step !== undefined) return Math.abs(Math.round((value - param.low) / param.step) * param.step - (value - param.low)) <= 1e-9 * param.step;
  return true;
}
