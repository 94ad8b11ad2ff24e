// What a mistyped word most likely meant: an option (--tl → --tol), a
// variable, a function (sigmod → sigmoid). One edit distance for all.

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
