/**
 * Gradient checks by central finite differences, for the kernel tests.
 *
 * The kernels compute in float32, so the function checked is L(v) = Σ_k Σ_i W_k[i] f(v)_k[i]
 * with the outputs f(v) in float32 (as the kernels give them) and the sum in float64. Each step is
 * the float32-rounded v ± eps, and the difference is divided by the step actually taken, so the
 * rounding of the inputs costs nothing; what remains is the float32 rounding of the outputs
 * (about 6e-8 of each changed output, divided by the step) and, for non-linear functions, the
 * O(eps²) truncation error. Convolutions are linear in each input: there is no truncation error,
 * so a large step makes the check as tight as float32 allows.
 *
 * Probes: `coordinates` entries of each input (all of them when there are no more), and
 * `directions` random ±1 directions through every entry at once, which catch a wrong gradient
 * anywhere (the directional derivative against Σ g_i d_i).
 */

export interface NumericCheck {
  /** The outputs for the given inputs, computed by the kernel under test. */
  f: (inputs: Float32Array[]) => Float32Array[];
  /** The point at which the gradient is checked. */
  inputs: Float32Array[];
  /** W: the weights of the outputs in L (often the dy fed to the backward kernel). */
  weights: Float32Array[];
  eps: number;
  coordinates: number;
  directions: number;
  random: () => number;
  /** Which inputs to probe (all by default). */
  probe?: readonly boolean[];
}

export interface FiniteDifferenceCheck extends NumericCheck {
  /** The analytic gradient of L with respect to each input; undefined ones are not checked. */
  analytic: Array<Float32Array | undefined>;
  /** The largest allowed |numeric - analytic| for a given numeric value. */
  tolerance: (numeric: number) => number;
}

/** One numerical derivative: (L(plus) - L(minus)) / 2 eps, with delta = plus - minus for input `input`. */
export interface Probe {
  input: number;
  at: number | 'direction';
  delta: Float64Array;
  eps: number;
  numeric: number;
}

export interface Mismatch {
  input: number;
  at: number | 'direction';
  numeric: number;
  analytic: number;
}

function loss(outputs: Float32Array[], weights: Float32Array[]): number {
  let sum = 0;
  outputs.forEach((out, k) => {
    const w = weights[k];
    if (out.length !== w.length) throw new Error(`output ${k} has ${out.length} values but its weights ${w.length}`);
    for (let i = 0; i < out.length; i++) sum += w[i] * out[i];
  });
  return sum;
}

/** The numerical derivatives of L at the probes (they can be compared with several analytic gradients). */
export function numericDerivatives(check: NumericCheck): Probe[] {
  const { f, inputs, weights, eps, random } = check;
  const probes: Probe[] = [];
  const at = (which: number, shifted: Float32Array) => loss(f(inputs.map((v, j) => (j === which ? shifted : v))), weights);
  inputs.forEach((v, which) => {
    if (check.probe && !check.probe[which]) return;
    const probe = (direction: Float32Array, label: number | 'direction') => {
      const plus = Float32Array.from(v, (x, i) => x + eps * direction[i]);
      const minus = Float32Array.from(v, (x, i) => x - eps * direction[i]);
      const delta = Float64Array.from(plus, (p, i) => p - minus[i]); // exact: both are float32
      probes.push({ input: which, at: label, delta, eps, numeric: (at(which, plus) - at(which, minus)) / (2 * eps) });
    };
    const indices = v.length <= check.coordinates ? Array.from({ length: v.length }, (_, i) => i) : Array.from({ length: check.coordinates }, () => Math.floor(random() * v.length));
    for (const i of indices) {
      const direction = new Float32Array(v.length);
      direction[i] = 1;
      probe(direction, i);
    }
    for (let d = 0; d < check.directions; d++) probe(Float32Array.from(v, () => (random() < 0.5 ? -1 : 1)), 'direction');
  });
  return probes;
}

/** The probes where the analytic directional derivative, Σ g_i delta_i / 2 eps, is off by more than the tolerance. */
export function mismatches(probes: readonly Probe[], analytic: Array<Float32Array | undefined>, tolerance: (numeric: number) => number): Mismatch[] {
  const found: Mismatch[] = [];
  for (const p of probes) {
    const g = analytic[p.input];
    if (!g) continue;
    if (g.length !== p.delta.length) throw new Error(`the analytic gradient of input ${p.input} has ${g.length} values, the input ${p.delta.length}`);
    let sum = 0;
    for (let i = 0; i < g.length; i++) if (p.delta[i] !== 0) sum += g[i] * p.delta[i];
    const value = sum / (2 * p.eps);
    if (!(Math.abs(p.numeric - value) <= tolerance(p.numeric))) found.push({ input: p.input, at: p.at, numeric: p.numeric, analytic: value });
  }
  return found;
}

/** Every probe whose numeric and analytic derivatives differ by more than the tolerance. */
export function finiteDifferenceMismatches(check: FiniteDifferenceCheck): Mismatch[] {
  return mismatches(numericDerivatives({ ...check, probe: check.analytic.map((g) => g !== undefined) }), check.analytic, check.tolerance);
}
