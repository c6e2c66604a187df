/**
 * Command-line options, declared once per command: parsed with node:util parseArgs, listed in
 * `--help`, and checked strictly (an unknown option is an error with a "did you mean").
 */
import { parseArgs } from 'node:util';
import { UserError } from '@ablate/spec';
import { didYouMean, listOf } from '@ablate/spec';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  description: string;
  required?: boolean;
  short?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

type Parsed<S extends OptionSpecs> = {
  [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean | undefined : S[K]['multiple'] extends true ? string[] | undefined : string | undefined;
};

export function parseOptions<S extends OptionSpecs>(command: string, specs: S, argv: readonly string[]): Parsed<S> {
  const names = Object.keys(specs);
  for (const arg of argv) {
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0];
    if (name !== '' && !names.includes(name)) {
      throw new UserError(`\`${command}\` has no option --${name}.`, { hint: `${didYouMean(name, names)}Options: ${listOf(names.map((n) => '--' + n))}.` });
    }
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        names.map((n) => {
          const { type, multiple, short } = specs[n];
          return [n, { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) }];
        }),
      ),
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UserError(`cannot read the options of \`${command}\`: ${(error as Error).message}`, { hint: `Run with --help to see its options.` });
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && values[name] === undefined) {
      throw new UserError(`\`${command}\` needs --${name}.`, { hint: spec.description });
    }
  }
  return values as Parsed<S>;
}

export function helpText(command: string, summary: string, specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const flag = `--${name}${s.type === 'string' ? ' <value>' : ''}${s.multiple ? ' (repeatable)' : ''}`;
    return `  ${flag.padEnd(34)}${s.description}`;
  });
  return `npx nx run runner:${command} [options]\n\n${summary}\n\nOptions:\n${rows.join('\n')}\n`;
}
