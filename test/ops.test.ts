// Every op in the table, checked numerically: its local derivative against a
// central difference of its forward function, and its formula text, evaluated
// by mathjs, against the same number.
import { derivative, evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/pipeline.js';
import { exec, type Value } from './helpers.js';
import { isScalarOp, OPS, type ScalarOp } from '../src/graph/ops.js';

const H = 1e-6;

function centralDifference(f: (a: number, b: number) => number, point: readonly number[], k: number): number {
  const plus = [...point];
  const minus = [...point];
  const h = H * Math.max(1, Math.abs(point[k]!));
  plus[k]! += h;
  minus[k]! -= h;
  return (f(plus[0] ?? 0, plus[1] ?? 0) - f(minus[0] ?? 0, minus[1] ?? 0)) / (2 * h);
}

const computed = OPS.filter(isScalarOp).filter((o) => o.arity > 0);

describe.each(computed.map((o) => [o.name, o] as const))('%s', (_name, op) => {
  it('has a local derivative, a formula and samples for each input', () => {
    expect(op.local).toHaveLength(op.arity);
    expect(op.formula).toHaveLength(op.arity);
    expect(op.samples.length).toBeGreaterThan(0);
    for (const s of op.samples) expect(s).toHaveLength(op.arity);
  });

  for (const point of op.samples) {
    const a = point[0]!;
    const b = point[1] ?? 0;
    const y = op.forward(a, b);
    for (let k = 0; k < op.arity; k++) {
      it(`∂/∂input${k + 1} at (${point.join(', ')}) matches a central difference`, () => {
        const numeric = centralDifference(op.forward, point, k);
        expect(op.local[k]!(a, b, y)).toBeCloseTo(numeric, 5);
      });
      it(`formula "${op.formula[k]}" at (${point.join(', ')}) evaluates to the local derivative`, () => {
        const scope = op.arity === 1 ? { x: a, y } : { a, b, y };
        const value = Number(evaluate(op.formula[k]!, scope));
        expect(value).toBeCloseTo(op.local[k]!(a, b, y), 10);
      });
    }
  }
});

describe('the table', () => {
  it('names each op once', () => {
    const names = OPS.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('covers every function of SPEC §1', () => {
    const spec = 'exp log log2 log10 log1p expm1 sqrt cbrt abs sign square cube sin cos tan asin acos atan sinh cosh tanh sigmoid relu softplus max min pow sum mean norm dot transpose softmax logsumexp';
    const calls = new Set(OPS.map((o) => o.call));
    for (const name of spec.split(' ')) expect(calls, name).toContain(name);
  });
});

// The ops whose derivative mathjs's own `derivative` knows: a third opinion.
const MATHJS_KNOWS = [
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'pow', 'exp', 'log', 'logBase', 'log10', 'sqrt', 'cbrt',
  'abs', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh',
];

/** The op applied to its parameters, in mathjs syntax. */
function written(op: ScalarOp): string {
  const params = op.arity === 1 ? ['x'] : ['a', 'b'];
  const s = op.syntax;
  if (s.kind === 'infix') return `a ${s.symbol} b`;
  if (s.kind === 'prefix') return `${s.symbol}x`;
  if (s.kind === 'call') return `${s.fn}(${params.join(', ')})`;
  throw new Error(`no syntax for ${op.name}`);
}

describe.each(MATHJS_KNOWS.map((name) => [name, computed.find((o) => o.name === name)!] as const))(
  'mathjs derivative of %s',
  (_name, op) => {
    it('agrees with the local derivatives at the sample points', () => {
      const params = op.arity === 1 ? ['x'] : ['a', 'b'];
      let compared = 0;
      for (const point of op.samples) {
        const a = point[0]!;
        const b = point[1] ?? 0;
        const scope = op.arity === 1 ? { x: a } : { a, b };
        params.forEach((p, k) => {
          const value: unknown = derivative(written(op), p).evaluate(scope);
          if (typeof value !== 'number') return; // mathjs went complex (cbrt of a negative)
          expect(value).toBeCloseTo(op.local[k]!(a, b, op.forward(a, b)), 10);
          compared++;
        });
      }
      expect(compared).toBeGreaterThanOrEqual(op.arity);
    });
  },
);

// --expand: every composite, drawn as its primitives, gives the same value and gradients.
describe.each(OPS.filter((o) => o.expand !== undefined).map((o) => [o.name, o] as const))('--expand of %s', (_name, op) => {
  const params = op.arity === 1 ? ['x'] : ['a', 'b'];
  const text = isScalarOp(op) ? written(op) : `${(op.syntax as { fn: string }).fn}(${params.join(', ')})`;
  const points: Record<string, Value>[] = isScalarOp(op)
    ? op.samples.filter((p) => p.every((x) => x !== 0)).map((p) => Object.fromEntries(params.map((q, k) => [q, p[k]!])))
    : [Object.fromEntries(params.map((q, k) => [q, { shape: [3], data: Float64Array.of(0.5 + k, -1.2, 2.1 - k) }]))];

  it('has points to compare at', () => expect(points.length).toBeGreaterThan(0));
  for (const point of points) {
    it(`matches the op at ${JSON.stringify(point, (_k, v) => (v instanceof Float64Array ? [...v] : v))}`, () => {
      const plain = exec(compile(`sum(${text})`, params), point);
      const expanded = exec(compile(`sum(${text})`, params, { expand: true }), point);
      expect(expanded.graph.size).toBeGreaterThan(plain.graph.size);
      const last = (t: typeof plain) => t.value[t.offset[t.graph.size - 1]!]!;
      expect(last(expanded)).toBeCloseTo(last(plain), 10);
      for (const { name, node } of plain.graph.variables) {
        const other = expanded.graph.variables.find((v) => v.name === name)!.node;
        const g = [...plain.grad.subarray(plain.offset[node]!, plain.offset[node + 1]!)];
        const h = [...expanded.grad.subarray(expanded.offset[other]!, expanded.offset[other + 1]!)];
        h.forEach((x, k) => expect(x, name).toBeCloseTo(g[k]!, 10));
      }
    });
  }
});
