// The --json document of SPEC §3. One line per node keeps it readable and
// grep-able. It is written as text directly, about a microsecond a node
// (measured with `npm run bench`); render/document.ts builds the same data
// as objects for the library, and a test holds the two equal.
import { sentIsGradient, sentOn, type Trace } from '../graph/graph.js';
import type { Names } from '../graph/names.js';
import { CONSTANT, OPS } from '../graph/ops.js';
import type { Shape, Tensor } from '../graph/tensor.js';
import type { CheckResult } from '../homework/check.js';
import type { ExpectationResult } from '../homework/expect.js';
import { type Edge, edgesOf, ruleText } from './edges.js';
import { expressionText, outputName } from '../graph/names.js';
import { symbolicNote, warningText } from './messages.js';
import { type Chunks, chunked, overallOk, type Report, type Write } from './report.js';

// Printing a double is slow (about 0.3 µs) and graphs repeat their numbers
// (weights, gradients of 1, constants): a small direct-mapped cache of recent
// ones more than halves the document's time (measured with `npm run bench`).
const CACHE = 4096;
const cachedKeys = new Float64Array(CACHE).fill(NaN);
const cachedTexts = new Array<string>(CACHE).fill('');
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A number as JSON; JSON has no Infinity or NaN, so those are written as strings. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return `"${x}"`;
  bits[0] = x;
  const h = (Math.imul(words[0]! ^ words[1]!, 0x9e3779b1) >>> 20) & (CACHE - 1);
  if (cachedKeys[h] === x) return cachedTexts[h]!;
  const text = String(x);
  cachedKeys[h] = x;
  cachedTexts[h] = text;
  return text;
}
/**
 * JSON text with what JSON.stringify leaves raw escaped too: C1 controls
 * (U+009B is a terminal's CSI, as ESC [ is) and the line separators, so that
 * `cat` of a batch's lines shows a student's id rather than obeys it. They
 * can stand only inside strings, where \u escapes mean the same.
 */
export const safeJson = (json: string): string => json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const str = (s: string): string => safeJson(JSON.stringify(s));
/** Numbers printed at once. */
const BLOCK = 1024;

/** The rest of an edge into a constant: the same words every time. */
const CONSTANT_EDGE = `null,"rule":${str(ruleText({ kind: 'none', text: '', phrase: 'constant', constant: true }))},"sent":null}`;

/** The document's top-level keys, in the order they are written. */
export const FIELDS = ['schema', 'expression', 'value', 'seed', 'gradients', 'jacobian', 'symbolic', 'check', 'expectations', 'ok', 'nodes', 'warnings'] as const;
export type Field = (typeof FIELDS)[number];

/** How a document is laid out: a batch line is compact, carries its id first, and reuses its graph's text. */
export interface Layout {
  /** Only these keys (--fields); every key when undefined. */
  readonly fields?: ReadonlySet<string>;
  /** Fields first in the document (a batch line's id and line). */
  readonly head?: Readonly<Record<string, unknown>>;
  /** One line, for JSON Lines. */
  readonly compact?: boolean;
  /** The same graph is written again and again (a batch): keep its fixed text. */
  readonly reuse?: boolean;
}

/** A node's numbers (value, gradient or local derivative) as JSON, added to `chunks`. */
function addTensor(chunks: Chunks, shape: Shape, data: Float64Array): void {
  if (shape.length === 0) chunks.add(num(data[0]!));
  else addAll(chunks, tensorTexts(shape, data));
}

function addAll(chunks: Chunks, texts: readonly string[]): void {
  for (let k = 0; k < texts.length; k++) chunks.add(texts[k]!);
}

/** Writes the document to `out` in chunks (see chunked). */
export function writeJson(report: Report, out: Write, layout: Layout = {}): void {
  const chunks = chunked(out);
  addJson(report, chunks, layout);
  chunks.end();
}

