/** What a compute backend offers to the selection: a name, a label, and a `load` that makes it current or says why not. */
import type { BackendName } from '@ablate/spec';

export type ConcreteBackend = Exclude<BackendName, 'auto'>;

export interface Loaded {
  ok: true;
  /** Package versions, devices and settings worth recording (env.json's `backend`). */
  detail: Record<string, string | number | boolean>;
  threads: number;
  /** A label naming the device, when it says more than the candidate's (e.g. the GPU adapter). */
  label?: string;
  /** Training steps whose loss may be read back late (a GPU runs ahead of the CPU); 0 when a read is free. */
  readDepth?: number;
}
export interface Unavailable {
  ok: false;
  reason: string;
  /** What would enable it. */
  fix: string;
}

export interface LoadOptions {
  /** Chosen by auto-selection rather than by name: a backend may then refuse what only a name should get (a software GPU). */
  auto: boolean;
  /** reproducible: strict — pin what makes results differ between machines (the native backend's instruction set). */
  strict?: boolean;
}

export interface Candidate {
  name: ConcreteBackend;
  label: string;
  load(threads: number, options: LoadOptions): Promise<Loaded | Unavailable>;
}

/** The installed version of a package, or 'unknown'. */
export function packageVersion(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
