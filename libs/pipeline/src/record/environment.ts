/** env.json: what a run needs to be understood and repeated — versions, backend, machine, code, data, seed. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import type { BackendChoice } from '@ablate/backend';
import type { DataFile } from '@ablate/data';
import type { LoadedPlugin } from '@ablate/spec';

function version(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function ablateVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

let git: { commit: string; dirty: boolean } | null | undefined;

/** The git commit of the working directory and whether it has uncommitted changes (null outside a repository). */
export function gitState(): { commit: string; dirty: boolean } | null {
  if (git !== undefined) return git;
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    git = { commit, dirty };
  } catch {
    git = null;
  }
  return git;
}

/** The versions of ablate and TensorFlow.js a run used. */
export function versions(): Record<string, string> {
  return {
    ablate: ablateVersion(),
    node: process.version,
    '@tensorflow/tfjs-core': version('@tensorflow/tfjs-core'),
    '@tensorflow/tfjs-layers': version('@tensorflow/tfjs-layers'),
    '@tensorflow/tfjs-backend-cpu': version('@tensorflow/tfjs-backend-cpu'),
  };
}

export function environment(backend: BackendChoice, files: readonly DataFile[], seed: number, trialId: string, plugins: readonly LoadedPlugin[] = []): Record<string, unknown> {
  return {
    trial: trialId,
    seed,
    backend: { name: backend.name, label: backend.label, threads: backend.threads, reason: backend.reason, ...backend.detail },
    versions: versions(),
    os: { platform: platform(), release: release(), arch: arch() },
    cpu: { model: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
    git: gitState(),
    data: files,
    // The plug-in modules (absolute paths: a saved model with their layers loads with them) and the hash of their source.
    ...(plugins.length ? { plugins: plugins.map((p) => ({ file: p.file, shown: p.shown, sha256: p.sha256, components: p.components })) } : {}),
  };
}
