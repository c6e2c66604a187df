/** Phase 2, validate: the schema (structure, types, names), then the semantic checks. */
import { schemaErrors, UserErrors, validatorFor, type Experiment, type Pointer, type SchemaName, type UserError } from '@ablate/spec';
import type { LoadedExperiment } from '../load/load-experiment';
import { locate, type PositionMap, type SourceDoc } from '../source/document';
import type { Json } from '../source/json';
import { CHECKS } from './checks';

/** Schema errors of a value; `prefix` places it inside a larger document for positions. */
export function schemaProblems(value: Json, positions: PositionMap, schema: SchemaName = 'experiment', prefix: Pointer = ''): UserError[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : schemaErrors(validate.errors ?? [], (pointer, prefer) => locate(positions, pointer, prefer), prefix);
}

export function throwIfAny(errors: readonly UserError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors([...errors]);
}

export function validateDocument(doc: SourceDoc): Experiment {
  throwIfAny(schemaProblems(doc.value, doc.positions));
  const experiment = doc.value as unknown as Experiment;
  throwIfAny(CHECKS.flatMap((check) => check.run({ experiment, doc })));
  return experiment;
}

export function validateExperiment(loaded: LoadedExperiment): Experiment {
  return validateDocument(loaded.doc);
}
