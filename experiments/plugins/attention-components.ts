/**
 * An example plug-in (docs/plugins.md): the kind of components a researcher adds for their own
 * improvement of a published network, outside ablate's source.
 *
 * - layer `cbam`: the Convolutional Block Attention Module (Woo et al., ECCV 2018) for 2-D and 3-D
 *   feature maps (a hyperspectral 3-D CNN's [bands, h, w, filters] too): channel attention (a
 *   shared two-layer MLP over the average- and max-pooled features), then spatial attention (a
 *   k×k(×k) convolution, without bias, over the channel-average and channel-max maps).
 * - loss `focal`: the focal loss (Lin et al., ICCV 2017), -(1 - p_t)^gamma log p_t, averaged.
 * - metric `top2_accuracy`: the share of examples whose true class is among the two highest scores.
 * - dataset `netpbm_folder`: class sub-folders of binary PGM/PPM images (P5/P6), the format of the
 *   AT&T (ORL) faces and of many older image sets.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineDataset, defineLayer, defineLoss, definePlugin, fileRef, LayerUseError, param, tf, tfl, Type, UserError, withDefault, type FileRef } from '@ablate/plugins';

interface CbamConfig {
  reduction: number;
  kernel: number;
  name?: string;
}

/** CBAM on channels-last feature maps of rank 4 ([batch, h, w, c]) or 5 ([batch, d, h, w, c]). */
export class Cbam extends tfl.layers.Layer {
  static className = 'Cbam';
  private readonly reduction: number;
  private readonly kernel: number;
  private w1!: tfl.LayerVariable;
  private b1!: tfl.LayerVariable;
  private w2!: tfl.LayerVariable;
  private b2!: tfl.LayerVariable;
  private spatial!: tfl.LayerVariable;

  constructor(config: CbamConfig) {
    super({ name: config.name });
    this.reduction = config.reduction;
    this.kernel = config.kernel;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const channels = shape[shape.length - 1] as number;
    const hidden = Math.max(1, Math.floor(channels / this.reduction));
    const spatialRank = shape.length - 2;
    // Initial values come from ablate (seeded; see LayerBuild.inits): these initialisers are placeholders.
    const zeros = tfl.initializers.zeros();
    this.w1 = this.addWeight('mlp_1/kernel', [channels, hidden], 'float32', zeros);
    this.b1 = this.addWeight('mlp_1/bias', [hidden], 'float32', zeros);
    this.w2 = this.addWeight('mlp_2/kernel', [hidden, channels], 'float32', zeros);
    this.b2 = this.addWeight('mlp_2/bias', [channels], 'float32', zeros);
    this.spatial = this.addWeight('spatial/kernel', [...Array(spatialRank).fill(this.kernel), 2, 1], 'float32', zeros);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const rank = x.rank;
      const spatialAxes = Array.from({ length: rank - 2 }, (_, i) => i + 1);
      const mlp = (v: tf.Tensor) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(v as tf.Tensor2D, this.w1.read() as tf.Tensor2D), this.b1.read())) as tf.Tensor2D, this.w2.read() as tf.Tensor2D), this.b2.read());
      const channel = tf.sigmoid(tf.add(mlp(tf.mean(x, spatialAxes)), mlp(tf.max(x, spatialAxes))));
      const refined = tf.mul(x, tf.reshape(channel, [x.shape[0], ...Array(rank - 2).fill(1), x.shape[rank - 1]]));
      const pooled = tf.concat([tf.mean(refined, -1, true), tf.max(refined, -1, true)], -1);
      const kernel = this.spatial.read();
      const map = rank === 4 ? tf.conv2d(pooled as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'same') : tf.conv3d(pooled as tf.Tensor5D, kernel as tf.Tensor5D, 1, 'same');
      return tf.mul(refined, tf.sigmoid(map));
    });
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), reduction: this.reduction, kernel: this.kernel };
  }
}

const cbam = defineLayer({
  description: 'Convolutional Block Attention Module (Woo et al. 2018): channel then spatial attention, output shaped as its input.',
  params: {
    reduction: withDefault(param.int({ minimum: 1, description: 'Channels / hidden units of the channel-attention MLP.' }), 8),
    kernel: withDefault(param.int({ minimum: 1, description: 'Side of the spatial-attention convolution (same padding).' }), 7),
  },
  classes: [Cbam],
  build(p, ctx) {
    const shape = ctx.inputShapes[0];
    if (shape.length !== 3 && shape.length !== 4) {
      throw new LayerUseError(`attends over 2-D or 3-D feature maps ([h, w, c] or [d, h, w, c]); its input is ${JSON.stringify(shape)}.`, 'Put it after a convolution, before the flatten.');
    }
    const channels = shape[shape.length - 1];
    const hidden = Math.max(1, Math.floor(channels / p.reduction));
    const positions = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const macs = 2 * 2 * channels * hidden + positions * 2 * p.kernel ** (shape.length - 1);
    return { layers: [new Cbam({ name: ctx.name, reduction: p.reduction, kernel: p.kernel })], macs };
  },
});

