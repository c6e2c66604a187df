/**
 * What a trial's identity needs to know about its data: the SHA-256 of every file its dataset
 * reads. A data file replaced on disk then gives new trial ids, so the trials are run on the new
 * data instead of being skipped as done. Paths are not part of it (only contents), so ids stay the
 * same on every machine with the same files. A missing file counts as `missing` (validation does
 * not need the data; exec reports the missing file when it loads it).
 *
 * Hashing a data set takes a moment (Fashion-MNIST: 31 MB), so each file's hash is kept, keyed by
 * path, size, modification time and inode, in memory and under node_modules/.cache/ablate: after
 * the first time, planning a sweep reads no data.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, isUserError, type DatasetSpec } from '@ablate/spec';
import type { LoaderContext } from './dataset';
import { DATASETS } from './register-all';

type DigestCache = Record<string, string>;

let memory: DigestCache | undefined;

function cacheFile(): string | undefined {
  const dir = cacheDir();
  return dir && join(dir, 'file-sha256.json');
}

function loadCache(): DigestCache {
  if (memory) return memory;
  const file = cacheFile();
  try {
    memory = file ? (JSON.parse(readFileSync(file, 'utf8')) as DigestCache) : {};
  } catch {
    memory = {};
  }
  return memory;
}

function saveCache(cache: DigestCache): void {
  const file = cacheFile();
  if (!file) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, file);
  } catch {
    // A read-only install only loses the cache.
  }
}

/** The SHA-256 of a file's content, or undefined when it is not a readable file. */
export function fileDigest(path: string): string | undefined {
  let key: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    key = `${path}|${stat.size}|${stat.mtimeMs}|${stat.ino}`;
  } catch {
    return undefined;
  }
  const cache = loadCache();
  if (cache[key] === undefined) {
    cache[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
    saveCache(cache);
  }
  return cache[key];
}

/** One hash over the contents of every file the dataset reads, in the loader's order. */
export function dataFingerprint(spec: DatasetSpec, ctx: LoaderContext): string {
  const loader = DATASETS.get(spec.type);
  if (!loader) throw new Error(`no loader for dataset type ${spec.type}`);
  let files;
  try {
    files = loader.files(spec as never, ctx);
  } catch (error) {
    // A loader may refuse before any file is read (Fashion-MNIST not installed): that is exec's to report.
    if (!isUserError(error)) throw error;
    return 'missing';
  }
  const digests = files.map((f) => fileDigest(f.path) ?? 'missing');
  return createHash('sha256').update(digests.join(',')).digest('hex');
}
