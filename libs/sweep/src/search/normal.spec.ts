/** The normal distribution's functions against Python's math.erf/erfc and Optuna 3.1's _truncnorm (the reference fixture). */
import reference from '../../fixtures/tpe-parzen-reference.json';
import { erf, erfc, logGaussMass, logNdtr, truncnormPpf } from './normal';

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(Math.abs(b), Number.MIN_VALUE * 1e300);
const { normal } = reference;

describe('normal distribution', () => {
  it.each(normal.x.map((x, i) => [x, i]))('erf, erfc and log Φ at %p, to a few ulps', (x, i) => {
    expect(close(erf(x), normal.erf[i], 4e-16) || erf(x) === normal.erf[i]).toBe(true);
    // Below 1e-300, a subnormal: digits are lost whatever the algorithm.
    if (normal.erfc[i] > 1e-300) expect(close(erfc(x), normal.erfc[i], 1e-15)).toBe(true);
    expect(close(logNdtr(x), normal.log_ndtr[i], 1e-13)).toBe(true);
  });

  it('computes the log mass of an interval in either tail without underflow', () => {
    for (const [a, b, mass] of normal.mass) expect(close(logGaussMass(a, b), mass, 1e-12) || logGaussMass(a, b) === mass).toBe(true);
  });

  it("has Optuna's truncated normal quantile", () => {
    for (const [q, a, b, x] of normal.ppf) expect(Math.abs(truncnormPpf(q, a, b) - x)).toBeLessThan(1e-12);
  });
});
