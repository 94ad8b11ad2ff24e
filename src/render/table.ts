// The table for people (SPEC §3): one row per node in forward order, then
// ∂f/∂v for every variable. A pure function of the trace; colour comes in as
// a Style so that the caller decides whether the terminal wants it.
import type { Trace } from '../graph.js';
import { CONSTANT, OPS } from '../ops.js';
import { expressionText, type Names } from './labels.js';
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
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A derivative formula for reading: `b * a^(b - 1)` at b = 2 reads `2 * x`. */
export function prettyFormula(text: string): string {
  return text
    .replace(/\((-?\d+(?:\.\d+)?) - 1\)/g, (_m, n: string) => String(Number(n) - 1))
    .replace(/\^1(?![\d.])/g, '')
    .replace(/\^2(?![\d.])/g, '²')
    .replace(/\^3(?![\d.])/g, '³');
}

export function renderTable(trace: Trace, names: Names, options: TableOptions = {}): string {
  const { graph, value, grad, local } = trace;
  const { ids, labels } = names;
  const style = options.style ?? PLAIN;
  const fmt = (x: number): string => formatNumber(x, options.precision);
  // A constant stands in formulas as its value; anything else as its id.
  const shown = (c: number): string => {
    if (graph.op[c] !== CONSTANT || graph.names.has(c)) return ids[c]!;
    return labels[c]!.startsWith('-') ? `(${labels[c]})` : labels[c]!;
  };

  const rows: string[][] = [['node', 'expression', 'op', 'value', 'local gradient ∂node/∂input', 'gradient ∂f/∂node']];
  for (let i = 0; i < graph.size; i++) {
    const o = OPS[graph.op[i]!]!;
    const s = graph.first[i]!;
    const params = o.arity === 1 ? ['x'] : ['a', 'b'];
    const locals: string[] = [];
    for (let e = s; e < graph.first[i + 1]!; e++) {
      const c = graph.args[e]!;
      if (graph.op[c] === CONSTANT) continue; // nothing flows into a constant worth showing
      const formula = o.formula[e - s]!;
      const text = prettyFormula(
        formula.replace(/\b[abxy]\b/g, (p) => (p === 'y' ? ids[i]! : shown(graph.args[s + params.indexOf(p)]!))),
      );
      const number = fmt(local[e]!);
      locals.push(NUMBER.test(formula) || text === number ? `∂/∂${ids[c]} = ${number}` : `∂/∂${ids[c]} = ${text} = ${number}`);
    }
    rows.push([ids[i]!, labels[i]!, o.name, fmt(value[i]!), locals.join('; '), fmt(grad[i]!)]);
  }

  const widths = rows[0]!.map(() => 0);
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k]!, cell.length)));
  const right = new Set([3, 5]);
  const paint = [style.cyan, same, style.dim, same, same, style.yellow];
  const lines = rows.map((row, r) =>
    row
      .map((cell, k) => {
        const padded = right.has(k) ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!);
        return r === 0 ? style.bold(padded) : paint[k]!(padded);
      })
      .join('  ')
      .trimEnd(),
  );

  // A huge expression is summarised by its output node's label.
  const formula = names.expressionLength <= 200 ? expressionText(graph) : labels[graph.size - 1]!;
  const out = [`f = ${formula}`, '', ...lines, '', `f = ${fmt(value[graph.size - 1]!)}`];
  for (const v of graph.variables) out.push(`∂f/∂${v.name} = ${style.yellow(fmt(grad[v.node]!))}`);
  return `${out.join('\n')}\n`;
}
