// The sections a table or an explanation ends with, each asked for by an
// option: the closed forms (--symbolic), the Jacobians (--jacobian), the
// gradient check (--check) and the answers (--expect).
import type { Tensor } from '../graph/tensor.js';
import { shapeText } from '../graph/tensor.js';
import { nodesByName, outputName } from '../graph/names.js';
import type { CheckEntry, CheckResult, Verdict } from '../homework/check.js';
import { type ExpectationResult, whatOf } from '../homework/expect.js';
import { formatNumber } from './number.js';
import { type Lang, type Phrases, PHRASES } from './phrases.js';
import type { RenderOptions, Report } from './report.js';
import { displayWidth, wrapLine } from '../quote.js';
import { columns, formatTensor } from './table.js';

export function renderCheck(c: CheckResult, options: RenderOptions, out: string): string {
  const say = PHRASES[options.lang];
  // Six digits at least, where a difference shows; --precision asks for more.
  const fmt = (x: number): string => (Number.isNaN(x) ? '—' : formatNumber(x, Math.max(6, options.precision ?? 6)));
  // Why a verdict is what it is, said once below the table and marked [1], [2], … on its entries: a 64×64
  // matrix's entries said the same sentence 4,096 times, and a narrow terminal cut it off on every one.
  const notes = new Map<string, string>();
  const mark = (text: string): string => ` ${notes.get(text) ?? notes.set(text, `[${notes.size + 1}]`).get(text)!}`;
  const rows = [[...say.checkHeadings]];
  for (const e of c.entries) {
    const error = Number.isNaN(e.relativeError) ? '—' : e.relativeError === 0 ? '0' : e.relativeError.toExponential(1);
    const why = reason(e, say, out);
    const verdict = say.verdicts[e.verdict] + (why === undefined ? '' : mark(why)) + (e.refined ? mark(say.refined) : '');
    rows.push([e.variable, e.index.length ? `[${e.index.join(', ')}]` : '', fmt(e.analytic), fmt(e.numeric), error, verdict]);
  }
  // On a narrow terminal the headings give way first, to the width of what is under them: a cut number checks nothing.
  const under = (k: number): number => Math.max(3, ...rows.slice(1).map((r) => displayWidth(r[k]!)));
  const shrink = [0, 4, 2, 3, 1, 5].map((k): [number, number, number] => [k, under(k), under(k)]);
  const lines = columns(rows, (k) => k >= 2 && k <= 4, options.columns === undefined ? {} : { columns: options.columns, shrink });
  const counts: Record<Verdict, number> = { good: 0, kink: 0, doubtful: 0, wrong: 0, unchecked: 0 };
  for (const e of c.entries) counts[e.verdict]++;
  const sampled = c.of === undefined ? [] : [say.sampled(c.entries.length, c.of)];
  const said = [...notes].map(([text, marker]) => `${marker} ${text}`);
  const wrapped = (texts: readonly string[]): string[] => (options.columns === undefined ? [...texts] : texts.flatMap((t) => wrapLine(t, options.columns!)));
  return ['', ...wrapped([say.checkTitle(c.step.toExponential(), out), ...sampled]), ...lines, ...wrapped([...said, say.checkSummary(c.ok, counts, c.skipped)]), ''].join('\n');
}

/** Why an entry's verdict is what it is, where the relative error beside it does not show it. */
function reason({ verdict, why }: CheckEntry, say: Phrases, out: string): string | undefined {
  if (why === 'absolute' || why === 'noise') return say.good[why](out);
  if (verdict === 'unchecked') return say.unchecked[why ?? 'rounding'](out);
  return undefined;
}

/** At most this many wrong entries of a tensor answer are named. */
const WRONG_SHOWN = 4;

