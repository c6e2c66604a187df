import { childPointer, didYouMean, listOf, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Json, JsonObject } from '../../source/json';
import { checkPatchPath, setAtPath } from '../../source/patch';
import { keysAtPath } from '../schema-at-path';
import type { Check } from './check';

/**
 * Every path of `search.space` must exist in the experiment (or be an optional key the schema
 * allows there), as a grid path. A parameter with `when:` is checked in the experiment with its
 * conditions applied (`optimizer.momentum` when `optimizer.type` is sgd, in an adam experiment).
 */
export const searchPathsCheck: Check = {
  name: 'search-paths',
  run({ experiment, doc }) {
    const space = experiment.search?.space ?? {};
    const errors: UserError[] = [];
    for (const [key, parameter] of Object.entries(space)) {
      const conditions = Object.entries(parameter.when ?? {});
      // A condition on an unknown parameter is search-when's error.
      if (conditions.some(([other]) => space[other] === undefined)) continue;
      let patched = doc.value;
      for (const [other, wanted] of conditions) patched = setAtPath(patched, other.split('.'), (Array.isArray(wanted) ? wanted[0] : wanted) as Json);
      const base = patched as JsonObject;
      const path = key.split('.');
      const problem = checkPatchPath(base, path, (prefix) => keysAtPath(base, prefix));
      if (!problem) continue;
      const hint = problem.candidates.length
        ? `${didYouMean(path[problem.depth], problem.candidates)}Valid there: ${listOf(problem.candidates)}.`
        : 'Check the path against the experiment; list items are addressed by index.';
      errors.push(new UserError(`the search path \`${key}\` does not exist: ${problem.message}`, { at: locate(doc.positions, childPointer('/search/space', key), 'key'), path: `search.space["${key}"]`, hint }));
    }
    return errors;
  },
};
