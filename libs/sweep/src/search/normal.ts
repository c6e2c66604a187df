/**
 * The standard normal distribution, accurate in its tails, for the truncated normals of the
 * Parzen estimator: erf and erfc as fdlibm computes them (s_erf.c, what C libraries and Python's
 * math.erf use), and log Φ, the log of a Gaussian mass over an interval and the truncated
 * normal's quantile as Optuna 3.1 computes them (optuna/samplers/_tpe/_truncnorm.py, itself from
 * SciPy): in log space, so that a component far from a candidate gives -1234, not log(0).
 */

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1;
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

/** c[0] + c[1] x + c[2] x² + ... */
const poly = (c: readonly number[], x: number) => c.reduceRight((acc, k) => acc * x + k, 0);

/** `x` with the low 32 bits of its mantissa cleared (fdlibm's SET_LOW_WORD(z, 0)). */
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
function highWordOnly(x: number): number {
  scratch[0] = x;
  words[LOW] = 0;
  return scratch[0];
}

/** exp(-x² - 0.5625 + R/S) / x for x >= 1.25: erfc's tail, with x² split to keep its rounding error out. */
function tail(x: number): number {
  const s = 1 / (x * x);
  const [r, q] = x < 1 / 0.35 ? [poly(RA, s), poly(SA, s)] : [poly(RB, s), poly(SB, s)];
  const z = highWordOnly(x);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + r / q)) / x;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 2 ** -28) return x + EFX * x;
    const z = x * x;
    return x + x * (poly(PP, z) / poly(QQ, z));
  }
  if (a < 1.25) return Math.sign(x) * (ERX + poly(PA, a - 1) / poly(QA, a - 1));
  if (a >= 6) return Math.sign(x);
  return Math.sign(x) * (1 - tail(a));
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = poly(PP, z) / poly(QQ, z);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (a < 1.25) {
    const pq = poly(PA, a - 1) / poly(QA, a - 1);
    return x >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (a < 28) {
    if (x < 0 && a >= 6) return 2;
    const r = tail(a);
    return x > 0 ? r : 2 - r;
  }
  return x > 0 ? 0 : 2;
}

/** Φ(a), the standard normal's CDF, from whichever of erf and erfc keeps its digits. */
export function ndtr(a: number): number {
  const x = a / Math.SQRT2;
  if (x < -Math.SQRT1_2) return 0.5 * erfc(-x);
  if (x < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log Φ(a); below -20 by the asymptotic series of Mills' ratio. */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a);
  if (a > -20) return Math.log(ndtr(a));
  const logLhs = -0.5 * a * a - Math.log(-a) - 0.5 * Math.log(2 * Math.PI);
  let last = 0;
  let rhs = 1;
  let numerator = 1;
  let denominator = 1;
  let sign = 1;
  for (let i = 1; Math.abs(last - rhs) > Number.EPSILON; i++) {
    last = rhs;
    sign = -sign;
    denominator *= 1 / (a * a);
    numerator *= 2 * i - 1;
    rhs += sign * numerator * denominator;
  }
  return logLhs + Math.log(rhs);
}

/** log(e^p - e^q) for p >= q. */
const logDiff = (p: number, q: number) => p + Math.log1p(-Math.exp(q - p));

/** log(e^p + e^q). */
export function logAddExp(p: number, q: number): number {
  if (p === -Infinity) return q;
  if (q === -Infinity) return p;
  const m = Math.max(p, q);
  return m + Math.log1p(Math.exp(-Math.abs(p - q)));
}

/** log of the standard normal's mass on [a, b], worked in the left tail (where it is accurate). */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/** log of the standard normal density. */
export const normLogPdf = (x: number) => -(x * x) / 2 - Math.log(Math.sqrt(2 * Math.PI));

/** x with log Φ(x) = y, by bisection on [-100, 100] as Optuna does. */
function ndtriExp(y: number): number {
  let [lo, hi] = [-100, 100];
  let mid = 0;
  for (let i = 0; i < 100; i++) {
    mid = (lo + hi) / 2;
    if (logNdtr(mid) < y) lo = mid;
    else hi = mid;
  }
  return mid;
}

/** The q-quantile of the standard normal truncated to [a, b]. */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (a === b) return NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  if (a < 0) return ndtriExp(logAddExp(logNdtr(a), Math.log(q) + logGaussMass(a, b)));
  return -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-q) + logGaussMass(a, b)));
}
