// Bindings (SPEC §2): variable values from the command line and from --vars.
// A value is a number, or a vector or matrix written as JSON
// ([[0.1, 0.5], [-0.3, 0.8]]) or in mathjs syntax ([0.1, 0.5; -0.3, 0.8]).
import type { Value } from '../graph/engine.js';
import { BackpropError, fail } from '../errors.js';
import { compile } from '../index.js';

/** A mathjs symbol: letters (any script), digits, _ and $, not starting with a digit. */
export const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;


/** A parsed JSON value as a binding: a finite number, or a rectangular vector or matrix of them. */
export function toValue(name: string, json: unknown): Value {
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (finite(json)) return json;
  if (!Array.isArray(json) || json.length === 0) throw fail('bad-value', 'valueNotTensor', { name }, { details: { name } });
  if (json.every(finite)) return { shape: [json.length], data: Float64Array.from(json) };
  if (json.every(Array.isArray)) {
    const rows = json as unknown[][];
    const cols = rows[0]!.length;
    if (cols > 0 && rows.every((r) => r.length === cols && r.every(finite))) {
      const data = new Float64Array(rows.length * cols);
      rows.forEach((r, i) => data.set(r as number[], i * cols));
      return { shape: [rows.length, cols], data };
    }
  }
  throw fail('bad-value', 'valueRagged', { name }, { details: { name } });
}

/** The value in a binding's text, or a bad-value error naming the variable. */
export function parseValue(name: string, text: string): Value {
  const t = text.trim();
  if (NUMBER.test(t)) {
    const x = Number(t);
    if (Number.isFinite(x)) return x;
    throw fail('bad-value', 'valueTooLarge', { name, text: t }, { details: { name } });
  }
  if (!t.startsWith('[')) throw fail('bad-value', 'valueNotNumber', { name, text: JSON.stringify(text) }, { details: { name } });
  try {
    return toValue(name, JSON.parse(t));
  } catch (e) {
    if (e instanceof BackpropError) throw e;
  }
  // mathjs matrix syntax: parsed (never evaluated) to a literal of numbers.
  let graph;
  try {
    graph = compile(t);
  } catch {
    throw fail('bad-value', 'valueNotMatrix', { name, text: JSON.stringify(text) }, { details: { name } });
  }
  const tensor = graph.size === 1 ? graph.tensors.get(0) : undefined;
  if (!tensor) throw fail('bad-value', 'valueNotNumbers', { name, text: JSON.stringify(text) }, { details: { name } });
  return tensor;
}

/** The bindings in a --vars file: a JSON object of values. */
export function parseVarsFile(text: string, source: string): Map<string, Value> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw fail('bad-value', 'varsNotJson', { source, reason: (e as Error).message });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw fail('bad-value', 'varsNotObject', { source });
  }
  const out = new Map<string, Value>();
  for (const [name, value] of Object.entries(data)) {
    if (!NAME.test(name)) throw fail('bad-value', 'notVariableName', { where: source, name: JSON.stringify(name) });
    out.set(name, toValue(name, value));
  }
  return out;
}
