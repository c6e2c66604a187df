/** Registers the custom layers with tfjs serialization, so a saved model.json loads back. */
import { tf } from '../tf';
import { BatchNorm } from './batch-norm';
import { Conv } from './conv';
import { GlobalPool } from './global-pool';
import { PositionalEncoding } from './positional-encoding';
import { Relu6 } from './relu6';
import { SeededDropout } from './seeded-dropout';
import { SelfAttention } from './self-attention';
import { Subtract } from './subtract';
import { ZeroPad } from './zero-pad';
import { Crop, TransposedConv3d, Upsample } from './resample';

export const CUSTOM_LAYERS = [ZeroPad, Conv, BatchNorm, SeededDropout, GlobalPool, SelfAttention, PositionalEncoding, Relu6, Subtract, Crop, Upsample, TransposedConv3d];

for (const layer of CUSTOM_LAYERS) tf.serialization.registerClass(layer);
