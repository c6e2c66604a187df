/**
 * A cell's numbers as the column's `format` prints them: `fixed` (45764608.00), `thousands`
 * (45,764,608) or `si` (45.76 M), mean and standard deviation with the same prefix. The digits
 * are kept apart from the grouping and the prefix, for siunitx (which groups and aligns them
 * itself) and for plain text (table.md).
 */
import type { Cell, Column } from './table';

const PREFIXES = ['', 'k', 'M', 'G', 'T'];

export interface CellNumbers {
  /** Digits with `precision` decimals, no grouping: `45.76`, `-0.12`. */
  mean: string;
  /** Absent for one seed, or when every seed gave the same value. */
  std?: string;
  /** The SI prefix of an `si` column (`k`, `M`, ...), else empty. */
  prefix: string;
}

export function cellNumbers(c: Cell & { mean: number }, column: Column): CellNumbers {
  const power = column.format === 'si' && Math.abs(c.mean) >= 1000 ? Math.min(PREFIXES.length - 1, Math.floor(Math.log10(Math.abs(c.mean)) / 3)) : 0;
  const divisor = 1000 ** power;
  const showStd = c.n > 1 && !c.constant && c.std !== undefined;
  return { mean: (c.mean / divisor).toFixed(column.precision), ...(showStd ? { std: ((c.std as number) / divisor).toFixed(column.precision) } : {}), prefix: PREFIXES[power] };
}

/** `45764608` → `45,764,608` (a `thousands` column); other formats unchanged. */
export function grouped(digits: string, column: Column): string {
  if (column.format !== 'thousands') return digits;
  const [whole, fraction] = digits.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const body = whole.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${body}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A cell as plain text: `86.71 ± 1.12`, `622,306`, `3.22 M`, `45.96 ± 0.10 k`. */
export function cellText(c: Cell & { mean: number }, column: Column, pm = '±'): string {
  const n = cellNumbers(c, column);
  const value = n.std !== undefined ? `${grouped(n.mean, column)} ${pm} ${grouped(n.std, column)}` : grouped(n.mean, column);
  return n.prefix ? `${value} ${n.prefix}` : value;
}
