/**
 * The random streams a model draws from while it trains (the masks of SeededDropout and of
 * SelfAttention's attention dropout): one per layer that has one, keyed by the layer's path in
 * the model, so that a training resumed from a checkpoint draws the masks it would have drawn.
 */
import type { StreamState } from '@ablate/spec';
import type { LayersModel } from '../tf';

interface StreamLayer {
  name: string;
  randomState(): StreamState;
  setRandomState(state: StreamState): void;
}

type Node = { name: string; layers?: Node[] };

function streamLayers(layers: readonly Node[], prefix = ''): Map<string, StreamLayer> {
  const out = new Map<string, StreamLayer>();
  for (const layer of layers) {
    const path = `${prefix}${layer.name}`;
    if (typeof (layer as Partial<StreamLayer>).randomState === 'function') out.set(path, layer as unknown as StreamLayer);
    if (layer.layers) for (const [key, inner] of streamLayers(layer.layers, `${path}/`)) out.set(key, inner);
  }
  return out;
}

/** Every stream's position, by layer path. */
export function randomStreamStates(model: LayersModel): Record<string, StreamState> {
  return Object.fromEntries([...streamLayers(model.layers as unknown as Node[])].map(([path, layer]) => [path, layer.randomState()]));
}

/** Moves each stream to its recorded position; a model whose streams differ from the record is not the one that wrote it. */
export function setRandomStreamStates(model: LayersModel, states: Readonly<Record<string, StreamState>>): void {
  const layers = streamLayers(model.layers as unknown as Node[]);
  const recorded = Object.keys(states);
  if (recorded.length !== layers.size || recorded.some((path) => !layers.has(path))) {
    throw new Error(`the checkpoint's random streams (${recorded.join(', ') || 'none'}) are not this model's (${[...layers.keys()].join(', ') || 'none'})`);
  }
  for (const [path, state] of Object.entries(states)) layers.get(path)?.setRandomState(state);
}
