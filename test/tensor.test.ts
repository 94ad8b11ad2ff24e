// Every tensor rule and the elementwise lifting, against central differences
// at random shapes (1–6) and values: for f = Σ R ⊙ op(inputs) with a random R
// (the seed), ∂f/∂input from the engine must match the difference quotient.
import { describe, expect, it } from 'vitest';
import { traceOf as run, type Value } from './helpers.js';
import { isScalarOp, OPS, type Op } from '../src/graph/ops.js';
import { sizeOf, type Shape, type Tensor } from '../src/graph/tensor.js';
import { sentOn } from '../src/graph/graph.js';

/** mulberry32: the same random numbers on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20261127);
const dim = (): number => 1 + Math.floor(rand() * 6);
const tensor = (shape: Shape, low = -2, high = 2): Value =>
  shape.length === 0 ? low + rand() * (high - low) : { shape, data: Float64Array.from({ length: sizeOf(shape) }, () => low + rand() * (high - low)) };

const flat = (v: Value): Float64Array => (typeof v === 'number' ? Float64Array.of(v) : v.data);
const withEntry = (v: Value, k: number, x: number): Value => {
  if (typeof v === 'number') return x;
  const data = v.data.slice();
  data[k] = x;
  return { shape: v.shape, data };
};

/** Checks ∂(Σ R ⊙ f)/∂v for every entry of every differentiable variable. */
function checkGradients(expression: string, bindings: Record<string, Value>, skip: readonly string[] = []): void {
  const out = run(expression, bindings);
  const root = out.graph.size - 1;
  const outShape = out.shape[root]!;
  const R = tensor(outShape, 0.5, 1.5);
  const weights = flat(R);
  const trace = run(expression, bindings, { seed: R });
  const f = (b: Record<string, Value>): number => {
    const t = run(expression, b);
    let s = 0;
    for (let k = 0; k < weights.length; k++) s += weights[k]! * t.value[t.offset[root]! + k]!;
    return s;
  };
  for (const { name, node } of trace.graph.variables) {
    if (skip.includes(name)) continue;
    const analytic = trace.grad.subarray(trace.offset[node]!, trace.offset[node + 1]!);
    const values = flat(bindings[name]!);
    values.forEach((x, k) => {
      const h = 1e-6 * Math.max(1, Math.abs(x));
      const numeric = (f({ ...bindings, [name]: withEntry(bindings[name]!, k, x + h) }) - f({ ...bindings, [name]: withEntry(bindings[name]!, k, x - h) })) / (2 * h);
      expect(analytic[k]!, `${expression}: ∂/∂${name}[${k}]`).toBeCloseTo(numeric, 5);
    });
  }
}

/** The op applied to inputs p0, p1, …, in mathjs syntax. */
function written(op: Op, n: number): string {
  const p = Array.from({ length: n }, (_, k) => `p${k}`);
  switch (op.syntax.kind) {
    case 'call': return `${op.syntax.fn}(${p.join(', ')})`;
    case 'infix': return `p0 ${op.syntax.symbol} p1`;
    case 'prefix': return `${op.syntax.symbol}p0`;
    case 'postfix': return `p0${op.syntax.symbol}`;
    case 'index': return `p0[${p.slice(1).join(', ')}]`;
    case 'matrix': return `[${p.join(', ')}]`;
    case 'same': return 'q = p0';
    case 'leaf': throw new Error('a leaf has no inputs');
  }
}

const RULES = OPS.filter((o): o is Op & { tensor: NonNullable<Op['tensor']> } => o.tensor !== undefined);

describe.each(RULES.map((o) => [o.name, o] as const))('tensor rule of %s', (_name, op) => {
  for (let round = 0; round < 4; round++) {
    const shapes = op.tensor.sampleShapes(dim);
    it(`matches central differences at shapes ${shapes.map((s) => s.join('×') || 'scalar').join(', ')}`, () => {
      const bindings: Record<string, Value> = {};
      shapes.forEach((s, k) => (bindings[`p${k}`] = tensor(s)));
      const skip: string[] = [];
      if (op.indexInput) {
        // Indices: whole numbers in range, which take no gradient.
        const target = shapes[0]!;
        shapes.slice(1).forEach((_s, d) => {
          bindings[`p${d + 1}`] = 1 + Math.floor(rand() * target[d]!);
          skip.push(`p${d + 1}`);
        });
      }
      checkGradients(written(op, shapes.length), bindings, skip);
    });
  }
});

const ELEMENTWISE = ['add', 'subtract', 'dotMultiply', 'dotDivide', 'max', 'min', 'multiply'];
describe('elementwise ops on tensors, with a scalar on either side', () => {
  for (const name of ELEMENTWISE) {
    const op = OPS.find((o) => o.name === name)!;
    for (const [left, right] of [['m', 'm'], ['s', 'm'], ['m', 's']] as const) {
      if (name === 'multiply' && left === 'm' && right === 'm') continue; // a matrix product: the rule above
      it(`${name} of ${left === 's' ? 'a scalar' : 'a matrix'} and ${right === 's' ? 'a scalar' : 'a matrix'}`, () => {
        const shape = [dim(), dim()];
        const bindings = { p0: tensor(left === 's' ? [] : shape, 0.5, 2), p1: tensor(right === 's' ? [] : shape, 0.5, 2) };
        checkGradients(written(op, 2), bindings);
      });
    }
  }

  it('every unary function, lifted', () => {
    for (const op of OPS.filter(isScalarOp).filter((o) => o.arity === 1)) {
      const domain = op.samples.map((s) => s[0]!);
      const [low, high] = [Math.min(...domain), Math.max(...domain)];
      const bindings = { p0: tensor([dim(), dim()], low, high === low ? low + 1 : high) };
      if (['relu', 'abs', 'sign'].includes(op.name)) continue; // kinks: checked in language.test.ts
      checkGradients(written(op, 1), bindings);
    }
  });

  it('dotPow with a positive base', () => {
    checkGradients('p0 .^ p1', { p0: tensor([3, 2], 0.5, 2), p1: tensor([3, 2]) });
  });

  it('transposes inside products: the lecture’s W x and xᵀ W', () => {
    checkGradients("p0' * p1", { p0: tensor([4, 3]), p1: tensor([4, 2]) });
    checkGradients("p1' * p0' * p2", { p0: tensor([2, 3]), p1: tensor([3]), p2: tensor([2]) });
    checkGradients("sum((p0 * p1' - p2).^2)", { p0: tensor([3, 2]), p1: tensor([4, 2]), p2: tensor([3, 4]) });
  });
});

