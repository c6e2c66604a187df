/**
 * How `exec` shows a sweep's progress: bars on a terminal, plain lines in a pipe or a log file,
 * only the ends of trials with --quiet, JSON lines with --json (for scripts).
 */
import { barProgress } from './bars';
import { jsonProgress } from './json-events';
import { lineProgress } from './lines';
import type { Progress } from './types';

export type { Progress };
export type ProgressMode = 'bars' | 'lines' | 'quiet' | 'json';

export function progressMode(options: { quiet?: boolean; json?: boolean; tty: boolean }): ProgressMode {
  return options.json ? 'json' : options.quiet ? 'quiet' : options.tty ? 'bars' : 'lines';
}

export function progressEvents(mode: ProgressMode, out: { write: (text: string) => void; stream: NodeJS.WriteStream }, workers: number): Progress {
  if (mode === 'json') return jsonProgress(out.write);
  if (mode === 'bars') return barProgress(out.stream, { workers });
  return lineProgress(out.write, { workers, quiet: mode === 'quiet' });
}
