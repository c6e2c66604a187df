/** Two numbers of a pruning rule written with as few digits as tell them apart (at least 3 significant). */
export function showPair(a: number, b: number): [string, string] {
  const show = (x: number, digits: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));
  for (let digits = 3; digits < 17; digits++) if (a === b || show(a, digits) !== show(b, digits)) return [show(a, digits), show(b, digits)];
  return [String(a), String(b)];
}
