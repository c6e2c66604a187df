import { childPointer, didYouMean, displayPath, listOf, type Pointer, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import { isObject, type Json, type JsonObject } from '../../source/json';
import type { Check } from './check';

/** `block:` names a defined block, `with:` sets only its parameters, and required ones (null default) are set. */
export const blockReferencesCheck: Check = {
  name: 'block-references',
  run({ doc }) {
    const errors: UserError[] = [];
    const model = (doc.value as JsonObject).model;
    if (!isObject(model)) return errors;
    const blocks = (isObject(model.blocks) ? model.blocks : {}) as JsonObject;
    const names = Object.keys(blocks);

    const checkItems = (items: Json | undefined, pointer: Pointer) => {
      if (!Array.isArray(items)) return;
      items.forEach((item, i) => {
        if (!isObject(item) || typeof item.block !== 'string') return;
        const at = childPointer(pointer, i);
        const block = blocks[item.block];
        if (!isObject(block)) {
          errors.push(
            new UserError(`there is no block named "${item.block}".`, {
              at: locate(doc.positions, childPointer(at, 'block')),
              path: displayPath(childPointer(at, 'block')),
              hint: names.length ? `${didYouMean(item.block, names)}Blocks defined under model.blocks: ${listOf(names)}.` : 'Define it under `model.blocks:`.',
            }),
          );
          return;
        }
        const params = (isObject(block.params) ? block.params : {}) as JsonObject;
        const given = (isObject(item.with) ? item.with : {}) as JsonObject;
        for (const key of Object.keys(given)) {
          if (!(key in params)) {
            errors.push(
              new UserError(`block "${item.block}" has no parameter "${key}".`, {
                at: locate(doc.positions, childPointer(childPointer(at, 'with'), key), 'key'),
                path: displayPath(childPointer(childPointer(at, 'with'), key)),
                hint: `${didYouMean(key, Object.keys(params))}Its parameters: ${listOf(Object.keys(params)) || '(none)'}.`,
              }),
            );
          }
        }
        for (const [key, dflt] of Object.entries(params)) {
          if (dflt === null && !(key in given)) {
            errors.push(
              new UserError(`block "${item.block}" needs the parameter "${key}" (it has no default).`, {
                at: locate(doc.positions, at),
                path: displayPath(at),
                hint: `Add it under \`with:\`, e.g. with: {${key}: ...}.`,
              }),
            );
          }
        }
      });
    };

    checkItems(model.layers, '/model/layers');
    for (const [name, block] of Object.entries(blocks)) if (isObject(block)) checkItems(block.layers, `/model/blocks/${name}/layers`);
    return errors;
  },
};
