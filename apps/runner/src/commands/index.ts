import type { Command } from './command';
import { execCommand } from './exec';
import { validateCommand } from './validate';

export const COMMANDS: readonly Command[] = [validateCommand, execCommand];
export type { Command, Io } from './command';
