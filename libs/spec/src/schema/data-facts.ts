/** Facts about the prepared data that a model may refer to as `${data.<name>}`. */
export const DATA_FACTS = {
  classes: 'number of classes',
  input_shape: 'shape of one example, without the batch axis',
  channels: 'last axis of input_shape (bands after PCA, image channels)',
  vocab_size: 'text data only: the token ids an embedding must accept, max_vocab + 2 (0 pads, 1 is out of vocabulary)',
  vectors_dim: "text data with `vectors:` only: the word vectors' dimension",
} as const;
export type DataFactName = keyof typeof DATA_FACTS;

/** Names a block body may use besides its parameters: facts of the block's input. */
export const BLOCK_INPUT_FACTS = {
  in_shape: "shape of the block's input, without the batch axis",
  in_channels: "last axis of the block's input",
} as const;

/** Names bound inside a repeat's `with:` besides the `as:` columns. */
export const REPEAT_INDEX_NAMES = {
  row: 'index of the table row (0-based)',
  i: 'index of the repetition within the row (0-based, up to times-1)',
} as const;
