// The --json document of SPEC §3, written as text directly: one line per
// node keeps it readable and grep-able, and writing it costs about a
// microsecond a node.
import type { Trace } from '../graph.js';
import { OPS } from '../ops.js';
import type { Names } from './labels.js';
import { warningText } from './messages.js';

/** JSON has no Infinity or NaN: those are written as strings. */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : `"${x}"`);
const str = (s: string): string => JSON.stringify(s);

export function renderJson(trace: Trace, names: Names): string {
  const { graph, value, grad, local, sent } = trace;
  const { ids, labels } = names;
  const nodes: string[] = new Array<string>(graph.size);
  for (let i = 0; i < graph.size; i++) {
    const inputs: string[] = [];
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) {
      inputs.push(`{"id":${str(ids[graph.args[e]!]!)},"local":${num(local[e]!)},"sent":${num(sent[e]!)}}`);
    }
    nodes[i] =
      `{"id":${str(ids[i]!)},"op":"${OPS[graph.op[i]!]!.name}","label":${str(labels[i]!)},` +
      `"value":${num(value[i]!)},"gradient":${num(grad[i]!)},"inputs":[${inputs.join(',')}]}`;
  }
  const gradients = graph.variables.map((v) => `${str(v.name)}: ${num(grad[v.node]!)}`).join(', ');
  const warnings = trace.warnings.map((w) => str(warningText(w, trace, names)));
  return [
    '{',
    '  "schema": 1,',
    `  "expression": ${str(names.expression)},`,
    `  "value": ${num(value[graph.size - 1]!)},`,
    `  "gradients": {${gradients ? ` ${gradients} ` : ''}},`,
    `  "nodes": [\n    ${nodes.join(',\n    ')}\n  ],`,
    `  "warnings": [${warnings.length ? `\n    ${warnings.join(',\n    ')}\n  ` : ''}]`,
    '}',
    '',
  ].join('\n');
}

/** The error document of SPEC §5. */
export function renderJsonError(code: string, message: string, details: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ schema: 1, error: { code, message, ...details } }, null, 2)}\n`;
}
