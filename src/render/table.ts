// The table for people (SPEC §3): one row per node in forward order, then
// ∂f/∂v for every variable. A pure function of the trace; colour comes in as
// a Style so that the caller decides whether the terminal wants it.
import { tensorOf, type Trace } from '../graph/graph.js';
import { OPS } from '../graph/ops.js';
import { shapeText, type Tensor } from '../graph/tensor.js';
import { PHRASES, type Lang } from './phrases.js';
import { edgesOf } from './edges.js';
import { expressionText, type Names } from '../graph/names.js';
import { formatNumber } from './number.js';

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const same = (s: string): string => s;
export const PLAIN: Style = { bold: same, dim: same, cyan: same, yellow: same };

export interface TableOptions {
  readonly precision?: number;
  readonly style?: Style;
  /** From --jacobian: per variable, one row per output entry. */
  readonly jacobians?: ReadonlyMap<string, Tensor | null>;
  readonly lang?: Lang;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Columns a string takes on a terminal: Hangul and other wide characters take two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60);
    width += wide ? 2 : 1;
  }
  return width;
}

/** A cell padded to a display width, on the left (numbers) or on the right. */
const pad = (cell: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(cell)));
  return right ? fill + cell : cell + fill;
};

/** Rows as aligned lines: column k right-aligned where `right(k)`, each padded cell painted. */
export function columns(
  rows: readonly (readonly string[])[],
  right: (k: number) => boolean,
  paint: (cell: string, row: number, k: number) => string = (cell) => cell,
): string[] {
  const widths = rows[0]!.map(() => 0);
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k]!, displayWidth(cell))));
  return rows.map((row, r) => row.map((cell, k) => paint(pad(cell, widths[k]!, right(k)), r, k)).join('  ').trimEnd());
}

/** Shown at each end of an elided vector or matrix. */
const EDGE_ITEMS = 3;

/** [0.22, 0.26]; a long vector or tall matrix elided in the middle (its shape is in its own column). */
export function formatTensor(t: Tensor, fmt: (x: number) => string): string {
  const row = (from: number, n: number): string => {
    const items = n <= 2 * EDGE_ITEMS + 1
      ? Array.from({ length: n }, (_, k) => fmt(t.data[from + k]!))
      : [...Array.from({ length: EDGE_ITEMS }, (_, k) => fmt(t.data[from + k]!)), '…', ...Array.from({ length: EDGE_ITEMS }, (_, k) => fmt(t.data[from + n - EDGE_ITEMS + k]!))];
    return `[${items.join(', ')}]`;
  };
  if (t.shape.length === 0) return fmt(t.data[0]!);
  if (t.shape.length === 1) return row(0, t.shape[0]!);
  const [rows, cols] = t.shape as [number, number];
  const shown = rows <= 2 * EDGE_ITEMS ? [...Array(rows).keys()] : [0, 1, -1, rows - 1];
  return `[${shown.map((r) => (r < 0 ? '…' : row(r * cols, cols))).join(', ')}]`;
}

export function renderTable(trace: Trace, names: Names, options: TableOptions = {}): string {
  const { graph, shape, grad, local, localOffset } = trace;
  const { ids, labels } = names;
  const style = options.style ?? PLAIN;
  const fmt = (x: number): string => formatNumber(x, options.precision);
  const show = (t: Tensor): string => formatTensor(t, fmt);
  const tensors = shape.some((s) => s.length > 0);
  const say = PHRASES[options.lang ?? 'en'];
  const [hNode, hExpression, hOp, hShape, hValue, hLocal, hGradient] = say.headings;
  const header = [hNode, hExpression, hOp, ...(tensors ? [hShape] : []), hValue, hLocal, hGradient];
  const rows: string[][] = [header];
  for (let i = 0; i < graph.size; i++) {
    const cells: string[] = [];
    edgesOf(trace, names, i).forEach((edge, j) => {
      if (edge.constant || edge.kind === 'index') return; // nothing flows into these worth showing
      const e = graph.first[i]! + j;
      const c = graph.args[e]!;
      if (edge.kind !== 'local') {
        cells.push(`∂/∂${ids[c]}: ${edge.text}`);
        return;
      }
      const number = show({ shape: shape[c]!, data: local.subarray(localOffset[e]!, localOffset[e + 1]!) });
      cells.push(NUMBER.test(edge.text) || edge.text === number ? `∂/∂${ids[c]} = ${number}` : `∂/∂${ids[c]} = ${edge.text} = ${number}`);
    });
    const kind = tensors ? [shape[i]!.length > 0 ? shapeText(shape[i]!) : ''] : [];
    const gradient = trace.usedAsValue[i] ? show(tensorOf(trace, i, grad)) : say.none;
    rows.push([ids[i]!, labels[i]!, OPS[graph.op[i]!]!.name, ...kind, show(tensorOf(trace, i)), cells.join('; '), gradient]);
  }

  const last = header.length - 1;
  const paint = (k: number): ((s: string) => string) => (k === 0 ? style.cyan : k === 2 ? style.dim : k === last ? style.yellow : same);
  const lines = columns(rows, (k) => k === last - 2 || k === last, (cell, r, k) => (r === 0 ? style.bold(cell) : paint(k)(cell)));

  // A huge expression is summarised by its output node's label.
  const root = graph.size - 1;
  const formula = names.expressionLength <= 200 ? expressionText(graph) : labels[root]!;
  const out = [`f = ${formula}`, '', ...lines, '', `f = ${show(tensorOf(trace, root))}`];
  if (trace.seed) {
    const ones = trace.seed.every((x) => x === 1);
    out.push(
      ones
        ? say.seededWithOnes(say.shapeNoun(shape[root]!))
        : say.seededWith(say.shapeNoun(shape[root]!), show({ shape: shape[root]!, data: trace.seed })),
    );
  }
  for (const v of graph.variables) {
    const g = trace.usedAsValue[v.node] ? style.yellow(show(tensorOf(trace, v.node, grad))) : say.indexOnly;
    out.push(`∂f/∂${v.name} = ${g}`);
  }
  for (const [name, j] of options.jacobians ?? []) {
    if (!j) continue;
    const v = graph.variables.find((x) => x.name === name)!;
    out.push('', say.jacobian(name, j.shape[0]!, j.shape[1]!, shapeText(shape[v.node]!)));
    for (let r = 0; r < j.shape[0]!; r++) {
      out.push(`  ${formatTensor({ shape: [j.shape[1]!], data: j.data.subarray(r * j.shape[1]!, (r + 1) * j.shape[1]!) }, fmt)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
