// The drawing (drawing.ts) as text: DOT (Graphviz) and Mermaid, and SVG,
// the DOT laid out by Graphviz compiled to WebAssembly, in a worker thread
// under a time bound. Values forward in green, gradients back in red.
import { fail } from '../errors.js';
import { PICTURE_LIMITS } from '../limits.js';
import { layOut } from '../workers.js';
import { type Drawing, drawing } from './drawing.js';
import { lineWriter, type RenderOptions, type Report, type Write } from './report.js';

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const GREEN = '#1a7f37';
const RED = '#cf222e';

export const renderDot = (report: Report, options: RenderOptions, write: Write): void =>
  writeDot(drawing(report.trace, report.names, options.precision, options.plainGates), write);

/** Writes a drawing as DOT, a line at a time. */
function writeDot(d: Drawing, write: Write): void {
  const lines = lineWriter(write);
  lines.line('digraph backprop {');
  lines.line('  rankdir=LR;');
  lines.line('  node [fontname="Helvetica", fontsize=12];');
  lines.line('  edge [fontname="Helvetica", fontsize=10];');
  for (const n of d.nodes) {
    // A named node carries its name under its operator: the lecture's q, in bold.
    const label = n.name === undefined ? `"${html(n.label)}"` : `<${html(n.label)}<br/><b>${html(n.name)}</b>>`;
    lines.line(`  "${n.key}" [shape=${n.leaf ? 'plaintext' : 'circle'}, label=${label}];`);
  }
  for (const e of d.edges) {
    // Forward value above the edge, the gradient below it in red: the lecture's picture.
    const gradient = e.gradient === undefined ? '' : `<br/><font color="${RED}">${html(e.gradient)}</font>`;
    lines.line(d.labelled ? `  "${e.from}" -> "${e.to}" [label=<<font color="${GREEN}">${html(e.value)}</font>${gradient}>];` : `  "${e.from}" -> "${e.to}";`);
  }
  lines.line('}');
  lines.end();
}

/**
 * Mermaid draws one colour per edge, so each connection is two: the value
 * forward on a green arrow, the gradient back on a dotted red one, as the
 * lecture's picture has them above and below each edge.
 */
export function renderMermaid(report: Report, options: RenderOptions, write: Write): void {
  const d = drawing(report.trace, report.names, options.precision, options.plainGates);
  const text = (s: string): string => s.replace(/"/g, '#quot;');
  // Mermaid ids by position: a variable named `end` must not end the chart.
  const key = new Map(d.nodes.map((n, i) => [n.key, `node${i}`]));
  const lines = lineWriter(write);
  lines.line('flowchart LR');
  d.nodes.forEach((n, i) => {
    const label = n.name === undefined ? text(n.label) : `${text(n.label)}<br/><b>${text(n.name)}</b>`;
    lines.line(n.leaf ? `  node${i}["${label}"]` : `  node${i}(("${label}"))`);
  });
  const forward: number[] = [];
  const back: number[] = [];
  let link = 0;
  for (const e of d.edges) {
    forward.push(link++);
    lines.line(d.labelled ? `  ${key.get(e.from)} -- "${text(e.value)}" --> ${key.get(e.to)}` : `  ${key.get(e.from)} --> ${key.get(e.to)}`);
    if (d.labelled && e.gradient !== undefined) {
      back.push(link++);
      lines.line(`  ${key.get(e.to)} -. "${text(e.gradient)}" .-> ${key.get(e.from)}`);
    }
  }
  if (forward.length) lines.line(`  linkStyle ${forward.join(',')} stroke:${GREEN},color:${GREEN}`);
  if (back.length) lines.line(`  linkStyle ${back.join(',')} stroke:${RED},color:${RED}`);
  lines.end();
}

/** DOT laid out as SVG by Graphviz (@viz-js/viz) in a worker: its own stack, its own memory, a deadline. */
export async function renderSvg(report: Report, options: RenderOptions): Promise<string> {
  const d = drawing(report.trace, report.names, options.precision, options.plainGates);
  if (d.nodes.length > PICTURE_LIMITS.svgNodes) throw fail('tooLargeToDraw', { nodes: d.nodes.length, max: PICTURE_LIMITS.svgNodes });
  let dot = '';
  writeDot(d, (chunk) => (dot += chunk));
  return layOut(options.workerUrl, dot, 'svg', d.nodes.length);
}
