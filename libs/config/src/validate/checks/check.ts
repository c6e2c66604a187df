/** A semantic check: one rule the schema cannot express, run after the schema passes. */
import type { Experiment, UserError } from '@ablate/spec';
import type { SourceDoc } from '../../source/document';

export interface CheckContext {
  experiment: Experiment;
  doc: SourceDoc;
}

export interface Check {
  name: string;
  run(ctx: CheckContext): UserError[];
}
