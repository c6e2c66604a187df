/**
 * Strings with `${...}`. A string that is exactly one `${expr}` takes the expression's value and type
 * (`${vars.bn}` → false); otherwise the parts are joined as text. `$${` writes a literal `${`.
 */
import { ExpressionSyntaxError, freeNames, parseExpression, type Expr } from './parse';
import { evaluate, type Scope } from './evaluate';

export type TemplatePart = string | { source: string; ast: Expr };

export interface Template {
  parts: TemplatePart[];
  /** The whole string is one expression. */
  whole: boolean;
}

function closingBrace(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Undefined when the string has no `${`. */
export function parseTemplate(text: string): Template | undefined {
  if (!text.includes('${')) return undefined;
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw new ExpressionSyntaxError(`\`${text}\` opens \`\${\` without a closing \`}\`.`);
      const source = text.slice(i + 2, end).trim();
      if (source === '') throw new ExpressionSyntaxError(`\`${text}\` has an empty \`\${}\`.`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ source, ast: parseExpression(source) });
      i = end + 1;
    } else {
      literal += text[i++];
    }
  }
  if (literal) parts.push(literal);
  if (parts.every((p) => typeof p === 'string')) return undefined;
  return { parts, whole: parts.length === 1 && typeof parts[0] !== 'string' };
}

export function templateNames(template: Template): Set<string> {
  const names = new Set<string>();
  for (const part of template.parts) if (typeof part !== 'string') freeNames(part.ast, names);
  return names;
}

export function renderTemplate(template: Template, scope: Scope): unknown {
  if (template.whole) return evaluate((template.parts[0] as { ast: Expr }).ast, scope);
  return template.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = evaluate(part.ast, scope);
      return typeof value === 'string' ? value : JSON.stringify(value);
    })
    .join('');
}
