import { childPointer, UserError, type SearchParameterSpec } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/** What is wrong with a parameter's range, if anything, and how to write it. */
function problem(p: SearchParameterSpec): { field: string; message: string; hint: string } | undefined {
  if (p.type === 'choice') return undefined;
  if (p.low >= p.high) {
    return { field: 'high', message: `high (${p.high}) must be greater than low (${p.low}).`, hint: p.low === p.high ? `A parameter with one value is not searched: set it in the experiment instead.` : `Swap them: low: ${p.high}, high: ${p.low}.` };
  }
  if (p.type === 'int' && p.log && p.low < 1) return { field: 'low', message: `a log-scale int needs low >= 1 (it is ${p.low}).`, hint: 'Set low: 1 or more, or remove log: true.' };
  if ((p.type === 'int' || p.type === 'uniform') && p.step !== undefined && p.step > p.high - p.low) {
    return { field: 'step', message: `step ${p.step} is larger than the range ${p.low}..${p.high}, which leaves one value.`, hint: `Use a step of at most ${p.high - p.low}, or remove it.` };
  }
  return undefined;
}

/** Each range of `search.space` holds more than one value. */
export const searchBoundsCheck: Check = {
  name: 'search-bounds',
  run({ experiment, doc }) {
    return Object.entries(experiment.search?.space ?? {}).flatMap(([key, parameter]) => {
      const found = problem(parameter);
      if (!found) return [];
      const at = childPointer(childPointer('/search/space', key), found.field);
      return [new UserError(`the ${parameter.type} range of \`${key}\` is empty: ${found.message}`, { at: locate(doc.positions, at), path: `search.space["${key}"].${found.field}`, hint: found.hint })];
    });
  },
};
