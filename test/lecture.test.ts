// The lecture's worked examples (test/fixtures/lecture.json, a copy of the
// shared reference file), reproduced to 1e-9.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { OPS } from '../src/ops.js';

interface Case {
  id: string;
  expression: string;
  vars: Record<string, unknown>;
  value: unknown;
  gradients: Record<string, unknown>;
}

const { cases } = JSON.parse(readFileSync(new URL('./fixtures/lecture.json', import.meta.url), 'utf8')) as { cases: Case[] };
// Tensor examples belong to the tensor issue (#3); these are the scalar ones.
const scalar = cases.filter((c) => Object.values(c.vars).every((v) => typeof v === 'number'));

describe('lecture examples', () => {
  it('include the scalar examples', () => {
    expect(scalar.map((c) => c.id)).toEqual(['scalar-add-mul', 'sigmoid-neuron', 'sigmoid-gate']);
  });

  it.each(scalar.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const trace = run(c.expression, c.vars as Record<string, number>);
    const out = trace.value[trace.graph.size - 1]!;
    expect(Math.abs(out - (c.value as number))).toBeLessThanOrEqual(1e-9);
    for (const { name, node } of trace.graph.variables) {
      expect(Math.abs(trace.grad[node]! - (c.gradients[name] as number)), name).toBeLessThanOrEqual(1e-9);
    }
    expect(trace.graph.variables.map((v) => v.name).sort()).toEqual(Object.keys(c.gradients).sort());
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
