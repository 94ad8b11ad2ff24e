import { readFileSync } from 'node:fs';
import { nameNodes, expressionText } from '../src/graph/names.js';
import type { Value } from '../src/graph/engine.js';
import type { Trace } from '../src/graph/graph.js';
import { OPS } from '../src/graph/ops.js';
import { compile, execute, type RunOptions } from '../src/pipeline.js';

export type { Value } from '../src/graph/engine.js';
export type { Trace } from '../src/graph/graph.js';

/** The engine's whole trace of one run, for tests that look inside it. */
export function traceOf(expression: string, bindings: Readonly<Record<string, Value>> = {}, options: RunOptions = {}): Trace {
  const values = new Map(Object.entries(bindings));
  return execute(compile(expression, values.keys()), values, options);
}

/** The output, each variable's gradient, and each node's id, op and label. */
export function differentiate(expression: string, bindings: Readonly<Record<string, Value>> = {}) {
  const trace = traceOf(expression, bindings);
  const names = nameNodes(trace.graph);
  const gradients = Object.fromEntries(trace.graph.variables.map((v) => [v.name, trace.grad[v.node]!]));
  const nodes = [...trace.graph.op].map((o, i) => ({
    id: names.ids[i]!,
    op: OPS[o]!.name,
    label: names.labels[i]!,
    value: trace.value[i]!,
    gradient: trace.grad[i]!,
  }));
  return { trace, names, expression: expressionText(trace.graph), value: trace.value[trace.graph.size - 1]!, gradients, nodes };
}

/** ∂f/∂v for every variable by central differences of the engine's own forward pass. */
export function numericGradients(expression: string, bindings: Record<string, number>, h = 1e-6): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(bindings)) {
    const step = h * Math.max(1, Math.abs(bindings[name]!));
    const at = (x: number): number => differentiate(expression, { ...bindings, [name]: x }).value;
    out[name] = (at(bindings[name]! + step) - at(bindings[name]! - step)) / (2 * step);
  }
  return out;
}

/** execute() with bindings as an object too. */
export function exec(graph: ReturnType<typeof compile>, bindings: Readonly<Record<string, Value>> | ReadonlyMap<string, Value>, options: RunOptions = {}): Trace {
  return execute(graph, bindings instanceof Map ? bindings : new Map(Object.entries(bindings)), options);
}

/** A worked example of test/fixtures/lecture.json (a copy of the shared reference file). */
/** The message `f` throws, or 'no error' when it returns. */
export function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'no error';
}

export interface LectureCase {
  readonly id: string;
  readonly expression: string;
  readonly vars: Record<string, unknown>;
  readonly value: unknown;
  readonly gradients: Record<string, unknown>;
  readonly as_the_lecture_names_it?: string;
  readonly named_nodes?: Record<string, { value: unknown; gradient: unknown }>;
}

export const LECTURE: readonly LectureCase[] = (
  JSON.parse(readFileSync(new URL('./fixtures/lecture.json', import.meta.url), 'utf8')) as { cases: LectureCase[] }
).cases;
