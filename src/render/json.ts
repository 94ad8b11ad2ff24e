// The --json document of SPEC §3. One line per node keeps it readable and
// grep-able. It is written as text directly, about a microsecond a node
// (measured with `npm run bench`).
import type { Trace } from '../graph/graph.js';
import { OPS } from '../graph/ops.js';
import type { CheckResult } from '../homework/check.js';
import type { ExpectationResult } from '../homework/expect.js';
import type { Shape, Tensor } from '../graph/tensor.js';
import { edgesOf, type Edge } from './edges.js';
import { expressionText, type Names } from '../graph/names.js';
import { warningText } from './messages.js';

// Printing a double is slow (about 0.3 µs) and graphs repeat their numbers
// (weights, gradients of 1, constants): a small direct-mapped cache of recent
// ones more than halves the document's time (measured with `npm run bench`).
const CACHE = 4096;
const cachedKeys = new Float64Array(CACHE).fill(NaN);
const cachedTexts = new Array<string>(CACHE).fill('');
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A number as JSON; JSON has no Infinity or NaN, so those are written as strings. */
function num(x: number): string {
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

/**
 * Writes the document to `out` in chunks of about 64 KB, so that a graph of
 * a million nodes never becomes one 150 MB string.
 */
/** What a document carries besides the trace. */
export interface JsonExtras {
  readonly jacobians?: ReadonlyMap<string, Tensor | null> | undefined;
  readonly check?: CheckResult | undefined;
  readonly expectations?: readonly ExpectationResult[] | undefined;
  /** From --symbolic: per variable, the closed form (or why there is none). */
  readonly symbolic?: ReadonlyMap<string, { formula?: string; why?: string }> | undefined;
  /** Fields first in the document (a batch line's id and line). */
  readonly head?: Readonly<Record<string, unknown>> | undefined;
  /** One line, for JSON Lines. */
  readonly compact?: boolean | undefined;
  /** The same graph is written again and again (a batch): keep its fixed text. */
  readonly reuse?: boolean | undefined;
}

/** Whether every check asked for held; undefined when none was asked for. */
export function overallOk(extras: JsonExtras): boolean | undefined {
  if (!extras.check && !extras.expectations) return undefined;
  return (extras.check?.ok ?? true) && (extras.expectations ?? []).every((e) => e.ok);
}

export function writeJson(trace: Trace, names: Names, out: (chunk: string) => void, extras: JsonExtras = {}): void {
  const { graph, shape, offset, value, grad, localOffset, local, sentOffset, sent } = trace;
  const { first, args } = graph;
  const [nl, pad, node] = extras.compact ? ['', '', ''] : ['\n', '  ', '\n    '];
  const { nodeHead, edgeHead, expression } = extras.reuse ? fixedText(graph, names) : graphText(graph, names);
  /** A node's value or gradient: a number, or nested arrays. */
  const at = (i: number, of: Float64Array): string =>
    shape[i]!.length === 0 ? num(of[offset[i]!]!) : nested(shape[i]!, of.subarray(offset[i]!, offset[i + 1]!));
  const root = graph.size - 1;
  const field = (key: string, json: string): string => `${pad}"${key}": ${json},${nl}`;
  const gradients = graph.variables.map((v) => ` ${str(v.name)}: ${trace.usedAsValue[v.node] ? at(v.node, grad) : 'null'}`);
  const ok = overallOk(extras);
  let chunk =
    `{${nl}` +
    Object.entries(extras.head ?? {}).map(([k, v]) => field(k, JSON.stringify(v))).join('') +
    field('schema', '1') +
    field('expression', expression) +
    field('value', at(root, value)) +
    (trace.seed ? field('seed', nested(shape[root]!, trace.seed)) : '') +
    field('gradients', `{${gradients.join(',')}${gradients.length ? ' ' : ''}}`) +
    (extras.jacobians ? field('jacobian', `{${[...extras.jacobians].map(([v, j]) => ` ${str(v)}: ${j ? nested(j.shape, j.data) : 'null'}`).join(',')} }`) : '') +
    (extras.symbolic ? field('symbolic', `{${[...extras.symbolic].map(([v, s]) => ` ${str(v)}: ${s.formula === undefined ? 'null' : str(s.formula)}`).join(',')} }`) : '') +
    (extras.check ? field('check', checkJson(extras.check)) : '') +
    (extras.expectations ? field('expectations', `[${extras.expectations.map(expectationJson).join(',')}]`) : '') +
    (ok === undefined ? '' : field('ok', String(ok))) +
    `${pad}"nodes": [`;
  for (let i = 0; i < graph.size; i++) {
    // Ids and labels are made of names, numbers and operators: nothing to escape.
    let line = `${i === 0 ? node : `,${node}`}${nodeHead(i)}${at(i, value)},"gradient":${trace.usedAsValue[i] ? at(i, grad) : 'null'},"inputs":[`;
    let edges: Edge[] | undefined;
    for (let e = first[i]!; e < first[i + 1]!; e++) {
      const c = args[e]!;
      const scalar = shape[c]!.length === 0;
      const l0 = localOffset[e]!;
      const l1 = localOffset[e + 1]!;
      let localText: string;
      if (l1 > l0) localText = scalar ? num(local[l0]!) : nested(shape[c]!, local.subarray(l0, l1));
      else {
        edges ??= edgesOf(trace, names, i);
        localText = `null,"rule":${str(edges[e - first[i]!]!.text)}`;
      }
      const sentText = scalar ? num(sent[sentOffset[e]!]!) : nested(shape[c]!, sent.subarray(sentOffset[e]!, sentOffset[e + 1]!));
      line += `${e === first[i] ? '' : ','}${edgeHead(e)}${localText},"sent":${sentText}}`;
    }
    chunk += `${line}]}`;
    if (chunk.length > CHUNK) {
      out(chunk);
      chunk = '';
    }
  }
  const warnings = trace.warnings.map((w) => str(warningText(w, trace, names)));
  const list = warnings.length ? (extras.compact ? warnings.join(',') : `\n    ${warnings.join(',\n    ')}\n  `) : '';
  out(`${chunk}${nl}${pad}],${nl}${pad}"warnings": [${list}]${nl}}\n`);
}

interface GraphText {
  /** `{"id":"n3","op":"multiply","label":"w0 * x0","value":` */
  nodeHead(i: number): string;
  /** `{"id":"x0","local":` */
  edgeHead(e: number): string;
  readonly expression: string;
}

/** The text of a document that depends on the graph alone, made as it is written. */
function graphText(graph: Trace['graph'], names: Names): GraphText {
  const { ids, labels } = names;
  // Ids and labels are made of names, numbers and operators: nothing to escape.
  return {
    nodeHead: (i) => `{"id":"${ids[i]}","op":"${OPS[graph.op[i]!]!.name}","label":"${labels[i]}","value":`,
    edgeHead: (e) => `{"id":"${ids[graph.args[e]!]}","local":`,
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
    fixed = { nodeHead: (i) => nodes[i]!, edgeHead: (e) => edges[e]!, expression: text.expression };
    fixedTexts.set(names, fixed);
  }
  return fixed;
}

function checkJson(c: CheckResult): string {
  const entries = c.entries.map(
    (e) =>
      `{"variable":${str(e.variable)},"index":${JSON.stringify(e.index)},"analytic":${num(e.analytic)},"numeric":${num(e.numeric)},"relativeError":${num(e.relativeError)},"verdict":"${e.verdict}"}`,
  );
  return `{"step":${num(c.step)},"ok":${c.ok},"skipped":${JSON.stringify(c.skipped)},"entries":[${entries.join(',')}]}`;
}

function expectationJson({ expectation: e, actual, ok }: ExpectationResult): string {
  const value = (t: Tensor): string => (t.shape.length === 0 ? num(t.data[0]!) : nested(t.shape, t.data));
  const expected = typeof e.expected === 'number' ? num(e.expected) : value(e.expected);
  return `{"expect":${str(e.text)},"variable":${e.variable === undefined ? 'null' : str(e.variable)},"expected":${expected},"actual":${actual ? value(actual) : 'null'},"tolerance":${num(Math.max(...e.tolerance))},"ok":${ok}}`;
}

/** A tensor as nested JSON arrays. */
function nested(shape: Shape, data: Float64Array): string {
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
