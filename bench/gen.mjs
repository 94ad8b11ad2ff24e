// Generates the scale benchmark's expressions: a sum of n terms like
// relu(0.3*x + 1.2)*2, flat (t1 + t2 + …) or as a balanced tree of
// parenthesised sums. About seven nodes a term.
export function term(i) {
  const a = ((i * 37) % 19) / 10 - 0.9;
  const b = ((i * 11) % 13) / 10 - 0.6;
  return `relu(${a.toFixed(1)}*x + ${b.toFixed(1)})*${(i % 5) + 1}`;
}

export function flatSum(n) {
  const parts = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = term(i);
  return parts.join(' + ');
}

export function balancedSum(n) {
  let parts = Array.from({ length: n }, (_, i) => term(i));
  while (parts.length > 1) {
    const next = [];
    for (let i = 0; i < parts.length; i += 2) next.push(i + 1 < parts.length ? `(${parts[i]} + ${parts[i + 1]})` : parts[i]);
    parts = next;
  }
  return parts[0];
}
