// The library API: text in, Trace out, no I/O. The CLI is a thin shell over it.
import { backward, forward, type Forward, type Value } from './graph/engine.js';
import { fail } from './errors.js';
import type { Graph, Trace, Warning } from './graph/graph.js';
import { lower } from './language/lower.js';
import { isStackOverflow, parseExpression } from './language/parse.js';
import { sameShape, type Shape, sizeOf, type Tensor } from './graph/tensor.js';

export { BackpropError, exitCode, type ErrorCode } from './errors.js';
export { tensorOf, type Graph, type Trace, type Warning, type WarningCode } from './graph/graph.js';
export { OPS, type Op } from './graph/ops.js';
export type { Value } from './graph/engine.js';
export type { Shape, Tensor } from './graph/tensor.js';

/** Variable values by name: numbers, or tensors ({ shape, data }). */
export type Bindings = ReadonlyMap<string, Value> | Readonly<Record<string, Value>>;

const toMap = (b: Bindings): ReadonlyMap<string, Value> => (b instanceof Map ? b : new Map(Object.entries(b)));

export interface RunOptions {
  /** The upstream gradient for a tensor output, of its shape (default: ones). */
  readonly seed?: Value;
}

/**
 * Parses and lowers an expression. `bound` lists the names the user binds
 * (a bound `pi` or `e` is a variable). An expression nested too deeply for
 * this thread's stack throws a BackpropError with code `too-deep`:
 * `compileDeep` (in ./deep.js) parses those in a worker with a larger stack.
 */
export interface CompileOptions {
  /** Composite functions (sigmoid, softmax, …) as their primitive graphs. */
  readonly expand?: boolean;
}

export function compile(expression: string, bound: Iterable<string> = [], options: CompileOptions = {}): Graph {
  const text = expression.trim();
  if (text === '') throw fail('usage', 'emptyExpression');
  const names = new Set(bound);
  try {
    return lower(parseExpression(text), text, (name) => names.has(name), options.expand === true);
  } catch (e) {
    if (isStackOverflow(e)) throw fail('too-deep', 'tooDeepToParse');
    throw e;
  }
}

/** The forward pass, after checking that every variable has a value. */
function start(graph: Graph, bindings: Bindings): { f: Forward; unused: string[] } {
  const values = toMap(bindings);
  const missing = graph.variables.filter((v) => !values.has(v.name)).map((v) => v.name);
  if (missing.length > 0) {
    throw fail('unbound', 'unbound', { names: missing }, { details: { names: missing } });
  }
  const used = new Set(graph.variables.map((v) => v.name));
  return { f: forward(graph, values), unused: [...values.keys()].filter((name) => !used.has(name)) };
}

const outputShape = (f: Forward): Shape => f.shape[f.graph.size - 1]!;

/** Runs a compiled graph with the given variable values. */
export function execute(graph: Graph, bindings: Bindings, options: RunOptions = {}): Trace {
  const { f, unused } = start(graph, bindings);
  let seed: Float64Array | undefined;
  if (options.seed !== undefined) {
    const given: Tensor = typeof options.seed === 'number' ? { shape: [], data: Float64Array.of(options.seed) } : options.seed;
    const want = outputShape(f);
    // A number seeds every entry alike; a tensor must have the output's shape.
    if (given.shape.length === 0) seed = new Float64Array(sizeOf(want)).fill(given.data[0]!);
    else if (sameShape(given.shape, want)) seed = given.data;
    else throw fail('shape', 'seedShape', { given: given.shape, want });
  }
  const trace = backward(f, seed);
  if (unused.length === 0) return trace;
  const warning: Warning = { code: 'unused-binding', nodes: [], names: unused };
  return { ...trace, warnings: [warning, ...trace.warnings] };
}

/** compile + execute: the whole job for one expression and one set of values. */
export function run(expression: string, bindings: Bindings, options: RunOptions = {}): Trace {
  const values = toMap(bindings);
  return execute(compile(expression, values.keys()), values, options);
}

/** Outputs beyond this many make --jacobian refuse: one backward pass each. */
export const JACOBIAN_LIMIT = 10_000;

/**
 * The full Jacobian of the output with respect to each variable: one
 * backward pass per output entry. Rows are the output's entries, columns the
 * variable's, both in row-major order; null for a variable used only as an index.
 */
export function jacobian(graph: Graph, bindings: Bindings): Map<string, Tensor | null> {
  const { f } = start(graph, bindings);
  const outputs = sizeOf(outputShape(f));
  if (outputs > JACOBIAN_LIMIT) {
    throw fail('usage', 'jacobianTooLarge', { outputs, limit: JACOBIAN_LIMIT });
  }
  const rows = new Map<string, Float64Array>();
  let indexOnly = new Set<string>();
  for (let k = 0; k < outputs; k++) {
    const seed = new Float64Array(outputs);
    seed[k] = 1;
    const t = backward(f, seed);
    for (const { name, node } of graph.variables) {
      const n = t.offset[node + 1]! - t.offset[node]!;
      const rowsOf = rows.get(name) ?? rows.set(name, new Float64Array(outputs * n)).get(name)!;
      rowsOf.set(t.grad.subarray(t.offset[node]!, t.offset[node + 1]!), k * n);
    }
    indexOnly = new Set(graph.variables.filter((v) => !t.usedAsValue[v.node]).map((v) => v.name));
  }
  return new Map(
    graph.variables.map(({ name }) => {
      const data = rows.get(name) ?? new Float64Array(0);
      return [name, indexOnly.has(name) ? null : { shape: [outputs, data.length / outputs], data }];
    }),
  );
}
