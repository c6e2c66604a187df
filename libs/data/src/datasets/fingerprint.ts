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
import { readFileSync, statSync } from 'node:fs';
import { isUserError, type DatasetSpec } from '@ablate/spec';
import { readCacheFile, writeCacheFile } from '../cache-file';
import type { LoaderContext } from './dataset';
import { DATASETS } from './register-all';

type DigestCache = Record<string, string>;

let memory: DigestCache | undefined;

function loadCache(): DigestCache {
  memory ??= readCacheFile<DigestCache>('file-sha256.json') as DigestCache;
  return memory;
}

/** The SHA-256 of a file's content, or undefined when it is not a readable file. Says whether it was computed (not cached). */
function digestOf(path: string): { digest?: string; fresh: boolean } {
  let key: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { fresh: false };
    key = `${path}|${stat.size}|${stat.mtimeMs}|${stat.ino}`;
  } catch {
    return { fresh: false };
  }
  const cache = loadCache();
  if (cache[key] !== undefined) return { digest: cache[key], fresh: false };
  cache[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
  return { digest: cache[key], fresh: true };
}

/** The SHA-256 of a file's content, or undefined when it is not a readable file. */
export function fileDigest(path: string): string | undefined {
  const { digest, fresh } = digestOf(path);
  if (fresh) writeCacheFile('file-sha256.json', loadCache());
  return digest;
}

/** The digests of the files whose digest is kept (same path, size, time and inode); the cache file written once if any was computed. */
export function fileDigests(paths: readonly string[]): Map<string, string> {
  let fresh = false;
  const out = new Map<string, string>();
  for (const path of paths) {
    const found = digestOf(path);
    fresh ||= found.fresh;
    if (found.digest !== undefined) out.set(path, found.digest);
  }
  if (fresh) writeCacheFile('file-sha256.json', loadCache());
  return out;
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
  // The cache file is written once for the data set, not once per file (an image folder has tens of thousands).
  const known = fileDigests(files.map((f) => f.path));
  const digests = files.map((f) => known.get(f.path) ?? 'missing');
  return createHash('sha256').update(digests.join(',')).digest('hex');
}
