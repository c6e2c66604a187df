import { DATASET_CATALOG } from '@ablate/spec';
import { DATASETS } from './register-all';

describe('dataset registry', () => {
  it('has a loader for exactly the dataset types of the language', () => {
    expect([...DATASETS.keys()].sort()).toEqual(Object.keys(DATASET_CATALOG).sort());
  });
});
