/** Phase 1, load: experiment file → one document (extends merged, --set applied), positions kept. */
import { basename, dirname, resolve } from 'node:path';
import { displayRelative, loadPlugins, type LoadedPlugin } from '@ablate/spec';
import type { SourceDoc } from '../source/document';
import { loadWithExtends } from './extends';
import { applyOverrides, parseOverride } from './overrides';

export interface LoadedExperiment {
  /** Absolute path of the experiment file. */
  file: string;
  /** The path as shown in messages (relative to the working directory). */
  display: string;
  /** Folder of the experiment file; relative dataset paths start here. */
  dir: string;
  /** Default experiment name: the file name without extension. */
  defaultName: string;
  doc: SourceDoc;
  /** The plug-ins its files list, loaded: their components are in the language from here on. */
  plugins: LoadedPlugin[];
}

export interface LoadOptions {
  set?: readonly string[];
  cwd?: string;
}

export function loadExperiment(file: string, options: LoadOptions = {}): LoadedExperiment {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, file);
  const display = displayRelative(cwd);
  const dir = dirname(absolute);
  const overrides = (options.set ?? []).map(parseOverride);
  const ctx = { rootDir: dir, display, plugins: [] };
  const doc = applyOverrides(loadWithExtends(absolute, 'experiment', ctx, []), overrides);
  const plugins = loadPlugins(ctx.plugins);
  return { file: absolute, display: display(absolute), dir, defaultName: basename(absolute).replace(/\.ya?ml$/i, ''), doc, plugins };
}

/** Loads a model or dataset file on its own (its `extends:` resolved), e.g. to check a shared model file. */
export function loadFragment(file: string, kind: 'model' | 'dataset', options: { cwd?: string } = {}): SourceDoc {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, file);
  const ctx = { rootDir: dirname(absolute), display: displayRelative(cwd), plugins: [] };
  const doc = loadWithExtends(absolute, kind, ctx, []);
  loadPlugins(ctx.plugins);
  return doc;
}
