// The operations that are not elementwise: matrix products, transposes,
// reductions, softmax, indexing and matrix literals. Each is one entry of the
// op table (assembled in ops.ts) with its tensor rule: output shape, forward,
// backward per input, and the backward rule as the lecture writes it.
import { fail } from '../errors.js';
import type { Shape, Tensor } from './tensor.js';
import type { TensorOp, TensorRule } from './ops.js';
import { type Reason, reason } from '../texts.js';
import { matmul, matmulTransposedLeft, matmulTransposedRight, SCALAR } from './tensor.js';

const call = (fn: string) => ({ kind: 'call', fn }) as const;
const vector = (s: Shape): boolean => s.length === 1;

/**
 * `*` on two tensors, as mathjs does it: a vector on the left is a row, on the
 * right a column, and a vector times a vector is their dot product. Every
 * case is one matrix product (m×n)(n×p), so one pair of backward rules
 * serves them all: ∂f/∂A = g · Bᵀ, ∂f/∂B = Aᵀ · g.
 */
function dims(a: Shape, b: Shape): { m: number; n: number; p: number } {
  return { m: a.length === 2 ? a[0]! : 1, n: a[a.length - 1]!, p: b.length === 2 ? b[1]! : 1 };
}

export const MATMUL: TensorRule = {
  shape([a, b]) {
    const inner = b![0]!;
    if (a![a!.length - 1] !== inner) {
      return reason('matmulShapes', { left: a![a!.length - 1]!, right: inner });
    }
    const out: number[] = [];
    if (a!.length === 2) out.push(a![0]!);
    if (b!.length === 2) out.push(b![1]!);
    return out;
  },
  forward([a, b], out) {
    const { m, n, p } = dims(a!.shape, b!.shape);
    matmul(a!.data, b!.data, m, n, p, out);
  },
  backward(k, g, [a, b], _out, into) {
    const { m, n, p } = dims(a!.shape, b!.shape);
    if (k === 0) matmulTransposedRight(g, b!.data, m, n, p, into);
    else matmulTransposedLeft(a!.data, g, m, n, p, into);
  },
  rule: (k) => ({ formula: k === 0 ? 'g · bᵀ' : 'aᵀ · g' }),
  cost([a, b]) {
    const { m, n, p } = dims(a!, b!);
    return m * n * p;
  },
  // As matrices, a vector on the right being a column: g · bᵀ is (m×p)(p×n), aᵀ · g is (n×m)(m×p).
  ruleShapes(k, [a, b]) {
    const { m, n, p } = dims(a!, b!);
    return k === 0 ? `(${m}×${p})(${p}×${n})` : `(${n}×${m})(${m}×${p})`;
  },
  sampleShapes: (dim) => {
    const [m, n, p] = [dim(), dim(), dim()];
    const cases: Shape[][] = [[[m, n], [n, p]], [[m, n], [n]], [[n], [n, p]], [[n], [n]]];
    return cases[dim() % 4]!;
  },
};

const transpose: TensorOp = {
  name: 'transpose', arity: 1, syntax: { kind: 'postfix', symbol: "'" }, operators: ['transpose', 'ctranspose'], call: 'transpose',
  tensor: {
    // mathjs leaves a vector as it is: it has no orientation.
    shape: ([x]) => (x!.length === 2 ? [x![1]!, x![0]!] : x!),
    forward([x], out) {
      if (x!.shape.length < 2) return out.set(x!.data);
      const [r, c] = x!.shape as [number, number];
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x!.data[i * c + j]!;
    },
    backward(_k, g, [x], _out, into) {
      if (x!.shape.length < 2) return into.set(g);
      const [r, c] = x!.shape as [number, number];
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) into[i * c + j] = g[j * r + i]!;
    },
    rule: () => ({ formula: 'gᵀ' }),
    sampleShapes: (dim) => [[dim(), dim()]],
  },
};

const total = (x: Float64Array): number => {
  let s = 0;
  for (const v of x) s += v;
  return s;
};

const sum: TensorOp = {
  name: 'sum', arity: 1, syntax: call('sum'), call: 'sum',
  tensor: {
    shape: () => SCALAR,
    forward([x], out) {
      out[0] = total(x!.data);
    },
    backward: (_k, g, _inputs, _out, into) => void into.fill(g[0]!),
    rule: () => ({ formula: 'g', phrase: 'toEvery' }),
    sampleShapes: (dim) => [[dim(), dim()]],
  },
};

