/**
 * `validate`'s last check: every distinct model of the trials compiled against its data (classes,
 * example shape) and its output against what the loss compares it with, so that a layer that
 * cannot work on the data — a conv3d on images, a window larger than its input, a kernel with too
 * many axes, an image output under a classification loss — is an error at its line before anything
 * trains. The data is not read when the experiment says enough or an earlier run cached its facts.
 */
import { dirname } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { DataFileMissing, factsOf } from '@ablate/data';
import { checkOutput, compileModel } from '@ablate/models';
import { isUserError, UserError, UserErrors } from '@ablate/spec';
import { canonicalJson, type Plan, type Trial } from '@ablate/sweep';

function context(trial: Trial): string {
  return [...(trial.variant === undefined ? [] : [`variant "${trial.variant}"`]), ...trial.grid.map((g) => `${g.path}=${JSON.stringify(g.value)}`)].join(', ');
}

function inContext(error: UserError, trial: Trial): UserError {
  const where = context(trial);
  if (!where) return error;
  return new UserError(`${error.message.replace(/\.$/, '')} (in the trials of ${where}).`, { at: error.at, path: error.path, hint: error.hint });
}

/** Checks the models; returns notes on those it could not check (their data is not on this machine). */
export async function checkModels(plan: Plan): Promise<string[]> {
  const { expansion, loaded } = plan;
  const baseDir = dirname(loaded.file);
  const where = (p: string, prefer?: 'key' | 'value') => locate(loaded.doc.positions, p, prefer);
  const errors: UserError[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  let backendReady = false;
  for (const trial of expansion.trials) {
    const { config } = trial;
    let facts;
    try {
      facts = factsOf(config, { baseDir, seed: trial.seed }).facts;
    } catch (error) {
      if (!isUserError(error)) throw error;
      // Data that is there but cannot be read (a wrong layout, variable or format) is an error now, not after the first trial starts.
      if (!(error instanceof DataFileMissing)) {
        errors.push(inContext(error, trial));
        continue;
      }
      const note = `the model${context(trial) ? ` of ${context(trial)}` : ''} is not checked against its data, which is not on this machine: ${error.message.split('\n')[0]}`;
      if (!notes.includes(note)) notes.push(note);
      continue;
    }
    const key = canonicalJson([config.model, config.vars ?? {}, facts, config.loss ?? null]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!backendReady) {
      await selectBackend('cpu');
      backendReady = true;
    }
    try {
      const compiled = compileModel(config.model, facts, { seed: trial.seed, vars: config.vars, locate: where, name: expansion.name });
      compiled.model.dispose();
      checkOutput(compiled, facts, config.loss, config.task);
    } catch (error) {
      if (!isUserError(error)) throw error;
      const found = error instanceof UserErrors ? error.errors : [error];
      errors.push(...found.map((e) => inContext(e, trial)));
    }
  }
  if (errors.length > 0) throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  return notes;
}
