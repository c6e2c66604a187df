/**
 * Classification metrics from a confusion matrix, with scikit-learn's definitions (and its
 * zero_division=0 convention): overall accuracy, average (per-class) accuracy = balanced accuracy,
 * Cohen's kappa, per-class precision/recall/F1, and their macro and support-weighted averages.
 * "Weighted precision" is the support-weighted mean of per-class precisions, not micro precision.
 */
import { predictedCounts, support, total, type Confusion } from './confusion';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export interface PerClass {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export function perClass(m: Confusion): PerClass {
  const truth = support(m);
  const predicted = predictedCounts(m);
  const precision = m.map((row, k) => ratio(row[k], predicted[k]));
  const recall = m.map((row, k) => ratio(row[k], truth[k]));
  const f1 = precision.map((p, k) => ratio(2 * p * recall[k], p + recall[k]));
  return { precision, recall, f1, support: truth };
}

export function overallAccuracy(m: Confusion): number {
  return ratio(m.reduce((a, row, k) => a + row[k], 0), total(m));
}

/** Mean recall over the classes present in the truth (scikit-learn's balanced_accuracy_score). */
export function averageAccuracy(m: Confusion): number {
  const { recall, support: s } = perClass(m);
  const present = recall.filter((_, k) => s[k] > 0);
  return present.length ? mean(present) : 0;
}

export function cohenKappa(m: Confusion): number {
  const n = total(m);
  if (n === 0) return 0;
  const observed = overallAccuracy(m);
  const truth = support(m);
  const predicted = predictedCounts(m);
  const expected = truth.reduce((a, t, k) => a + t * predicted[k], 0) / (n * n);
  return expected === 1 ? 0 : (observed - expected) / (1 - expected);
}

/** Averages over the classes that appear in the truth or the predictions (scikit-learn's label set). */
function averages(m: Confusion) {
  const stats = perClass(m);
  const predicted = predictedCounts(m);
  const labels = stats.support.map((_, k) => k).filter((k) => stats.support[k] > 0 || predicted[k] > 0);
  const n = stats.support.reduce((a, b) => a + b, 0);
  const macro = (values: number[]) => (labels.length ? mean(labels.map((k) => values[k])) : 0);
  const weighted = (values: number[]) => ratio(labels.reduce((a, k) => a + values[k] * stats.support[k], 0), n);
  return { stats, macro, weighted };
}

export interface ClassificationMetrics {
  oa: number;
  aa: number;
  kappa: number;
  f1_macro: number;
  f1_weighted: number;
  precision_macro: number;
  recall_macro: number;
  precision_weighted: number;
  recall_weighted: number;
  per_class: PerClass;
}

export function classificationMetrics(m: Confusion): ClassificationMetrics {
  const { stats, macro, weighted } = averages(m);
  return {
    oa: overallAccuracy(m),
    aa: averageAccuracy(m),
    kappa: cohenKappa(m),
    f1_macro: macro(stats.f1),
    f1_weighted: weighted(stats.f1),
    precision_macro: macro(stats.precision),
    recall_macro: macro(stats.recall),
    precision_weighted: weighted(stats.precision),
    recall_weighted: weighted(stats.recall),
    per_class: stats,
  };
}
