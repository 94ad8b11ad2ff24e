// What each edge of the graph carries back, described once for every
// renderer: an elementwise local derivative (a number, or one per element),
// or, where the local derivative is a full Jacobian, the rule that says what
// flows instead (`g · xᵀ`), or nothing (into a constant or an index).
// Formulas and rules name the actual inputs.
import { liveNodes } from '../graph/engine.js';
import type { Graph, Trace } from '../graph/graph.js';
import type { Names } from '../graph/names.js';
import { CONSTANT, isScalarOp, OPS, type RulePhrase } from '../graph/ops.js';
import { type Lang, PHRASES } from './phrases.js';

export type EdgeKind =
  | 'local' // local[localOffset[e] …] holds ∂node/∂input, of the input's shape
  | 'broadcast' // a scalar input spread over a tensor: it collects Σ g ⊙ local
  | 'rule' // the op's tensor rule
  | 'none'; // into a constant or an index: no gradient flows

export interface Edge {
  readonly kind: EdgeKind;
  /** The local derivative as formula text (kinds local, broadcast) or the rule's formula (kind rule). */
  readonly text: string;
  /** Words the rule needs besides its formula; for kind none, why nothing flows. */
  readonly phrase?: RulePhrase | 'index' | 'constant';
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

/** An edge's rule in words, in a language (JSON's `rule` is the English). */
export function ruleText(edge: Edge, lang: Lang = 'en'): string {
  const say = PHRASES[lang];
  if (edge.kind === 'none') return say.noGradient(edge.phrase === 'index' ? 'index' : 'constant');
  return edge.phrase && edge.phrase !== 'index' && edge.phrase !== 'constant' ? say.rulePhrase[edge.phrase](edge.text) : edge.text;
}

const lives = new WeakMap<Graph, Uint8Array>();

/** Describes the edges of node i, in input order. */
export function edgesOf(trace: Trace, names: Names, i: number): Edge[] {
  const { graph, shape, localOffset, hasGradient } = trace;
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
    if (o.indexInput?.(j)) {
      edges.push({ kind: 'none', text: '', phrase: 'index', constant });
    } else if (!hasGradient[c] || !hasGradient[i]) {
      // No gradient: a constant, or something that only an index depends on.
      const live = lives.get(graph) ?? lives.set(graph, liveNodes(graph)).get(graph)!;
      edges.push({ kind: 'none', text: '', phrase: live[c] ? 'index' : 'constant', constant });
    } else if (localOffset[e + 1]! > localOffset[e]!) {
      edges.push({ kind: 'local', text: substitute(isScalarOp(o) ? o.formula[j]! : ''), constant });
    } else if (isScalarOp(o) && shape[c]!.length === 0 && shape[i]!.length > 0) {
      const formula = substitute(o.formula[j]!);
      edges.push({ kind: 'broadcast', text: `Σ g ⊙ ${/^[\w.]+$/.test(formula) ? formula : `(${formula})`}`, constant });
    } else {
      const rule = o.tensor!.rule(j, t - s);
      edges.push({ kind: 'rule', text: substitute(rule.formula), ...(rule.phrase ? { phrase: rule.phrase } : {}), constant });
    }
  }
  return edges;
}
