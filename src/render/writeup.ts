// --format markdown: the table as GitHub-flavoured Markdown, for homework
// write-ups and issue threads: the program, a row per node, then ∂f/∂v.
// --format latex: a tabular of the nodes and an align* of the backward
// steps, in the lecture's notation (∂f/∂q = ∂f/∂f · ∂f/∂q …).
import { sentOn, tensorOf } from '../graph/graph.js';
import { outputName } from '../graph/names.js';
import type { Tensor } from '../graph/tensor.js';
import { edgesOf } from './edges.js';
import { formatNumber } from './number.js';
import { PHRASES } from './phrases.js';
import { lineWriter, type RenderOptions, type Report, type Write } from './report.js';
import { formatTensor, programHead, tableRowAt } from './table.js';

/** A cell of a GFM table: a | would end it, a new line would end the row. */
const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Code in a cell: backticks that the text's own backticks cannot close. */
const code = (s: string): string => (s === '' ? '' : s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

/** Writes the Markdown a row at a time. */
export function renderMarkdown(report: Report, options: RenderOptions, write: Write): void {
  const { trace } = report;
  const say = PHRASES[options.lang];
  const rowAt = tableRowAt(report, options);
  const header = rowAt(0);
  const numeric = (k: number): boolean => k === header.length - 1 || k === header.length - 3;
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const out = lineWriter(write);
  for (const l of programHead(report)) out.line(`    ${l}`);
  out.line('');
  out.line(line(header.map(cell)));
  out.line(line(header.map((_h, k) => (numeric(k) ? '---:' : '---'))));
  for (let r = 1; r <= trace.graph.size; r++) out.line(line(rowAt(r).map((c, k) => (k === 1 ? code(cell(c)) : cell(c)))));
  const fmt = (x: number): string => formatNumber(x, options.precision);
  out.line('');
  out.line(line([say.variableHeading, `∂${outputName(trace.graph)}/∂v`]));
  out.line(line(['---', '---:']));
  for (const v of trace.graph.variables) {
    const g = trace.hasGradient[v.node] ? formatTensor(tensorOf(trace, v.node, trace.grad), fmt) : say.indexOnlyCell;
    out.line(line([cell(v.name), cell(g)]));
  }
  out.end();
}

/**
 * The mathematical characters the other formats print, as LaTeX writes them
 * (pdflatex knows no ∂); and < > |, which text mode's default OT1 fonts print
 * as ¡ ¿ and a dash (relu's rule, q > 0 ? 1 : 0, read q ¿ 0).
 */
const MATH: Readonly<Record<string, string>> = {
  '∂': '$\\partial$', 'ᵀ': '$^\\top$', '×': '$\\times$', '‖': '$\\|$', '⊙': '$\\odot$', 'Σ': '$\\Sigma$', '·': '$\\cdot$',
  '²': '$^2$', '³': '$^3$', '…': '\\ldots{}', '−': '$-$', '<': '$<$', '>': '$>$', '|': '$|$',
};

/**
 * Greek letters, which mathjs takes in names (θ, Δ), as LaTeX's commands:
 * pdflatex has no Greek glyphs ("Unicode character θ not set up for use
 * with LaTeX"). Capitals that are Latin letters in shape have none.
 */
const GREEK: Readonly<Record<string, string>> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ϵ: '\\epsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta', ϑ: '\\vartheta',
  ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', ο: 'o', π: '\\pi', ϖ: '\\varpi', ρ: '\\rho', ϱ: '\\varrho',
  σ: '\\sigma', ς: '\\varsigma', τ: '\\tau', υ: '\\upsilon', φ: '\\varphi', ϕ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega',
  Α: 'A', Β: 'B', Γ: '\\Gamma', Δ: '\\Delta', Ε: 'E', Ζ: 'Z', Η: 'H', Θ: '\\Theta', Ι: 'I', Κ: 'K', Λ: '\\Lambda', Μ: 'M', Ν: 'N',
  Ξ: '\\Xi', Ο: 'O', Π: '\\Pi', Ρ: 'P', Σ: '\\Sigma', Τ: 'T', Υ: '\\Upsilon', Φ: '\\Phi', Χ: 'X', Ψ: '\\Psi', Ω: '\\Omega',
};
/** The same letters spelt out as names (theta, Delta): LaTeX's commands, as GREEK has them, case and all. */
const GREEK_NAMES: ReadonlySet<string> = new Set(Object.values(GREEK).filter((c) => c.startsWith('\\')).map((c) => c.slice(1)));
/** A Greek letter in mathematics: its command, braced so that a letter after it stays apart (\theta{}x). */
const greekMath = (c: string): string => (GREEK[c]!.startsWith('\\') ? `{${GREEK[c]}}` : GREEK[c]!);

