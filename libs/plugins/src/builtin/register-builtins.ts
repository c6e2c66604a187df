/**
 * ablate's own components written the way plug-ins are: one file per component under
 * builtin/<kind>/ (its name is the file's, `pixel-shuffle.ts` → `pixel_shuffle`), whose default
 * export is the component's definition. Registered as built-ins when this library is imported:
 * in the language, the schemas and docs/yaml-reference.md like the others, not part of a trial's
 * identity as a plug-in is. Adding one is that file and its test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_SOURCE } from '@ablate/spec';
import type { PluginDefinition } from '../definition';
import { registerComponents } from '../register-components';

/** The folders, by the plug-in definition's group they fill. */
const GROUPS = { layers: 'layers' } as const;

const componentFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []).filter((f) => /\.[cm]?[jt]s$/.test(f) && !/\.(spec|test)\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts')).sort();

export function registerBuiltins(): void {
  const definition: Record<string, Record<string, unknown>> = {};
  for (const [group, folder] of Object.entries(GROUPS)) {
    const dir = join(__dirname, folder);
    definition[group] = Object.fromEntries(
      componentFiles(dir).map((file) => [file.replace(/\.[cm]?[jt]s$/, '').replace(/-/g, '_'), (require(join(dir, file)) as { default: unknown }).default]),
    );
  }
  registerComponents({ files: [], shown: BUILT_IN_SOURCE, display: (f) => f }, definition as PluginDefinition);
}
