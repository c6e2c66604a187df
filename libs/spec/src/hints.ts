/** "Did you mean ...?" for keys, names and values. */
import { closest, distance } from 'fastest-levenshtein';

/** Names researchers bring from PyTorch, Keras or scikit-learn, and ours. */
const SYNONYMS: Record<string, string[]> = {
  lr: ['learning_rate', 'learningrate', 'base_lr', 'eta'],
  epochs: ['n_epochs', 'num_epochs', 'max_epochs', 'nb_epoch', 'epoch'],
  batch_size: ['batchsize', 'bs', 'batch'],
  kernel: ['kernel_size', 'ksize', 'window'],
  strides: ['stride', 'subsample'],
  filters: ['out_channels', 'channels', 'num_filters', 'n_filters', 'features'],
  units: ['out_features', 'hidden', 'hidden_size', 'size', 'output_dim'],
  pool: ['pool_size', 'kernel_size', 'size'],
  rate: ['p', 'dropout', 'drop_rate', 'prob'],
  dilation: ['dilation_rate', 'dilations'],
  use_bias: ['bias'],
  momentum: ['beta'],
  weight_decay: ['wd', 'l2_reg', 'decay'],
  epsilon: ['eps'],
  batch_norm: ['batchnorm', 'bn', 'batch_normalization', 'batchnorm2d', 'batchnorm3d'],
  cross_entropy: ['crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'ce', 'nll'],
  dense: ['linear', 'fc', 'fully_connected'],
  max_pool2d: ['maxpool2d', 'maxpooling2d', 'max_pooling2d'],
  avg_pool2d: ['avgpool2d', 'averagepooling2d', 'average_pooling2d'],
  global_avg_pool: ['adaptive_avg_pool2d', 'globalaveragepooling2d', 'gap'],
  components: ['n_components', 'num_components'],
  patience: ['wait'],
};

/** The closest candidate when it is close enough to be a likely typo. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lowered = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  const synonym = candidates.find((c) => SYNONYMS[c]?.some((s) => s === lowered || (s.length > 4 && distance(s, lowered) <= limit)));
  if (synonym !== undefined) return synonym;
  // Levenshtein counts a swap of two letters as 2: among equally close names prefer an anagram (lsit → list).
  const scored = candidates.map((c) => ({ c, d: distance(lowered, c.toLowerCase()) }));
  const min = Math.min(...scored.map((s) => s.d));
  const sorted = (s: string) => [...s.toLowerCase()].sort().join('');
  const ties = scored.filter((s) => s.d === min).map((s) => s.c);
  const best = ties.find((c) => sorted(c) === sorted(word)) ?? closest(word, ties);
  if (best.toLowerCase() === lowered) return best;
  if (distance(lowered, best.toLowerCase()) <= limit) return best;
  // learning_rate → lr, batchnorm → batch_norm: try ignoring separators.
  const squash = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  return candidates.find((c) => squash(c) === squash(word));
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closestMatch(word, candidates);
  return best === undefined ? '' : `Did you mean \`${best}\`? `;
}

/** `a, b, c` (long lists are cut). */
export function listOf(values: readonly unknown[], max = 40): string {
  const shown = values.slice(0, max).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.join(', ') + (values.length > max ? `, ... (${values.length - max} more)` : '');
}
