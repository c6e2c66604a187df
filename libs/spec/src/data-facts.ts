/**
 * What the model may know about the prepared data — `${data.classes}`, `${data.input_shape}`,
 * `${data.channels}` — the contract between libs/data, which computes it, and libs/models.
 */
export interface DataFacts {
  classes: number;
  /** One example's shape, without the batch axis. */
  input_shape: number[];
  input_dtype?: 'float32' | 'int32';
}

export function factScope(facts: DataFacts): Record<string, unknown> {
  return { classes: facts.classes, input_shape: [...facts.input_shape], channels: facts.input_shape[facts.input_shape.length - 1] };
}
