/** The `dataset:` section: where the examples come from. One entry per loader in the data library. */
import { Type } from '@sinclair/typebox';
import { bool, choice, closed, int, num, text } from './primitives';
import { taggedUnion } from './tagged-union';

const ARRAY_FIELDS = {
  path: text({
    description:
      'Relative to the experiment file: a MATLAB .mat file (v5, or v7.3, which is HDF5), an HDF5 file (.h5, .hdf5), a multi-band TIFF or GeoTIFF (.tif, its samples per pixel the bands), or an ENVI header (.hdr, its binary file beside it: same name without extension or with .img, .raw, .dat, .bsq, .bil, .bip).',
  }),
  variable: Type.Optional(text({ description: 'The .mat variable holding the array (e.g. Y), or an HDF5 dataset by its path (/group/cube); default: the largest numeric one. TIFF and ENVI images have none.' })),
  layout: Type.Optional(
    choice(['rows_cols_bands', 'bands_pixels', 'pixels_bands'] as const, {
      default: 'rows_cols_bands',
      description: 'How the array is stored: rows_cols_bands, a [rows, cols, bands] cube (or a [rows, cols] map); bands_pixels, a bands x pixels matrix as unmixing data sets keep it (Samson, Jasper Ridge, Moffett: Y); pixels_bands, its transpose. The matrix layouts need `rows` and `cols`.',
    }),
  ),
  rows: Type.Optional(Type.Union([int({ minimum: 1 }), text()], { description: 'Image rows of a pixel matrix: a number, or a scalar variable of the same .mat file (Samson: nRow; Jasper, Moffett: lines).' })),
  cols: Type.Optional(Type.Union([int({ minimum: 1 }), text()], { description: 'Image columns of a pixel matrix: a number, or a scalar variable of the .mat file (Samson: nCol; Jasper, Moffett: cols).' })),
  pixel_order: Type.Optional(
    choice(['column_major', 'row_major'] as const, {
      default: 'column_major',
      description: "How a pixel matrix numbers the image's pixels: column_major, p = r + rows * c, as MATLAB flattens an image (the unmixing data sets); row_major, p = r * cols + c.",
    }),
  ),
};

const ArrayRef = closed(ARRAY_FIELDS, {
  title: 'scene array',
  description: 'An array of a scene: `{ path: Indian_pines_corrected.mat, variable: indian_pines_corrected }`, `{ path: scene.hdr }` (ENVI), or `{ path: Samson.mat, variable: Y, layout: bands_pixels, rows: nRow, cols: nCol }`.',
});

const LabelsRef = closed(
  {
    ...ARRAY_FIELDS,
    abundances: Type.Optional(
      bool({ default: false, description: 'The array holds one abundance map per class ([rows, cols, classes], or classes x pixels with layout: bands_pixels): each pixel is labelled with its dominant class (1, 2, ... in the array\'s order; class_names names them).' }),
    ),
    min_abundance: Type.Optional(num({ minimum: 0, maximum: 1, default: 0, description: 'With abundances: a pixel whose dominant abundance is below this stays unlabelled.' })),
  },
  { title: 'scene labels', description: 'The ground truth: a [rows, cols] label map (0 = unlabelled, or ignore_label), or abundance maps (`abundances: true`), e.g. `{ path: moffett.mat, variable: S_GT, abundances: true, min_abundance: 0.5 }`.' },
);

const sceneDir = (file: string, gt: string, scene: string) =>
  closed(
    {
      dir: text({ description: `Folder holding ${file} and ${gt} (relative to the experiment file).` }),
      cube: Type.Optional(text({ default: file })),
      labels: Type.Optional(text({ default: gt })),
      train_mask: Type.Optional(text({ description: 'A .mat file in `dir` whose non-zero pixels are the training part (0/1, or class ids that then label those pixels); with test_mask, `split: {type: given}` uses them.' })),
      test_mask: Type.Optional(text({ description: 'The test part, as train_mask.' })),
    },
    { description: `${scene}: ${file} and ${gt} with their usual variable names, from a folder.` },
  );

