/** The semantic checks, in the order they run. Each is one small rule (see check.ts). */
import { blockReferencesCheck } from './block-references';
import type { Check } from './check';
import { expressionNamesCheck } from './expression-names';
import { gridValuesCheck } from './grid-values';
import { patchPathsCheck } from './patch-paths';
import { reportPlotsCheck } from './report-plots';
import { reportReferencesCheck } from './report-references';
import { searchBoundsCheck } from './search-bounds';
import { searchBudgetCheck } from './search-budget';
import { searchExclusiveCheck } from './search-exclusive';
import { searchMetricCheck } from './search-metric';
import { searchPathsCheck } from './search-paths';
import { searchWhenCheck } from './search-when';
import { seedsCheck } from './seeds';

export const CHECKS: readonly Check[] = [
  seedsCheck,
  patchPathsCheck,
  gridValuesCheck,
  expressionNamesCheck,
  blockReferencesCheck,
  reportReferencesCheck,
  reportPlotsCheck,
  searchExclusiveCheck,
  searchPathsCheck,
  searchBoundsCheck,
  searchWhenCheck,
  searchMetricCheck,
  searchBudgetCheck,
];
export type { Check, CheckContext } from './check';
