// The text of --check and --expect, after the table.
import type { CheckResult } from '../homework/check.js';
import type { ExpectationResult } from '../homework/expect.js';
import type { Trace } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { formatNumber } from './number.js';
import { PHRASES, type Lang } from './phrases.js';
import { columns, formatTensor } from './table.js';

export function renderCheck(c: CheckResult, lang: Lang = 'en'): string {
  const say = PHRASES[lang];
  const fmt = (x: number): string => formatNumber(x, 6);
  const rows = [[...say.checkHeadings]];
  for (const e of c.entries) {
    const error = e.relativeError === 0 ? '0' : e.relativeError.toExponential(1);
    rows.push([e.variable, e.index.length ? `[${e.index.join(', ')}]` : '', fmt(e.analytic), fmt(e.numeric), error, say.verdicts[e.verdict]]);
  }
  const lines = columns(rows, (k) => k >= 2 && k <= 4);
  const counts = { good: 0, kink: 0, doubtful: 0, wrong: 0 };
  for (const e of c.entries) counts[e.verdict]++;
  return ['', say.checkTitle(c.step.toExponential()), ...lines, say.checkSummary(c.ok, counts, c.skipped), ''].join('\n');
}

export function renderExpectations(results: readonly ExpectationResult[], lang: Lang = 'en'): string {
  const say = PHRASES[lang];
  const show = (t: Tensor): string => formatTensor(t, (x) => formatNumber(x, 6));
  const lines = results.map(({ expectation: e, actual, ok }) => {
    const what = e.variable === undefined ? 'f' : `∂f/∂${e.variable}`;
    if (!actual) return say.expectIndexOnly(e.text, e.variable ?? '');
    return ok ? say.expectOk(e.text, what, show(actual)) : say.expectWrong(e.text, what, show(actual), Math.max(...e.tolerance));
  });
  return `\n${lines.join('\n')}\n`;
}

export function renderSymbolic(symbolic: ReadonlyMap<string, { formula?: string; why?: string }>, trace: Trace, lang: Lang = 'en'): string {
  const say = PHRASES[lang];
  const lines = ['', say.symbolicTitle];
  for (const [name, { formula, why }] of symbolic) {
    const node = trace.graph.variables.find((v) => v.name === name)!.node;
    const number = formatNumber(trace.grad[trace.offset[node]!]!);
    lines.push(formula === undefined ? `  ${say.noClosedForm(name, why ?? '')}` : `  ∂f/∂${name} = ${formula} = ${number}`);
  }
  return `${lines.join('\n')}\n`;
}
