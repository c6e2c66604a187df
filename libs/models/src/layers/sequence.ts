/** Embedding, LSTM, GRU, multi-head self-attention and positional encodings. */
import { PositionalEncoding } from '../custom/positional-encoding';
import { SelfAttention } from '../custom/self-attention';
import type { InitializerSpec } from '../init/initializer-values';
import { intSeed, stream } from '@ablate/spec';
import { tfl } from '../tf';
import { finish, inputShape, ZEROS } from './build-helpers';
import { LayerUseError, type LayerImpl, type WeightInit } from './layer-impl';

type EmbeddingParams = { vocab_size: number; dim: number; embeddings_initializer?: InitializerSpec; trainable: boolean; vectors: boolean; mask_zero: boolean };

export const embedding: LayerImpl<EmbeddingParams> = {
  type: 'embedding',
  arity: 'one',
  build(p, ctx) {
    inputShape(ctx, 1, 'a [steps] sequence of token ids');
    if (p.vectors) {
      const dim = ctx.data.vectors_dim;
      if (dim === undefined) throw new LayerUseError('starts from word vectors (`vectors: true`), and the dataset has none', 'Add `vectors: { file: ..., dim: ... }` to the text dataset, or remove `vectors: true`.');
      if (dim !== p.dim) throw new LayerUseError(`has dim ${p.dim}, and the dataset's word vectors have ${String(dim)} numbers`, 'Write `dim: "${data.vectors_dim}"`.');
    }
    const layer = tfl.layers.embedding({ name: ctx.name, inputDim: p.vocab_size, outputDim: p.dim, embeddingsInitializer: ZEROS(), trainable: p.trainable, maskZero: p.mask_zero });
    return finish(ctx, [layer], {
      inits: [{ layer, weight: 'embeddings', kind: 'embedding', role: 'embedding', initializer: p.embeddings_initializer ?? 'torch_default', ...(p.vectors ? { fromVectors: true } : {}) }],
    });
  },
};

type RecurrentParams = { units: number; return_sequences: boolean; kernel_initializer?: InitializerSpec };

/**
 * PyTorch initialises every LSTM/GRU weight U(-1/sqrt(units), 1/sqrt(units)) (torch_default, the
 * default here). Another kernel initialiser applies to the input kernel, with a seeded orthogonal
 * recurrent kernel and zero bias, as Keras does. tfjs keeps one bias vector per gate where PyTorch
 * keeps two (b_ih and b_hh), so PyTorch counts 4*units (LSTM) or 3*units (GRU) more parameters.
 */
function recurrent(type: 'lstm' | 'gru', gates: number): LayerImpl<RecurrentParams> {
  return {
    type,
    arity: 'one',
    build(p, ctx) {
      const [steps, features] = inputShape(ctx, 2, 'a [steps, features] sequence');
      const torch = (p.kernel_initializer ?? 'torch_default') === 'torch_default';
      const seed = intSeed(stream(ctx.seed, 'recurrent', ctx.name));
      const args = {
        name: ctx.name,
        units: p.units,
        returnSequences: p.return_sequences,
        kernelInitializer: ZEROS(),
        recurrentInitializer: torch ? ZEROS() : tfl.initializers.orthogonal({ seed }),
        biasInitializer: ZEROS(),
        ...(type === 'lstm' ? { unitForgetBias: !torch } : {}),
      };
      const layer = type === 'lstm' ? tfl.layers.lstm(args) : tfl.layers.gru(args);
      const bound = 1 / Math.sqrt(p.units);
      const uniform: InitializerSpec = { type: 'uniform', min: -bound, max: bound };
      const inits: WeightInit[] = torch
        ? ['kernel', 'recurrent_kernel', 'bias'].map((weight) => ({ layer, weight, kind: 'dense' as const, role: 'kernel' as const, initializer: uniform }))
        : [{ layer, weight: 'kernel', kind: 'dense', role: 'kernel', initializer: p.kernel_initializer as InitializerSpec }];
      return finish(ctx, [layer], { inits, macs: steps * gates * p.units * (features + p.units) });
    },
  };
}

export const lstm = recurrent('lstm', 4);
export const gru = recurrent('gru', 3);

export const multiHeadAttention: LayerImpl<{ heads: number; key_dim?: number; dropout?: number; causal?: boolean; kernel_initializer?: InitializerSpec }> = {
  type: 'multi_head_attention',
  arity: 'one',
  build(p, ctx) {
    const [steps, dim] = inputShape(ctx, 2, 'a [steps, features] sequence');
    if (p.key_dim === undefined && dim % p.heads !== 0) {
      throw new LayerUseError(`the model dimension ${dim} is not divisible by heads: ${p.heads}.`, 'Choose heads that divide it, or set key_dim.');
    }
    const keyDim = p.key_dim ?? dim / p.heads;
    const inner = p.heads * keyDim;
    const layer = new SelfAttention({ name: ctx.name, heads: p.heads, keyDim, dropout: p.dropout ?? 0, causal: p.causal ?? false, seed: ctx.seed });
    // As nn.MultiheadAttention: in-projections xavier_uniform over the stacked [3*inner, dim] weight, zero biases.
    const torch = (p.kernel_initializer ?? 'torch_default') === 'torch_default';
    const inBound = Math.sqrt(6 / (dim + 3 * inner));
    const kernel = (name: string): WeightInit => ({
      layer,
      weight: `${name}_kernel`,
      kind: 'dense',
      role: 'kernel',
      initializer: torch ? (name === 'output' ? 'torch_default' : { type: 'uniform', min: -inBound, max: inBound }) : (p.kernel_initializer as InitializerSpec),
    });
    const bias = (name: string): WeightInit => ({ layer, weight: `${name}_bias`, kind: 'dense', role: 'bias', initializer: 'zeros' });
    const inits = ['query', 'key', 'value', 'output'].flatMap((n) => [kernel(n), bias(n)]);
    return finish(ctx, [layer], { inits, macs: steps * (4 * dim * inner) + 2 * steps * steps * inner });
  },
};

export const positionalEncoding: LayerImpl<{ kind: 'sinusoidal' | 'learned'; max_length?: number }> = {
  type: 'positional_encoding',
  arity: 'one',
  build(p, ctx) {
    const [steps] = inputShape(ctx, 2, 'a [steps, features] sequence');
    const kind = p.kind;
    if (kind === 'learned' && p.max_length !== undefined && p.max_length < steps) {
      throw new LayerUseError(`max_length ${p.max_length} is shorter than the sequence (${steps} steps).`);
    }
    const layer = new PositionalEncoding({ name: ctx.name, kind, maxLength: p.max_length });
    const inits: WeightInit[] = kind === 'learned' ? [{ layer, weight: 'embeddings', kind: 'embedding', role: 'kernel', initializer: { type: 'normal', std: 0.02 } }] : [];
    return finish(ctx, [layer], { inits });
  },
};
