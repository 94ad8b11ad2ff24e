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

/** Why nested lists are not a vector or a matrix, so that a message can say which part is wrong. */
export type ListProblem =
  | { readonly kind: 'empty'; readonly row?: number }
  | { readonly kind: 'deep' }
  | { readonly kind: 'mixed' }
  | { readonly kind: 'rows'; readonly row: number; readonly length: number; readonly first: number };

/**
 * What keeps `items` (a JSON array, or a matrix literal's) from being the
 * shape of a vector or a matrix, or undefined: `rowOf` gives an item's own
 * items when it is a list. Its entries are not looked at here.
 */
export function listProblem<T>(items: readonly T[], rowOf: (item: T) => readonly T[] | undefined): ListProblem | undefined {
  if (items.length === 0) return { kind: 'empty' };
  const rows: (readonly T[] | undefined)[] = [];
  for (let k = 0; k < items.length; k++) rows.push(k in items ? rowOf(items[k]!) : undefined);
  const lists = rows.filter((r) => r !== undefined).length;
  if (lists === 0) return undefined;
  if (lists < items.length) return { kind: 'mixed' };
  const first = rows[0]!.length;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (row.some((x) => rowOf(x) !== undefined)) return { kind: 'deep' };
    if (row.length === 0) return { kind: 'empty', row: k + 1 };
    if (row.length !== first) return { kind: 'rows', row: k + 1, length: row.length, first };
  }
  return undefined;
}


// The three products below are the whole cost of a network's forward and
// backward pass. Each works on four rows at a time, so that one load from
// memory feeds four multiply-adds (measured: about 1.6× the plain loops).

/** out (m×p) = A (m×n) · B (n×p). */
export function matmul(a: Float64Array, b: Float64Array, m: number, n: number, p: number, out: Float64Array): void {
  if (p === 1) {
    // A matrix times a vector: dot products, four rows at once (one load of b[k] for four).
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < n; k++) {
        const bk = b[k]!;
        s0 += a[r0 + k]! * bk;
        s1 += a[r1 + k]! * bk;
        s2 += a[r2 + k]! * bk;
        s3 += a[r3 + k]! * bk;
      }
      out[i] = s0;
      out[i + 1] = s1;
      out[i + 2] = s2;
      out[i + 3] = s3;
    }
    for (; i < m; i++) {
      const row = i * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += a[row + k]! * b[k]!;
      out[i] = s;
    }
    return;
  }
  out.fill(0);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const r0 = i * p, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p;
    for (let k = 0; k < n; k++) {
      const a0 = a[i * n + k]!, a1 = a[(i + 1) * n + k]!, a2 = a[(i + 2) * n + k]!, a3 = a[(i + 3) * n + k]!;
      const bk = k * p;
      for (let j = 0; j < p; j++) {
        const bkj = b[bk + j]!;
        out[r0 + j]! += a0 * bkj;
        out[r1 + j]! += a1 * bkj;
        out[r2 + j]! += a2 * bkj;
        out[r3 + j]! += a3 * bkj;
      }
    }
  }
  for (; i < m; i++) {
    const row = i * p;
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      const bk = k * p;
      for (let j = 0; j < p; j++) out[row + j]! += aik * b[bk + j]!;
    }
  }
}

/** out (m×n) = G (m×p) · Bᵀ, for B (n×p): each entry a dot product of two rows. */
export function matmulTransposedRight(g: Float64Array, b: Float64Array, m: number, n: number, p: number, out: Float64Array): void {
  if (p === 1) {
    // The gradient of a matrix times a vector: the outer product g · xᵀ.
    for (let i = 0; i < m; i++) {
      const gi = g[i]!;
      const row = i * n;
      for (let k = 0; k < n; k++) out[row + k] = gi * b[k]!;
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    const gi = i * p;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const b0 = k * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < p; j++) {
        const gij = g[gi + j]!;
        s0 += gij * b[b0 + j]!;
        s1 += gij * b[b1 + j]!;
        s2 += gij * b[b2 + j]!;
        s3 += gij * b[b3 + j]!;
      }
      out[i * n + k] = s0;
      out[i * n + k + 1] = s1;
      out[i * n + k + 2] = s2;
      out[i * n + k + 3] = s3;
    }
    for (; k < n; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += g[gi + j]! * b[k * p + j]!;
      out[i * n + k] = s;
    }
  }
}

/** out (n×p) = Aᵀ · G, for A (m×n) and G (m×p). */
export function matmulTransposedLeft(a: Float64Array, g: Float64Array, m: number, n: number, p: number, out: Float64Array): void {
  out.fill(0);
  if (p === 1) {
    // Wᵀ · g for a vector g: rows of W scaled and summed, in memory order, four rows a pass over out.
    let i = 0;
    for (; i + 3 < m; i += 4) {
      const g0 = g[i]!, g1 = g[i + 1]!, g2 = g[i + 2]!, g3 = g[i + 3]!;
      const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      for (let k = 0; k < n; k++) out[k]! += a[r0 + k]! * g0 + a[r1 + k]! * g1 + a[r2 + k]! * g2 + a[r3 + k]! * g3;
    }
    for (; i < m; i++) {
      const gi = g[i]!;
      const row = i * n;
      for (let k = 0; k < n; k++) out[k]! += a[row + k]! * gi;
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    const gi = i * p;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const a0 = a[i * n + k]!, a1 = a[i * n + k + 1]!, a2 = a[i * n + k + 2]!, a3 = a[i * n + k + 3]!;
      const o0 = k * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
      for (let j = 0; j < p; j++) {
        const gij = g[gi + j]!;
        out[o0 + j]! += a0 * gij;
        out[o1 + j]! += a1 * gij;
        out[o2 + j]! += a2 * gij;
        out[o3 + j]! += a3 * gij;
      }
    }
    for (; k < n; k++) {
      const aik = a[i * n + k]!;
      for (let j = 0; j < p; j++) out[k * p + j]! += aik * g[gi + j]!;
    }
  }
}
