import type { Command } from './command';
import { execCommand } from './exec';
import { reportCommand } from './report';
import { schemaCommand } from './schema';
import { predictCommand } from './predict';
import { exportCommand } from './export';
import { serveCommand } from './serve';
import { slurmCommand } from './slurm';
import { summaryCommand } from './summary';
import { figureCommand } from './figure';
import { validateCommand } from './validate';
import { workerCommand } from './worker';

export const COMMANDS: readonly Command[] = [validateCommand, execCommand, summaryCommand, figureCommand, reportCommand, serveCommand, slurmCommand, predictCommand, exportCommand, schemaCommand, workerCommand];
export type { Command, Io } from './command';
