/** Loads a model file of experiments/models for tests, with positions for error messages. */
import { join } from 'node:path';
import { loadFragment, locate } from '@ablate/config';
import type { ModelSpec } from '@ablate/spec';
import { compileModel, type CompileOptions } from '../compile/compile-model';
import type { DataFacts } from '@ablate/spec';

export const MODELS_DIR = join(__dirname, '..', '..', '..', '..', 'experiments', 'models');

export function compileFile(file: string, facts: DataFacts, options: Partial<CompileOptions> = {}) {
  const doc = loadFragment(file, 'model');
  return compileModel(doc.value as unknown as ModelSpec, facts, { seed: 1, pointer: '', locate: (p, prefer) => locate(doc.positions, p, prefer), ...options });
}
