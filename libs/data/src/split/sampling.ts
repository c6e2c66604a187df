/** Seeded shuffles and stratified picks: the same seed gives the same choice on every machine. */
import type { Random } from '@ablate/spec';

export function shuffle<T extends { length: number; [i: number]: number }>(values: T, random: Random): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}

/** Members of each class (indices into `items`), in their original order. */
export function byClass(items: Int32Array, labelOf: (item: number) => number, classes: number): Int32Array[] {
  const lists: number[][] = Array.from({ length: classes }, () => []);
  for (const item of items) lists[labelOf(item)].push(item);
  return lists.map((l) => Int32Array.from(l));
}

export function sorted(values: Iterable<number>): Int32Array {
  return Int32Array.from(values).sort();
}

/** Splits each class's members: `take(count)` of them (after a shuffle) go to the first part. */
export function stratified(groups: Int32Array[], take: (count: number, cls: number) => number, random: Random): [Int32Array, Int32Array] {
  const first: number[] = [];
  const second: number[] = [];
  groups.forEach((members, cls) => {
    const shuffled = shuffle(Int32Array.from(members), random);
    const k = Math.max(0, Math.min(members.length, take(members.length, cls)));
    first.push(...shuffled.subarray(0, k));
    second.push(...shuffled.subarray(k));
  });
  return [sorted(first), sorted(second)];
}

/** At most `limit` items, each class keeping its share (largest remainders), chosen at random. */
export function stratifiedSubset(items: Int32Array, labelOf: (item: number) => number, classes: number, limit: number, random: Random): Int32Array {
  if (items.length <= limit) return items;
  const groups = byClass(items, labelOf, classes);
  const exact = groups.map((g) => (g.length * limit) / items.length);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = limit - counts.reduce((a, b) => a + b, 0), k = 0; r > 0; r--, k++) counts[order[k][1]]++;
  return stratified(groups, (_n, cls) => counts[cls], random)[0];
}