export const DATASET_CATALOG = {
  fashion_mnist: closed(
    { dir: Type.Optional(text({ default: '/usr/share/datasets/fashion-mnist' })) },
    { description: 'Fashion-MNIST IDX files (Debian package dataset-fashion-mnist).' },
  ),
  mnist: closed({ dir: text() }, { description: 'MNIST IDX files (train-images-idx3-ubyte[.gz], ...).' }),
  idx: closed(
    { train_images: text(), train_labels: text(), test_images: text(), test_labels: text() },
    { description: 'Any IDX image/label files, optionally gzipped.' },
  ),
  cifar10: closed({ dir: text({ description: 'Folder with data_batch_1.bin ... test_batch.bin.' }) }, { description: 'CIFAR-10 binary batches.' }),
  csv: closed(
    {
      path: text(),
      test_path: Type.Optional(text()),
      label_column: Type.Union([text(), int({ minimum: 0 })]),
      delimiter: Type.Optional(text({ default: ',' })),
      header: Type.Optional(Type.Boolean({ default: true })),
    },
    { description: 'A table with one example per row and a label column.' },
  ),
  text: closed(
    {
      path: text({ description: 'A CSV/TSV file (one text per row, with a text and a label column), a folder with one sub-folder per class holding one text per file (UTF-8; the sub-folder name is the label), or a .txt file with one text per line and no labels (for `ablate predict --data`).' }),
      test_path: Type.Optional(text({ description: 'A separate test set, as `path` (file or folder); with it, `split: {type: given}` uses the two.' })),
      text_column: Type.Optional(Type.Union([text(), int({ minimum: 0 })], { default: 'text', description: 'Table only: the text column, by header name or 0-based index.' })),
      label_column: Type.Optional(
        Type.Union([text(), int({ minimum: 0 }), Type.Null()], {
          default: 'label',
          description: 'Table only: the label column. Labels are names; class ids follow their sorted order (numerically when every label is a number). null: the table has no labels (texts for `ablate predict --data`; no trial trains on them).',
        }),
      ),
      delimiter: Type.Optional(text({ description: 'Table only. Default: a tab for .tsv/.tab files (read without quoting, as IANA TSV), else a comma (RFC 4180 quoting).' })),
      header: Type.Optional(Type.Boolean({ default: true, description: 'Table only: the first row names the columns.' })),
      length: int({ minimum: 1, description: 'Word ids per example: shorter texts are padded at the end with id 0, longer ones keep their first `length` words.' }),
      lowercase: Type.Optional(bool({ default: true, description: 'Lower-case the text before splitting it into words.' })),
      max_vocab: Type.Optional(
        int({
          minimum: 1,
          default: 20000,
          description: 'At most this many words get an id of their own: the most frequent in the training part (count, then the word, decide ties). The embedding needs max_vocab + 2 ids, `${data.vocab_size}`: 0 pads, 1 stands for every other word.',
        }),
      ),
      min_count: Type.Optional(int({ minimum: 1, default: 1, description: 'A word needs at least this many occurrences in the training part to get an id.' })),
      vectors: Type.Optional(
        closed(
          {
            file: text({ description: 'Pre-trained word vectors in word2vec text format ("<words> <dimensions>", then "<word> <v1> ... <vd>" per line; fastText .vec is the same) or GloVe format (no first line), relative to the experiment file.' }),
            dim: int({ minimum: 1, description: 'Numbers per vector (checked against the file); `${data.vectors_dim}` in the model.' }),
          },
          { description: 'Word vectors an `embedding` layer with `vectors: true` starts from: each vocabulary word found in the file gets its vector (with lowercase on, through its lower-cased form when the exact one is absent); the other rows keep the layer\'s initialiser. The file is part of the trial\'s identity; how many words were found is in vocab.json.' },
        ),
      ),
    },
    {
      description:
        'Text classification: texts and their labels from a table or from class folders. Words are maximal runs of letters and digits, joined through an inner apostrophe (regex `[\\p{L}\\p{N}]+(?:\'[\\p{L}\\p{N}]+)*`, after ’ becomes \'); the vocabulary is built from the training part only and written to each trial\'s vocab.json.',
    },
  ),
  image_folder: closed(
    {
      path: text({ description: 'The folder of images, relative to the experiment file: one sub-folder per class (its name is the class), optionally under train/, val/ and test/ folders, which then give the split (`split: {type: given}`, the default).' }),
      manifest: Type.Optional(
        text({ description: 'Instead of class folders: a CSV (with a header) or JSON Lines file with `file` (relative to `path`), `label` and optional `split` (train, val, test) for each image.' }),
      ),
      channels: Type.Optional(Type.Unsafe<1 | 3 | 4>({ enum: [1, 3, 4], description: 'Convert every image to 1 (grey), 3 (RGB) or 4 (RGBA) channels. Default: the first image\'s.' })),
      size: Type.Optional(
        Type.Union([int({ minimum: 1 }), Type.Array(int({ minimum: 1 }), { minItems: 2, maxItems: 2 })], {
          description: 'Resize every image to [height, width] (or a square side) when it is decoded. Default: none; then every image must have the first one\'s size.',
        }),
      ),
      resize: Type.Optional(choice(['bilinear', 'nearest', 'area'] as const, { default: 'bilinear', description: "The filter of `size`, as the `resize` preprocessing step's (PIL's; bilinear is antialiased when shrinking)." })),
    },
    {
      description:
        'Image files by class, as torchvision\'s ImageFolder keeps them: PNG, JPEG, BMP, TIFF, WebP and GIF, 8 or 16 bits, grey, RGB or RGBA, decoded once into an 8-bit cache on disk (PNG by pngjs, JPEG by jpeg-js, BMP by ablate, the rest by sharp/libvips). Class names are the folder names (or labels), sorted: that order is the class index.',
    },
  ),
  npy: closed(
    {
      x: text({ description: 'features: file.npy, or file.npz:key' }),
      y: text({ description: 'integer labels: file.npy, or file.npz:key' }),
      test_x: Type.Optional(text()),
      test_y: Type.Optional(text()),
    },
    { description: 'NumPy arrays.' },
  ),
  hsi: closed(
    {
      cube: ArrayRef,
      labels: Type.Optional(LabelsRef),
      train_mask: Type.Optional(ArrayRef),
      test_mask: Type.Optional(ArrayRef),
      ignore_label: Type.Optional(int({ default: 0 })),
    },
    { description: 'Any hyperspectral scene: a cube and its ground truth (a label map, or abundance maps), from .mat files or ENVI images, as [rows, cols, bands] or a pixel matrix. Without `labels:` the cube cannot train a trial; `ablate predict --data` maps it with a trained one.' },
  ),
  indian_pines: sceneDir('Indian_pines_corrected.mat', 'Indian_pines_gt.mat', 'Indian Pines (AVIRIS, 145x145x200, 16 classes)'),
  pavia_university: sceneDir('PaviaU.mat', 'PaviaU_gt.mat', 'Pavia University (ROSIS, 610x340x103, 9 classes)'),
  salinas: sceneDir('Salinas_corrected.mat', 'Salinas_gt.mat', 'Salinas (AVIRIS, 512x217x204, 16 classes)'),
  jasper: closed(
    {
      path: text({ description: 'Jasper.mat with Y (198x10000) and abundances A (4x10000).' }),
      min_abundance: Type.Optional(
        num({ minimum: 0, maximum: 1, default: 0, description: 'Pixels whose dominant abundance is below this stay unlabelled.' }),
      ),
    },
    { description: 'Jasper Ridge 100x100x198, labelled by dominant abundance (Tree, Water, Soil, Road).' },
  ),
};

export const DATASET_COMMON = {
  classes: Type.Optional(int({ minimum: 1, description: 'Number of classes; checked against the data when it is loaded.' })),
  class_names: Type.Optional(Type.Array(text(), { minItems: 1 })),
  dtype: Type.Optional(choice(['float32', 'int32'] as const)),
};

export const DatasetSchema = taggedUnion('dataset', DATASET_CATALOG, {
  extends: Type.Optional(text({ description: 'Dataset file this one starts from.' })),
  ...DATASET_COMMON,
});

/** Dataset fields that name files or folders: rebased onto the experiment file's folder when loaded. */
export const DATASET_PATH_FIELDS = ['dir', 'path', 'manifest', 'test_path', 'x', 'y', 'test_x', 'test_y', 'train_images', 'train_labels', 'test_images', 'test_labels'] as const;
