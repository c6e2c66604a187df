/**
 * JSON files under node_modules/.cache/ablate that make later runs faster (file hashes, data
 * facts). Losing one only costs time: a missing or unreadable file reads as empty, and a read-only
 * install simply keeps nothing.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '@ablate/spec';

export function readCacheFile<T extends object>(name: string): Partial<T> {
  const dir = cacheDir();
  try {
    return dir ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partial<T>) : {};
  } catch {
    return {};
  }
}

/** Replaces the file atomically (a concurrent reader sees the old or the new content). */
export function writeCacheFile(name: string, value: object): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    // A read-only install only loses the cache.
  }
}
