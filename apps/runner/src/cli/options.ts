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

/**
 * `npx nx run runner:<command>` hands the arguments to a shell without their quotes, so
 * `--set 'optimizer={type: sgd, lr: 0.1}'` arrives split at its spaces. No command takes positional
 * arguments, so words that follow a string option's value belong to that value: they are joined
 * back (one space between words).
 */
export function rejoinSplitValues(specs: OptionSpecs, argv: readonly string[]): string[] {
  const out: string[] = [];
  // Whether the last word of `out` is a string option's value, which a stray word continues.
  let valueOpen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('-')) {
      const takesValue = specs[arg.slice(2).split('=')[0]]?.type === 'string';
      out.push(arg);
      if (takesValue && !arg.includes('=') && i + 1 < argv.length) out.push(argv[++i]);
      valueOpen = takesValue;
    } else if (valueOpen) {
      out[out.length - 1] += ` ${arg}`;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export function parseOptions<S extends OptionSpecs>(command: string, specs: S, rawArgv: readonly string[]): Parsed<S> {
  const names = Object.keys(specs);
  const argv = rejoinSplitValues(specs, rawArgv);
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
