import { BLOCK_INPUT_FACTS, childPointer, DATA_FACTS, didYouMean, displayPath, ExpressionSyntaxError, listOf, memberPaths, parseTemplate, type Pointer, REPEAT_INDEX_NAMES, templateNames, UserError } from '@ablate/spec';
import { locate } from '../../source/document';
import { isObject, type Json, type JsonObject } from '../../source/json';
import type { Check } from './check';

type Names = ReadonlySet<string>;

/**
 * Every `${...}` parses, reads only names that exist where it stands, and every `vars.x` / `data.x`
 * it reads is declared. Model blocks add their parameters; repeats add their columns and indices.
 */
export const expressionNamesCheck: Check = {
  name: 'expression-names',
  run({ experiment, doc }) {
    const errors: UserError[] = [];
    const declaredVars = Object.keys((experiment.vars ?? {}) as JsonObject);
    const facts = Object.keys(DATA_FACTS);
    const declaredSets = new Map<readonly string[], ReadonlySet<string>>([
      [declaredVars, new Set(declaredVars)],
      [facts, new Set(facts)],
    ]);

    const checkString = (text: string, pointer: Pointer, names: Names) => {
      let template;
      try {
        template = parseTemplate(text);
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
        errors.push(new UserError(error.message, { at: locate(doc.positions, pointer), path: displayPath(pointer), hint: 'Expressions look like ${vars.name} or ${a * 2}.' }));
        return;
      }
      if (!template) return;
      for (const name of templateNames(template)) {
        if (!names.has(name) && !['true', 'false', 'null'].includes(name)) {
          errors.push(
            new UserError(`\`${name}\` in \`${text}\` is not defined here.`, {
              at: locate(doc.positions, pointer),
              path: displayPath(pointer),
              hint: `${didYouMean(name, [...names])}Names available here: ${listOf([...names])}.`,
            }),
          );
        }
      }
      for (const part of template.parts) {
        if (typeof part === 'string') continue;
        for (const [root, declared, what] of [['vars', declaredVars, 'declared under `vars:`'], ['data', facts, 'a data fact']] as const) {
          if (!names.has(root)) continue;
          for (const member of memberPaths(part.ast, root)) {
            if (!declaredSets.get(declared)?.has(member)) {
              errors.push(
                new UserError(`\`${root}.${member}\` in \`${text}\` is not ${what}.`, {
                  at: locate(doc.positions, pointer),
                  path: displayPath(pointer),
                  hint: `${didYouMean(member, declared)}${root === 'vars' ? 'Declared' : 'Facts'}: ${listOf(declared) || '(none)'}.`,
                }),
              );
            }
          }
        }
      }
    };

    // Pointers are built only where needed: a file may hold hundreds of thousands of plain values.
    const walk = (value: Json | undefined, pointer: Pointer, names: Names) => {
      if (typeof value === 'string') {
        if (value.includes('${')) checkString(value, pointer, names);
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (v !== null && typeof v === 'object') walk(v, childPointer(pointer, i), names);
          else if (typeof v === 'string' && v.includes('${')) checkString(v, childPointer(pointer, i), names);
        });
      } else if (isObject(value)) {
        for (const k of Object.keys(value)) {
          const v = value[k];
          if (v !== null && typeof v === 'object') walk(v, childPointer(pointer, k), names);
          else if (typeof v === 'string' && v.includes('${')) checkString(v, childPointer(pointer, k), names);
        }
      }
    };

    const walkItems = (items: Json | undefined, pointer: Pointer, names: Names) => {
      if (!Array.isArray(items)) return;
      items.forEach((item, i) => {
        const at = childPointer(pointer, i);
        if (!isObject(item)) return;
        if (item.repeat === undefined) return walk(item, at, names);
        const columns = item.as === undefined ? [] : Array.isArray(item.as) ? (item.as as string[]) : [item.as as string];
        const inner = new Set([...names, ...columns, ...Object.keys(REPEAT_INDEX_NAMES)]);
        for (const [key, v] of Object.entries(item)) walk(v, childPointer(at, key), key === 'with' || key === 'times' ? inner : names);
      });
    };

    const root = doc.value as JsonObject;
    const outside = new Set(['vars']);
    for (const [key, value] of Object.entries(root)) if (key !== 'model' && key !== 'grid' && key !== 'variants') walk(value, `/${key}`, outside);
    const model = root.model as JsonObject | undefined;
    if (!isObject(model)) return errors;
    const modelNames = new Set(['vars', 'data']);
    for (const [key, value] of Object.entries(model)) if (key !== 'blocks' && key !== 'layers') walk(value, `/model/${key}`, modelNames);
    walkItems(model.layers, '/model/layers', modelNames);
    for (const [name, block] of Object.entries((model.blocks ?? {}) as JsonObject)) {
      if (!isObject(block)) continue;
      const params = Object.keys((block.params ?? {}) as JsonObject);
      const blockNames = new Set([...modelNames, ...params, ...Object.keys(BLOCK_INPUT_FACTS)]);
      walkItems(block.layers, `/model/blocks/${name}/layers`, blockNames);
    }
    return errors;
  },
};
