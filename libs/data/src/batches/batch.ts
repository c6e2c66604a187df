/** A batch as typed arrays (libs/training turns it into tensors). */
export interface Batch {
  /** [n, ...exampleShape] values, row-major. */
  x: Float32Array | Int32Array;
  shape: number[];
  /** Class index of each example. */
  y: Int32Array;
  /** Numeric targets (regression), when the labels are numbers. */
  values?: Float32Array;
  /** Mixup: the loss is lambda * L(y) + (1 - lambda) * L(y2). */
  mix?: { y2: Int32Array; lambda: number };
  /** Dataset index (example or pixel) of each example: seeds per-example randomness. */
  items: Int32Array;
}

/** One part of the prepared data (train, val or test). */
export interface Source {
  size: number;
  /** Dataset indices of the part's examples. */
  items: Int32Array;
  labels: Int32Array;
  exampleShape: number[];
  dtype: 'float32' | 'int32';
  /** The examples at these positions of the part. */
  gather(positions: ArrayLike<number>): Batch;
}
