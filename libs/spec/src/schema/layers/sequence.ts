import { Type } from '@sinclair/typebox';
import { bool, choice, closed, int, num } from '../primitives';
import { WEIGHTS } from './options';

const recurrent = (description: string) =>
  closed(
    {
      units: int({ minimum: 1 }),
      return_sequences: Type.Optional(bool({ default: false })),
      kernel_initializer: WEIGHTS.kernel_initializer,
    },
    { description },
  );

export const SEQUENCE_LAYERS = {
  embedding: closed(
    {
      vocab_size: int({ minimum: 1, description: 'Number of token ids (the largest id + 1); `${data.vocab_size}` for a text dataset.' }),
      dim: int({ minimum: 1 }),
      embeddings_initializer: WEIGHTS.kernel_initializer,
      trainable: WEIGHTS.trainable,
      vectors: Type.Optional(
        bool({
          default: false,
          description: "Start each vocabulary word's row from the text dataset's `vectors:` file where it has the word (the other rows from embeddings_initializer); dim must equal the vectors', `${data.vectors_dim}`. With `trainable: false` the vectors stay fixed (Kim's CNN-static).",
        }),
      ),
      mask_zero: Type.Optional(
        bool({
          default: false,
          description:
            "Token id 0 is padding (a text dataset pads with it): the lstm and gru layers after this embedding skip those steps, so the last state is the one at each sequence's last word, as PyTorch's packed sequences give (and return_sequences outputs repeat it over the padding); global_avg_pool and global_max_pool over their steps leave the padding out. A convolution does not take the mask: pooling after conv1d still sees the padded steps.",
        }),
      ),
    },
    { description: 'Token ids [T] -> vectors [T, dim].' },
  ),
  lstm: recurrent('Long short-term memory layer over [T, F].'),
  gru: recurrent('Gated recurrent unit layer over [T, F].'),
  multi_head_attention: closed(
    {
      heads: int({ minimum: 1 }),
      key_dim: Type.Optional(int({ minimum: 1, description: 'Per-head size; default: model dim / heads.' })),
      dropout: Type.Optional(num({ minimum: 0, exclusiveMaximum: 1, default: 0 })),
      causal: Type.Optional(bool({ default: false })),
      kernel_initializer: WEIGHTS.kernel_initializer,
    },
    { description: 'Multi-head scaled dot-product self-attention over [T, D] (output [T, D]).' },
  ),
  positional_encoding: closed(
    {
      kind: Type.Optional(choice(['sinusoidal', 'learned'] as const, { default: 'sinusoidal' })),
      max_length: Type.Optional(int({ minimum: 1, description: 'Learned encodings only: longest sequence.' })),
    },
    { description: 'Adds a position encoding to [T, D].' },
  ),
};