const focal = defineLoss({
  description: 'Focal loss (Lin et al. 2017): cross-entropy scaled by (1 - p_t)^gamma, which down-weights easy examples.',
  params: { gamma: withDefault(param.num({ minimum: 0, description: 'Focusing parameter; 0 is cross-entropy.' }), 2) },
  create(p, { classes }) {
    const perExample = (logProbs: tf.Tensor, labels: tf.Tensor1D) => {
      const logPt = tf.sum(tf.mul(tf.oneHot(labels, classes), logProbs), -1);
      return tf.mul(tf.neg(tf.pow(tf.sub(1, tf.exp(logPt)), p.gamma)), logPt);
    };
    return (output, targets) =>
      tf.tidy(() => {
        const logProbs = tf.logSoftmax(output);
        const first = tf.mean(perExample(logProbs, targets.labels));
        if (!targets.mix) return first as tf.Scalar;
        return tf.add(tf.mul(first, targets.mix.lambda), tf.mul(tf.mean(perExample(logProbs, targets.mix.labels)), 1 - targets.mix.lambda)) as tf.Scalar;
      });
  },
});

/** Reads one binary netpbm image (P5 grey or P6 RGB, 8-bit). */
export function readNetpbm(bytes: Buffer, file: FileRef): { width: number; height: number; channels: number; pixels: Uint8Array } {
  const header: string[] = [];
  let at = 0;
  while (header.length < 4 && at < bytes.length) {
    while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at]))) at++;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
      continue;
    }
    const start = at;
    while (at < bytes.length && !/\s/.test(String.fromCharCode(bytes[at]))) at++;
    header.push(bytes.toString('latin1', start, at));
  }
  const [magic, w, h, max] = header;
  if (magic !== 'P5' && magic !== 'P6') throw new UserError(`cannot read ${file.shown}: it is not a binary PGM or PPM image (it starts with "${bytes.toString('latin1', 0, 2)}").`, { hint: 'Convert it to P5 (grey) or P6 (colour), e.g. with ImageMagick or netpbm.' });
  if (Number(max) > 255) throw new UserError(`cannot read ${file.shown}: 16-bit images (maxval ${max}) are not supported.`, { hint: 'Convert it to 8 bits.' });
  const width = Number(w);
  const height = Number(h);
  const channels = magic === 'P6' ? 3 : 1;
  const size = width * height * channels;
  const pixels = bytes.subarray(at + 1, at + 1 + size);
  if (pixels.length !== size) throw new UserError(`cannot read ${file.shown}: it is truncated (${pixels.length} of ${size} pixel bytes).`, { hint: 'The file is incomplete: copy it again.' });
  return { width, height, channels, pixels: new Uint8Array(pixels) };
}

const imageFiles = (dir: string) => readdirSync(dir).filter((f) => /\.(pgm|ppm|pnm)$/i.test(f)).sort();

const netpbmFolder = defineDataset({
  description: 'Class sub-folders of binary PGM/PPM images (the folder names are the classes, in sorted order); every image the same size.',
  params: { dir: Type.String({ description: 'The folder that holds one sub-folder per class, relative to the experiment.' }) },
  files(p, ctx) {
    const root = fileRef(ctx.baseDir, p.dir);
    if (!statSync(root.path, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`the image folder ${p.dir} does not exist.`, { hint: 'Give `dir:` relative to the experiment file.' });
    const classes = readdirSync(root.path).filter((d) => statSync(join(root.path, d)).isDirectory()).sort();
    if (classes.length < 2) throw new UserError(`the image folder ${p.dir} has ${classes.length} class sub-folder(s).`, { hint: 'Put each class in a sub-folder of its own (two or more).' });
    return classes.flatMap((c) => imageFiles(join(root.path, c)).map((f) => ({ shown: join(p.dir, c, f), path: join(root.path, c, f) })));
  },
  load(_p, files) {
    const classNames = [...new Set(files.map(({ ref }) => ref.shown.split('/').slice(-2)[0]))];
    const images = files.map(({ ref, bytes }) => ({ ref, image: readNetpbm(bytes, ref) }));
    const first = images[0];
    const odd = images.find(({ image }) => image.width !== first.image.width || image.height !== first.image.height || image.channels !== first.image.channels);
    if (odd) throw new UserError(`${odd.ref.shown} is ${odd.image.width}x${odd.image.height}x${odd.image.channels}, but ${first.ref.shown} is ${first.image.width}x${first.image.height}x${first.image.channels}.`, { hint: 'Every image of the folder must have the same size and channels.' });
    const size = first.image.pixels.length;
    const x = new Uint8Array(images.length * size);
    images.forEach(({ image }, i) => x.set(image.pixels, i * size));
    const y = Int32Array.from(files, ({ ref }) => classNames.indexOf(ref.shown.split('/').slice(-2)[0]));
    return { kind: 'examples', shape: [first.image.height, first.image.width, first.image.channels], x, y, dtype: 'float32', classes: classNames.length, classNames };
  },
});

export default definePlugin({
  layers: { cbam },
  losses: { focal },
  metrics: {
    top2_accuracy: {
      description: 'Top-2 accuracy: the share of examples whose true class is among the two highest outputs.',
      tasks: ['classification'],
      better: 'max',
      label: 'Top-2 acc.',
      scale: 100,
      precision: 2,
      compute({ truth, scores, classes }) {
        if (!scores) return Number.NaN;
        let hits = 0;
        for (let i = 0; i < truth.length; i++) {
          const row = scores.subarray(i * classes, (i + 1) * classes);
          const mine = row[truth[i]];
          // Ranked among the top two: at most one class scores higher (ties count for the true class).
          let higher = 0;
          for (let k = 0; k < classes; k++) if (row[k] > mine) higher++;
          if (higher < 2) hits++;
        }
        return truth.length ? hits / truth.length : 0;
      },
    },
  },
  datasets: { netpbm_folder: netpbmFolder },
});
