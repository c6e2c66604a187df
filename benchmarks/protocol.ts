/**
 * The measuring protocol of every benchmark (these machines are noisy): two settings measured
 * alternately, A B A B ..., for at least 5 rounds, compared round by round, reported as
 * min/median/max. A setting that fails (throws) fails the benchmark: there is no figure without
 * its baseline.
 */
export const MIN_ROUNDS = 5;

export const median = (v: readonly number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** "min/median/max" of the values, with `digits` decimals. */
export const spread = (v: readonly number[], digits: number) => [Math.min(...v), median(v), Math.max(...v)].map((x) => x.toFixed(digits)).join('/');

/** Rounds from --rounds, at least MIN_ROUNDS unless the caller says why fewer are enough. */
export function roundsOf(option: string | undefined, fallback = MIN_ROUNDS): number {
  const rounds = Number(option ?? fallback);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${option} is not a whole number >= 1`);
  if (rounds < MIN_ROUNDS) console.log(`(${rounds} rounds: fewer than ${MIN_ROUNDS}, the spread below is not a stable figure)`);
  return rounds;
}

/** Runs a and b alternately for `rounds` rounds, and returns each one's results in round order. */
export function alternate<A, B>(rounds: number, a: () => A, b: () => B): { a: A[]; b: B[] } {
  const out = { a: [] as A[], b: [] as B[] };
  for (let r = 0; r < rounds; r++) {
    out.a.push(a());
    out.b.push(b());
  }
  return out;
}

/** Per-round ratios a[i] / b[i]. */
export const ratios = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x / b[i]);
