/** Evaluates a parsed expression against a scope of names. Never runs user code. */
import { didYouMean } from '../hints';
import type { Expr } from './parse';

export type Scope = Readonly<Record<string, unknown>>;

/** A mistake in an expression: an unknown name, a bad operand. `name` is set for unknown names. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  min: (...a) => Math.min(...(a as number[])),
  max: (...a) => Math.max(...(a as number[])),
  abs: (x) => Math.abs(x as number),
  round: (x) => Math.round(x as number),
  floor: (x) => Math.floor(x as number),
  ceil: (x) => Math.ceil(x as number),
  int: (x) => Math.trunc(Number(x)),
  len: (x) => (Array.isArray(x) || typeof x === 'string' ? x.length : Object.keys(x as object).length),
};


function member(object: unknown, key: string | number, describe: () => string): unknown {
  if (object === null || typeof object !== 'object') {
    throw new ExpressionError(`${describe()} is ${JSON.stringify(object)}, which has no \`${key}\`.`);
  }
  if (!Object.prototype.hasOwnProperty.call(object, key)) {
    const keys = Array.isArray(object) ? [] : Object.keys(object);
    const where = describe();
    throw new ExpressionError(
      Array.isArray(object) ? `${where} has ${object.length} items; index ${key} is out of range.` : `${where} has no \`${key}\`.`,
      Array.isArray(object) ? undefined : `${didYouMean(String(key), keys)}Defined: ${keys.join(', ') || '(none)'}.`.trim(),
    );
  }
  return (object as Record<string | number, unknown>)[key];
}

function text(ast: Expr): string {
  if (ast.type === 'Identifier') return ast.name as string;
  if (ast.type === 'MemberExpression') {
    const prop = ast.property as Expr;
    return ast.computed ? `${text(ast.object as Expr)}[...]` : `${text(ast.object as Expr)}.${prop.name as string}`;
  }
  return 'the value';
}

function binary(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '+':
      return (a as number) + (b as number);
    case '-':
      return (a as number) - (b as number);
    case '*':
      return (a as number) * (b as number);
    case '/':
      return (a as number) / (b as number);
    case '//':
      return Math.floor((a as number) / (b as number));
    case '%':
      return (a as number) % (b as number);
    case '**':
      return (a as number) ** (b as number);
    case '==':
    case '===':
      return a === b;
    case '!=':
    case '!==':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
    default:
      throw new ExpressionError(`the operator \`${op}\` is not supported.`, 'Use + - * / // % ** == != < <= > >= && || ! and a ? b : c.');
  }
}

export function evaluate(ast: Expr, scope: Scope): unknown {
  switch (ast.type) {
    case 'Literal':
      return ast.value;
    case 'Identifier': {
      const name = ast.name as string;
      if (name === 'true') return true;
      if (name === 'false') return false;
      if (name === 'null') return null;
      if (!Object.prototype.hasOwnProperty.call(scope, name)) {
        const names = Object.keys(scope);
        throw new ExpressionError(`\`${name}\` is not defined here.`, `${didYouMean(name, names)}Names available here: ${names.join(', ') || '(none)'}.`.trim());
      }
      return scope[name];
    }
    case 'MemberExpression': {
      const object = evaluate(ast.object as Expr, scope);
      const key = ast.computed ? (evaluate(ast.property as Expr, scope) as string | number) : ((ast.property as Expr).name as string);
      return member(object, key, () => `\`${text(ast.object as Expr)}\``);
    }
    case 'ArrayExpression':
      return (ast.elements as Expr[]).map((e) => evaluate(e, scope));
    case 'UnaryExpression': {
      const v = evaluate(ast.argument as Expr, scope);
      if (ast.operator === '!') return !v;
      if (ast.operator === '-') return -(v as number);
      if (ast.operator === '+') return +(v as number);
      throw new ExpressionError(`the operator \`${ast.operator as string}\` is not supported.`);
    }
    case 'BinaryExpression': {
      const op = ast.operator as string;
      if (op === '&&') return evaluate(ast.left as Expr, scope) && evaluate(ast.right as Expr, scope);
      if (op === '||') return evaluate(ast.left as Expr, scope) || evaluate(ast.right as Expr, scope);
      return binary(op, evaluate(ast.left as Expr, scope), evaluate(ast.right as Expr, scope));
    }
    case 'ConditionalExpression':
      return evaluate(ast.test as Expr, scope) ? evaluate(ast.consequent as Expr, scope) : evaluate(ast.alternate as Expr, scope);
    case 'CallExpression': {
      const callee = ast.callee as Expr;
      const fn = callee.type === 'Identifier' ? FUNCTIONS[callee.name as string] : undefined;
      if (!fn) {
        throw new ExpressionError(`\`${text(callee)}\` is not a known function.`, `Functions: ${Object.keys(FUNCTIONS).join(', ')}.`);
      }
      return fn(...(ast.arguments as Expr[]).map((a) => evaluate(a, scope)));
    }
    default:
      throw new ExpressionError(`this kind of expression (${ast.type}) is not supported.`);
  }
}
