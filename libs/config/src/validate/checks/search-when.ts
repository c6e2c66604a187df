import { childPointer, didYouMean, listOf, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import type { Check } from './check';

/** A `when:` condition names another parameter of the space, and a value that parameter can take. */
export const searchWhenCheck: Check = {
  name: 'search-when',
  run({ experiment, doc }) {
    const space = experiment.search?.space ?? {};
    const errors: UserError[] = [];
    for (const [key, parameter] of Object.entries(space)) {
      for (const [other, wanted] of Object.entries(parameter.when ?? {})) {
        const at = locate(doc.positions, childPointer(childPointer(childPointer('/search/space', key), 'when'), other), 'key');
        const path = `search.space["${key}"].when["${other}"]`;
        const target = space[other];
        const others = Object.keys(space).filter((k) => k !== key);
        if (!target || other === key) {
          errors.push(
            new UserError(`\`${key}\` exists only when \`${other}\` has a value, but \`${other}\` is not ${other === key ? 'another' : 'a'} parameter of search.space.`, {
              at,
              path,
              hint: others.length ? `${didYouMean(other, others)}A condition names another parameter of the space: ${listOf(others)}.` : 'Add the parameter it depends on to search.space, or remove `when:`.',
            }),
          );
          continue;
        }
        if (target.type !== 'choice') continue;
        const possible = target.values.map((v) => JSON.stringify(v));
        const missing = (Array.isArray(wanted) ? wanted : [wanted]).filter((v) => !possible.includes(JSON.stringify(v)));
        if (missing.length) {
          errors.push(new UserError(`\`${key}\` exists only when \`${other}\` is ${listOf(missing)}, which is not one of its values.`, { at, path, hint: `${didYouMean(String(missing[0]), target.values.map(String))}\`${other}\` takes ${listOf(target.values)}.` }));
        }
      }
    }
    return errors;
  },
};
