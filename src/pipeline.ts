// The pipeline's two halves: compile (text → Graph) and execute (Graph and
// bindings → Trace), and the Jacobian, which runs the backward pass once per
// output entry. No I/O: the library and the command line both call these.
import { fail } from './errors.js';
import { backward, forward, type Forward, passCost, type Reuse, type Value } from './graph/engine.js';
import { type Graph, type Trace, unusedStatements, type Warning } from './graph/graph.js';
import { FUNCTION_NAMES } from './graph/ops.js';
import { sameShape, type Shape, sizeOf, type Tensor } from './graph/tensor.js';
import { lower } from './language/lower.js';
import { isStackOverflow, parseExpression } from './language/parse.js';
import { LIMITS } from './limits.js';
import { asProduct } from './spelling.js';

export interface CompileOptions {
  /** Composite functions (sigmoid, softmax, …) as their primitive graphs. */
  readonly expand?: boolean;
}

/** The deepest bracket nesting in the text, counted without parsing. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) max = Math.max(max, ++depth); // ( [
    else if (c === 41 || c === 93) depth--; // ) ]
  }
  return max;
}

/** About how many tokens mathjs will make of the text: runs of word characters, and every other non-space character. */
export function tokenCount(text: string): number {
  let tokens = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 36 || c > 127;
    if (word) {
      if (!inWord) tokens++;
    } else if (c > 32) tokens++;
    inWord = word;
  }
  return tokens;
}

/** The bounds that hold before parsing: an expression that breaks one is refused at once. */
export function precheck(text: string): void {
  if (text === '') throw fail('emptyExpression');
  const tokens = tokenCount(text);
  if (tokens > LIMITS.tokens) throw fail('tooLong', { tokens, max: LIMITS.tokens });
  const depth = nestingDepth(text);
  if (depth > LIMITS.depth) throw fail('tooDeep', { depth, max: LIMITS.depth });
}

/**
 * The expression as mathjs is given it: surrounding white space off (mathjs
 * would read a trailing new line as a block), and a file's Windows line
 * endings as new lines (mathjs takes \r for no separator: q = x + y\r\nf = q*z
 * would not parse).
 */
export const sourceText = (expression: string): string => expression.replace(/\r\n?/g, '\n').trim();

/**
 * Parses and lowers an expression. `bound` lists the names the user binds
 * (a bound `pi` or `e` is a variable). An expression nested too deeply for
 * this thread's stack throws the error `tooDeepToParse`: `compileDeep` (in
 * language/deep.ts) parses those in a worker with a larger stack.
 */
export function compile(expression: string, bound: Iterable<string> = [], options: CompileOptions = {}): Graph {
  const text = sourceText(expression);
  precheck(text);
  const names = new Set(bound);
  try {
    return lower(parseExpression(text), text, (name) => names.has(name), options.expand === true);
  } catch (e) {
    if (isStackOverflow(e)) throw fail('tooDeepToParse');
    throw e;
  }
}

export interface RunOptions {
  /** The upstream gradient for a tensor output, of its shape (default: ones). */
  readonly seed?: Value;
  /** A trace of this graph that is no longer needed: its arrays are filled again (see Reuse). */
  readonly reuse?: Reuse;
}

/** The forward pass, after checking that every variable has a value. */
function start(graph: Graph, values: ReadonlyMap<string, Value>, reuse?: Reuse): { f: Forward; unused: string[] } {
  let used = variableNames.get(graph);
  if (!used) variableNames.set(graph, (used = new Set(graph.variables.map((v) => v.name))));
  const unused: string[] = [];
  // Fast when all is well: one lookup a binding; the lists only when something is missing.
  let complete = values.size === used.size;
  for (let k = 0; k < graph.variables.length && complete; k++) complete = values.has(graph.variables[k]!.name);
  if (!complete) {
    const missing = graph.variables.filter((v) => !values.has(v.name)).map((v) => v.name);
    // `sin x` is to mathjs sin times x: a variable named sin.
    if (missing.length > 0) {
      const named = new Set(graph.named.values());
      const products = missing.flatMap((name) => asProduct(name, (part) => values.has(part) || named.has(part)) ?? []);
      throw fail('unbound', { names: missing, calls: missing.filter((name) => FUNCTION_NAMES.includes(name)), products });
    }
    for (const name of values.keys()) if (!used.has(name)) unused.push(name);
  }
  return { f: forward(graph, values, reuse), unused };
}

