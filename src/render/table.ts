// The table for people (SPEC §3): one row per node in forward order, then
// ∂f/∂v for every variable. On a terminal it fits the width by shortening
// the expression column (then the local gradients, the op, the value, and
// the gradient last), never by wrapping a row; a pipe or a file gets every
// column whole.
import { tensorOf, type Trace } from '../graph/graph.js';
import { outputName, programLines } from '../graph/names.js';
import { OPS } from '../graph/ops.js';
import { type Shape, shapeText, type Tensor } from '../graph/tensor.js';
import { displayWidth } from '../quote.js';
import { edgesOf, ruleText } from './edges.js';
import { formatNumber } from './number.js';
import { PHRASES } from './phrases.js';
import { lineWriter, type RenderOptions, type Report, type Write } from './report.js';

const NUMBER = /^-?\d+(\.\d+)?$/;

/** What the table reads of the render options. */
type TableOptions = Pick<RenderOptions, 'lang' | 'precision' | 'style' | 'columns'>;

/** A cell padded to a display width, on the left (numbers) or on the right. */
const pad = (cell: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(cell)));
  return right ? fill + cell : cell + fill;
};

/** The cell cut to a display width, with … where it was cut. */
function cut(cell: string, width: number): string {
  if (displayWidth(cell) <= width) return cell;
  let out = '';
  for (const ch of cell) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * The columns' widths: their widest cells, narrowed until a row fits
 * `columns`. First each of `shrink`'s columns, in order, to no less than its
 * readable width (what still says something: a matrix's first rows, an op's
 * name); then `drop`'s columns are left out (width -1), in order, rather than
 * cut to nothing ("exp…", "∂/…"); then the rest narrow to their least. What a
 * left-out column frees goes back to the others, the last narrowed first.
 */
function widths(count: number, rowAt: (r: number) => readonly string[], columns: number | undefined, shrink: readonly Shrink[], drop: readonly number[]): number[] {
  const w = rowAt(0).map(() => 0);
  for (let r = 0; r < count; r++) {
    const row = rowAt(r);
    for (let k = 0; k < row.length; k++) w[k] = Math.max(w[k]!, displayWidth(row[k]!));
  }
  if (columns === undefined) return w;
  const full = w.slice();
  const total = (): number => w.reduce((sum, x) => (x < 0 ? sum : sum + x + 2), -2);
  const narrow = (k: number, least: number): void => {
    if (w[k]! >= 0) w[k] = Math.max(Math.min(full[k]!, least), w[k]! - Math.max(0, total() - columns));
  };
  for (const [k, readable] of shrink) narrow(k, readable);
  for (const k of drop) if (total() > columns) w[k] = -1;
  for (const [k, , least] of shrink) narrow(k, least);
  for (const [k] of [...shrink].reverse()) if (w[k]! >= 0) w[k] = Math.min(full[k]!, w[k]! + Math.max(0, columns - total()));
  return w;
}

/** A column that may be narrowed: the width it still reads at, and the fewest characters it keeps. */
type Shrink = readonly [column: number, readable: number, least: number];

interface ColumnOptions {
  readonly paint?: (cell: string, row: number, k: number) => string;
  readonly columns?: number;
  readonly shrink?: readonly Shrink[];
  /** Columns that may be left out, in order, where shrinking is not enough. */
  readonly drop?: readonly number[];
}

/** Rows as aligned lines: column k right-aligned where `right(k)`, each padded cell painted; none wider than `columns`. */
export function columns(rows: readonly (readonly string[])[], right: (k: number) => boolean, options: ColumnOptions = {}): string[] {
  const lines: string[] = [];
  eachLine(rows.length, (r) => rows[r]!, right, options, (line) => lines.push(line));
  return lines;
}

const KEPT_ROWS = 100_000;

/**
 * The same, for rows made on demand (`rowAt`; past KEPT_ROWS rows, twice a
 * row: once for the widths, once for the line) and lines handed on one at a
 * time: a table of a million nodes never holds its rows or its text at once
 * (it took 1.6 GB).
 */
function eachLine(count: number, rowAt: (r: number) => readonly string[], right: (k: number) => boolean, options: ColumnOptions, emit: (line: string) => void): void {
  if (count === 0) return;
  // Made once and kept between the passes, but for a table too long to hold.
  const kept: (readonly string[])[] = [];
  const row = count <= KEPT_ROWS ? (r: number): readonly string[] => (kept[r] ??= rowAt(r)) : rowAt;
  const w = widths(count, row, options.columns, options.shrink ?? [], options.drop ?? []);
  const paint = options.paint ?? ((cell: string) => cell);
  const width = options.columns;
  // The columns shown, by their index in the row (which the painter and `right` go by).
  const shown = w.flatMap((x, k) => (x < 0 ? [] : [k]));
  for (let r = 0; r < count; r++) emit(lineOf(row(r), r));

  function lineOf(row: readonly string[], r: number): string {
    const cells = shown.map((k) => pad(cut(row[k]!, w[k]!), w[k]!, right(k)));
    let line = cells.join('  ').trimEnd();
    // Still too wide (a narrow terminal and wide numbers): cut the line, never wrap it.
    if (width !== undefined && displayWidth(line) > width) line = cut(line, width);
    if (!options.paint) return line;
    // Painted cell by cell, so that a cut line keeps its colours where it can.
    let painted = '';
    let used = 0;
    cells.forEach((cell, j) => {
      const sep = j === 0 ? '' : '  ';
      const room = width === undefined ? Infinity : width - used - sep.length;
      if (room <= 0) return;
      const whole = j === cells.length - 1 ? cell.trimEnd() : cell;
      const fitted = displayWidth(whole) > room ? cut(whole, room) : whole;
      painted += sep + paint(fitted, r, shown[j]!);
      used += sep.length + displayWidth(fitted);
    });
    return painted.trimEnd();
  }
}

/** Shown at each end of an elided vector or matrix. */
const EDGE_ITEMS = 3;
/** The most entries a row, and rows a matrix, shows whole; formatTensor and elided both go by these. */
const ROW_WHOLE = 2 * EDGE_ITEMS + 1;
const ROWS_WHOLE = 2 * EDGE_ITEMS;

/** Whether formatTensor leaves entries out of a tensor of this shape (… in a row, or rows). */
export const elided = (shape: Shape): boolean => shape.some((n, k) => n > (k === shape.length - 1 ? ROW_WHOLE : ROWS_WHOLE));

/** [0.22, 0.26]; a long vector or tall matrix elided in the middle (its shape is in its own column). */
export function formatTensor(t: Tensor, fmt: (x: number) => string): string {
  const row = (from: number, n: number): string => {
    const items = n <= ROW_WHOLE
      ? Array.from({ length: n }, (_, k) => fmt(t.data[from + k]!))
      : [...Array.from({ length: EDGE_ITEMS }, (_, k) => fmt(t.data[from + k]!)), '…', ...Array.from({ length: EDGE_ITEMS }, (_, k) => fmt(t.data[from + n - EDGE_ITEMS + k]!))];
    return `[${items.join(', ')}]`;
  };
  if (t.shape.length === 0) return fmt(t.data[0]!);
  if (t.shape.length === 1) return row(0, t.shape[0]!);
  const [rows, cols] = t.shape as [number, number];
  const shown = rows <= ROWS_WHOLE ? [...Array(rows).keys()] : [0, 1, -1, rows - 1];
  return `[${shown.map((r) => (r < 0 ? '…' : row(r * cols, cols))).join(', ')}]`;
}

/** The gradients of f after the table (and the seed, for a tensor output), each cut to the terminal's width. */
export function gradientLines(trace: Trace, options: TableOptions): string[] {
  const fit = (line: string): string => (options.columns === undefined ? line : cut(line, options.columns));
  const { graph, shape, grad } = trace;
  const say = PHRASES[options.lang];
  const show = (t: Tensor): string => formatTensor(t, (x) => formatNumber(x, options.precision));
  const root = graph.size - 1;
  const name = outputName(graph);
  const out = [fit(`${name} = ${show(tensorOf(trace, root))}`)];
  if (trace.seed) {
    const ones = trace.seed.every((x) => x === 1);
    out.push(
      fit(shape[root]!.length === 0
        ? say.seededScalar(show({ shape: [], data: trace.seed }), name)
        : ones
        ? say.seededWithOnes(say.shapeNoun(shape[root]!), name)
        : say.seededWith(say.shapeNoun(shape[root]!), show({ shape: shape[root]!, data: trace.seed }), name)),
    );
  }
  for (const v of graph.variables) {
    const head = `∂${name}/∂${v.name} = `;
    // Cut before painting: a colour's escape must not be cut in half.
    const g = trace.hasGradient[v.node] ? options.style.yellow(fit(head + show(tensorOf(trace, v.node, grad))).slice(head.length)) : say.indexOnlyCell;
    out.push(head + g);
  }
  return out;
}

/** The table's cells, row by row after the header: what every tabular format (the table, Markdown, LaTeX, the page) shows. */
export function tableRows(report: Report, options: Pick<RenderOptions, 'lang' | 'precision'>): string[][] {
  const rowAt = tableRowAt(report, options);
  return Array.from({ length: report.trace.graph.size + 1 }, (_, r) => rowAt(r));
}

/** Row r of the table: 0 is the header, r the cells of node r - 1. */
export function tableRowAt(report: Report, options: Pick<RenderOptions, 'lang' | 'precision'>): (r: number) => string[] {
  const { trace, names } = report;
  const { graph, shape, grad, local, localOffset } = trace;
  const { ids, labels } = names;
  const fmt = (x: number): string => formatNumber(x, options.precision);
  const show = (t: Tensor): string => formatTensor(t, fmt);
  const tensors = shape.some((s) => s.length > 0);
  const say = PHRASES[options.lang];
  const [hNode, hExpression, hOp, hShape, hValue, hLocal, hGradient] = say.headings(outputName(graph));
  const header = [hNode, hExpression, hOp, ...(tensors ? [hShape] : []), hValue, hLocal, hGradient];
  return (r) => {
    if (r === 0) return header;
    const i = r - 1;
    const cells: string[] = [];
    edgesOf(trace, names, i).forEach((edge, j) => {
      if (edge.constant || edge.kind === 'none') return; // nothing flows into these worth showing
      const e = graph.first[i]! + j;
      const c = graph.args[e]!;
      if (edge.kind !== 'local') {
        cells.push(`∂/∂${ids[c]}: ${ruleText(edge, options.lang)}`);
        return;
      }
      const number = show({ shape: shape[c]!, data: local.subarray(localOffset[e]!, localOffset[e + 1]!) });
      cells.push(NUMBER.test(edge.text) || edge.text === number ? `∂/∂${ids[c]} = ${number}` : `∂/∂${ids[c]} = ${edge.text} = ${number}`);
    });
    const kind = tensors ? [shape[i]!.length > 0 ? shapeText(shape[i]!) : ''] : [];
    const gradient = trace.hasGradient[i] ? show(tensorOf(trace, i, grad)) : say.none;
    return [ids[i]!, labels[i]!, OPS[graph.op[i]!]!.name, ...kind, show(tensorOf(trace, i)), cells.join('; '), gradient];
  };
}

/** The program a statement a line, `f = …` before a bare last expression; a huge one summarised by its output's label. */
export function programHead(report: Report): string[] {
  const { trace: { graph }, names } = report;
  const program = names.expressionLength <= 200 ? programLines(graph) : [names.labels[graph.size - 1]!];
  const final = graph.statements[graph.statements.length - 1];
  // q = x * 2; q: the last line only says that q is the output, which its name at the head of the table says too.
  if (final?.name === undefined && final !== undefined && graph.named.has(final.node) && program.length > 1) return program.slice(0, -1);
  return program.map((line, k) => (k === program.length - 1 && final?.name === undefined ? `${outputName(graph)} = ${line}` : line));
}

/** Writes the table, a line at a time (see eachLine). */
export function renderTable(report: Report, options: TableOptions, write: Write): void {
  const { trace } = report;
  const style = options.style;
  const rowAt = tableRowAt(report, options);
  const last = rowAt(0).length - 1;
  const same = (s: string): string => s;
  const paint = (k: number): ((s: string) => string) => (k === 0 ? style.cyan : k === 2 ? style.dim : k === last ? style.yellow : same);
  const out = lineWriter(write);
  for (const line of programHead(report)) out.line(options.columns === undefined ? line : cut(line, options.columns));
  out.line('');
  eachLine(trace.graph.size + 1, rowAt, (k) => k === last - 2 || k === last, {
    paint: (cell, r, k) => (r === 0 ? style.bold(cell) : paint(k)(cell)),
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    // The expression is in the formula above the table, the op in the expression; the value and the gradient,
    // last, are what a reader came for, so on a narrow terminal the others give way first: each narrows as far
    // as it still says something (a short expression, an op's name, a rule's start, a matrix's first row)…
    shrink: [[1, 8, 4], [last - 1, 14, 4], [2, 8, 3], [last - 2, 20, 6], [last, 20, 6]],
    // …and where that is not enough (a 2-layer net's matrices at 80 columns, any table at 40), the op, the local
    // gradients and the expression are left out, in that order, rather than cut to "co…" and "∂/…".
    drop: [2, last - 1, 1],
  }, out.line);
  out.line('');
  for (const line of gradientLines(trace, options)) out.line(line);
  out.end();
}
