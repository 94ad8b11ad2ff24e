// The --json document's data as plain objects, for the library (SPEC §7):
// the same keys and meanings as render/json.ts writes, with numbers as
// numbers (Infinity and NaN stay numbers here) and tensors as nested arrays.
import { sentOn, tensorOf, type Trace } from '../graph/graph.js';
import { expressionText, type Names } from '../graph/names.js';
import { OPS } from '../graph/ops.js';
import type { Tensor } from '../graph/tensor.js';
import { edgesOf, ruleText } from './edges.js';
import { warningText } from './messages.js';

/** A number, a vector, or a matrix as rows. */
export type Numbers = number | number[] | number[][];

export interface Input {
  /** The input node's id. */
  readonly id: string;
  /** ∂node/∂input: a number, elementwise of the input's shape, or null (a full Jacobian, or nothing flows). */
  readonly local: Numbers | null;
  /** What flowed back along the edge (upstream × local), of the input's shape; null where nothing flows. */
  readonly sent: Numbers | null;
  /** Where local is null: the backward rule (`g · xᵀ`), or why nothing flows. */
  readonly rule?: string;
}

export interface Node {
  readonly id: string;
  /** The operation: variable, constant, add, multiply, exp, … */
  readonly op: string;
  /** The node's expression text. */
  readonly label: string;
  /** The name a statement gave it (q = x + y). */
  readonly name?: string;
  readonly value: Numbers;
  /** ∂f/∂node, summed over every use; null for a node without one (a constant, an index). */
  readonly gradient: Numbers | null;
  readonly inputs: readonly Input[];
}

export interface Result {
  readonly schema: 1;
  readonly expression: string;
  readonly value: Numbers;
  /** For a tensor output: the upstream gradient the backward pass started from. */
  readonly seed?: Numbers;
  /** ∂f/∂v for every variable, of v's shape; null for a variable used only as an index. */
  readonly gradients: Readonly<Record<string, Numbers | null>>;
  /** Every node, inputs before their users, the output last. */
  readonly nodes: readonly Node[];
  readonly warnings: readonly string[];
}

/** A tensor as a number or nested arrays. */
export function numbers(t: Tensor): Numbers {
  if (t.shape.length === 0) return t.data[0]!;
  if (t.shape.length === 1) return Array.from(t.data);
  const [rows, cols] = t.shape as [number, number];
  return Array.from({ length: rows }, (_, r) => Array.from(t.data.subarray(r * cols, (r + 1) * cols)));
}

export function documentOf(trace: Trace, names: Names): Result {
  const { graph, shape, grad, local, localOffset, hasGradient } = trace;
  const root = graph.size - 1;
  const nodes: Node[] = [];
  for (let i = 0; i < graph.size; i++) {
    const edges = edgesOf(trace, names, i);
    const inputs = edges.map((edge, j): Input => {
      const e = graph.first[i]! + j;
      const c = graph.args[e]!;
      const id = names.ids[c]!;
      if (edge.kind === 'none') return { id, local: null, sent: null, rule: ruleText(edge) };
      const sentHere = numbers({ shape: shape[c]!, data: sentOn(trace, e) });
      if (edge.kind !== 'local') return { id, local: null, sent: sentHere, rule: ruleText(edge) };
      return { id, local: numbers({ shape: shape[c]!, data: local.subarray(localOffset[e]!, localOffset[e + 1]!) }), sent: sentHere };
    });
    const name = graph.named.get(i);
    nodes.push({
      id: names.ids[i]!,
      op: OPS[graph.op[i]!]!.name,
      label: names.labels[i]!,
      ...(name === undefined ? {} : { name }),
      value: numbers(tensorOf(trace, i)),
      gradient: hasGradient[i] ? numbers(tensorOf(trace, i, grad)) : null,
      inputs,
    });
  }
  return {
    schema: 1,
    expression: expressionText(graph),
    value: numbers(tensorOf(trace, root)),
    ...(trace.seed ? { seed: numbers({ shape: shape[root]!, data: trace.seed }) } : {}),
    gradients: Object.fromEntries(graph.variables.map((v) => [v.name, hasGradient[v.node] ? numbers(tensorOf(trace, v.node, grad)) : null])),
    nodes,
    warnings: trace.warnings.map((w) => warningText(w, trace, names)),
  };
}
