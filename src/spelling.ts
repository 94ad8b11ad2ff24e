// What a mistyped word most likely meant: an option (--tl → --tol), a
// variable, a function (sigmod → sigmoid), names run together (w0x0 →
// w0*x0). One edit distance for all.

/** The optimal string alignment distance: edits, counting a swap of neighbours as one (jsno → json). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The word of `known` closest to `word` (case aside), if it is close enough to be what was meant: 1 edit, 2 for longer words. */
export function closest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let distance = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < distance) [best, distance] = [k, d];
  }
  return best !== undefined && distance <= Math.max(1, Math.min(2, Math.floor(best.length / 2))) ? best : undefined;
}

/**
 * An unbound name that is known names (bound, or named by a statement) run together, as a product: w0x0 →
 * w0*x0 with w0 and x0 bound, qz → q*z after q = x + y (mathjs reads each as one variable). The split into
 * the fewest names, or undefined.
 */
export function asProduct(name: string, known: (part: string) => boolean): string | undefined {
  if (name.length > 64) return undefined;
  // fewest[k]: the fewest known names that make name.slice(0, k), and where the last starts.
  const fewest: { count: number; from: number }[] = [{ count: 0, from: -1 }];
  for (let k = 1; k <= name.length; k++) {
    for (let j = 0; j < k; j++) {
      const before = fewest[j];
      if (before === undefined || !known(name.slice(j, k))) continue;
      if (fewest[k] === undefined || before.count + 1 < fewest[k]!.count) fewest[k] = { count: before.count + 1, from: j };
    }
  }
  const end = fewest[name.length];
  if (end === undefined || end.count < 2) return undefined;
  const parts: string[] = [];
  for (let k = name.length; k > 0; k = fewest[k]!.from) parts.unshift(name.slice(fewest[k]!.from, k));
  return parts.join('*');
}
