// Jest setup of every project: with ABLATE_REQUIRE_DATA=1 (CI), the real data the tests read must
// be there, so that no data-dependent suite can skip. The hyperspectral files are committed
// (data/hsi); Fashion-MNIST comes from Debian's dataset-fashion-mnist; the unmixing scenes (Samson,
// Moffett) from ../shared/datasets/hsi beside the clone.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

if (process.env.ABLATE_REQUIRE_DATA && !existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz')) {
  throw new Error('ABLATE_REQUIRE_DATA is set but Fashion-MNIST is not installed: apt-get install -y dataset-fashion-mnist');
}

if (process.env.ABLATE_REQUIRE_DATA && !existsSync(join(__dirname, '..', '..', '..', 'shared', 'datasets', 'hsi', 'Samson.mat'))) {
  throw new Error('ABLATE_REQUIRE_DATA is set but ../shared/datasets/hsi (Samson.mat, moffett.mat) is not beside the clone');
}
