// The graph as the lecture draws it: a node per operation labelled with its
// operator, variables and constants as named leaves, each edge labelled with
// the value that flows forward along it and, in red, the gradient that flows
// back. One drawing is made of the trace; DOT (Graphviz) and Mermaid write
// it as text, and SVG is the DOT laid out by Graphviz compiled to
// WebAssembly, in a worker thread under a time bound.
import { fail } from '../errors.js';
import { tensorOf, type Trace } from '../graph/graph.js';
import type { Names } from '../graph/names.js';
import { OPS } from '../graph/ops.js';
import { shapeText, sizeOf, type Tensor } from '../graph/tensor.js';
import { inWorker } from '../workers.js';
import { formatNumber } from './number.js';
import type { RenderOptions, Report } from './report.js';
import { formatTensor } from './table.js';

export const PICTURE_LIMITS = {
  /**
   * A leaf used more often than this is drawn once per use: Graphviz lays
   * out one node with many labelled edges in time that grows steeply
   * (measured: x used 100 times, 55 s; 100 leaves, 0.4 s).
   */
  uses: 4,
  /** Graphs with more drawn nodes than this are drawn without edge labels, their values shown in the nodes. */
  labelled: 1500,
  /** More drawn nodes than this are not laid out at all (--format dot still writes them). */
  svgNodes: 20_000,
  /** Graphviz's time in its worker, in ms. */
  layoutMs: 60_000,
} as const;

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
    case 'leaf':
      return graph.tensors.has(i) ? summary(tensorOf(trace, i), precision) : names.labels[i]!;
  }
}

export interface Drawing {
  readonly nodes: readonly { readonly key: string; readonly label: string; readonly leaf: boolean; readonly name?: string }[];
  /** Input → user; `gradient` is undefined where none flows (into a constant or an index). */
  readonly edges: readonly { readonly from: string; readonly to: string; readonly value: string; readonly gradient?: string }[];
  /** Values and gradients on the edges (small graphs), or not at all (large ones). */
  readonly labelled: boolean;
}

/** The picture's f: with a space, so no variable can be called so. */
const OUTPUT = 'output f';

/** The drawing of a trace: which nodes, which edges, with what on them. */
export function drawing(trace: Trace, names: Names, precision?: number): Drawing {
  const { graph, shape, sent, sentOffset, hasGradient } = trace;
  const isLeaf = (i: number): boolean => graph.first[i] === graph.first[i + 1];
  const uses = new Uint32Array(graph.size);
  for (const c of graph.args) uses[c]!++;
  const perUse = (c: number): boolean => isLeaf(c) && uses[c]! > PICTURE_LIMITS.uses;
  const nodes: { key: string; label: string; leaf: boolean; name?: string }[] = [];
  const edges: { from: string; to: string; value: string; gradient?: string }[] = [];
  for (let i = 0; i < graph.size; i++) {
    const name = graph.named.get(i);
    if (!perUse(i)) nodes.push({ key: names.ids[i]!, label: symbolOf(trace, names, i, precision), leaf: isLeaf(i), ...(name === undefined ? {} : { name }) });
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) {
      const c = graph.args[e]!;
      let from = names.ids[c]!;
      if (perUse(c)) {
        from = `${from} ${e}`; // a space: no id has one
        nodes.push({ key: from, label: symbolOf(trace, names, c, precision), leaf: true });
      }
      const flows = hasGradient[c] && hasGradient[i] && !OPS[graph.op[i]!]!.indexInput?.(e - graph.first[i]!);
      edges.push({
        from,
        to: names.ids[i]!,
        value: summary(tensorOf(trace, c), precision),
        ...(flows ? { gradient: summary({ shape: shape[c]!, data: sent.subarray(sentOffset[e]!, sentOffset[e + 1]!) }, precision) } : {}),
      });
    }
  }
  const root = graph.size - 1;
  nodes.push({ key: OUTPUT, label: 'f', leaf: true });
  edges.push({ from: names.ids[root]!, to: OUTPUT, value: summary(tensorOf(trace, root), precision), gradient: summary(tensorOf(trace, root, trace.grad), precision) });
  return { nodes, edges, labelled: nodes.length <= PICTURE_LIMITS.labelled };
}

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const GREEN = '#1a7f37';
const RED = '#cf222e';

export function renderDot(report: Report, options: RenderOptions): string {
  const d = drawing(report.trace, report.names, options.precision);
  const lines = [
    'digraph backprop {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const n of d.nodes) {
    // A named node carries its name under its operator: the lecture's q, in bold.
    const label = n.name === undefined ? `"${html(n.label)}"` : `<${html(n.label)}<br/><b>${html(n.name)}</b>>`;
    lines.push(`  "${n.key}" [shape=${n.leaf ? 'plaintext' : 'circle'}, label=${label}];`);
  }
  for (const e of d.edges) {
    // Forward value above the edge, the gradient below it in red: the lecture's picture.
    const gradient = e.gradient === undefined ? '' : `<br/><font color="${RED}">${html(e.gradient)}</font>`;
    lines.push(d.labelled ? `  "${e.from}" -> "${e.to}" [label=<<font color="${GREEN}">${html(e.value)}</font>${gradient}>];` : `  "${e.from}" -> "${e.to}";`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function renderMermaid(report: Report, options: RenderOptions): string {
  const d = drawing(report.trace, report.names, options.precision);
  const text = (s: string): string => s.replace(/"/g, '#quot;');
  // Mermaid ids by position: a variable named `end` must not end the chart.
  const key = new Map(d.nodes.map((n, i) => [n.key, `node${i}`]));
  const lines = ['flowchart LR'];
  d.nodes.forEach((n, i) => {
    const label = n.name === undefined ? text(n.label) : `${text(n.label)}<br/><b>${text(n.name)}</b>`;
    lines.push(n.leaf ? `  node${i}["${label}"]` : `  node${i}(("${label}"))`);
  });
  // Mermaid has one colour for an edge's text: the value, then the gradient after ∂.
  for (const e of d.edges) {
    const gradient = e.gradient === undefined ? '' : `<br/>∂ ${text(e.gradient)}`;
    lines.push(d.labelled ? `  ${key.get(e.from)} -- "${text(e.value)}${gradient}" --> ${key.get(e.to)}` : `  ${key.get(e.from)} --> ${key.get(e.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** DOT laid out as SVG by Graphviz (@viz-js/viz) in a worker: its own stack, its own memory, a deadline. */
export async function renderSvg(report: Report, options: RenderOptions): Promise<string> {
  const d = drawing(report.trace, report.names, options.precision);
  if (d.nodes.length > PICTURE_LIMITS.svgNodes) throw fail('tooLargeToDraw', { nodes: d.nodes.length, max: PICTURE_LIMITS.svgNodes });
  let svg: string | undefined;
  let failed: string | undefined;
  const how = await inWorker(options.workerUrl, { kind: 'layout', dot: renderDot(report, options) }, {
    stackMb: 512,
    timeoutMs: PICTURE_LIMITS.layoutMs,
    onReply: (reply) => {
      if ('svg' in reply) svg = reply.svg;
      else if ('failed' in reply) failed = reply.failed;
      return true;
    },
  });
  if (svg !== undefined) return svg;
  if (how === 'timeout') throw fail('layoutTime', { nodes: d.nodes.length, seconds: PICTURE_LIMITS.layoutMs / 1000 });
  throw fail('layoutFailed', { nodes: d.nodes.length, reason: failed ?? (typeof how === 'object' ? how.died : 'no picture') });
}
