// The graph as the lecture draws it, as data every picture reads: a node
// per operation labelled with its operator (a constant folded into its gate,
// +1, *-1, 1/x, as the slides have it), variables and constants as named
// leaves, each edge with the value that flows forward along it and the
// gradient that flows back. DOT, Mermaid, SVG and the page draw this.
import { sentOn, tensorOf, type Trace } from '../graph/graph.js';
import { type Names, outputName } from '../graph/names.js';
import { CONSTANT, OPS } from '../graph/ops.js';
import { shapeText, sizeOf, type Tensor } from '../graph/tensor.js';
import { PICTURE_LIMITS } from '../limits.js';
import { formatNumber } from './number.js';
import { formatTensor } from './table.js';

/** A value for a picture: a number, a small tensor whole, a large one as its shape and first entries. */
function summary(t: Tensor, precision: number | undefined): string {
  const fmt = (x: number): string => formatNumber(x, precision);
  if (sizeOf(t.shape) <= 4) return formatTensor(t, fmt);
  return `${shapeText(t.shape)} [${Array.from(t.data.subarray(0, 2), fmt).join(', ')}, …]`;
}

/** What a node shows: its operator, or a leaf's name or value. */
function symbolOf(trace: Trace, names: Names, i: number, precision: number | undefined): string {
  const { graph } = trace;
  const syntax = OPS[graph.op[i]!]!.syntax;
  switch (syntax.kind) {
    case 'infix':
    case 'prefix':
      return syntax.symbol;
    case 'postfix':
      return 'ᵀ';
    case 'call':
      return syntax.fn;
    case 'index':
      return '[ ]';
    case 'matrix':
      return '[…]';
    case 'same':
      return '=';
    case 'leaf':
      return graph.tensors.has(i) ? summary(tensorOf(trace, i), precision) : names.labels[i]!;
  }
}

export interface Drawing {
  /** `node`: the trace's node it draws (undefined for f, drawn after the output). */
  readonly nodes: readonly { readonly key: string; readonly label: string; readonly leaf: boolean; readonly name?: string; readonly node?: number }[];
  /** Input → user; `gradient` is undefined where none flows (into a constant or an index); `edge`: the graph's edge it draws. */
  readonly edges: readonly { readonly from: string; readonly to: string; readonly value: string; readonly gradient?: string; readonly edge?: number }[];
  /** Values and gradients on the edges (small graphs), or not at all (large ones). */
  readonly labelled: boolean;
}

/** The picture's f: with a space, so no variable can be called so. */
export const OUTPUT = 'output f';

/**
 * How the lecture draws a gate with a constant input: the constant folded
 * into it (`+1`, `*-1`, `1/x`, `^2`) rather than drawn as a leaf of its own.
 * The gate's text given the constant c and whether it stands first.
 */
const FOLDS: Readonly<Record<string, (c: string, first: boolean) => string | undefined>> = {
  add: (c) => `+${c}`,
  subtract: (c, first) => (first ? undefined : `-${c}`),
  multiply: (c) => `*${c}`,
  dotMultiply: (c) => `*${c}`,
  divide: (c, first) => (first ? `${c}/x` : `/${c}`),
  dotDivide: (c, first) => (first ? `${c}/x` : `/${c}`),
  pow: (c, first) => (first ? undefined : `^${c}`),
  dotPow: (c, first) => (first ? undefined : `^${c}`),
};

/** A node's gate with its constant folded in, and that constant's edge; undefined where the lecture would not fold. */
function folded(trace: Trace, i: number): { label: string; edge: number } | undefined {
  const { graph } = trace;
  const o = OPS[graph.op[i]!]!;
  const s = graph.first[i]!;
  if (o.name === 'unaryMinus') return { label: '*-1', edge: -1 };
  const fold = FOLDS[o.name];
  if (!fold || graph.first[i + 1]! - s !== 2) return undefined;
  const literal = (c: number): boolean => graph.op[c] === CONSTANT && !graph.names.has(c) && !graph.tensors.has(c) && !graph.named.has(c);
  const [a, b] = [graph.args[s]!, graph.args[s + 1]!];
  if (literal(a) === literal(b)) return undefined;
  const k = literal(a) ? 0 : 1;
  const label = fold(formatNumber(graph.constant[graph.args[s + k]!]!), k === 0);
  return label === undefined ? undefined : { label, edge: s + k };
}

/** The drawing of a trace: which nodes, which edges, with what on them. Constants fold into their gates unless `plainGates`. */
export function drawing(trace: Trace, names: Names, precision?: number, plainGates = false): Drawing {
  const { graph, shape, hasGradient } = trace;
  const isLeaf = (i: number): boolean => graph.first[i] === graph.first[i + 1];
  const uses = new Uint32Array(graph.size);
  for (const c of graph.args) uses[c]!++;
  const perUse = (c: number): boolean => isLeaf(c) && uses[c]! > PICTURE_LIMITS.uses;
  // Constants folded into a gate are not drawn, nor are their edges.
  const folds = new Map<number, { label: string; edge: number }>();
  const hidden = new Set<number>();
  for (let i = 0; i < graph.size && !plainGates; i++) {
    const fold = folded(trace, i);
    if (!fold) continue;
    folds.set(i, fold);
    if (fold.edge >= 0) hidden.add(graph.args[fold.edge]!);
  }
  const nodes: { key: string; label: string; leaf: boolean; name?: string; node?: number }[] = [];
  const edges: { from: string; to: string; value: string; gradient?: string; edge?: number }[] = [];
  for (let i = 0; i < graph.size; i++) {
    const name = graph.named.get(i);
    const label = folds.get(i)?.label ?? symbolOf(trace, names, i, precision);
    if (!perUse(i) && !hidden.has(i)) nodes.push({ key: names.ids[i]!, label, leaf: isLeaf(i), node: i, ...(name === undefined ? {} : { name }) });
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) {
      if (folds.get(i)?.edge === e) continue;
      const c = graph.args[e]!;
      let from = names.ids[c]!;
      if (perUse(c)) {
        from = `${from} ${e}`; // a space: no id has one
        nodes.push({ key: from, label: symbolOf(trace, names, c, precision), leaf: true, node: c });
      }
      const flows = hasGradient[c] && hasGradient[i] && !OPS[graph.op[i]!]!.indexInput?.(e - graph.first[i]!);
      edges.push({
        from,
        to: names.ids[i]!,
        value: summary(tensorOf(trace, c), precision),
        edge: e,
        ...(flows ? { gradient: summary({ shape: shape[c]!, data: sentOn(trace, e) }, precision) } : {}),
      });
    }
  }
  const root = graph.size - 1;
  nodes.push({ key: OUTPUT, label: outputName(graph), leaf: true });
  edges.push({ from: names.ids[root]!, to: OUTPUT, value: summary(tensorOf(trace, root), precision), gradient: summary(tensorOf(trace, root, trace.grad), precision) });
  return { nodes, edges, labelled: nodes.length <= PICTURE_LIMITS.labelled };
}

