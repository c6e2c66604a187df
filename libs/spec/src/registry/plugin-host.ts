/**
 * Plug-in files listed by an experiment (or a model or dataset file it extends) are loaded in the
 * load phase, before validation, because their components extend the language that validation
 * checks. Loading one runs its code and registers its components with the libraries that build,
 * train and evaluate (libs/plugins does that); this leaf library only knows that it happened, so
 * that trials can be identified by the plug-ins' source.
 */
import type { SourceLocation } from '../errors';

export interface PluginRef {
  /** Absolute path of the module. */
  file: string;
  /** The path as the user wrote it, relative to the working directory, for messages. */
  shown: string;
  /** Where the experiment lists it. */
  at?: SourceLocation;
}

export interface LoadedPlugin {
  file: string;
  shown: string;
  /** SHA-256 over the module and the local files it imports: what a trial's identity follows. */
  sha256: string;
  /** `layer cbam`, `loss focal`, `metric top2_accuracy`, `dataset folder_cube`. */
  components: string[];
}

export interface PluginHost {
  load(ref: PluginRef): LoadedPlugin;
}

let host: PluginHost | undefined;
const loaded = new Map<string, LoadedPlugin>();

export function setPluginHost(value: PluginHost): void {
  host = value;
}

/** Loads each plug-in once per process (a second experiment that lists it shares its components). */
export function loadPlugins(refs: readonly PluginRef[]): LoadedPlugin[] {
  return refs.map((ref) => {
    const known = loaded.get(ref.file);
    if (known) return known;
    if (!host) throw new Error('an experiment lists plug-ins, but no plug-in host is installed (import @ablate/plugins)');
    const plugin = host.load(ref);
    loaded.set(ref.file, plugin);
    return plugin;
  });
}

/** The plug-ins loaded so far, by absolute path. */
export function loadedPlugin(file: string): LoadedPlugin | undefined {
  return loaded.get(file);
}

/** Forgets what was loaded (tests; the components are the registries' to forget). */
export function forgetPlugins(): void {
  loaded.clear();
}
