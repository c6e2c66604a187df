import type { Command } from './command';
import { execCommand } from './exec';
import { summaryCommand } from './summary';
import { validateCommand } from './validate';

export const COMMANDS: readonly Command[] = [validateCommand, execCommand, summaryCommand];
export type { Command, Io } from './command';
