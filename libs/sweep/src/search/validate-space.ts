/**
 * What makes a search space impossible to sample, beyond the schema: empty or reversed ranges, a
 * log scale through zero, a step that does not divide the range, and `when:` conditions that name
 * no choice of the space, a value it cannot take, or go round in a circle. Each problem names its
 * YAML path (the keys from `search:`, a dotted path being one key) so the caller can place it.
 */
import { allowedValues, choiceIndex, sameValue } from './space';
import { stepCount } from './step-value';
import type { SearchParam, SearchSpace } from './types';

export interface SpaceProblem {
  /** Keys under `search:`, e.g. ['space', 'optimizer.lr', 'low']. */
  path: string[];
  message: string;
  /** `search.space.optimizer.lr.low: low must be below high (0.1 >= 0.01)`. */
  text: string;
}

const problem = (path: string[], message: string): SpaceProblem => ({ path, message, text: `search.${path.join('.')}: ${message}` });
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function rangeProblems(key: string, param: Exclude<SearchParam, { type: 'choice' }>): SpaceProblem[] {
  const at = (field: string) => ['space', key, field];
  const { low, high } = param;
  if (!Number.isFinite(low)) return [problem(at('low'), `low must be a finite number, not ${show(low)}`)];
  if (!Number.isFinite(high)) return [problem(at('high'), `high must be a finite number, not ${show(high)}`)];
  if (param.type === 'int' && !Number.isInteger(low)) return [problem(at('low'), `an int param's low must be a whole number, not ${low}`)];
  if (param.type === 'int' && !Number.isInteger(high)) return [problem(at('high'), `an int param's high must be a whole number, not ${high}`)];
  if (!(low < high)) return [problem(at('high'), `high (${high}) must be above low (${low})`)];
  const log = param.type === 'log_uniform' || (param.type === 'int' && param.log === true);
  if (param.type === 'log_uniform' && low <= 0) return [problem(at('low'), `a log_uniform param needs low > 0 (its logarithm is drawn), not ${low}`)];
  if (param.type === 'int' && log && low < 1) return [problem(at('low'), `an int param with log: true needs low >= 1, not ${low}`)];
  const step = param.type === 'log_uniform' ? undefined : param.step;
  if (step === undefined) return [];
  if (param.type === 'int' && log && step !== 1) return [problem(at('step'), `an int param with log: true takes no step (it would be ${step}): use log or step, not both`)];
  if (!(step > 0) || (param.type === 'int' && !Number.isInteger(step))) return [problem(at('step'), `step must be a positive ${param.type === 'int' ? 'whole number' : 'number'}, not ${step}`)];
  const count = stepCount(low, high, step);
  if (Math.abs(count * step - (high - low)) > 1e-9 * Math.max(step, high - low)) {
    return [problem(at('step'), `step ${step} does not divide the range ${low}..${high} (${show((high - low) / step)} steps): make high ${low + Math.max(1, Math.floor((high - low) / step)) * step} or choose another step`)];
  }
  return [];
}

function choiceProblems(key: string, param: Extract<SearchParam, { type: 'choice' }>): SpaceProblem[] {
  if (param.values.length === 0) return [problem(['space', key, 'values'], 'a choice needs at least one value')];
  return param.values.flatMap((v, i) => (param.values.findIndex((w) => sameValue(v, w)) < i ? [problem(['space', key, 'values', String(i)], `${show(v)} is listed twice`)] : []));
}

function conditionProblems(space: SearchSpace, key: string): SpaceProblem[] {
  return Object.entries(space[key].when ?? {}).flatMap(([dep, wanted]) => {
    const at = ['space', key, 'when', dep];
    const other = space[dep];
    if (dep === key) return [problem(at, 'a param cannot depend on itself')];
    if (other === undefined) return [problem(at, `${dep} is not a param of the search space (its params: ${Object.keys(space).join(', ')})`)];
    if (other.type !== 'choice') return [problem(at, `a condition must name a choice param, and ${dep} is ${other.type}`)];
    const allowed = allowedValues(other, wanted);
    if (allowed.length === 0) return [problem(at, `the condition lists no value of ${dep}`)];
    return allowed.flatMap((v) => (choiceIndex(other, v) >= 0 ? [] : [problem(at, `${show(v)} is not one of ${dep}'s values (${other.values.map(show).join(', ')})`)]));
  });
}

/** The `when` cycles of a space, each once: a -> b -> a. */
function cycleProblems(space: SearchSpace): SpaceProblem[] {
  const problems: SpaceProblem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (key: string, stack: string[]) => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      problems.push(problem(['space', cycle[0], 'when'], `the conditions go round in a circle: ${cycle.join(' -> ')}`));
      return;
    }
    state.set(key, 'open');
    for (const dep of Object.keys(space[key].when ?? {})) if (dep !== key && dep in space) visit(dep, [...stack, key]);
    state.set(key, 'done');
  };
  for (const key of Object.keys(space)) visit(key, []);
  return problems;
}

/** Every problem of the space, in the order of its keys; none when it can be sampled. */
export function validateSpace(space: SearchSpace): SpaceProblem[] {
  const own = Object.entries(space).flatMap(([key, param]) => [...(param.type === 'choice' ? choiceProblems(key, param) : rangeProblems(key, param)), ...conditionProblems(space, key)]);
  return [...own, ...cycleProblems(space)];
}