/** The significant digits of a number as written: 7 for 0.3932238, 2 for -0.53, 1 for 4. */
const significant = (text: string): number => text.replace(/^[-+]?/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').length || 1;

/** One answer's verdict, as a line. */
export function expectationText({ expectation: e, actual, ok, wrong, output }: ExpectationResult, lang: Lang, precision = 6): string {
  const say = PHRASES[lang];
  const num = (x: number): string => formatNumber(x, Math.max(6, precision));
  // A wrong answer is shown against a digit more than it was written with: 0.3932238 against 0.39322387, not 0.393224.
  const against = (x: number, written: string): string => formatNumber(x, Math.min(17, Math.max(6, precision, significant(written) + 1)));
  const show = (t: Tensor): string => formatTensor(t, num);
  const what = whatOf(e.target, output);
  if (!actual) return say.expectIndexOnly(e.text, e.target.kind === 'f' ? '' : e.target.name);
  if (ok) return say.expectOk(e.text, what, show(actual));
  if (actual.shape.length === 0) {
    const written = e.text.slice(e.text.indexOf('=') + 1).trim();
    const shown = against(actual.data[0]!, written);
    return e.exact[0] ? say.expectWrongExact(e.text, what, shown, written) : say.expectWrong(e.text, what, shown, e.tolerance[0]!);
  }
  const entries = wrong.slice(0, WRONG_SHOWN).map((w) => {
    const k = w.index.length === 1 ? w.index[0]! - 1 : (w.index[0]! - 1) * actual.shape[1]! + w.index[1]! - 1;
    return { index: `[${w.index.join(', ')}]`, actual: against(w.actual, String(w.expected)), expected: num(w.expected), tolerance: w.tolerance, exact: e.exact[k] === 1 };
  });
  const more = wrong.length > WRONG_SHOWN ? say.andMore(wrong.length - WRONG_SHOWN) : '';
  return say.expectWrongEntries(e.text, what, show(actual), entries) + more;
}

export function renderExpectations(results: readonly ExpectationResult[], options: RenderOptions): string {
  return `\n${results.map((r) => expectationText(r, options.lang, options.precision)).join('\n')}\n`;
}

export function renderSymbolic(report: Report, options: RenderOptions): string {
  const say = PHRASES[options.lang];
  const { trace } = report;
  const lines = ['', say.symbolicTitle];
  const out = outputName(trace.graph);
  // Looked up by name, not searched for: a sum of 200,000 variables searched for each took 35 s.
  const nodeOf = nodesByName(trace.graph);
  for (const [name, { formula, why }] of report.symbolic ?? []) {
    const node = nodeOf.get(name)!;
    // The closed form is ∂f/∂x itself: a --seed of 3 scaled the backward pass's number, not it.
    const number = formatNumber(trace.grad[trace.offset[node]!]! / (trace.seed?.[0] ?? 1), options.precision);
    // A closed form that is its own number (2 for 2x) is said once, not as "2 = 2".
    const same = formula !== undefined && formula.trim() === number;
    lines.push(formula === undefined ? `  ${say.noClosedForm(name, why ?? { bound: 'time' }, out)} (${number})` : same ? `  ∂${out}/∂${name} = ${formula}` : `  ∂${out}/∂${name} = ${formula} = ${number}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderJacobians(report: Report, options: RenderOptions): string {
  const say = PHRASES[options.lang];
  const { trace } = report;
  const fmt = (x: number): string => formatNumber(x, options.precision);
  const out: string[] = [];
  const nodeOf = nodesByName(trace.graph);
  const output = outputName(trace.graph);
  for (const [name, j] of report.jacobians ?? []) {
    if (!j) continue;
    out.push('', say.jacobian(name, j.shape[0]!, j.shape[1]!, shapeText(trace.shape[nodeOf.get(name)!]!), output));
    for (let r = 0; r < j.shape[0]!; r++) {
      out.push(`  ${formatTensor({ shape: [j.shape[1]!], data: j.data.subarray(r * j.shape[1]!, (r + 1) * j.shape[1]!) }, fmt)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Every section the report carries, in the order a reader wants them. */
export function renderSections(report: Report, options: RenderOptions): string {
  return (
    (report.jacobians ? renderJacobians(report, options) : '') +
    (report.symbolic ? renderSymbolic(report, options) : '') +
    (report.check ? renderCheck(report.check, options, outputName(report.trace.graph)) : '') +
    (report.expectations ? renderExpectations(report.expectations, options) : '')
  );
}
