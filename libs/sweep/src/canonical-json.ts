/**
 * Canonical JSON: keys sorted at every level, no whitespace, numbers in JavaScript's shortest
 * round-trip form (so `1e-3`, `0.001` and `0.0010` written in YAML are the same). Two configs that
 * mean the same thing give the same text, whatever the key order or formatting of their files.
 *
 * Trial configs share every subtree a patch did not touch, so the text of each object is memoised
 * by identity: a 10,000-trial grid serialises its model once, not 10,000 times. Configs are never
 * mutated after expansion, which is what makes the memo safe.
 */
const memo = new WeakMap<object, string>();

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`canonicalJson: ${value} has no JSON form`);
    }
    return value === undefined ? 'null' : JSON.stringify(Object.is(value, -0) ? 0 : value);
  }
  const cached = memo.get(value);
  if (cached !== undefined) return cached;
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map(canonicalJson).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    text = `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  memo.set(value, text);
  return text;
}
