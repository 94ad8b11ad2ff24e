// The --json document of SPEC §3. One line per node keeps it readable and
// grep-able. It is written as text directly, about a microsecond a node
// (measured with `npm run bench`); render/document.ts builds the same data
// as objects for the library, and a test holds the two equal.
import type { Trace } from '../graph/graph.js';
import type { Names } from '../graph/names.js';
import { OPS } from '../graph/ops.js';
import type { Shape, Tensor } from '../graph/tensor.js';
import type { CheckResult } from '../homework/check.js';
import type { ExpectationResult } from '../homework/expect.js';
import { type Edge, edgesOf, ruleText } from './edges.js';
import { expressionText } from '../graph/names.js';
import { symbolicNote, warningText } from './messages.js';
import { overallOk, type Report } from './report.js';

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
const str = (s: string): string => JSON.stringify(s);
const CHUNK = 1 << 16;

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

/**
 * Writes the document to `out` in chunks of about 64 KB, so that a graph of
 * a million nodes never becomes one 150 MB string.
 */
export function writeJson(report: Report, out: (chunk: string) => void, layout: Layout = {}): void {
  const { trace, names } = report;
  const { graph, shape, value, grad, localOffset, local, sentOffset, sent, hasGradient } = trace;
  const { first, args } = graph;
  const [nl, pad, node] = layout.compact ? ['', '', ''] : ['\n', '  ', '\n    '];
  const { nodeHead, edgeHead, expression, gradientKey } = layout.reuse ? fixedText(graph, names) : graphText(graph, names);
  const at = (i: number, of: Float64Array): string => tensorJson(trace, i, of);
  const root = graph.size - 1;
  // Only the fields asked for (--fields), each made only if it is: nodes are most of the work.
  const only = layout.fields;
  const wanted = (key: Field): boolean => only === undefined || only.has(key);
  const parts: string[] = [];
  if (layout.head) {
    for (const k in layout.head) {
      const v = layout.head[k];
      parts.push(`"${k}": ${typeof v === 'number' ? num(v) : typeof v === 'string' ? str(v) : JSON.stringify(v)}`);
    }
  }
  const ok = overallOk(report);
  if (wanted('schema')) parts.push('"schema": 1');
  if (wanted('expression')) parts.push(`"expression": ${expression}`);
  if (wanted('value')) parts.push(`"value": ${at(root, value)}`);
  if (trace.seed && wanted('seed')) parts.push(`"seed": ${nested(shape[root]!, trace.seed)}`);
  if (wanted('gradients')) {
    let text = '"gradients": {';
    for (let k = 0; k < graph.variables.length; k++) {
      const v = graph.variables[k]!.node;
      text += `${k ? ',' : ''}${gradientKey(k)}${hasGradient[v] ? at(v, grad) : 'null'}`;
    }
    parts.push(`${text}${graph.variables.length ? ' ' : ''}}`);
  }
  const { jacobians, symbolic, check, expectations } = report;
  if (jacobians && wanted('jacobian')) parts.push(`"jacobian": {${[...jacobians].map(([v, j]) => ` ${str(v)}: ${j ? nested(j.shape, j.data) : 'null'}`).join(',')} }`);
  if (symbolic && wanted('symbolic')) parts.push(`"symbolic": {${[...symbolic].map(([v, s]) => ` ${str(v)}: ${s.formula === undefined ? 'null' : str(s.formula)}`).join(',')} }`);
  if (check && wanted('check')) parts.push(`"check": ${checkJson(check)}`);
  if (expectations && wanted('expectations')) parts.push(`"expectations": [${expectations.map(expectationJson).join(',')}]`);
  // A batch line always says whether it held.
  if (ok !== undefined && (wanted('ok') || layout.head)) parts.push(`"ok": ${ok}`);
  const sep = `,${nl}${pad}`;
  let chunk = `{${nl}${pad}${parts.join(sep)}`;
  if (wanted('nodes')) chunk += `${parts.length ? sep : ''}"nodes": [`;
  const sentOf = (e: number, c: number): string =>
    shape[c]!.length === 0 ? num(sent[sentOffset[e]!]!) : nested(shape[c]!, sent.subarray(sentOffset[e]!, sentOffset[e + 1]!));
  for (let i = 0; i < graph.size && wanted('nodes'); i++) {
    // Ids and labels are made of names, numbers and operators: nothing to escape.
    let line = `${i === 0 ? node : `,${node}`}${nodeHead(i)}${at(i, value)},"gradient":${hasGradient[i] ? at(i, grad) : 'null'},"inputs":[`;
    let edges: Edge[] | undefined;
    for (let e = first[i]!; e < first[i + 1]!; e++) {
      const c = args[e]!;
      const scalar = shape[c]!.length === 0;
      const l0 = localOffset[e]!;
      const l1 = localOffset[e + 1]!;
      let rest: string;
      if (hasGradient[c] && hasGradient[i] && l1 > l0) {
        // The common case, without describing the edge: a local derivative of the input's shape.
        rest = `${scalar ? num(local[l0]!) : nested(shape[c]!, local.subarray(l0, l1))},"sent":${sentOf(e, c)}`;
      } else {
        edges ??= edgesOf(trace, names, i);
        const edge = edges[e - first[i]!]!;
        rest = edge.kind === 'none' ? `null,"rule":${str(ruleText(edge))},"sent":null` : `null,"rule":${str(ruleText(edge))},"sent":${sentOf(e, c)}`;
      }
      line += `${e === first[i] ? '' : ','}${edgeHead(e)}${rest}}`;
    }
    chunk += `${line}]}`;
    if (chunk.length > CHUNK) {
      out(chunk);
      chunk = '';
    }
  }
  if (wanted('nodes')) chunk += `${nl}${pad}]`;
  if (wanted('warnings')) {
    const warnings = [...trace.warnings.map((w) => warningText(w, trace, names)), ...symbolicNotes(report)].map(str);
    const list = warnings.length ? (layout.compact ? warnings.join(',') : `\n    ${warnings.join(',\n    ')}\n  `) : '';
    chunk += `${parts.length || wanted('nodes') ? sep : ''}"warnings": [${list}]`;
  }
  out(`${chunk}${nl}}\n`);
}

