/** The one place this library imports TensorFlow.js from (core ops + layers). The backend is chosen by libs/backend. */
export * as tf from '@tensorflow/tfjs-core';
export * as tfl from '@tensorflow/tfjs-layers';
export type { SymbolicTensor, LayersModel, LayerVariable } from '@tensorflow/tfjs-layers';
export type { Tensor } from '@tensorflow/tfjs-core';
export type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
export type { Kwargs } from '@tensorflow/tfjs-layers/dist/types';
