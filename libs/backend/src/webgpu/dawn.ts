/**
 * Dawn, Chrome's WebGPU implementation, as the npm package `webgpu` ships it: one prebuilt
 * `dawn.node` per platform, loaded here by path. (The package's entry point is an ES module that
 * does the same; requiring the binary directly works the same way under Node and under Jest.)
 * `webgpu` is an optional dependency, so its absence is a reason, not an error.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Gpu } from './gpu-types';

export interface Dawn {
  /** A GPU instance (navigator.gpu); flags are Dawn's toggles, e.g. `backend=vulkan`. */
  create(flags: string[]): Gpu;
  /** The WebGPU constants and classes (GPUBufferUsage, GPUMapMode, ...) tfjs expects as globals. */
  globals: Record<string, unknown>;
}

export type DawnLoad = { ok: true; dawn: Dawn; path: string; version: string } | { ok: false; reason: string; fix: string };

export const INSTALL_WEBGPU = 'npm install webgpu @tensorflow/tfjs-backend-webgpu (optional dependencies of ablate: `npm ci` installs them where the platform has a prebuilt dawn.node)';

/** The path of this platform's dawn.node inside the installed `webgpu` package, or why there is none. */
export function dawnPath(): { ok: true; path: string; version: string } | { ok: false; reason: string; fix: string } {
  let root: string;
  try {
    root = dirname(require.resolve('webgpu/package.json'));
  } catch {
    return { ok: false, reason: 'the webgpu package (Dawn) is not installed', fix: INSTALL_WEBGPU };
  }
  const version = (require(join(root, 'package.json')) as { version: string }).version;
  const folder = process.platform === 'darwin' ? 'darwin-universal' : `${process.platform}-${process.arch}`;
  const path = join(root, 'dist', folder, 'dawn.node');
  if (!existsSync(path)) return { ok: false, reason: `webgpu ${version} has no dawn.node for ${folder}`, fix: 'use a platform it ships (linux-x64, linux-arm64, darwin, win32-x64, win32-arm64)' };
  return { ok: true, path, version };
}

let loaded: DawnLoad | undefined;

export function loadDawn(): DawnLoad {
  if (loaded) return loaded;
  const where = dawnPath();
  if (!where.ok) return (loaded = where);
  try {
    loaded = { ok: true, dawn: require(where.path) as Dawn, path: where.path, version: where.version };
  } catch (error) {
    loaded = { ok: false, reason: `Dawn (dawn.node) does not load: ${(error as Error).message.split('\n')[0]}`, fix: 'reinstall webgpu (npm ci)' };
  }
  return loaded;
}
