/**
 * The data facts a model is compiled against (classes, example shape), for checks before training:
 * from the experiment alone when it says enough (describeData), else from an earlier look at the
 * same data (cached under node_modules/.cache/ablate, keyed by the dataset, its preprocessing and
 * the contents of its files), else by preparing the data once and caching what it gave.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, type DataFacts } from '@ablate/spec';
import { describeData } from './describe';
import { dataFingerprint } from './datasets/fingerprint';
import { prepareData, type DataConfig } from './prepare';

type FactsCache = Record<string, DataFacts>;

function cacheFile(): string | undefined {
  const dir = cacheDir();
  return dir && join(dir, 'data-facts.json');
}

function readCache(): FactsCache {
  const file = cacheFile();
  try {
    return file ? (JSON.parse(readFileSync(file, 'utf8')) as FactsCache) : {};
  } catch {
    return {};
  }
}

function writeCache(cache: FactsCache): void {
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

export interface FactsOf {
  facts: DataFacts;
  /** Where they came from: the experiment, the cache, or the data read now. */
  source: 'described' | 'cached' | 'read';
}

/** The facts of a trial's data; reads the data only when neither the experiment nor the cache knows them. */
export function factsOf(config: Pick<DataConfig, 'dataset' | 'preprocessing' | 'split'>, options: { baseDir: string; seed: number }): FactsOf {
  const described = describeData(config);
  if (described) return { facts: described, source: 'described' };
  const fingerprint = dataFingerprint(config.dataset, { baseDir: options.baseDir });
  const key = createHash('sha256')
    .update(JSON.stringify([config.dataset, config.preprocessing ?? [], fingerprint]))
    .digest('hex');
  const cache = readCache();
  if (fingerprint !== 'missing' && cache[key]) return { facts: cache[key], source: 'cached' };
  const { facts } = prepareData(config, options);
  if (fingerprint !== 'missing') writeCache({ ...readCache(), [key]: facts });
  return { facts, source: 'read' };
}
