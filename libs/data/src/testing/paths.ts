/**
 * Where the tests find real data: the hyperspectral files committed under data/hsi/ and the texts
 * under data/text/ (present in every clone), and Debian's Fashion-MNIST, whose tests skip with
 * the reason in their title where the package is missing (CI sets ABLATE_REQUIRE_DATA=1, which
 * fails instead: see jest.preset.js).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST_DIR } from '../datasets/idx-loaders';

export const HSI = join(__dirname, '..', '..', '..', '..', 'data', 'hsi');
export const TEXT = join(__dirname, '..', '..', '..', '..', 'data', 'text');
export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
/** The shared real scenes beside the clone (Samson, Moffett): ../shared/datasets/hsi. */
export const SHARED_HSI = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets', 'hsi');
/** describe for suites on ../shared's scenes: skipped, saying why, when the folder is not beside the clone. */
export const describeSharedHsi = (name: string, body: () => void) =>
  existsSync(join(SHARED_HSI, 'Samson.mat')) ? describe(name, body) : describe.skip(`${name} (skipped: ../shared/datasets/hsi is not beside the clone)`, body);
export const hasFashionMnist = existsSync(FASHION_MNIST_DIR);
/** describe for suites on Fashion-MNIST: skipped, saying why, without Debian's package. */
export const describeFashionMnist = (name: string, body: () => void) =>
  hasFashionMnist ? describe(name, body) : describe.skip(`${name} (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)`, body);
