/**
 * `--help`: one command's options (`ablate exec --help`), or every command with its options
 * (`ablate --help`, which is also what `npx nx run runner:<command> --help` shows after Nx's own).
 */
import type { Command } from '../commands';
import type { OptionSpecs } from './options';

const USAGE = 'npx ablate';

function optionRows(specs: OptionSpecs): string {
  return Object.entries(specs)
    .map(([name, s]) => {
      const flag = `--${name}${s.type === 'string' ? ' <value>' : ''}${s.multiple ? ' (repeatable)' : ''}`;
      return `  ${flag.padEnd(34)}${s.description}`;
    })
    .join('\n');
}

export function helpText(command: Pick<Command, 'name' | 'summary' | 'options'>): string {
  return `${USAGE} ${command.name} [options]\n\n${command.summary}\n\nOptions:\n${optionRows(command.options)}\n`;
}

export function overallHelp(commands: readonly Command[]): string {
  const shown = commands.filter((c) => !c.hidden);
  const sections = shown.map((c) => `${USAGE} ${c.name} [options]\n  ${c.summary}\n${optionRows(c.options)}`);
  return `${USAGE} <command> [options]   (the Nx targets runner:<command> run the same)\n\nCommands: ${shown.map((c) => c.name).join(', ')}. \`${USAGE} <command> --help\` shows one.\n\n${sections.join('\n\n')}\n`;
}
