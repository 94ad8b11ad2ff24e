// The text of --check and --expect, after the table.
import type { CheckResult } from '../check.js';
import type { ExpectationResult } from '../expect.js';
import type { Trace } from '../graph.js';
import type { Tensor } from '../tensor.js';
import { formatNumber } from './number.js';
import { formatTensor } from './table.js';

const VERDICTS = {
  good: 'good',
  kink: 'crosses a kink: not judged',
  doubtful: 'doubtful: acceptable only near a kink',
  wrong: 'WRONG',
} as const;

export function renderCheck(c: CheckResult): string {
  const fmt = (x: number): string => formatNumber(x, 6);
  const rows = [['variable', 'entry', 'analytic', 'numeric', 'relative error', 'verdict']];
  for (const e of c.entries) {
    const error = e.relativeError === 0 ? '0' : e.relativeError.toExponential(1);
    rows.push([e.variable, e.index.length ? `[${e.index.join(', ')}]` : '', fmt(e.analytic), fmt(e.numeric), error, VERDICTS[e.verdict]]);
  }
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  const lines = rows.map((r) => r.map((cell, k) => (k >= 2 && k <= 4 ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!))).join('  ').trimEnd());
  const count = (v: string): number => c.entries.filter((e) => e.verdict === v).length;
  const summary = [`${count('good')} good`, `${count('wrong')} wrong`, `${count('doubtful')} doubtful`, `${count('kink')} across a kink`];
  const skipped = c.skipped.length ? `; not checked (used as an index): ${c.skipped.join(', ')}` : '';
  return [
    '',
    `Gradient check: central differences (f(x + h) - f(x - h)) / 2h with h = ${c.step.toExponential()}, relative error |a - n| / max(|a|, |n|)`,
    ...lines,
    `gradient check ${c.ok ? 'passed' : 'FAILED'}: ${summary.join(', ')}${skipped}`,
    '',
  ].join('\n');
}

export function renderExpectations(results: readonly ExpectationResult[]): string {
  const show = (t: Tensor): string => formatTensor(t, (x) => formatNumber(x, 6));
  const lines = results.map(({ expectation: e, actual, ok }) => {
    const what = e.variable === undefined ? 'f' : `∂f/∂${e.variable}`;
    if (!actual) return `expect ${e.text}: WRONG: ${e.variable} is used only as an index and has no gradient`;
    const tolerance = Math.max(...e.tolerance);
    return ok
      ? `expect ${e.text}: ok (${what} = ${show(actual)})`
      : `expect ${e.text}: WRONG: ${what} = ${show(actual)}, more than ${tolerance} away`;
  });
  return `\n${lines.join('\n')}\n`;
}

export function renderSymbolic(symbolic: ReadonlyMap<string, { formula?: string; why?: string }>, trace: Trace): string {
  const lines = ['', 'Closed form (mathjs derivative), next to the numbers:'];
  for (const [name, { formula, why }] of symbolic) {
    const node = trace.graph.variables.find((v) => v.name === name)!.node;
    const number = formatNumber(trace.grad[trace.offset[node]!]!);
    lines.push(formula === undefined ? `  ∂f/∂${name}: no closed form (${why})` : `  ∂f/∂${name} = ${formula} = ${number}`);
  }
  return `${lines.join('\n')}\n`;
}