describe('tensor values', () => {
  it('keep mathjs shapes: a 1×1 product stays [[v]]', () => {
    const t = run('A * B', { A: { shape: [1, 2], data: Float64Array.of(1, 2) }, B: { shape: [2, 1], data: Float64Array.of(3, 4) } });
    expect(t.shape[t.graph.size - 1]).toEqual([1, 1]);
    expect(t.value[t.offset[t.graph.size - 1]!]).toBe(11);
  });

  it('a vector times a vector is their dot product; a vector on the left is a row', () => {
    const v = { shape: [2], data: Float64Array.of(1, 2) } satisfies Tensor;
    const M = { shape: [2, 3], data: Float64Array.of(1, 2, 3, 4, 5, 6) } satisfies Tensor;
    expect(run('v * v', { v }).shape.at(-1)).toEqual([]);
    const t = run('v * M', { v, M });
    expect([...t.value.subarray(t.offset[t.graph.size - 1]!)]).toEqual([9, 12, 15]);
  });

  it('softmax and logsumexp stay finite for large inputs', () => {
    const v = { shape: [3], data: Float64Array.of(1000, 1001, 999) };
    const t = run('logsumexp(v) + sum(softmax(v))', { v });
    expect(Number.isFinite(t.value[t.offset[t.graph.size - 1]!]!)).toBe(true);
    expect(t.warnings).toEqual([]);
  });

  it('a variable used as an index and as a value gets the gradient of its value uses', () => {
    const s = { shape: [3], data: Float64Array.of(5, 6, 7) };
    const t = run('s[i] * i', { s, i: 2 });
    const i = t.graph.variables.find((v) => v.name === 'i')!.node;
    expect(t.hasGradient[i]).toBe(1);
    expect(t.grad[t.offset[i]!]).toBe(6);
  });
});

describe('arrays cut from shared slabs', () => {
  it('are zeros of their own, of any length, empty ones and large ones too', async () => {
    const { zeros } = await import('../src/graph/arena.js');
    const lengths = [0, 1, 7, 0, 100, 1 << 17, 3, 1 << 20, 0];
    const arrays = lengths.map((n) => zeros(n));
    arrays.forEach((a, k) => {
      expect(a.length).toBe(lengths[k]);
      expect(a.every((x) => x === 0)).toBe(true);
      a.fill(k + 1);
    });
    arrays.forEach((a, k) => expect(a.every((x) => x === k + 1)).toBe(true)); // no two share a number
  });
});

describe('what every edge sent', () => {
  const cases: [string, Record<string, Value>][] = [
    ['sum((W2*relu(W1*x) - t).^2)', { W1: tensor([5, 4]), W2: tensor([3, 5]), x: tensor([4]), t: tensor([3]) }],
    ['sum(W*x + W*x)', { W: tensor([3, 3]), x: tensor([3]) }],
    ['sum((W*X).^2) + sum(X) + norm(W*x)^2', { W: tensor([2, 3]), X: tensor([3, 4]), x: tensor([3]) }],
    ['sum(exp(v) .* v) + max(v)', { v: tensor([6]) }],
  ];
  it.each(cases)('adds up to each node’s gradient, read alone or not: %s', (expression, bindings) => {
    const t = run(expression, bindings);
    const { graph, offset, grad, hasGradient } = t;
    const total = new Float64Array(grad.length);
    for (let e = 0; e < graph.args.length; e++) {
      const c = graph.args[e]!;
      if (!hasGradient[c]) continue;
      const sent = sentOn(t, e);
      expect(sent.length).toBe(offset[c + 1]! - offset[c]!);
      sent.forEach((x, k) => (total[offset[c]! + k]! += x));
    }
    for (let i = 0; i < graph.size - 1; i++) {
      if (!hasGradient[i]) continue;
      for (let k = offset[i]!; k < offset[i + 1]!; k++) expect(total[k]).toBeCloseTo(grad[k]!, 12);
    }
  });

  it.each(cases)('is the same when a finished trace’s arrays are filled again: %s', (expression, bindings) => {
    const other = Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, typeof v === 'number' ? v + 1 : { shape: v.shape, data: v.data.map((x) => x * 3 - 1) }]));
    const old = run(expression, other);
    const fresh = run(expression, bindings);
    const again = run(expression, bindings, { reuse: old });
    expect(again.value).toBe(old.value); // the same arrays, filled again
    expect(again.grad).toBe(old.grad);
    expect([...again.value]).toEqual([...fresh.value]);
    expect([...again.grad]).toEqual([...fresh.grad]);
    expect([...again.sent]).toEqual([...fresh.sent]);
    expect([...again.local]).toEqual([...fresh.local]);
  });
});