/** Text in LaTeX's text mode, its special characters escaped, a Greek letter as mathematics. */
const text = (s: string): string =>
  s.replace(/[\\{}$&#^_%~∂ᵀ×‖⊙·²³…−<>|\u0370-\u03ff]/g, (c) =>
    MATH[c] ?? (GREEK[c] ? `$${greekMath(c)}$` : undefined) ?? ({ '\\': '\\textbackslash{}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}' })[c] ?? `\\${c}`);

/** Text inside mathematics: a Greek letter its command, another letter beyond ASCII (é) as text, where pdflatex takes it. */
const mathText = (s: string): string => [...s].map((c) => (GREEK[c] ? greekMath(c) : c > '\u007f' ? `\\text{${text(c)}}` : text(c))).join('');

/** A name as mathematics: n3 is n_{3}, L_i is L_{i}, a Greek name (theta, θ) its letter. */
function symbol(name: string): string {
  const m = /^([\p{L}$]+?)_?(\d+|_[\p{L}\p{N}_]*)?$/u.exec(name);
  const base = m?.[1] ?? name;
  const sub = m?.[2]?.replace(/^_/, '');
  const greek = GREEK_NAMES.has(base);
  const shown = greek ? `\\${base}` : [...base].length > 1 ? `\\mathit{${mathText(base)}}` : mathText(base);
  return sub ? `${shown}_{${mathText(sub)}}` : shown;
}

/** A number, or a small tensor as a bmatrix (a large one as its shape). */
function numbers(t: Tensor, precision: number | undefined, factor = false): string {
  const fmt = (x: number): string => formatNumber(x, precision);
  // A negative factor in a product is bracketed: 1 \cdot (-4).
  if (t.shape.length === 0) return factor && t.data[0]! < 0 ? `(${fmt(t.data[0]!)})` : fmt(t.data[0]!);
  const [rows, cols] = t.shape.length === 1 ? [1, t.shape[0]!] : (t.shape as [number, number]);
  if (rows * cols > 16) return `\\text{${t.shape.join('×')}}`;
  const lines = Array.from({ length: rows }, (_r, r) => Array.from({ length: cols }, (_c, c) => fmt(t.data[r * cols + c]!)).join(' & '));
  return `\\begin{bmatrix} ${lines.join(' \\\\ ')} \\end{bmatrix}${t.shape.length === 1 ? '^\\top' : ''}`;
}

const partial = (of: string, by: string): string => `\\frac{\\partial ${of}}{\\partial ${by}}`;

/** Writes the LaTeX a row and a step at a time. */
export function renderLatex(report: Report, options: RenderOptions, write: Write): void {
  const { trace, names } = report;
  const { graph, shape, local, localOffset } = trace;
  const say = PHRASES[options.lang];
  const rowAt = tableRowAt(report, options);
  const header = rowAt(0);
  const out = lineWriter(write);
  if (say.latexNeeds) out.line(`% ${say.latexNeeds}`);
  for (const l of programHead(report)) out.line(`% ${l}`);
  out.line(`\\begin{tabular}{${header.map((_h, k) => (k === header.length - 1 || k === header.length - 3 ? 'r' : 'l')).join('')}}`);
  out.line('\\hline');
  out.line(`${header.map(text).join(' & ')} \\\\`);
  out.line('\\hline');
  for (let r = 1; r <= graph.size; r++) out.line(`${rowAt(r).map((c, k) => (k === 1 ? `\\texttt{${text(c)}}` : text(c))).join(' & ')} \\\\`);
  out.line('\\hline');
  out.line('\\end{tabular}');
  out.line('');

  // The backward pass as the lecture writes it: what each edge sends, the upstream gradient times the local one.
  const id = (i: number): string => symbol(names.ids[i]!);
  const root = graph.size - 1;
  out.line(`% ${say.backward(outputName(graph))}`);
  out.line('\\begin{align*}');
  // Every line but the last ends with \\: each is written when the next comes.
  const f = symbol(outputName(graph));
  let previous = `${partial(f, id(root))} &= 1`;
  const step = (l: string): void => {
    out.line(`${previous} \\\\`);
    previous = l;
  };
  for (let i = root; i >= 0; i--) {
    if (graph.first[i] === graph.first[i + 1] || !trace.hasGradient[i]) continue;
    const edges = edgesOf(trace, names, i);
    edges.forEach((edge, j) => {
      if (edge.kind === 'none' || edge.constant) return;
      const e = graph.first[i]! + j;
      const c = graph.args[e]!;
      const upstream = numbers(tensorOf(trace, i, trace.grad), options.precision, true);
      const flows = numbers({ shape: shape[c]!, data: sentOn(trace, e) }, options.precision);
      const chain = `${partial(f, id(i))}\\,${partial(id(i), id(c))}`;
      const l = edge.kind === 'local' ? numbers({ shape: shape[c]!, data: local.subarray(localOffset[e]!, localOffset[e + 1]!) }, options.precision, true) : `\\text{${text(edge.text)}}`;
      step(`${partial(f, id(c))} &\\mathrel{+}= ${chain} = ${upstream} \\cdot ${l} = ${flows}`);
    });
  }
  for (const v of graph.variables) {
    if (trace.hasGradient[v.node]) step(`${partial(f, symbol(v.name))} &= ${numbers(tensorOf(trace, v.node, trace.grad), options.precision)}`);
  }
  out.line(previous);
  out.line('\\end{align*}');
  out.end();
}
