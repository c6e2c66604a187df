/** What loading needs to know besides the file being read. */
export interface LoadContext {
  /** Folder of the root experiment file: dataset paths are rebased onto it. */
  rootDir: string;
  /** Shown in messages instead of absolute paths. */
  display: (absolute: string) => string;
}
