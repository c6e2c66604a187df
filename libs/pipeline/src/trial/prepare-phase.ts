/** Phase "prepare": the trial's data, split, fitted and ready to batch, with what the log says of it. */
import { prepareData, type PreparedData } from '@ablate/data';
import { failpoint } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';

export function preparePhase(trial: Trial, baseDir: string, log: (line: string) => void): PreparedData {
  const data = prepareData(trial.config, { baseDir, seed: trial.seed });
  failpoint('trial:data');
  log(`data: ${data.train.size} train, ${data.val.size} validation, ${data.test.size} test examples of shape [${data.facts.input_shape.join(', ')}], ${data.facts.classes} classes`);
  const vocab = data.vocabulary;
  if (vocab) {
    const { train, test } = vocab.stats;
    const percent = (part: typeof train) => ((100 * part.oov_tokens) / Math.max(part.tokens, 1)).toFixed(1);
    log(`vocabulary: ${vocab.words} words from the ${train.texts} training texts (min_count ${vocab.min_count}, max_vocab ${vocab.max_vocab}); out of vocabulary: ${percent(train)}% of training words, ${percent(test)}% of test words; ${train.truncated_texts + vocab.stats.val.truncated_texts + test.truncated_texts} texts longer than ${vocab.length} words truncated`);
    if (vocab.vectors) log(`word vectors: ${vocab.vectors.words_found} of the ${vocab.words} vocabulary words found among the ${vocab.vectors.file_words} vectors of ${vocab.vectors.file} (${vocab.vectors.dim}-d)`);
  }
  return data;
}
