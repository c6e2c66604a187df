/**
 * The CLI's outer shell: dispatch, --help, and the error contract — a user's mistake prints one
 * paragraph per problem and exits 1, with no stack trace; anything else is a bug in ablate and
 * prints its stack (exit 70).
 */
import { isUserError, UserError, UserErrors } from '@ablate/spec';
import { didYouMean, listOf } from '@ablate/spec';
// Installs the plug-in host: every command's load phase loads the plug-ins an experiment lists.
import '@ablate/plugins';
import { COMMANDS, type Io } from '../commands';
import { helpText, overallHelp } from './help';

export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 70;

export function formatUserError(error: UserError): string {
  if (error instanceof UserErrors) {
    return `error: ${error.errors.length} problems:\n\n${error.format()}\n`;
  }
  return `error: ${error.format()}\n`;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(overallHelp(COMMANDS));
      return 0;
    }
    if (!command) {
      const names = COMMANDS.filter((c) => !c.hidden).map((c) => c.name);
      throw new UserError(name ? `unknown command "${name}".` : 'no command given.', { hint: `${name ? didYouMean(name, names) : ''}Commands: ${listOf(names)}. \`npx ablate --help\` lists them with their options.` });
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(helpText(command));
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (isUserError(error)) {
      io.err(formatUserError(error));
      return EXIT_USER_ERROR;
    }
    io.err(`internal error (a bug in ablate, please report it):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}
