import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
(async () => {
await tf.setBackend('cpu');
for (const a of ['gelu', 'gelu_new', 'swish', 'relu6', 'selu', 'elu', 'mish']) {
  try { const l = tfl.layers.activation({ activation: a as never }); const y = l.apply(tf.tensor1d([-1, 0, 1])) as tf.Tensor; console.log(a, y.dataSync()); } catch (e) { console.log(a, 'ERR', (e as Error).message); }
}
const inp = tfl.input({ shape: [9, 9, 9, 2] });
try { const c = tfl.layers.conv3d({ filters: 4, kernelSize: 3, dilationRate: [2, 1, 1] }).apply(inp) as tfl.SymbolicTensor; console.log('conv3d dil', c.shape); } catch (e) { console.log('conv3d dil ERR', (e as Error).message); }
try { const c = tfl.layers.conv3d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }).apply(inp) as tfl.SymbolicTensor; console.log('conv3d same s2', c.shape); } catch (e) { console.log('ERR', (e as Error).message); }
try { const c = tfl.layers.conv2d({ filters: 4, kernelSize: 7 }).apply(tfl.input({shape:[5,5,3]})) as tfl.SymbolicTensor; console.log('conv too big', c.shape); } catch (e) { console.log('conv too big ERR', (e as Error).message); }
const x = tfl.input({shape: [4, 4, 8]}); const s = tfl.layers.reshape({targetShape: [1,1,8]}).apply(tfl.layers.globalAveragePooling2d({}).apply(x)) as tfl.SymbolicTensor;
try { const m = tfl.layers.multiply().apply([x, s]) as tfl.SymbolicTensor; console.log('multiply bcast', m.shape); } catch (e) { console.log('mult ERR', (e as Error).message); }
try { const m = tfl.layers.add().apply([x, tfl.input({shape:[4,4,7]})]) as tfl.SymbolicTensor; console.log('add', m.shape); } catch (e) { console.log('add ERR', (e as Error).message); }
try { const m = tfl.layers.dense({units: 3}).apply(tfl.input({shape:[5, 7]})) as tfl.SymbolicTensor; console.log('dense 3d', m.shape); } catch (e) { console.log('dense ERR', (e as Error).message); }
try { const m = tfl.layers.depthwiseConv2d({kernelSize: 3, dilationRate: 2, depthMultiplier: 2}).apply(tfl.input({shape:[9, 9, 3]})) as tfl.SymbolicTensor; console.log('dw dil', m.shape); } catch (e) { console.log('dw ERR', (e as Error).message); }
try { const m = tfl.layers.maxPooling3d({poolSize: [2,1,1], strides: [2,1,1]}).apply(inp) as tfl.SymbolicTensor; console.log('mp3d', m.shape); } catch (e) { console.log('mp3 ERR', (e as Error).message); }
})();
