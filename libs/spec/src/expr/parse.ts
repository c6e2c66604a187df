/**
 * Expressions inside `${...}`: a small, side-effect-free language parsed by jsep — literals, names
 * (`vars.bn`, `data.classes`, block parameters), arithmetic, comparisons, `&&`/`||`/`!`, `a ? b : c`,
 * lists, indexing, and a few functions (min, max, abs, round, floor, ceil, int, len).
 */
import jsep from 'jsep';

export type Expr = jsep.Expression;

jsep.addBinaryOp('**', 11, true);
jsep.addBinaryOp('//', 10);

const cache = new Map<string, Expr>();

export class ExpressionSyntaxError extends Error {}

export function parseExpression(source: string): Expr {
  let ast = cache.get(source);
  if (ast === undefined) {
    try {
      ast = jsep(source);
    } catch (error) {
      throw new ExpressionSyntaxError(`cannot parse the expression \`${source}\`: ${(error as Error).message.replace(/\.$/, '')}.`);
    }
    cache.set(source, ast);
  }
  return ast;
}

/** The names an expression reads at its top level (`vars` for `vars.bn * 2`, `i` and `s` for `i == 0 ? s : 1`). */
export function freeNames(ast: Expr, out: Set<string> = new Set()): Set<string> {
  switch (ast.type) {
    case 'Identifier':
      out.add(ast.name as string);
      break;
    case 'MemberExpression':
      freeNames(ast.object as Expr, out);
      if (ast.computed) freeNames(ast.property as Expr, out);
      break;
    case 'CallExpression':
      for (const arg of ast.arguments as Expr[]) freeNames(arg, out);
      break;
    default:
      for (const key of ['left', 'right', 'argument', 'test', 'consequent', 'alternate'] as const) {
        const child = ast[key] as Expr | undefined;
        if (child) freeNames(child, out);
      }
      for (const child of (ast.elements as Expr[] | undefined) ?? []) if (child) freeNames(child, out);
  }
  return out;
}

/** `vars.bn`, `vars.cfg` — the member paths of a root name that an expression reads. */
export function memberPaths(ast: Expr, root: string, out: Set<string> = new Set()): Set<string> {
  if (ast.type === 'MemberExpression' && !ast.computed && (ast.object as Expr).type === 'Identifier' && (ast.object as Expr).name === root) {
    out.add(((ast.property as Expr).name as string) ?? '');
    return out;
  }
  for (const value of Object.values(ast)) {
    if (Array.isArray(value)) for (const v of value) if (v && typeof v === 'object' && 'type' in v) memberPaths(v as Expr, root, out);
    if (value && typeof value === 'object' && 'type' in value) memberPaths(value as Expr, root, out);
  }
  return out;
}