/** Per graph, kept for batches: the names of its variables. */
const variableNames = new WeakMap<Graph, ReadonlySet<string>>();

const outputShape = (f: Forward): Shape => f.shape[f.graph.size - 1]!;

/** Runs a compiled graph with the given variable values. */
export function execute(graph: Graph, values: ReadonlyMap<string, Value>, options: RunOptions = {}): Trace {
  const { f, unused } = start(graph, values, options.reuse);
  let seed: Float64Array | undefined;
  if (options.seed !== undefined) {
    const given: Tensor = typeof options.seed === 'number' ? { shape: [], data: Float64Array.of(options.seed) } : options.seed;
    const want = outputShape(f);
    // A number seeds every entry alike; a tensor must have the output's shape.
    if (given.shape.length === 0) seed = new Float64Array(sizeOf(want)).fill(given.data[0]!);
    else if (sameShape(given.shape, want)) seed = given.data;
    else throw fail('seedShape', { given: given.shape, want });
  }
  const trace = backward(f, seed, options.reuse);
  if (unused.length === 0 && graph.unusedStatements.length === 0) return trace; // most runs, and every line of most batches
  const warnings: Warning[] = [];
  if (unused.length > 0) warnings.push({ code: 'unused-binding', nodes: [], names: unused });
  const statements = unusedStatements(graph);
  if (statements) warnings.push(statements);
  return { ...trace, warnings: [...warnings, ...trace.warnings] };
}

/** Refuses work of `passes` passes over `f`'s graph beyond LIMITS.work, naming the cost. */
export function boundWork(what: string, passes: number, f: Forward): void {
  const size = passCost(f);
  const cost = passes * size;
  if (cost > LIMITS.work) throw fail('tooMuchWork', { what, passes, size, cost, max: LIMITS.work });
}

/**
 * The full Jacobian of the output with respect to each variable: one
 * backward pass per output entry. Rows are the output's entries, columns the
 * variable's, both in row-major order; null for a variable without a gradient.
 */
export function jacobian(graph: Graph, values: ReadonlyMap<string, Value>): Map<string, Tensor | null> {
  const { f } = start(graph, values);
  const outputs = sizeOf(outputShape(f));
  boundWork('--jacobian', outputs, f);
  const columns = graph.variables.reduce((n, v) => n + f.offset[v.node + 1]! - f.offset[v.node]!, 0);
  if (outputs * columns > LIMITS.jacobianNumbers) {
    throw fail('tooMuchWork', { what: '--jacobian', passes: outputs, size: columns, cost: outputs * columns, max: LIMITS.jacobianNumbers });
  }
  const rows = new Map<string, Float64Array>();
  let has: Uint8Array = new Uint8Array(0);
  for (let k = 0; k < outputs; k++) {
    const seed = new Float64Array(outputs);
    seed[k] = 1;
    const t = backward(f, seed);
    has = t.hasGradient;
    for (const { name, node } of graph.variables) {
      const n = t.offset[node + 1]! - t.offset[node]!;
      const rowsOf = rows.get(name) ?? rows.set(name, new Float64Array(outputs * n)).get(name)!;
      rowsOf.set(t.grad.subarray(t.offset[node]!, t.offset[node + 1]!), k * n);
    }
  }
  return new Map(
    graph.variables.map(({ name, node }) => {
      const data = rows.get(name) ?? new Float64Array(0);
      return [name, has[node] ? { shape: [outputs, data.length / outputs], data } : null];
    }),
  );
}
