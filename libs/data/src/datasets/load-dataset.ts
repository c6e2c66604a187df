/**
 * Loading a dataset once per process: the files a spec names are read and checksummed, and the
 * dataset is cached under its spec and those checksums, so every trial that uses it shares it
 * (and a file that changed on disk is read again).
 */
import type { DatasetSpec } from '@ablate/spec';
import { readData, sha256, type FileRef } from '../formats/read-file';
import type { Dataset, LoaderContext } from './dataset';
import { DATASETS } from './register-all';
import { fileDigests } from './fingerprint';

const cache = new Map<string, Dataset>();

/** File contents by path, read on first use (with readData's errors: a missing file is DataFileMissing). */
class LazyBytes extends Map<string, Buffer> {
  constructor(private readonly refs: ReadonlyMap<string, FileRef>) {
    super();
  }

  override get(path: string): Buffer | undefined {
    let bytes = super.get(path);
    const ref = this.refs.get(path);
    if (bytes === undefined && ref) {
      bytes = readData(ref);
      super.set(path, bytes);
    }
    return bytes;
  }
}

/** JSON with every object's keys sorted, at every depth (a replacer array would keep only the top level's keys). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** The spec without the fields that do not change what is loaded. */
function loadKey(spec: DatasetSpec): string {
  const { class_names: _names, ...rest } = spec as Record<string, unknown>;
  void _names;
  return stableJson(rest);
}

export function loadDataset(spec: DatasetSpec, ctx: LoaderContext): Dataset {
  const loader = DATASETS.get(spec.type);
  if (!loader) throw new Error(`no loader for dataset type ${spec.type}`);
  const files = loader.files(spec as never, ctx);
  const refs = new Map(files.map((f) => [f.path, f]));
  // Each file's checksum from the digests kept by size, time and inode (data/fingerprint.ts), read only
  // when unknown; the loader reads a file's bytes when it needs them (an image folder whose decode is
  // cached needs none).
  const known = fileDigests([...refs.keys()]);
  const bytes = new LazyBytes(refs);
  const digests = new Map([...refs.values()].map((f) => [f.path, known.get(f.path) ?? sha256(bytes.get(f.path) as Buffer)]));
  const checksums = [...refs.values()].map((f) => ({ shown: f.shown, sha256: digests.get(f.path) as string }));
  const key = `${loadKey(spec)}|${checksums.map((c) => c.sha256).join(',')}`;
  let dataset = cache.get(key);
  if (!dataset) {
    dataset = { ...loader.load(spec as never, bytes, files, digests), files: checksums };
    const names = (spec as { class_names?: string[] }).class_names;
    if (names) dataset = { ...dataset, classNames: names };
    cache.set(key, dataset);
  }
  return dataset;
}

export function clearDatasetCache(): void {
  cache.clear();
}

export type { FileRef };
