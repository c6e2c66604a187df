/**
 * Errors raised by a plug-in's code become one paragraph naming the plug-in, the line in the
 * user's code where it happened and the cause, without ablate's own stack frames.
 */
import { isUserError, UserError, type SourceLocation } from '@ablate/spec';
import { LayerUseError } from '@ablate/models';

/** The first stack frame (or `file:line:col` in the message, as a compiler's syntax error gives) inside one of the plug-in's files. */
export function userFrame(error: unknown, files: readonly string[], shown: (file: string) => string): SourceLocation | undefined {
  const text = `${(error as Error)?.message ?? ''}\n${(error as Error)?.stack ?? ''}`;
  for (const match of text.matchAll(/(\/[^\s():]+):(\d+):(\d+)/g)) {
    const [, file, line, col] = match;
    if (files.includes(file)) return { file: shown(file), line: Number(line), col: Number(col) };
  }
  return undefined;
}

/**
 * The error's cause in one line: a compiler's syntax error (esbuild's `file:line:col: ERROR: ...`
 * under ablate's loader, swc's `× ...` under Jest) by its message, anything else by its first line.
 */
export function causeOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = /ERROR: (.+)/.exec(message)?.[1] ?? /^(?:\w+:)?\s+[×x]\s+(.+)$/m.exec(message)?.[1];
  if (syntax) return `syntax error: ${syntax.trim()}`;
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  return name + (message.split('\n').find((l) => l.trim() !== '')?.trim() ?? message);
}

/**
 * Runs one of the plug-in's callbacks: a UserError or LayerUseError it throws passes through (they
 * are already phrased for the user); anything else is reported at its line in the plug-in.
 */
export function guarded<A extends unknown[], R>(plugin: { files: readonly string[]; shown: string; display: (file: string) => string }, what: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (error) {
      if (isUserError(error) || error instanceof LayerUseError) throw error;
      const at = userFrame(error, plugin.files, plugin.display);
      throw new UserError(`the plug-in ${plugin.shown} failed in ${what}: ${causeOf(error)}.`.replace(/\.\.$/, '.'), {
        ...(at ? { at } : {}),
        hint: `The error is in the plug-in's code${at ? `, at ${at.file}:${at.line}` : ''}: fix it there (docs/plugins.md says what ablate passes to ${what.replace(/^\w+ its /, 'a ')}).`,
      });
    }
  };
}
