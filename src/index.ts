// The library API: text in, Trace out, no I/O. The CLI is a thin shell over it.
import { evaluate } from './engine.js';
import { BackpropError } from './errors.js';
import type { Graph, Trace, Warning } from './graph.js';
import { lower } from './lower.js';
import { isStackOverflow, parseExpression } from './parse.js';

export { BackpropError, exitCode, type ErrorCode } from './errors.js';
export type { Graph, Trace, Warning, WarningCode } from './graph.js';
export { OPS, type Op } from './ops.js';

/** Variable values by name. */
export type Bindings = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

const toMap = (b: Bindings): ReadonlyMap<string, number> => (b instanceof Map ? b : new Map(Object.entries(b)));

/**
 * Parses and lowers an expression. `bound` lists the names the user binds
 * (a bound `pi` or `e` is a variable). An expression nested too deeply for
 * this thread's stack throws a BackpropError with code `too-deep`:
 * `compileDeep` (in ./deep.js) parses those in a worker with a larger stack.
 */
export function compile(expression: string, bound: Iterable<string> = []): Graph {
  const text = expression.trim();
  if (text === '') throw new BackpropError('usage', 'the expression is empty');
  const names = new Set(bound);
  try {
    return lower(parseExpression(text), text, (name) => names.has(name));
  } catch (e) {
    if (isStackOverflow(e)) throw new BackpropError('too-deep', 'the expression is nested too deeply to parse');
    throw e;
  }
}

/** Runs a compiled graph with the given variable values. */
export function execute(graph: Graph, bindings: Bindings): Trace {
  const values = toMap(bindings);
  const missing = graph.variables.filter((v) => !values.has(v.name)).map((v) => v.name);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new BackpropError(
      'unbound',
      `no value for ${missing.length === 1 ? 'the variable' : 'the variables'} ${list}; bind ${missing.length === 1 ? 'it' : 'them'} like --${missing[0]}=1.5`,
      { names: missing },
    );
  }
  const trace = evaluate(graph, values);
  const used = new Set(graph.variables.map((v) => v.name));
  const unused = [...values.keys()].filter((name) => !used.has(name));
  if (unused.length === 0) return trace;
  const warning: Warning = { code: 'unused-binding', nodes: [], names: unused };
  return { ...trace, warnings: [warning, ...trace.warnings] };
}

/** compile + execute: the whole job for one expression and one set of values. */
export function run(expression: string, bindings: Bindings): Trace {
  const values = toMap(bindings);
  return execute(compile(expression, values.keys()), values);
}
