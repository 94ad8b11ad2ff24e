// The --json document of SPEC §3. One line per node keeps it readable and
// grep-able. It is written as text directly, in chunks that are encoded as
// they fill: a million nodes must not leave a million string pieces for the
// garbage collector to trace (measured with `npm run bench`).
import type { Trace } from '../graph.js';
import { OPS } from '../ops.js';
import { expressionText, type Names } from './labels.js';
import { warningText } from './messages.js';

/** JSON has no Infinity or NaN: those are written as strings. */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : `"${x}"`);
const str = (s: string): string => JSON.stringify(s);
const CHUNK = 1 << 16;

export function renderJson(trace: Trace, names: Names): string {
  const { graph, value, grad, local, sent } = trace;
  const { first, args } = graph;
  const { ids, labels } = names;
  const opNames = OPS.map((o) => `","op":"${o.name}","label":"`);
  const parts: Buffer[] = [];
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
      parts.push(Buffer.from(chunk));
      chunk = '';
    }
  }
  const warnings = trace.warnings.map((w) => str(warningText(w, trace, names)));
  chunk += `\n  ],\n  "warnings": [${warnings.length ? `\n    ${warnings.join(',\n    ')}\n  ` : ''}]\n}\n`;
  parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString();
}

/** The error document of SPEC §5. */
export function renderJsonError(code: string, message: string, details: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ schema: 1, error: { code, message, ...details } }, null, 2)}\n`;
}
