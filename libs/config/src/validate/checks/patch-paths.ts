import { childPointer, didYouMean, listOf, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Json, JsonObject } from '../../source/json';
import { checkPatchPath, patchAssignments } from '../../source/patch';
import { keysAtPath } from '../schema-at-path';
import type { Check } from './check';

/** Every path a grid or a variant changes must exist in the experiment (or be a new optional key). */
export const patchPathsCheck: Check = {
  name: 'patch-paths',
  run({ experiment, doc }) {
    const base = doc.value as JsonObject;
    const errors: UserError[] = [];
    const report = (key: string, keyPointer: string, path: string[], what: string) => {
      const problem = checkPatchPath(base, path, (prefix) => keysAtPath(base, prefix));
      if (!problem) return;
      const hint = problem.candidates.length
        ? `${didYouMean(path[problem.depth], problem.candidates)}Valid there: ${listOf(problem.candidates)}.`
        : 'Check the path against the experiment; list items are addressed by index.';
      errors.push(new UserError(`the ${what} path \`${path.join('.')}\` does not exist: ${problem.message}`, { at: locate(doc.positions, keyPointer, 'key'), path: key, hint }));
    };
    for (const key of Object.keys(experiment.grid ?? {})) {
      for (const path of key.split(',')) report(`grid["${key}"]`, childPointer('/grid', key), path.split('.'), 'grid');
    }
    for (const [name, patch] of Object.entries(experiment.variants ?? {})) {
      for (const { key, path } of patchAssignments(base as Json, patch as JsonObject)) {
        report(`variants["${name}"]["${key}"]`, childPointer(childPointer('/variants', name), key), path, 'variant');
      }
    }
    return errors;
  },
};
