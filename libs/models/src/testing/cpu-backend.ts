/** Tests run on tfjs's pure-JS CPU backend (libs/backend chooses backends in real runs). */
import '@tensorflow/tfjs-backend-cpu';
// tfjs-layers registers every op's gradient (tfjs-core's register_all_gradients is ESM-only).
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';

tf.setBackend('cpu');
(tf.findBackend('cpu') as unknown as { firstUse: boolean }).firstUse = false;
