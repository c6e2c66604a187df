/**
 * Why the native kernels are not there, in the words of the true cause and its fix: what the
 * build needs and lacks (oneDNN's headers, the compiler), a build that failed (its first error),
 * a build never run, or a built addon that does not load (oneDNN's library gone, another Node.js).
 * tools/build-native.cjs asks the same questions before building, at `npm ci`.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const ONEDNN_HEADER = '/usr/include/oneapi/dnnl/dnnl.hpp';
const TOOLCHAIN = ['g++', 'make', 'python3'] as const;
const AS_ROOT = '(as root, or with sudo)';
const BUILD = 'npm run build:native';

export interface Machine {
  exists(path: string): boolean;
  onPath(command: string): boolean;
  read(path: string): string | undefined;
}

export const THIS_MACHINE: Machine = {
  exists: existsSync,
  onPath: (command) =>
    (process.env.PATH ?? '').split(delimiter).some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
};

export interface Missing {
  /** Debian packages to install, and what each is for. */
  packages: string[];
  what: string[];
}

/** What building the kernels needs and this machine lacks (nothing: it can build). */
export function missingForBuild(machine: Machine = THIS_MACHINE): Missing {
  const packages: string[] = [];
  const what: string[] = [];
  if (!machine.exists(ONEDNN_HEADER)) {
    packages.push('libdnnl-dev');
    what.push(`oneDNN (no ${ONEDNN_HEADER})`);
  }
  const tools = TOOLCHAIN.filter((t) => !machine.onPath(t));
  if (tools.length > 0) {
    packages.push(...tools);
    what.push(`the C++ toolchain (${tools.join(', ')} not found)`);
  }
  return { packages, what };
}

export interface NativeProblem {
  reason: string;
  fix: string;
}

function firstError(log: string): string {
  const line = log.split('\n').find((l) => /error/i.test(l) && !/^gyp (info|ERR! (cwd|node|command|System|stack))/.test(l));
  return (line ?? log.split('\n').find((l) => l.trim() !== '') ?? 'no output').trim().slice(0, 200);
}

/** The addon file is not there: why, and what to run. */
export function whyNotBuilt(buildLog: string, machine: Machine = THIS_MACHINE): NativeProblem {
  const missing = missingForBuild(machine);
  if (missing.packages.length > 0) {
    return { reason: `the native kernels are not built: ${missing.what.join(' and ')} is missing`, fix: `apt-get install -y ${missing.packages.join(' ')} ${AS_ROOT}, then ${BUILD}` };
  }
  const log = machine.read(buildLog);
  if (log !== undefined) return { reason: `building the native kernels failed: ${firstError(log)} (the whole log: ${buildLog})`, fix: `fix that error, then ${BUILD}` };
  return { reason: 'the native kernels are not built (npm ci ran before oneDNN and the compiler were installed, or without install scripts)', fix: BUILD };
}

/** The addon is there but `require` failed with `message`. */
export function whyNotLoaded(message: string): NativeProblem {
  const first = message.split('\n')[0];
  const library = /(libdnnl[\w.]*): cannot open shared object file/.exec(message);
  if (library) return { reason: `the native kernels are built but oneDNN's library is missing (${library[1]} not found)`, fix: `apt-get install -y libdnnl-dev ${AS_ROOT}` };
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(message)) return { reason: 'the native kernels were built for another version of Node.js', fix: BUILD };
  return { reason: `the native kernels do not load: ${first}`, fix: BUILD };
}
