/** Phase 2, validate: the schema (structure, types, names), then the semantic checks. */
import { schemaErrors, UserErrors, validatorFor, type Experiment, type Pointer, type SchemaName, type UserError } from '@ablate/spec';
import type { LoadedExperiment } from '../load/load-experiment';
import { locate, removedAt, type PositionMap, type SourceDoc } from '../source/document';
import type { Json } from '../source/json';
import { CHECKS } from './checks';

/**
 * Schema errors of a value; `prefix` places it inside a larger document for positions; `removed`
 * (the document's keys deleted by a null) lets a "missing key" error point at that null.
 */
export function schemaProblems(value: Json, positions: PositionMap, schema: SchemaName = 'experiment', prefix: Pointer = '', removed?: PositionMap): UserError[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const deleted = removed && ((pointer: Pointer) => removedAt({ positions, removed }, pointer));
  return schemaErrors(validate.errors ?? [], (pointer, prefer) => locate(positions, pointer, prefer), prefix, deleted);
}

export function throwIfAny(errors: readonly UserError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors([...errors]);
}

export function validateDocument(doc: SourceDoc): Experiment {
  throwIfAny(schemaProblems(doc.value, doc.positions, 'experiment', '', doc.removed));
  const experiment = doc.value as unknown as Experiment;
  throwIfAny(CHECKS.flatMap((check) => check.run({ experiment, doc })));
  return experiment;
}

export function validateExperiment(loaded: LoadedExperiment): Experiment {
  return validateDocument(loaded.doc);
}
