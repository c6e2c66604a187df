/**
 * `summary --model`: a model file compiled on its own, on data facts given on the command line
 * (`--input-shape 32,32,3 --classes 10`, and `--vocab-size`/`--vectors-dim` for text models) instead of an experiment's dataset. `--set vars.x=...`
 * gives the `${vars.x}` the file uses; any other `--set` path patches the model file itself.
 */
import { basename } from 'node:path';
import { applyOverrides, isObject, loadFragment, locate, parseOverride, schemaProblems, throwIfAny, type JsonObject } from '@ablate/config';
import { compileModel, type CompiledModel } from '@ablate/models';
import { isUserError, UserError, type DataFacts, type ModelSpec } from '@ablate/spec';

export interface ModelFileOptions {
  inputShape?: string;
  classes?: string;
  vocabSize?: string;
  vectorsDim?: string;
  set?: readonly string[];
  /** The command compiling it (summary, figure), for messages. */
  command?: string;
}

function wholeNumbers(option: string, text: string | undefined, example: string, count?: number, command = 'summary'): number[] {
  if (text === undefined) throw new UserError(`\`${command} --model\` needs --${option}.`, { hint: `Give it as --${option} ${example}.` });
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || values.some((v) => v < 1) || (count !== undefined && values.length !== count)) {
    const what = count === 1 ? 'a whole number >= 1' : 'whole numbers >= 1 separated by commas, without the batch axis';
    throw new UserError(`--${option} ${text}: expected ${what}.`, { hint: `For example --${option} ${example}.` });
  }
  return values;
}

/** The data facts a model file is compiled on, from `--input-shape` and `--classes`. */
export function factsFromOptions(options: ModelFileOptions): DataFacts {
  const inputShape = wholeNumbers('input-shape', options.inputShape, '32,32,3 (height, width, channels)', undefined, options.command);
  const [classes] = wholeNumbers('classes', options.classes, '10', 1, options.command);
  const optional = (option: string, text: string | undefined, example: string) => (text === undefined ? undefined : wholeNumbers(option, text, example, 1)[0]);
  const vocabSize = optional('vocab-size', options.vocabSize, '20002');
  const vectorsDim = optional('vectors-dim', options.vectorsDim, '300');
  return { classes, input_shape: inputShape, ...(vocabSize !== undefined ? { vocab_size: vocabSize } : {}), ...(vectorsDim !== undefined ? { vectors_dim: vectorsDim } : {}) };
}

/** Loads, patches, checks against model.schema.json and compiles a model file. */
export function compileModelFile(file: string, options: ModelFileOptions): CompiledModel {
  const facts = factsFromOptions(options);
  const loaded = loadFragment(file, 'model');
  // Not a mapping, or a `vars:` of its own (which the schema refuses): the schema says so, at its line.
  if (!isObject(loaded.value) || 'vars' in loaded.value) throwIfAny(schemaProblems(loaded.value, loaded.positions, 'model'));
  const root = loaded.value as JsonObject;
  if ('model' in root && !('layers' in root)) {
    throw new UserError(`${file} is an experiment, not a model file.`, { hint: `Run ${options.command ?? 'summary'} --experiment ${file}, or give --model its model file.` });
  }
  // `vars` rides along in the document, so that one `--set` list serves both; it leaves before the schema check.
  const patched = applyOverrides({ ...loaded, value: { ...root, vars: {} } }, (options.set ?? []).map(parseOverride));
  const { vars = {}, ...spec } = patched.value as JsonObject;
  if (!isObject(vars)) throw new UserError(`--set vars: vars must be a mapping, got ${JSON.stringify(vars)}.`, { hint: 'Set one variable at a time, e.g. --set vars.bn=false.' });
  throwIfAny(schemaProblems(spec, patched.positions, 'model', '', patched.removed));
  try {
    return compileModel(spec as unknown as ModelSpec, facts, {
      seed: 1,
      vars,
      pointer: '',
      locate: (p, prefer) => locate(patched.positions, p, prefer),
      name: basename(file).replace(/\.ya?ml$/i, ''),
    });
  } catch (error) {
    // A text model's `${data.vocab_size}` or `${data.vectors_dim}`: say which option gives it.
    const fact = isUserError(error) ? /`data` has no `(vocab_size|vectors_dim)`/.exec(error.message)?.[1] : undefined;
    if (!fact || !isUserError(error)) throw error;
    const option = fact === 'vocab_size' ? '--vocab-size 20002' : '--vectors-dim 300';
    throw new UserError(error.message, { at: error.at, path: error.path, hint: `${error.hint ? `${error.hint} ` : ''}Give it with ${option}.` });
  }
}
