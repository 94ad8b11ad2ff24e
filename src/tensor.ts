// Values: a scalar, a vector or a matrix, stored flat (row-major) in a
// Float64Array with its shape. Kernels for the matrix products live here.

/** [] for a scalar, [n] for a vector, [rows, columns] for a matrix. */
export type Shape = readonly number[];

export const SCALAR: Shape = [];

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, k) => d === b[k]);

/** `2×3`, `3`, or `scalar`: how messages and the table write a shape. */
export const shapeText = (s: Shape): string => (s.length === 0 ? 'scalar' : s.join('×'));

/** "a vector of 3 entries", "a 2×3 matrix": a shape in words. */
export const shapeNoun = (s: Shape): string =>
  s.length === 0 ? 'a scalar' : s.length === 1 ? `a vector of ${s[0]} ${s[0] === 1 ? 'entry' : 'entries'}` : `a ${shapeText(s)} matrix`;

/** Nested arrays, as JSON writes a tensor (a scalar stays a number). */
export function nest<T>(shape: Shape, flat: ArrayLike<number>, leaf: (x: number) => T): T | T[] | T[][] {
  if (shape.length === 0) return leaf(flat[0]!);
  if (shape.length === 1) return Array.from({ length: shape[0]! }, (_, i) => leaf(flat[i]!));
  const [rows, cols] = shape as [number, number];
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => leaf(flat[r * cols + c]!)));
}

/** out (m×p) = A (m×n) · B (n×p). The i-k-j order reads both rows in memory order. */
export function matmul(a: Float64Array, b: Float64Array, m: number, n: number, p: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * p;
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      const bk = k * p;
      for (let j = 0; j < p; j++) out[row + j]! += aik * b[bk + j]!;
    }
  }
}

/** out (m×n) = G (m×p) · Bᵀ, for B (n×p): each entry a dot product of two rows. */
export function matmulTransposedRight(g: Float64Array, b: Float64Array, m: number, n: number, p: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += g[i * p + j]! * b[k * p + j]!;
      out[i * n + k] = s;
    }
  }
}

/** out (n×p) = Aᵀ · G, for A (m×n) and G (m×p). */
export function matmulTransposedLeft(a: Float64Array, g: Float64Array, m: number, n: number, p: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) out[k * p + j]! += aik * g[i * p + j]!;
    }
  }
}
