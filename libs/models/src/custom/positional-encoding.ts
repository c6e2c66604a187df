/** Adds a position encoding to [T, D]: the fixed sinusoids of "Attention is all you need", or learned vectors. */
import { tf, tfl, type Kwargs, type LayerArgs, type LayerVariable, type Tensor } from '../tf';

export interface PositionalEncodingArgs extends LayerArgs {
  kind: 'sinusoidal' | 'learned';
  maxLength?: number;
}

export function sinusoids(steps: number, dim: number): Float32Array {
  const out = new Float32Array(steps * dim);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < dim; i += 2) {
      const angle = t / Math.pow(10000, i / dim);
      out[t * dim + i] = Math.sin(angle);
      if (i + 1 < dim) out[t * dim + i + 1] = Math.cos(angle);
    }
  }
  return out;
}

export class PositionalEncoding extends tfl.layers.Layer {
  static className = 'AblatePositionalEncoding';
  readonly kind: 'sinusoidal' | 'learned';
  readonly maxLength?: number;
  private table?: LayerVariable;

  constructor(args: PositionalEncodingArgs) {
    super(args);
    this.kind = args.kind;
    this.maxLength = args.maxLength;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    if (this.kind === 'learned') {
      const steps = this.maxLength ?? (shape[1] as number);
      this.table = this.addWeight('embeddings', [steps, shape[2] as number], 'float32', tfl.initializers.zeros());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return inputShape as tfl.Shape;
  }

  override call(inputs: Tensor | Tensor[], _kwargs: Kwargs): Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [, steps, dim] = x.shape;
      const table = this.table ? tf.slice(this.table.read(), [0, 0], [steps, dim]) : tf.tensor2d(sinusoids(steps, dim), [steps, dim]);
      return tf.add(x, table);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kind: this.kind, ...(this.maxLength === undefined ? {} : { maxLength: this.maxLength }) };
  }
}
