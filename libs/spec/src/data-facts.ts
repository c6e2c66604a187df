/**
 * What the model may know about the prepared data — `${data.classes}`, `${data.input_shape}`,
 * `${data.channels}`, `${data.vocab_size}` and `${data.vectors_dim}` (text data only) — the contract between libs/data,
 * which computes it, and libs/models.
 */
export interface DataFacts {
  classes: number;
  /** One example's shape, without the batch axis. */
  input_shape: number[];
  input_dtype?: 'float32' | 'int32';
  /** Text data: how many token ids an embedding must accept (padding and out-of-vocabulary included). */
  vocab_size?: number;
  /** Text data with word vectors: their dimension. */
  vectors_dim?: number;
}

export function factScope(facts: DataFacts): Record<string, unknown> {
  return {
    classes: facts.classes,
    input_shape: [...facts.input_shape],
    channels: facts.input_shape[facts.input_shape.length - 1],
    ...(facts.vocab_size !== undefined ? { vocab_size: facts.vocab_size } : {}),
    ...(facts.vectors_dim !== undefined ? { vectors_dim: facts.vectors_dim } : {}),
  };
}
