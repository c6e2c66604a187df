/**
 * The data facts a model is compiled against (classes, example shape), for checks before training:
 * from the experiment alone when it says enough (describeData), else from an earlier look at the
 * same data (cached under node_modules/.cache/ablate, keyed by the dataset, its preprocessing and
 * the contents of its files), else by preparing the data once and caching what it gave.
 */
import { createHash } from 'node:crypto';
import type { DataFacts } from '@ablate/spec';
import { readCacheFile, writeCacheFile } from './cache-file';
import { describeData } from './describe';
import { dataFingerprint } from './datasets/fingerprint';
import { prepareData, type DataConfig } from './prepare';

type FactsCache = Record<string, DataFacts>;
const CACHE = 'data-facts.json';

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
  const cache = readCacheFile<FactsCache>(CACHE);
  if (fingerprint !== 'missing' && cache[key]) return { facts: cache[key], source: 'cached' };
  const { facts } = prepareData(config, options);
  if (fingerprint !== 'missing') writeCacheFile(CACHE, { ...readCacheFile<FactsCache>(CACHE), [key]: facts });
  return { facts, source: 'read' };
}
