/** Per-channel mean, standard deviation, min and max, accumulated over chunks of examples (channels last). */
export class ChannelStats {
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  private count = 0;

  constructor(readonly channels: number) {
    this.sum = new Float64Array(channels);
    this.sumSq = new Float64Array(channels);
    this.min = new Float64Array(channels).fill(Infinity);
    this.max = new Float64Array(channels).fill(-Infinity);
  }

  add(values: ArrayLike<number>): void {
    const c = this.channels;
    for (let i = 0; i < values.length; i++) {
      const k = i % c;
      const v = values[i];
      this.sum[k] += v;
      this.sumSq[k] += v * v;
      if (v < this.min[k]) this.min[k] = v;
      if (v > this.max[k]) this.max[k] = v;
    }
    this.count += values.length / c;
  }

  mean(): Float64Array {
    return this.sum.map((s) => s / this.count);
  }

  /** Population standard deviation (as scikit-learn's StandardScaler); 1 where it is 0. */
  std(): Float64Array {
    const mean = this.mean();
    return this.sumSq.map((s, k) => {
      const sd = Math.sqrt(Math.max(s / this.count - mean[k] * mean[k], 0));
      return sd > 0 ? sd : 1;
    });
  }
}

/** y = x * scale[c] + shift[c], in place, for channels-last values. */
export function affine(values: Float32Array, scale: ArrayLike<number>, shift: ArrayLike<number>): Float32Array {
  const c = scale.length;
  for (let i = 0; i < values.length; i++) {
    const k = i % c;
    values[i] = values[i] * scale[k] + shift[k];
  }
  return values;
}
