/** What loading needs to know besides the file being read. */
import type { PluginRef } from '@ablate/spec';

export interface LoadContext {
  /** Folder of the root experiment file: dataset paths are rebased onto it. */
  rootDir: string;
  /** Shown in messages instead of absolute paths. */
  display: (absolute: string) => string;
  /** The plug-ins of every file loaded so far, in the order met (load/plugin-refs.ts). */
  plugins: PluginRef[];
}