const mean: TensorOp = {
  name: 'mean', arity: 1, syntax: call('mean'), call: 'mean',
  tensor: {
    shape: () => SCALAR,
    forward([x], out) {
      out[0] = total(x!.data) / x!.data.length;
    },
    backward: (_k, g, [x], _out, into) => void into.fill(g[0]! / x!.data.length),
    rule: () => ({ formula: 'g / n', phrase: 'toEvery' }),
    sampleShapes: (dim) => [[dim()]],
  },
};

const norm: TensorOp = {
  name: 'norm', arity: 1, syntax: call('norm'), call: 'norm', expand: 'sqrt(sum(x .^ 2))',
  refuse: ([x]) =>
    x!.length === 2 ? reason('spectralNorm') : undefined,
  tensor: {
    shape: () => SCALAR,
    // Scaled by the largest entry first, as hypot does: exact at 1e-200 and at 1e200.
    forward([x], out) {
      let scale = 0;
      for (const v of x!.data) scale = Math.max(scale, Math.abs(v));
      if (scale === 0 || !Number.isFinite(scale)) {
        out[0] = scale;
        return;
      }
      let s = 0;
      for (const v of x!.data) s += (v / scale) * (v / scale);
      out[0] = scale * Math.sqrt(s);
    },
    kink: ([x]) => (x!.data.every((v) => v === 0) ? 'zero' : undefined),
    // PyTorch's choice at the zero vector, where the norm has no gradient: 0.
    // x / ‖x‖ as (x / s) / ‖x / s‖ for the largest |entry| s, so that subnormal entries keep their digits.
    backward(_k, g, [x], out, into) {
      let scale = 0;
      for (const v of x!.data) scale = Math.max(scale, Math.abs(v));
      if (out.data[0] === 0 || !Number.isFinite(scale)) {
        for (let i = 0; i < into.length; i++) into[i] = out.data[0] === 0 ? 0 : (g[0]! * x!.data[i]!) / out.data[0]!;
        return;
      }
      let s = 0;
      for (const v of x!.data) s += (v / scale) * (v / scale);
      const r = Math.sqrt(s);
      for (let i = 0; i < into.length; i++) into[i] = (g[0]! * (x!.data[i]! / scale)) / r;
    },
    rule: () => ({ formula: 'g · x / ‖x‖' }),
    sampleShapes: (dim) => [[dim()]],
  },
};

const dot: TensorOp = {
  name: 'dot', arity: 2, syntax: call('dot'), call: 'dot', expand: 'sum(a .* b)',
  tensor: {
    shape: ([a, b]) =>
      vector(a!) && vector(b!) && a![0] === b![0] ? SCALAR : reason('dotShapes'),
    forward([a, b], out) {
      let s = 0;
      for (let i = 0; i < a!.data.length; i++) s += a!.data[i]! * b!.data[i]!;
      out[0] = s;
    },
    backward(k, g, inputs, _out, into) {
      const other = inputs[1 - k]!.data;
      for (let i = 0; i < into.length; i++) into[i] = g[0]! * other[i]!;
    },
    rule: (k) => ({ formula: k === 0 ? 'g · b' : 'g · a' }),
    sampleShapes: (dim) => {
      const n = dim();
      return [[n], [n]];
    },
  },
};

/** softmax(x) into out, without overflow: exp(x - max). */
function softmaxInto(x: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (const v of x) max = Math.max(max, v);
  let total = 0;
  for (let i = 0; i < x.length; i++) total += out[i] = Math.exp(x[i]! - max);
  for (let i = 0; i < x.length; i++) out[i]! /= total;
}

const vectorOnly = (name: string) => ([x]: readonly Shape[]): Reason | undefined =>
  x!.length === 2 ? reason('vectorOnly', { name }) : undefined;

const softmax: TensorOp = {
  name: 'softmax', arity: 1, syntax: call('softmax'), call: 'softmax', refuse: vectorOnly('softmax'), expand: 'exp(x) ./ sum(exp(x))',
  tensor: {
    shape: ([x]) => x!,
    forward: ([x], out) => softmaxInto(x!.data, out),
    backward(_k, g, _inputs, out, into) {
      let gs = 0;
      for (let i = 0; i < into.length; i++) gs += g[i]! * out.data[i]!;
      for (let i = 0; i < into.length; i++) into[i] = out.data[i]! * (g[i]! - gs);
    },
    rule: () => ({ formula: 's ⊙ (g - g · s), s = softmax(x)' }),
    sampleShapes: (dim) => [[dim()]],
  },
};

