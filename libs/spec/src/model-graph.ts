/**
 * The resolved graph of a model as data, for its architecture figure: every layer with its
 * inputs, output shape, parameters and a short description, and every block call with the block
 * it calls and the repeat it belongs to. libs/models makes it when it compiles a model; a trial
 * writes it as graph.json; figures read it without TensorFlow.js.
 */
export interface BlockCall {
  /** Name prefix of the call's layers, `stage_1/inverted_residual_2/`. */
  prefix: string;
  /** The block's name in `blocks:`. */
  block: string;
  /** The repeat item that made the call (its name prefix): calls of one repeat can be folded. */
  repeat?: string;
}

export interface GraphNode {
  id: string;
  type: string;
  detail: string;
  /** Output shape without the batch axis. */
  shape: number[];
  params: number;
  /** Ids of the nodes it takes; `input` is the model's input. */
  inputs: string[];
}

export interface ModelGraph {
  format: 'ablate-graph/1';
  name: string;
  inputShape: number[];
  nodes: GraphNode[];
  blocks: BlockCall[];
  /** The node whose output is the model's. */
  output: string;
  params: number;
  macs: number;
}

