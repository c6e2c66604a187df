/** Where the real datasets are on a machine set up as the README says (tests skip what is absent). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST_DIR } from '../datasets/idx-loaders';

export const SHARED_HSI = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets', 'hsi');
export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const hasFashionMnist = existsSync(FASHION_MNIST_DIR);
export const hasShared = existsSync(join(SHARED_HSI, 'Jasper.mat'));