const logsumexp: TensorOp = {
  name: 'logsumexp', arity: 1, syntax: call('logsumexp'), call: 'logsumexp', refuse: vectorOnly('logsumexp'), expand: 'log(sum(exp(x)))',
  tensor: {
    shape: () => SCALAR,
    forward([x], out) {
      let max = -Infinity;
      for (const v of x!.data) max = Math.max(max, v);
      let total = 0;
      for (const v of x!.data) total += Math.exp(v - max);
      out[0] = max + Math.log(total);
    },
    backward(_k, g, [x], _out, into) {
      softmaxInto(x!.data, into);
      for (let i = 0; i < into.length; i++) into[i]! *= g[0]!;
    },
    rule: () => ({ formula: 'g · softmax(x)' }),
    sampleShapes: (dim) => [[dim()]],
  },
};

/**
 * max(v) and min(v) of one argument: the largest (smallest) entry. The
 * gradient goes to that entry; a tie shares it evenly, as PyTorch does.
 */
function extreme(name: 'max' | 'min'): TensorOp {
  const better = name === 'max' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const best = (x: Float64Array): number => {
    let k = 0;
    for (let i = 1; i < x.length; i++) if (better(x[i]!, x[k]!) || Number.isNaN(x[i]!)) k = i;
    return k;
  };
  const ties = (x: Float64Array, y: number): number => {
    let n = 0;
    for (const v of x) if (v === y) n++;
    return n;
  };
  return {
    name: `${name}Entry`, arity: 1, syntax: call(name), call: name,
    tensor: {
      shape: () => SCALAR,
      forward([x], out) {
        out[0] = x!.data[best(x!.data)]!;
      },
      backward(_k, g, [x], out, into) {
        const y = out.data[0]!;
        const share = g[0]! / Math.max(1, ties(x!.data, y));
        for (let i = 0; i < into.length; i++) into[i] = x!.data[i] === y ? share : 0;
      },
      rule: () => ({ formula: 'g', phrase: name === 'max' ? 'atLargest' : 'atSmallest' }),
      kink: ([x]) => (ties(x!.data, x!.data[best(x!.data)]!) > 1 ? 'even' : undefined),
      side: ([x]) => best(x!.data),
      sampleShapes: (dim) => [[dim(), dim()]],
    },
  };
}

export const TENSOR_OPS: readonly TensorOp[] = [transpose, sum, mean, norm, dot, softmax, logsumexp, extreme('max'), extreme('min')];

/** The flat position of 1-based indices, or an input error. */
function position(x: Tensor, indices: readonly Tensor[]): number {
  let at = 0;
  indices.forEach((t, d) => {
    const i = t.data[0]!;
    const extent = x.shape[d]!;
    if (!Number.isInteger(i) || i < 1 || i > extent) {
      throw fail('indexRange', { index: i, extent });
    }
    at = at * extent + (i - 1);
  });
  return at;
}

/** s[i] and A[i, j], 1-based. The indices take no gradient. */
export const INDEX: TensorOp = {
  name: 'index', arity: -1, syntax: { kind: 'index' }, indexInput: (k) => k > 0,
  tensor: {
    shape([x, ...indices]) {
      if (indices.some((s) => s.length > 0)) return reason('indexNumber');
      if (indices.length !== x!.length) return reason('indexCount', { shape: x!, count: indices.length });
      return SCALAR;
    },
    forward([x, ...indices], out) {
      out[0] = x!.data[position(x!, indices)]!;
    },
    backward(k, g, [x, ...indices], _out, into) {
      if (k === 0) into[position(x!, indices)] = g[0]!;
    },
    rule: () => ({ formula: 'g', phrase: 'atIndex' }),
    sampleShapes: (dim) => [[dim(), dim()], SCALAR, SCALAR],
  },
};

/** A matrix literal with expressions in it, [x, 2 * y]: its elements are its inputs. */
export const MATRIX: TensorOp = {
  name: 'matrix', arity: -1, syntax: { kind: 'matrix' },
  tensor: {
    shape: (inputs, declared) =>
      inputs.some((s) => s.length > 0) ? reason('matrixElements') : declared!,
    forward(inputs, out) {
      inputs.forEach((x, i) => (out[i] = x.data[0]!));
    },
    backward(k, g, _inputs, _out, into) {
      into[0] = g[k]!;
    },
    rule: (k) => ({ formula: `g[${k + 1}]` }),
    sampleShapes: (dim) => Array.from({ length: dim() }, () => SCALAR),
  },
};
