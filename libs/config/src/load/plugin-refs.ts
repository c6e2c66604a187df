/**
 * `plugins:` of every file an experiment is made of (the experiment, the experiments it extends,
 * its model and dataset files): each entry resolved to the module it names (a path relative to
 * the file that lists it, or a package installed in the workspace), gathered in the order met, and
 * removed from the document, whose components they add to the language.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { childPointer, UserError, type Pointer, type PluginRef } from '@ablate/spec';
import { locate, type SourceDoc } from '../source/document';
import { isObject, type Json } from '../source/json';
import type { LoadContext } from './load-context';

const EXTENSIONS = ['', '.ts', '.js', '.cjs', '.mjs'];

function resolveModule(entry: string, fromDir: string): string | undefined {
  if (entry.startsWith('.') || entry.startsWith('/')) {
    const base = resolve(fromDir, entry);
    return EXTENSIONS.map((e) => base + e).find((f) => existsSync(f) && !f.endsWith('/'));
  }
  try {
    return createRequire(join(fromDir, 'noop.js')).resolve(entry);
  } catch {
    return undefined;
  }
}

export function takePlugins(doc: SourceDoc, at: Pointer, fromDir: string, ctx: LoadContext): SourceDoc {
  const section = at === '' ? doc.value : isObject(doc.value) ? (doc.value as Record<string, Json>)[at.slice(1)] : undefined;
  if (!isObject(section) || section.plugins === undefined) return doc;
  const pointer = childPointer(at, 'plugins');
  const list = section.plugins;
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) {
    throw new UserError('`plugins` must be a list of module paths.', { at: locate(doc.positions, pointer), path: 'plugins', hint: 'For example `plugins: [./my-components.ts]`.' });
  }
  list.forEach((entry, i) => {
    const where = locate(doc.positions, childPointer(pointer, i));
    const file = resolveModule(entry, fromDir);
    if (!file) {
      const relativePath = entry.startsWith('.') || entry.startsWith('/');
      throw new UserError(`the plug-in ${entry} ${relativePath ? 'is not there' : 'is not a package installed in the workspace'}.`, {
        at: where,
        path: `plugins[${i}]`,
        hint: relativePath ? `A path is relative to the file that lists it (${ctx.display(fromDir)}); .ts and .js may be left out.` : 'Install it (npm install <name>), or give a path starting with ./ .',
      });
    }
    if (!ctx.plugins.some((p) => p.file === file)) ctx.plugins.push({ file, shown: ctx.display(file), ...(where ? { at: where } : {}) });
  });
  const { plugins: _taken, ...rest } = section;
  void _taken;
  const value = at === '' ? rest : { ...(doc.value as Record<string, Json>), [at.slice(1)]: rest };
  const positions = new Map([...doc.positions].filter(([p]) => p !== pointer && !p.startsWith(pointer + '/')));
  return { ...doc, value, positions };
}

export type { PluginRef };
