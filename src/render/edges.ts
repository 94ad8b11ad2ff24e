// What each edge of the graph carries back, described once for every
// renderer: an elementwise local derivative (a number, or one per element),
// or, where the local derivative is a full Jacobian, the rule that says what
// flows instead (`g · xᵀ`). Formulas and rules name the actual inputs.
import type { Trace } from '../graph/graph.js';
import { CONSTANT, isScalarOp, OPS } from '../graph/ops.js';
import type { Names } from '../graph/names.js';

export type EdgeKind =
  | 'local' // local[localOffset[e] …] holds ∂node/∂input, of the input's shape
  | 'broadcast' // a scalar input spread over a tensor: it collects Σ g ⊙ local
  | 'rule' // the op's tensor rule
  | 'index'; // an index: no gradient flows

export interface Edge {
  readonly kind: EdgeKind;
  /** The local derivative as formula text (kinds local, broadcast) or the rule (kind rule). */
  readonly text: string;
  /** The input is a constant: nothing a student differentiates. */
  readonly constant: boolean;
}

/** A derivative formula for reading: `b * a^(b - 1)` at b = 2 reads `2 * x`. */
export function prettyFormula(text: string): string {
  return text
    .replace(/\((-?\d+(?:\.\d+)?) - 1\)/g, (_m, n: string) => String(Number(n) - 1))
    .replace(/\^1(?![\d.])/g, '')
    .replace(/\^2(?![\d.])/g, '²')
    .replace(/\^3(?![\d.])/g, '³');
}

/** Describes the edges of node i, in input order. */
export function edgesOf(trace: Trace, names: Names, i: number): Edge[] {
  const { graph, shape, localOffset } = trace;
  const o = OPS[graph.op[i]!]!;
  const s = graph.first[i]!;
  const t = graph.first[i + 1]!;
  const params = t - s === 1 ? ['x'] : ['a', 'b'];
  // A constant stands in a formula as its value, anything else as its id.
  const shown = (c: number): string => {
    const label = names.labels[c]!;
    if (graph.op[c] !== CONSTANT || graph.names.has(c) || graph.tensors.has(c)) return names.ids[c]!;
    return label.startsWith('-') ? `(${label})` : label;
  };
  const substitute = (text: string): string =>
    prettyFormula(text.replace(/\b[abxy]\b/g, (p) => (p === 'y' ? names.ids[i]! : shown(graph.args[s + params.indexOf(p)]!))));

  const edges: Edge[] = [];
  for (let e = s; e < t; e++) {
    const c = graph.args[e]!;
    const constant = graph.op[c] === CONSTANT && !graph.names.has(c);
    const j = e - s;
    if (localOffset[e + 1]! > localOffset[e]!) {
      edges.push({ kind: 'local', text: substitute(isScalarOp(o) ? o.formula[j]! : ''), constant });
    } else if (o.tensor?.indexed && j > 0) {
      edges.push({ kind: 'index', text: 'none: an index takes no gradient', constant });
    } else if (isScalarOp(o) && shape[c]!.length === 0 && shape[i]!.length > 0) {
      const formula = substitute(o.formula[j]!);
      edges.push({ kind: 'broadcast', text: `Σ g ⊙ ${/^[\w.]+$/.test(formula) ? formula : `(${formula})`}`, constant });
    } else {
      edges.push({ kind: 'rule', text: substitute(o.tensor!.rule(j, t - s)), constant });
    }
  }
  return edges;
}
