// --format html: one self-contained page (SPEC §8). Graphviz lays out the
// drawing here, once; the page's own script (app.ts, bundled and inlined)
// draws it, fills in every number by running the engine in the browser,
// and steps through the forward and backward pass. Nothing is fetched: the
// script, the styles and the data are all in the file.
import { fail } from '../errors.js';
import { tensorOf } from '../graph/graph.js';
import { PICTURE_LIMITS } from '../limits.js';
import { type Drawing, drawing } from '../render/drawing.js';
import type { RenderOptions, Report } from '../render/report.js';
import { layOut } from '../workers.js';
import { graphData, type Layout, type PageData } from './data.js';
import { STYLE } from './style.js';

const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The drawing as DOT for Graphviz to place: each node and edge by its index, its labels there to be given room. */
function placementDot(d: Drawing): string {
  const lines = ['digraph backprop {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=12];', '  edge [fontname="Helvetica", fontsize=10];'];
  d.nodes.forEach((n, k) => {
    const label = n.name === undefined ? `"${html(n.label)}"` : `<${html(n.label)}<br/><b>${html(n.name)}</b>>`;
    lines.push(`  "${k}" [id="d${k}", shape=${n.leaf ? 'plaintext' : 'circle'}, label=${label}];`);
  });
  const index = new Map(d.nodes.map((n, k) => [n.key, k]));
  d.edges.forEach((e, k) => {
    const label = d.labelled ? `, label=<${html(e.value)}${e.gradient === undefined ? '' : `<br/>${html(e.gradient)}`}>` : '';
    lines.push(`  "${index.get(e.from)}" -> "${index.get(e.to)}" [id="e${k}"${label}];`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

interface GraphvizJson {
  readonly bb: string;
  readonly objects?: readonly { readonly id?: string; readonly pos?: string; readonly width?: string; readonly height?: string }[];
  readonly edges?: readonly { readonly id?: string; readonly pos?: string; readonly lp?: string }[];
}

/** Graphviz's JSON as the page's layout: points in a box whose y grows downwards, as the browser's does. */
function layoutOf(json: string, d: Drawing): Layout {
  const g = JSON.parse(json) as GraphvizJson;
  const [, , width, height] = g.bb.split(',').map(Number) as [number, number, number, number];
  const point = (p: string): number[] => {
    const [x, y] = p.split(',').map(Number) as [number, number];
    return [x, height - y];
  };
  const nodes = d.nodes.map(() => ({ x: 0, y: 0, w: 0, h: 0 }));
  for (const o of g.objects ?? []) {
    const k = Number(o.id?.slice(1));
    if (!o.pos || !(k >= 0 && k < nodes.length)) continue;
    const [x, y] = point(o.pos) as [number, number];
    nodes[k] = { x, y, w: Number(o.width) * 72, h: Number(o.height) * 72 };
  }
  const edges: { path: number[]; tip?: number[]; label?: number[] }[] = d.edges.map(() => ({ path: [] }));
  for (const e of g.edges ?? []) {
    const k = Number(e.id?.slice(1));
    if (!e.pos || !(k >= 0 && k < edges.length)) continue;
    const path: number[] = [];
    let tip: number[] | undefined;
    for (const token of e.pos.split(' ')) {
      if (token.startsWith('e,')) tip = point(token.slice(2));
      else if (!token.startsWith('s,')) path.push(...point(token));
    }
    edges[k] = { path, ...(tip ? { tip } : {}), ...(e.lp ? { label: point(e.lp) } : {}) };
  }
  return { width, height, nodes, edges };
}

/** The page's script, as the page inlines it: a `</script` inside would end it early. */
const inline = (script: string): string => script.replace(/<\/(script)/gi, '<\\/$1');

export async function renderHtml(report: Report, options: RenderOptions): Promise<string> {
  const { trace, names } = report;
  const d = drawing(trace, names, options.precision, options.plainGates);
  if (d.nodes.length > PICTURE_LIMITS.svgNodes) throw fail('tooLargeToDraw', { nodes: d.nodes.length, max: PICTURE_LIMITS.svgNodes });
  const layout = layoutOf(await layOut(options.workerUrl, placementDot(d), 'json', d.nodes.length), d);
  const values = trace.graph.variables.map(({ name, node }): PageData['values'][number] => {
    const t = tensorOf(trace, node);
    return [name, t.shape.length === 0 ? t.data[0]! : { shape: [...t.shape], data: [...t.data] }];
  });
  const data: PageData = {
    lang: options.lang,
    ...(options.precision === undefined ? {} : { precision: options.precision }),
    plainGates: options.plainGates === true,
    graph: graphData(trace.graph),
    values,
    ...(trace.seed && !trace.seed.every((x) => x === 1) ? { seed: [...trace.seed] } : {}),
    layout,
  };
  // JSON in a script element: only `<` could end it, and \u003c reads the same.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = `backprop: ${names.expressionLength <= 120 ? trace.graph.expression : names.labels[trace.graph.size - 1]}`;
  return [
    '<!doctype html>',
    `<html lang="${options.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<script type="application/json" id="backprop-data">${json}</script>`,
    `<script>${inline(options.asset('page.js'))}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