/** A node's value or gradient (`of`): a number, or nested arrays. */
function tensorJson({ shape, offset }: Trace, i: number, of: Float64Array): string {
  return shape[i]!.length === 0 ? num(of[offset[i]!]!) : nested(shape[i]!, of.subarray(offset[i]!, offset[i + 1]!));
}

/** A closed form that --symbolic could not give is a warning in JSON: the document's symbolic entry is null. */
export const symbolicNotes = (report: Report): string[] =>
  [...(report.symbolic ?? [])].flatMap(([name, s]) => (s.why ? [symbolicNote(name, s.why, 'en')] : []));

interface GraphText {
  /** `{"id":"n3","op":"multiply","label":"w0 * x0","value":` */
  nodeHead(i: number): string;
  /** `{"id":"x0","local":` */
  edgeHead(e: number): string;
  /** ` "x0": `, variable k's key in "gradients" */
  gradientKey(k: number): string;
  readonly expression: string;
}

/** The text of a document that depends on the graph alone, made as it is written. */
function graphText(graph: Trace['graph'], names: Names): GraphText {
  const { ids, labels } = names;
  // Ids and labels are made of names, numbers and operators: nothing to escape.
  return {
    nodeHead: (i) => {
      const name = graph.named.get(i);
      return `{"id":"${ids[i]}","op":"${OPS[graph.op[i]!]!.name}","label":"${labels[i]}",${name === undefined ? '' : `"name":${str(name)},`}"value":`;
    },
    edgeHead: (e) => `{"id":"${ids[graph.args[e]!]}","local":`,
    gradientKey: (k) => ` ${str(graph.variables[k]!.name)}: `,
    expression: str(expressionText(graph)),
  };
}

/** The same, made once and kept: a batch writes one graph's document thousands of times. */
const fixedTexts = new WeakMap<Names, GraphText>();

function fixedText(graph: Trace['graph'], names: Names): GraphText {
  let fixed = fixedTexts.get(names);
  if (!fixed) {
    const text = graphText(graph, names);
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
export function nested(shape: Shape, data: Float64Array): string {
  const row = (from: number, n: number): string => {
    let text = '[';
    for (let k = 0; k < n; k++) text += (k ? ',' : '') + num(data[from + k]!);
    return `${text}]`;
  };
  if (shape.length === 1) return row(0, shape[0]!);
  const [rows, cols] = shape as [number, number];
  let text = '[';
  for (let r = 0; r < rows; r++) text += (r ? ',' : '') + row(r * cols, cols);
  return `${text}]`;
}

/** The error document of SPEC §5. */
export function renderJsonError(code: string, message: string, details: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ schema: 1, error: { code, message, ...details } }, null, 2)}\n`;
}
