// The lecture's worked examples (test/fixtures/lecture.json, a copy of the
// shared reference file), reproduced to 1e-9.
import { describe, expect, it } from 'vitest';
import { toValue } from '../src/language/bindings.js';
import { LECTURE, traceOf as run, type Value } from './helpers.js';
import { OPS } from '../src/graph/ops.js';

const cases = LECTURE;
const scalar = cases.filter((c) => Object.values(c.vars).every((v) => typeof v === 'number'));

/** JSON values (numbers, nested arrays) as bindings. */
function bindingsOf(vars: Record<string, unknown>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [name, v] of Object.entries(vars)) out[name] = toValue(name, v);
  return out;
}

/** Every number in `got` within 1e-9 of `want`, entry by entry; null for null. */
function expectClose(got: number[] | null, want: unknown, what: string): void {
  if (want === null) {
    expect(got, what).toBeNull();
    return;
  }
  const flat = [want].flat(2) as number[];
  expect(got, what).not.toBeNull();
  expect(got!.length, what).toBe(flat.length);
  flat.forEach((w, k) => expect(Math.abs(got![k]! - w), `${what}[${k}]`).toBeLessThanOrEqual(1e-9));
}

describe('lecture examples', () => {
  it('are all here: scalar and tensor', () => {
    expect(cases.map((c) => c.id)).toEqual([
      'scalar-add-mul', 'sigmoid-neuron', 'sigmoid-gate', 'vectorized-l2', 'vectorized-l2-sum',
      'two-layer-net', 'two-layer-net-loss', 'svm-hinge-l2',
    ]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const trace = run(c.expression, bindingsOf(c.vars));
    const root = trace.graph.size - 1;
    expectClose([...trace.value.subarray(trace.offset[root]!, trace.offset[root + 1]!)], c.value, 'value');
    for (const { name, node } of trace.graph.variables) {
      const grad = trace.hasGradient[node] ? [...trace.grad.subarray(trace.offset[node]!, trace.offset[node + 1]!)] : null;
      expectClose(grad, c.gradients[name], `∂f/∂${name}`);
    }
    expect(trace.graph.variables.map((v) => v.name).sort()).toEqual(Object.keys(c.gradients).sort());
  });

  it("the vectorized example passes the lecture's q = [0.22, 0.26] and ∂f/∂q = [0.44, 0.52]", () => {
    const c = cases.find((x) => x.id === 'vectorized-l2')!;
    const trace = run(c.expression, bindingsOf(c.vars));
    const q = [...trace.graph.op].findIndex((o) => OPS[o]!.name === 'multiply');
    expectClose([...trace.value.subarray(trace.offset[q]!, trace.offset[q + 1]!)], [0.22, 0.26], 'q');
    expectClose([...trace.grad.subarray(trace.offset[q]!, trace.offset[q + 1]!)], [0.44, 0.52], '∂f/∂q');
  });

  it("the sigmoid neuron prints the lecture's backward numbers", () => {
    const c = scalar.find((x) => x.id === 'sigmoid-neuron')!;
    const trace = run(c.expression, c.vars as Record<string, number>);
    const { op, first, args } = trace.graph;
    const find = (name: string): number => [...op].findIndex((o) => OPS[o]!.name === name);
    const inputOf = (node: number): number => args[first[node]!]!;
    const reciprocal = trace.graph.size - 1; // 1 / (1 + exp(...))
    const plusOne = args[first[reciprocal]! + 1]!;
    expect(trace.value[plusOne]).toBeCloseTo(1.37, 2);
    expect(trace.grad[plusOne]).toBeCloseTo(-0.53, 2); // at the 1/x node's input
    expect(trace.grad[inputOf(find('exp'))]).toBeCloseTo(-0.2, 2); // at the exp node's input
    expect(trace.grad[inputOf(find('unaryMinus'))]).toBeCloseTo(0.2, 2); // at the -1 node's input
  });
});
