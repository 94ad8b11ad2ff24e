// The graph as the lecture draws it: a node per operation labelled with its
// operator, variables and constants as named leaves, each edge labelled with
// the value that flows forward along it and, in red, the gradient that flows
// back. DOT (Graphviz) and Mermaid text; SVG is DOT laid out by Graphviz
// compiled to WebAssembly, loaded only when asked for.
import { createRequire } from 'node:module';
import { tensorOf, type Trace } from '../graph/graph.js';
import { OPS } from '../graph/ops.js';
import { shapeText, sizeOf, type Tensor } from '../graph/tensor.js';
import type { Names } from '../graph/names.js';
import { formatNumber } from './number.js';
import { formatTensor } from './table.js';

/** A value for a picture: a number, a small tensor whole, a large one as its shape and first entries. */
function summary(t: Tensor): string {
  const fmt = (x: number): string => formatNumber(x);
  if (sizeOf(t.shape) <= 4) return formatTensor(t, fmt);
  return `${shapeText(t.shape)} [${Array.from(t.data.subarray(0, 2), fmt).join(', ')}, …]`;
}

/** What a node shows: its operator, or a leaf's name or value. */
function symbolOf(trace: Trace, names: Names, i: number): string {
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
      return graph.tensors.has(i) ? summary(tensorOf(trace, i)) : names.labels[i]!;
  }
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly value: string;
  readonly gradient: string;
}

/** The id of the picture's f: with a space, so no variable can be called so. */
const OUTPUT = 'output f';

/** Every edge input → user, and one from the output to f. */
function edges(trace: Trace, names: Names): Edge[] {
  const { graph, shape, sent, sentOffset } = trace;
  const out: Edge[] = [];
  for (let i = 0; i < graph.size; i++) {
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) {
      const c = graph.args[e]!;
      out.push({
        from: names.ids[c]!,
        to: names.ids[i]!,
        value: summary(tensorOf(trace, c)),
        gradient: summary({ shape: shape[c]!, data: sent.subarray(sentOffset[e]!, sentOffset[e + 1]!) }),
      });
    }
  }
  const root = graph.size - 1;
  out.push({ from: names.ids[root]!, to: OUTPUT, value: summary(tensorOf(trace, root)), gradient: summary(tensorOf(trace, root, trace.grad)) });
  return out;
}

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const LEAF = (trace: Trace, i: number): boolean => trace.graph.first[i] === trace.graph.first[i + 1];

export function renderDot(trace: Trace, names: Names): string {
  const lines = [
    'digraph backprop {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (let i = 0; i < trace.graph.size; i++) {
    const shape = LEAF(trace, i) ? 'plaintext' : 'circle';
    lines.push(`  "${names.ids[i]}" [shape=${shape}, label="${html(symbolOf(trace, names, i))}"];`);
  }
  lines.push(`  "${OUTPUT}" [shape=plaintext, label="f"];`);
  for (const e of edges(trace, names)) {
    // Forward value above the edge, the gradient below it in red: the lecture's picture.
    lines.push(`  "${e.from}" -> "${e.to}" [label=<<font color="#1a7f37">${html(e.value)}</font><br/><font color="#cf222e">${html(e.gradient)}</font>>];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function renderMermaid(trace: Trace, names: Names): string {
  const text = (s: string): string => s.replace(/"/g, '#quot;');
  // Mermaid ids by position: a variable named `end` must not end the chart.
  const key = new Map(names.ids.map((id, i) => [id, `node${i}`]));
  key.set(OUTPUT, 'output');
  const lines = ['flowchart LR'];
  for (let i = 0; i < trace.graph.size; i++) {
    const label = text(symbolOf(trace, names, i));
    lines.push(LEAF(trace, i) ? `  node${i}["${label}"]` : `  node${i}(("${label}"))`);
  }
  lines.push('  output["f"]');
  // Mermaid has one colour for an edge's text: the value, then the gradient after ∂.
  for (const e of edges(trace, names)) lines.push(`  ${key.get(e.from)} -- "${text(e.value)}<br/>∂ ${text(e.gradient)}" --> ${key.get(e.to)}`);
  return `${lines.join('\n')}\n`;
}

/** DOT laid out as SVG by Graphviz in WebAssembly (@viz-js/viz), loaded only now. */
export async function renderSvg(trace: Trace, names: Names): Promise<string> {
  // require, not import(): see deep.ts.
  const { instance } = createRequire(import.meta.url)('@viz-js/viz') as typeof import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(renderDot(trace, names), { format: 'svg' });
}

/** The picture formats, by name: the --format choices come from this record. */
export const PICTURES = {
  dot: renderDot,
  mermaid: renderMermaid,
  svg: renderSvg,
} satisfies Record<string, (trace: Trace, names: Names) => string | Promise<string>>;

export type Picture = keyof typeof PICTURES;