/** Adds the document to `sink`: a batch adds its lines' documents to the chunks of its output. */
export function addJson(report: Report, sink: Chunks, layout: Layout = {}): void {
  // The nodes' names are read only where they are written (--fields value,gradients of a million nodes
  // needs none of them, and naming those nodes took a tenth of the run).
  const { trace } = report;
  const { graph, shape, value, grad, offset, localOffset, local, hasGradient } = trace;
  const { first, args } = graph;
  // A batch line is compact throughout, so that a script's grep finds "ok":false in every line that has it.
  const [nl, pad, node, sp] = layout.compact ? ['', '', '', ''] : ['\n', '  ', '\n    ', ' '];
  const { nodeHead, edgeHead, expression, gradientKey } = layout.reuse ? fixedText(graph, report.names) : graphText(graph, () => report.names);
  const root = graph.size - 1;
  // Only the fields asked for (--fields), each made only if it is: nodes are most of the work.
  const only = layout.fields;
  const wanted = (key: Field): boolean => only === undefined || only.has(key);
  // Made at the first tensor gradient: a batch line of numbers has none.
  let gradients: ((i: number) => readonly string[]) | undefined;
  const gradientOf = (i: number): void => {
    if (!hasGradient[i]) sink.add('null');
    else if (shape[i]!.length === 0) sink.add(num(grad[offset[i]!]!));
    else addAll(sink, (gradients ??= gradientTexts(trace, wanted('gradients'), wanted('nodes')))(i));
  };
  // A scalar without the view a tensor needs: a million-node graph has a million of them.
  const valueOf = (i: number): void => {
    if (shape[i]!.length === 0) sink.add(num(value[offset[i]!]!));
    else addTensor(sink, shape[i]!, value.subarray(offset[i]!, offset[i + 1]!));
  };
  let fields = 0;
  const field = (key: string, text = ''): void => sink.add(`${fields++ ? `,${nl}${pad}` : `{${nl}${pad}`}"${key}":${sp}${text}`);
  if (layout.head) {
    for (const k in layout.head) {
      const v = layout.head[k];
      field(k, typeof v === 'number' ? num(v) : typeof v === 'string' ? str(v) : JSON.stringify(v));
    }
  }
  const ok = overallOk(report);
  if (wanted('schema')) field('schema', '1');
  if (wanted('expression')) field('expression', expression);
  if (wanted('value')) {
    field('value');
    valueOf(root);
  }
  if (trace.seed && wanted('seed')) {
    field('seed');
    addTensor(sink, shape[root]!, trace.seed);
  }
  if (wanted('gradients')) {
    field('gradients', '{');
    for (let k = 0; k < graph.variables.length; k++) {
      sink.add(`${k ? ',' : ''}${sp}${gradientKey(k)}${sp}`);
      gradientOf(graph.variables[k]!.node);
    }
    sink.add(`${graph.variables.length ? sp : ''}}`);
  }
  const { jacobians, symbolic, check, expectations } = report;
  if (jacobians && wanted('jacobian')) field('jacobian', `{${[...jacobians].map(([v, j]) => `${sp}${str(v)}:${sp}${j ? nested(j.shape, j.data) : 'null'}`).join(',')}${sp}}`);
  if (symbolic && wanted('symbolic')) field('symbolic', `{${[...symbolic].map(([v, s]) => `${sp}${str(v)}:${sp}${s.formula === undefined ? 'null' : str(s.formula)}`).join(',')}${sp}}`);
  if (check && wanted('check')) field('check', checkJson(check));
  if (expectations && wanted('expectations')) field('expectations', `[${expectations.map(expectationJson).join(',')}]`);
  // A batch line always says whether it held.
  if (ok !== undefined && (wanted('ok') || layout.head)) field('ok', String(ok));
  if (wanted('nodes')) {
    field('nodes', '[');
    for (let i = 0; i < graph.size; i++) {
      // Ids and labels are made of names, numbers and operators: nothing to escape.
      sink.add(`${i === 0 ? node : `,${node}`}${nodeHead(i)}`);
      valueOf(i);
      sink.add(',"gradient":');
      gradientOf(i);
      sink.add(',"inputs":[');
      let edges: Edge[] | undefined;
      const index = OPS[graph.op[i]!]!.indexInput;
      for (let e = first[i]!; e < first[i + 1]!; e++) {
        const c = args[e]!;
        const l0 = localOffset[e]!;
        const l1 = localOffset[e + 1]!;
        sink.add(`${e === first[i] ? '' : ','}${edgeHead(e)}`);
        if (hasGradient[c] && hasGradient[i] && l1 > l0) {
          // The common case, without describing the edge: a local derivative of the input's shape.
          addTensor(sink, shape[c]!, local.subarray(l0, l1));
          sink.add(',"sent":');
        } else if (graph.op[c] === CONSTANT && !index?.(e - first[i]!)) {
          sink.add(CONSTANT_EDGE); // the next most common, the same words every time
          continue;
        } else {
          edges ??= edgesOf(trace, report.names, i);
          const edge = edges[e - first[i]!]!;
          sink.add(`null,"rule":${str(ruleText(edge))},"sent":`);
          if (edge.kind === 'none') {
            sink.add('null}');
            continue;
          }
        }
        // An edge into a node that it alone reads sent that node's whole gradient: printed once, written twice.
        if (sentIsGradient(trace, e)) gradientOf(c);
        else addTensor(sink, shape[c]!, sentOn(trace, e));
        sink.add('}');
      }
      sink.add(']}');
    }
    sink.add(`${nl}${pad}]`);
  }
  if (wanted('warnings')) {
    const warnings = [...trace.warnings.map((w) => warningText(w, trace, report.names)), ...symbolicNotes(report)].map(str);
    field('warnings', `[${warnings.length ? (layout.compact ? warnings.join(',') : `\n    ${warnings.join(',\n    ')}\n  `) : ''}]`);
  }
  sink.add(fields ? `${nl}}\n` : '{}\n');
}

/**
 * Each node's gradient as text, made once and kept from its first use to its
 * last: a variable's is written in "gradients" and on its node, and a node
 * read by one edge alone has its gradient written again as that edge's
 * "sent" (a weight matrix's, three times).
 */
function gradientTexts(trace: Trace, inGradients: boolean, inNodes: boolean): (i: number) => readonly string[] {
  const { graph, shape, offset, grad } = trace;
  let uses: Uint8Array | undefined; // counted at the first tensor: most graphs have none
  const count = (): Uint8Array => {
    const u = new Uint8Array(graph.size).fill(inNodes ? 1 : 0);
    if (inNodes) for (let e = 0; e < graph.args.length; e++) if (sentIsGradient(trace, e)) u[graph.args[e]!]!++;
    if (inGradients) for (const v of graph.variables) u[v.node]!++;
    return u;
  };
  const kept = new Map<number, readonly string[]>();
  return (i) => {
    uses ??= count();
    let texts = kept.get(i);
    if (texts === undefined) {
      texts = tensorTexts(shape[i]!, grad.subarray(offset[i]!, offset[i + 1]!));
      if (uses[i]! > 1) kept.set(i, texts);
    }
    if (uses[i]! > 0 && --uses[i]! === 0) kept.delete(i);
    return texts;
  };
}

/** A number, or a tensor as nested JSON arrays, in pieces of a row or so. */
function tensorTexts(shape: Shape, data: Float64Array): readonly string[] {
  if (shape.length === 0) return [num(data[0]!)];
  const texts = ['['];
  if (shape.length === 1) entries(data, 0, data.length, texts);
  else {
    const [rows, cols] = shape as [number, number];
    for (let r = 0; r < rows; r++) {
      texts.push(r ? ',[' : '[');
      entries(data, r * cols, cols, texts);
      texts.push(']');
    }
  }
  texts.push(']');
  return texts;
}

/** Adds data[from … from + n) to `texts`, comma-separated, a block at a time. */
function entries(data: Float64Array, from: number, n: number, texts: string[]): void {
  for (let at = from; at < from + n; at += BLOCK) {
    const end = Math.min(from + n, at + BLOCK);
    const block: number[] = [];
    let finite = true;
    for (let k = at; k < end; k++) {
      const x = data[k]!;
      finite &&= x - x === 0;
      block.push(x);
    }
    if (at > from) texts.push(',');
    // JSON.stringify prints an array of numbers in V8's own builder, the same
    // shortest round-trip digits as String(x), at about 0.15 µs a number
    // against 0.7 for strings joined by hand (measured). It writes a
    // non-finite number as null, so those blocks go number by number.
    texts.push(finite ? JSON.stringify(block).slice(1, -1) : block.map(num).join(','));
  }
}

/** A closed form that --symbolic could not give is a warning in JSON: the document's symbolic entry is null. */
export const symbolicNotes = (report: Report): string[] =>
  [...(report.symbolic ?? [])].flatMap(([name, s]) => (s.why ? [symbolicNote(name, s.why, outputName(report.trace.graph), 'en')] : []));

interface GraphText {
  /** `{"id":"n3","op":"multiply","label":"w0 * x0","value":` */
  nodeHead(i: number): string;
  /** `{"id":"x0","local":` */
  edgeHead(e: number): string;
  /** `"x0":`, variable k's key in "gradients" (the layout adds its spaces) */
  gradientKey(k: number): string;
  readonly expression: string;
}

/** The text of a document that depends on the graph alone, made as it is written. */
function graphText(graph: Trace['graph'], namesOf: () => Names): GraphText {
  let names: Names | undefined; // asked for once, at the first node: a getter called a million times cost 20 ms
  // Ids and labels are made of names, numbers and operators: nothing to escape.
  return {
    nodeHead: (i) => {
      const { ids, labels } = (names ??= namesOf());
      const name = graph.named.get(i);
      return `{"id":"${ids[i]}","op":"${OPS[graph.op[i]!]!.name}","label":"${labels[i]}",${name === undefined ? '' : `"name":${str(name)},`}"value":`;
    },
    edgeHead: (e) => `{"id":"${(names ??= namesOf()).ids[graph.args[e]!]}","local":`,
    gradientKey: (k) => `${str(graph.variables[k]!.name)}:`,
    expression: str(expressionText(graph)),
  };
}

/** The same, made once and kept: a batch writes one graph's document thousands of times. */
const fixedTexts = new WeakMap<Names, GraphText>();

function fixedText(graph: Trace['graph'], names: Names): GraphText {
  let fixed = fixedTexts.get(names);
  if (!fixed) {
    const text = graphText(graph, () => names);
    const nodes = Array.from({ length: graph.size }, (_, i) => text.nodeHead(i));
    const edges = Array.from({ length: graph.args.length }, (_, e) => text.edgeHead(e));
    const keys = graph.variables.map((_v, k) => text.gradientKey(k));
    fixed = { nodeHead: (i) => nodes[i]!, edgeHead: (e) => edges[e]!, gradientKey: (k) => keys[k]!, expression: text.expression };
    fixedTexts.set(names, fixed);
  }
  return fixed;
}

function checkJson(c: CheckResult): string {
  const entries = c.entries.map(
    (e) =>
      `{"variable":${str(e.variable)},"index":${JSON.stringify(e.index)},"analytic":${num(e.analytic)},"numeric":${num(e.numeric)},"relativeError":${num(e.relativeError)},"verdict":"${e.verdict}"${e.why ? `,"why":"${e.why}"` : ''}${e.refined ? ',"refined":true' : ''}}`,
  );
  const sampled = c.of === undefined ? '' : `,"sampled":{"checked":${c.entries.length},"of":${c.of}}`;
  return `{"step":${num(c.step)},"ok":${c.ok},"skipped":${JSON.stringify(c.skipped)}${sampled},"entries":[${entries.join(',')}]}`;
}

function expectationJson({ expectation: e, actual, ok }: ExpectationResult): string {
  const value = (t: Tensor): string => (t.shape.length === 0 ? num(t.data[0]!) : nested(t.shape, t.data));
  const expected = typeof e.expected === 'number' ? num(e.expected) : value(e.expected);
  const name = e.target.kind === 'f' ? 'null' : str(e.target.name);
  const tolerances = typeof e.expected === 'number' ? '' : `,"tolerances":${nested(e.expected.shape, e.tolerance)}`;
  return (
    `{"expect":${str(e.text)},"target":"${e.target.kind}","name":${name},"variable":${e.target.kind === 'gradient' ? name : 'null'},` +
    `"expected":${expected},"actual":${actual ? value(actual) : 'null'},"tolerance":${num(Math.max(...e.tolerance))}${tolerances},"ok":${ok}}`
  );
}

/** A tensor as nested JSON arrays. */
export const nested = (shape: Shape, data: Float64Array): string => tensorTexts(shape, data).join('');

/** The error document of SPEC §5. */
export function renderJsonError(code: string, message: string, details: Readonly<Record<string, unknown>>, compact = false): string {
  return `${safeJson(JSON.stringify({ schema: 1, error: { code, message, ...details } }, null, compact ? undefined : 2))}\n`;
}
