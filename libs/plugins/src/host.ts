/**
 * Loading a plug-in module: run it (TypeScript through the loader ablate runs under), check its
 * export, register its components, and fingerprint its source. Installed as libs/spec's plug-in
 * host when this library is imported, so that the load phase of any command can load plug-ins.
 */
import { displayRelative, isUserError, setPluginHost, UserError, type LoadedPlugin, type PluginHost, type PluginRef } from '@ablate/spec';
import { causeOf, userFrame } from './plugin-errors';
import { checkDefinition, registerComponents, type PluginSource } from './register-components';
import { localSources, sourceHash } from './source-hash';
import { registerBuiltins } from './builtin/register-builtins';

const display = (file: string) => displayRelative(process.cwd())(file);

function run(ref: PluginRef, files: readonly string[]): unknown {
  try {
    return require(ref.file) as unknown;
  } catch (error) {
    if (isUserError(error)) throw error;
    const at = userFrame(error, files, display);
    throw new UserError(`the plug-in ${ref.shown} cannot be loaded: ${causeOf(error)}`.replace(/\.?$/, '.'), {
      ...(at ? { at } : ref.at ? { at: ref.at } : {}),
      hint: at
        ? `Its code fails when it is imported, at ${at.file}:${at.line}: fix it there (a syntax error, or an exception at the top level of the module).`
        : 'Its code fails when it is imported: run it on its own (npx tsx <file>) to see where.',
    });
  }
}

/** `export default definePlugin(...)`, `export const plugin = ...`, or CommonJS `module.exports = { layers, ... }`. */
function exportedDefinition(exported: { default?: unknown; plugin?: unknown } | undefined): unknown {
  if (exported?.default !== undefined) return exported.default;
  if (exported?.plugin !== undefined) return exported.plugin;
  const own = Object.keys(exported ?? {}).filter((k) => k !== '__esModule');
  return own.length > 0 ? exported : undefined;
}

export const pluginHost: PluginHost = {
  load(ref: PluginRef): LoadedPlugin {
    const files = localSources(ref.file);
    const exported = run(ref, files) as { default?: unknown; plugin?: unknown } | undefined;
    const source: PluginSource = { files, shown: ref.shown, display, ...(ref.at ? { at: ref.at } : {}) };
    const definition = checkDefinition(source, exportedDefinition(exported));
    const components = registerComponents(source, definition);
    return { file: ref.file, shown: ref.shown, sha256: sourceHash(ref.file), components };
  },
};

setPluginHost(pluginHost);
registerBuiltins();
