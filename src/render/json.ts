// The --json document of SPEC §3. One line per node keeps it readable and
// grep-able. It is written as text directly, about a microsecond a node
// (measured with `npm run bench`).
import type { Trace } from '../graph.js';
import { OPS } from '../ops.js';
import { expressionText, type Names } from './labels.js';
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
export function writeJson(trace: Trace, names: Names, out: (chunk: string) => void): void {
  const { graph, value, grad, local, sent } = trace;
  const { first, args } = graph;
  const { ids, labels } = names;
  const opNames = OPS.map((o) => `","op":"${o.name}","label":"`);
  let chunk =
    `{\n  "schema": 1,\n  "expression": ${str(expressionText(graph))},\n` +
    `  "value": ${num(value[graph.size - 1]!)},\n` +
    `  "gradients": {${graph.variables.map((v) => ` ${str(v.name)}: ${num(grad[v.node]!)}`).join(',')}${graph.variables.length ? ' ' : ''}},\n` +
    '  "nodes": [';
  for (let i = 0; i < graph.size; i++) {
    // Ids and labels are made of names, numbers and operators: nothing to escape.
    let line = `${i === 0 ? '\n' : ',\n'}    {"id":"${ids[i]}${opNames[graph.op[i]!]}${labels[i]}","value":${num(value[i]!)},"gradient":${num(grad[i]!)},"inputs":[`;
    for (let e = first[i]!; e < first[i + 1]!; e++) {
      line += `${e === first[i] ? '' : ','}{"id":"${ids[args[e]!]}","local":${num(local[e]!)},"sent":${num(sent[e]!)}}`;
    }
    chunk += `${line}]}`;
    if (chunk.length > CHUNK) {
      out(chunk);
      chunk = '';
    }
  }
  const warnings = trace.warnings.map((w) => str(warningText(w, trace, names)));
  out(`${chunk}\n  ],\n  "warnings": [${warnings.length ? `\n    ${warnings.join(',\n    ')}\n  ` : ''}]\n}\n`);
}

/** The whole document as one string. */
export function renderJson(trace: Trace, names: Names): string {
  const chunks: string[] = [];
  writeJson(trace, names, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/** The error document of SPEC §5. */
export function renderJsonError(code: string, message: string, details: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ schema: 1, error: { code, message, ...details } }, null, 2)}\n`;
}
