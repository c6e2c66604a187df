/** `${...}` inside a model item, evaluated at compile time against the item's scope. */
import { ExpressionError, ExpressionSyntaxError, parseTemplate, renderTemplate, UserError, type Scope } from '@ablate/spec';

export interface Where {
  at?: UserError['at'];
  path: string;
}

function evaluateString(text: string, scope: Scope, where: Where): unknown {
  try {
    const template = parseTemplate(text);
    return template ? renderTemplate(template, scope) : text;
  } catch (error) {
    if (error instanceof ExpressionError) throw new UserError(`in \`${text}\`: ${error.message}`, { ...where, hint: error.hint });
    if (error instanceof ExpressionSyntaxError) throw new UserError(error.message, where);
    throw error;
  }
}

/** Resolves every string of a value (deeply). `whereOf` gives the location of a child key. */
export function evaluateFields(value: unknown, scope: Scope, where: (key: string[]) => Where, key: string[] = []): unknown {
  if (typeof value === 'string') return evaluateString(value, scope, where(key));
  if (Array.isArray(value)) return value.map((v, i) => evaluateFields(v, scope, where, [...key, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateFields(v, scope, where, [...key, k])]));
  }
  return value;
}
