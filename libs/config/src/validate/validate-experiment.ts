/** Phase 2, validate: the schema (structure, types, names), then the semantic checks. */
import { UserErrors, type Experiment, type UserError } from '@ablate/spec';
import type { LoadedExperiment } from '../load/load-experiment';
import type { PositionMap, SourceDoc } from '../source/document';
import type { Json } from '../source/json';
import type { Pointer } from '../source/pointer';
import { validatorFor, type SchemaName } from './ajv';
import { CHECKS } from './checks';
import { schemaErrors } from './schema-errors';

/** Schema errors of a value; `prefix` places it inside a larger document for positions. */
export function schemaProblems(value: Json, positions: PositionMap, schema: SchemaName = 'experiment', prefix: Pointer = ''): UserError[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : schemaErrors(validate.errors ?? [], positions, prefix);
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
