/** Resolves `${...}` throughout a JSON tree. Expressions that need names not in scope may be deferred. */
import { isObject, type Json } from '../source/json';
import { childPointer, ExpressionError, ExpressionSyntaxError, parseTemplate, renderTemplate, templateNames, type Pointer, type Scope } from '@ablate/spec';

export class InterpolationError extends Error {
  constructor(
    readonly pointer: Pointer,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface InterpolateOptions {
  /** May the expression at `pointer`, reading `names`, be left for later (e.g. a model's block parameter)? */
  canDefer?: (pointer: Pointer, names: ReadonlySet<string>) => boolean;
}

function resolveString(text: string, scope: Scope, pointer: Pointer, options: InterpolateOptions): Json {
  let template;
  try {
    template = parseTemplate(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) throw new InterpolationError(pointer, error.message, 'Expressions look like ${vars.name} or ${a * 2}.');
    throw error;
  }
  if (!template) return text;
  const names = templateNames(template);
  const missing = [...names].some((n) => !(n in scope) && !['true', 'false', 'null'].includes(n));
  if (missing && options.canDefer?.(pointer, names)) return text;
  try {
    const value = renderTemplate(template, scope);
    return (value === undefined ? null : value) as Json;
  } catch (error) {
    if (error instanceof ExpressionError) throw new InterpolationError(pointer, `in \`${text}\`: ${error.message}`, error.hint);
    throw error;
  }
}

/** Returns a new tree; subtrees without `${` are shared, not copied. */
export function interpolate(value: Json, scope: Scope, options: InterpolateOptions = {}, pointer: Pointer = ''): Json {
  if (typeof value === 'string') return resolveString(value, scope, pointer, options);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item, i) => {
      const next = interpolate(item, scope, options, childPointer(pointer, i));
      changed ||= next !== item;
      return next;
    });
    return changed ? out : value;
  }
  if (isObject(value)) {
    let changed = false;
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = interpolate(item, scope, options, childPointer(pointer, key));
      changed ||= next !== item;
      out[key] = next;
    }
    return changed ? out : value;
  }
  return value;
}

/** True when some string in the tree holds `${`. */
export function hasTemplates(value: Json): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(hasTemplates);
  if (isObject(value)) return Object.values(value).some(hasTemplates);
  return false;
}
