import type { Convention } from './ops.js';
import type { Shape, Tensor } from './tensor.js';

// The one structure every part shares. A Graph is the lowered expression: a
// flat node list in topological order (inputs before users, output last),
// held in typed arrays so that a million nodes stay cheap and the whole thing
// can be posted from a worker thread. A Trace is a Graph with the values and
// gradients of one run; every renderer reads a Trace.

export interface Graph {
  /** The expression as the user gave it, trimmed. */
  readonly expression: string;
  readonly size: number;
  /** Node i's operation: an index into OPS. */
  readonly op: Uint8Array;
  /** Node i's inputs are args[first[i]] … args[first[i + 1] - 1]; one edge each. */
  readonly first: Int32Array;
  readonly args: Int32Array;
  /** The value of each constant node (NaN for other nodes). */
  readonly constant: Float64Array;
  /** The name of each variable node and of the named constants pi and e. */
  readonly names: ReadonlyMap<number, string>;
  /** The variables in order of first use, with their node. */
  readonly variables: readonly { readonly name: string; readonly node: number }[];
  /** The value of each constant node that is a tensor (a literal of numbers). */
  readonly tensors: ReadonlyMap<number, Tensor>;
  /** The shape of each matrix literal that holds expressions ([x, 2 * y]). */
  readonly declared: ReadonlyMap<number, Shape>;
  /** The names statements give their nodes (q = x + y): each such node goes by its name everywhere. */
  readonly named: ReadonlyMap<number, string>;
  /** The program's statements in order, each one's node and name; the last is the output. */
  readonly statements: readonly { readonly node: number; readonly name?: string }[];
  /** Statements whose value nothing uses (1-based), for a warning. */
  readonly unusedStatements: readonly { readonly node: number; readonly name?: string; readonly index: number }[];
}

export type WarningCode = 'unused-binding' | 'unused-statement' | 'kink' | 'non-finite-value' | 'non-finite-gradient';

/** A warning about some nodes (or bindings); `render/messages` turns it into prose. */
export interface Warning {
  readonly code: WarningCode;
  /** The nodes concerned (all of them, in order), or the unused names. */
  readonly nodes: readonly number[];
  readonly names?: readonly string[];
  /** For kinks: the convention used there, from the op table. */
  readonly convention?: Convention;
  readonly op?: string;
}

export interface Trace {
  readonly graph: Graph;
  readonly shape: readonly Shape[];
  /** Node i's value and gradient are value[offset[i] … offset[i + 1]) and grad[…]: one number for a scalar. */
  readonly offset: Int32Array;
  readonly value: Float64Array;
  /** ∂f/∂node, summed over every use of the node. */
  readonly grad: Float64Array;
  /**
   * Per edge e (as graph.args): ∂node/∂input in local[localOffset[e] … localOffset[e + 1]),
   * empty where it is a full Jacobian (the op's rule says what flows instead).
   */
  readonly localOffset: Int32Array;
  readonly local: Float64Array;
  /**
   * Per edge: what it sent back (upstream × local), of the input's shape; read
   * it with sentOn(). An edge into a tensor read by nobody else keeps nothing
   * here (an empty range): what it sent is that input's whole gradient.
   */
  readonly sentOffset: Int32Array;
  readonly sent: Float64Array;
  /**
   * 1 where the node has a gradient: it depends on a variable and reaches
   * the output through values (see gradientNodes in engine.ts). A constant,
   * or a variable used only as an index, has none; nor has an edge into one.
   */
  readonly hasGradient: Uint8Array;
  /** The upstream gradient the backward pass started from, for a tensor output or a scalar's --seed other than 1. */
  readonly seed?: Float64Array;
  readonly warnings: readonly Warning[];
}

/** Node i's value (or gradient, with `of = trace.grad`) as a tensor view; the engine's Forward works too. */
export function tensorOf(
  trace: Pick<Trace, 'shape' | 'offset' | 'value'>,
  i: number,
  of: Float64Array = trace.value,
): Tensor {
  return { shape: trace.shape[i]!, data: of.subarray(trace.offset[i]!, trace.offset[i + 1]!) };
}

/** The warning a program gives at any values: its statements whose value nothing uses, if it has some. */
export const unusedStatements = (graph: Graph): Warning | undefined =>
  graph.unusedStatements.length > 0 ? { code: 'unused-statement', nodes: graph.unusedStatements.map((u) => u.node) } : undefined;

/** What edge e sent back to its input (upstream × local), of the input's shape. */
export function sentOn(trace: Pick<Trace, 'graph' | 'offset' | 'grad' | 'sentOffset' | 'sent'>, e: number): Float64Array {
  const from = trace.sentOffset[e]!;
  const to = trace.sentOffset[e + 1]!;
  if (to > from) return trace.sent.subarray(from, to);
  const c = trace.graph.args[e]!;
  return trace.grad.subarray(trace.offset[c]!, trace.offset[c + 1]!);
}

/** Whether edge e's sent is its input's gradient (the input is read by this edge alone): the same numbers, printed once. */
export const sentIsGradient = (trace: Pick<Trace, 'sentOffset'>, e: number): boolean => trace.sentOffset[e + 1]! === trace.sentOffset[e]!;
