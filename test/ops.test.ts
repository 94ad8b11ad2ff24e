// Every op in the table, checked numerically: its local derivative against a
// central difference of its forward function, and its formula text, evaluated
// by mathjs, against the same number.
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { OPS } from '../src/ops.js';

const H = 1e-6;

function centralDifference(f: (a: number, b: number) => number, point: readonly number[], k: number): number {
  const plus = [...point];
  const minus = [...point];
  const h = H * Math.max(1, Math.abs(point[k]!));
  plus[k]! += h;
  minus[k]! -= h;
  return (f(plus[0] ?? 0, plus[1] ?? 0) - f(minus[0] ?? 0, minus[1] ?? 0)) / (2 * h);
}

const computed = OPS.filter((o) => o.arity > 0);

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

  it('covers every scalar function of SPEC §1', () => {
    const spec = 'exp log log2 log10 log1p expm1 sqrt cbrt abs sign square cube sin cos tan asin acos atan sinh cosh tanh sigmoid relu softplus max min pow';
    const calls = new Set(OPS.map((o) => o.call));
    for (const name of spec.split(' ')) expect(calls, name).toContain(name);
  });
});
