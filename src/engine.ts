// The forward and backward pass over a Graph. Neither loop names an
// operation: each node's op comes from the table, and the backward pass is a
// reverse loop that adds what every edge sends into its input's gradient, so a
// node used twice collects both contributions.
import type { Graph, Trace, Warning } from './graph.js';
import { OPS } from './ops.js';

/** Runs the graph with each variable's value (by name; all must be present). */
export function evaluate(graph: Graph, bindings: ReadonlyMap<string, number>): Trace {
  const { size, op, first, args } = graph;
  const value = graph.constant.slice();
  for (const { name, node } of graph.variables) value[node] = bindings.get(name) ?? NaN;
  const kinks = new Map<string, { op: string; detail: string; nodes: number[] }>();

  for (let i = 0; i < size; i++) {
    const o = OPS[op[i]!]!;
    if (o.arity === 0) continue;
    const s = first[i]!;
    const a = value[args[s]!]!;
    const b = o.arity > 1 ? value[args[s + 1]!]! : 0;
    value[i] = o.forward(a, b);
    const detail = o.kink?.(a, b);
    if (detail !== undefined) {
      const key = `${o.name}\n${detail}`;
      const seen = kinks.get(key) ?? kinks.set(key, { op: o.name, detail, nodes: [] }).get(key)!;
      seen.nodes.push(i);
    }
  }

  const grad = new Float64Array(size);
  const local = new Float64Array(args.length);
  const sent = new Float64Array(args.length);
  if (size > 0) grad[size - 1] = 1;
  for (let i = size - 1; i >= 0; i--) {
    const s = first[i]!;
    const t = first[i + 1]!;
    if (s === t) continue;
    const o = OPS[op[i]!]!;
    const a = value[args[s]!]!;
    const b = t - s > 1 ? value[args[s + 1]!]! : 0;
    const g = grad[i]!;
    for (let e = s; e < t; e++) {
      const l = o.local[e - s]!(a, b, value[i]!);
      local[e] = l;
      sent[e] = g * l;
      grad[args[e]!]! += g * l;
    }
  }

  const warnings: Warning[] = [];
  for (const k of kinks.values()) warnings.push({ code: 'kink', nodes: k.nodes, op: k.op, detail: k.detail });
  const badValues = nonFiniteOrigins(graph, value);
  if (badValues.length > 0) warnings.push({ code: 'non-finite-value', nodes: badValues });
  // A constant's gradient (log(a) for the exponent of a^3 at a < 0) is nobody's concern.
  const badGrads: number[] = [];
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(grad[i]!) && (first[i] !== first[i + 1] || Number.isNaN(graph.constant[i]!))) badGrads.push(i);
  }
  if (badGrads.length > 0) warnings.push({ code: 'non-finite-gradient', nodes: badGrads });
  return { graph, value, grad, local, sent, warnings };
}

/** Nodes whose value is not finite although every input's is: where it starts. */
function nonFiniteOrigins(graph: Graph, value: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < graph.size; i++) {
    if (Number.isFinite(value[i]!)) continue;
    let inputsFinite = true;
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) inputsFinite &&= Number.isFinite(value[graph.args[e]!]!);
    if (inputsFinite) out.push(i);
  }
  return out;
}
