// Bindings (SPEC §2): variable values from the command line, from --vars
// and from the library. A value is a number, or a vector or matrix written
// as JSON ([[0.1, 0.5], [-0.3, 0.8]]) or in mathjs syntax ([0.1, 0.5; -0.3,
// 0.8]), or given as { shape, data }.
import { BackpropError, fail } from '../errors.js';
import type { Value } from '../graph/engine.js';
import { listProblem, sizeOf } from '../graph/tensor.js';
import { compile } from '../pipeline.js';
import { clip, quote } from '../quote.js';
import type { ValueSlip } from '../texts.js';
import { lookalikeIn } from './lookalikes.js';
import { NAMED_CONSTANTS } from './lower.js';

/** A mathjs symbol: letters (any script), digits, _ and $, not starting with a digit. */
export const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
/** A number as a shell passes it: -2, 1e-3, .5, +3. */
const A_NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const NUMBER = new RegExp(`^${A_NUMBER}$`);
/** A fraction as a student writes an answer, 2/5: the value a binding is not, and an answer may be. */
export const FRACTION = /^\s*([-+]?\d+)\s*\/\s*(\d+)\s*$/;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Whether every entry of xs passes, holes included: Array.prototype.every skips a hole, so [1, , 3] would pass as a vector. */
function all<T>(xs: readonly T[], test: (x: T) => boolean): boolean {
  for (let i = 0; i < xs.length; i++) if (!(i in xs) || !test(xs[i]!)) return false;
  return true;
}

/** { shape, data } as the library takes it: a shape of at most two dimensions, and its numbers. */
function tensorValue(name: string, t: { shape: unknown; data: unknown }): Value {
  const { shape, data } = t;
  const dims = Array.isArray(shape) && shape.length <= 2 && all(shape, (d) => Number.isInteger(d) && (d as number) > 0) ? (shape as number[]) : undefined;
  const numbers = Array.isArray(data) || ArrayBuffer.isView(data) ? Array.from(data as ArrayLike<unknown>) : undefined;
  if (!dims || !numbers || numbers.length !== sizeOf(dims) || !numbers.every(finite)) throw fail('valueRagged', { name });
  return dims.length === 0 ? numbers[0]! : { shape: [...dims], data: Float64Array.from(numbers) };
}

/** A parsed JSON value (or the library's) as a binding: a finite number, or a rectangular vector or matrix of them. */
export function toValue(name: string, json: unknown): Value {
  if (finite(json)) return json;
  // 1e999 in a JSON file reads as Infinity: said as the number it is, not as 'not a number, a vector or a matrix'.
  if (typeof json === 'number') throw fail('valueNotNumber', { name, text: quote(String(json)), slip: valueSlip(String(json)) });
  if (typeof json === 'object' && json !== null && 'shape' in json && 'data' in json) return tensorValue(name, json);
  // A typed array is a vector to a JavaScript caller, as NumPy's 1-D array is.
  if (json instanceof Float64Array || json instanceof Float32Array) return toValue(name, Array.from(json));
  if (typeof json === 'string') {
    const t = json.trim();
    // "2" or "[[1, 2], [3, 4]]": a value that reads once its quotes are gone.
    throw fail('valueString', { name, text: quote(json), odd: lookalikeIn(json), slip: reads(name, t) ? { kind: 'quoted', instead: clip(t, 40) } : valueSlip(t) });
  }
  if (!Array.isArray(json)) throw fail('valueNotTensor', { name });
  if (json.length > 0 && all(json, finite)) return { shape: [json.length], data: Float64Array.from(json) };
  const rows = json as unknown[][];
  const cols = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (cols > 0 && all(rows, (r) => Array.isArray(r) && r.length === cols && all(r, finite))) {
    const data = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => data.set(r as number[], i * cols));
    return { shape: [rows.length, cols], data };
  }
  // Not one: which part of a hand-written file is wrong ([], [1, [2]], [[[1]]], a row shorter than the first) is
  // looked for only now, as a 1024×1024 matrix's extra scans cost 40 ms.
  const problem = listProblem(json, (x: unknown) => (Array.isArray(x) ? (x as unknown[]) : undefined));
  // A hole ([[1], , [2]] from a library caller) is a missing entry, not a number among rows.
  if (problem && !(problem.kind === 'mixed' && !all(json, () => true))) throw fail('valueShape', { name, problem });
  throw fail('valueEntry', { name, ...badEntry(json) });
}

/** The first entry of a vector or a matrix that is not a finite number: where (1-based, as indices count), and what it is. */
function badEntry(json: readonly unknown[]): { at: number[]; text: string; quoted: boolean } {
  const describe = (x: unknown, where: number[]): { at: number[]; text: string; quoted: boolean } => {
    let text: string;
    try {
      text = typeof x === 'string' ? quote(x, 20) : typeof x === 'number' || x === undefined ? String(x) : clip(JSON.stringify(x) ?? typeof x, 20);
    } catch {
      text = typeof x; // a BigInt, or an object with a cycle, from a library caller
    }
    return { at: where, text, quoted: typeof x === 'string' && NUMBER.test(x.trim()) };
  };
  for (let i = 0; i < json.length; i++) {
    const item = json[i];
    if (!Array.isArray(item)) {
      if (!(i in json) || !finite(item)) return describe(item, [i + 1]);
      continue;
    }
    for (let j = 0; j < item.length; j++) if (!(j in item) || !finite(item[j])) return describe(item[j], [i + 1, j + 1]);
  }
  return describe(undefined, [1]); // not reached: toValue asks only when some entry is not a number
}

/** Whether a binding's text reads as a value. */
function reads(name: string, text: string): boolean {
  try {
    parseValue(name, text);
    return true;
  } catch (e) {
    if (e instanceof BackpropError) return false;
    throw e;
  }
}

/** A value's text that does not read, quoted, with the look-alike that may be why (−2 for -2). */
const unreadable = (key: 'valueNotNumber' | 'valueNotMatrix' | 'valueNotNumbers', name: string, text: string): BackpropError =>
  fail(key, { name, text: quote(text), odd: lookalikeIn(text), slip: valueSlip(text.trim()) });

/** Numbers with commas and no brackets (1, 2), and in brackets without commas ([1 2 3], as NumPy prints them). */
const LIST = new RegExp(`^${A_NUMBER}(?:\\s*,\\s*${A_NUMBER})+$`);
const SPACED = new RegExp(`^\\[\\s*${A_NUMBER}(?:\\s+${A_NUMBER})+\\s*\\]$`);

/** What a value that does not read most likely meant, and how to write it: 1/3, 1,2, (1, 2), [1 2 3], pi, Infinity. */
export function valueSlip(t: string): { kind: ValueSlip; instead: string; or?: string } | undefined {
  const fraction = FRACTION.exec(t);
  if (fraction && Number(fraction[2]) !== 0) return { kind: 'fraction', instead: String(Number(fraction[1]) / Number(fraction[2])) };
  const bracketed = (list: string): string => `[${list.split(',').map((x) => x.trim()).join(', ')}]`;
  // 0,39: a decimal comma (as much of Europe writes it), or a vector without its brackets.
  const comma = /^([+-]?\d+),(\d+)$/.exec(t);
  if (comma) return { kind: 'decimalComma', instead: `${comma[1]}.${comma[2]}`, or: bracketed(t) };
  if (LIST.test(t)) return { kind: 'brackets', instead: bracketed(t) };
  const parens = /^\((.*)\)$/s.exec(t);
  if (parens && LIST.test(parens[1]!.trim())) return { kind: 'brackets', instead: bracketed(parens[1]!) };
  if (SPACED.test(t)) return { kind: 'commas', instead: `[${t.slice(1, -1).trim().split(/\s+/).join(', ')}]` };
  const constant = NAMED_CONSTANTS.get(t);
  if (constant !== undefined) return { kind: 'constant', instead: String(constant) };
  if (/^[+-]?(inf|infinity|nan)$/i.test(t)) return { kind: 'nonFinite', instead: '' };
  return undefined;
}

/** The value in a binding's text, or a bad-value error naming the variable. */
export function parseValue(name: string, text: string): Value {
  const t = text.trim();
  if (NUMBER.test(t)) {
    const x = Number(t);
    if (Number.isFinite(x)) return x;
    throw fail('valueTooLarge', { name, text: clip(t, 40) });
  }
  if (!t.startsWith('[')) throw unreadable('valueNotNumber', name, text);
  try {
    return toValue(name, JSON.parse(t));
  } catch (e) {
    if (e instanceof BackpropError) throw e;
  }
  // mathjs matrix syntax: parsed (never evaluated) to a literal of numbers.
  let graph;
  try {
    graph = compile(t);
  } catch (e) {
    // [1, 2; 3]: which row is short, said of the value.
    if (e instanceof BackpropError && e.key === 'matrixShape') throw fail('valueShape', { name, problem: (e as BackpropError<'matrixShape'>).params.problem });
    throw unreadable('valueNotMatrix', name, text);
  }
  const tensor = graph.size === 1 ? graph.tensors.get(0) : undefined;
  if (!tensor) throw unreadable('valueNotNumbers', name, text);
  return tensor;
}

/** What a hand-written JSON text most often has that JSON does not: said instead of the parser's words alone. */
export type JsonSlip = 'trailingComma' | 'singleQuotes' | 'nonFinite' | 'leadingDot' | 'bareKey' | 'comment' | 'twoValues' | 'assignments' | 'lineAssignments';

/** Why JSON.parse refused `text`: its reason, where (line and column, 1-based, when it says), and the slip it likely is. */
export function jsonProblem(text: string, error: unknown): { reason: string; where: string; slip: JsonSlip | '' } {
  const message = error instanceof Error ? error.message : String(error);
  const at = / at position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : undefined;
  // V8 quotes the whole text in some messages (`Unexpected token 'N', "{…}" is not valid JSON`): the token is enough.
  const reason = message.replace(/ (in JSON )?at position \d+.*$/s, '').replace(/^(Unexpected token '.+?'), ".*" is not valid JSON$/s, '$1');
  const token = position !== undefined ? text[position] : /^Unexpected token '(.+?)'/.exec(message)?.[1];
  const before = text.slice(0, position ?? text.search(/,\s*[\]}]/) + 1).trimEnd();
  const slip: JsonSlip | '' =
    (token === '}' || token === ']') && before.endsWith(',') ? 'trailingComma'
    : token === "'" ? 'singleQuotes'
    : (token === 'N' || token === 'I' || token === '-') && /(^|[\s,[:])-?(NaN|Infinity)\b/.test(text) ? 'nonFinite'
    : token === '.' ? 'leadingDot'
    : /^Expected (property name|double-quoted property name)/.test(reason) && token !== undefined && /[\p{L}_$]/u.test(token) ? 'bareKey'
    : token === '/' && /\/[/*]/.test(text) ? 'comment'
    : /^Unexpected non-whitespace character after JSON/.test(reason) ? 'twoValues'
    : /^\s*[\p{L}_][\p{L}\p{N}_]*\s*[=:]/u.test(text) ? 'assignments'
    : '';
  if (position === undefined) return { reason, where: '', slip };
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length;
  return { reason, where: `${line}:${position - lineStart + 1}`, slip };
}

/** A --vars file this small may be written by hand, where a name copied twice is likely; a program's output is not. */
const HAND_WRITTEN = 1 << 20;

/**
 * A key the top-level object of a JSON text has twice, which JSON.parse
 * keeps the last of in silence ({"x": 1, "y": 2, "x": 3}). Strings and
 * brackets are found by one regular expression, numbers skipped whole.
 */
function duplicateKey(text: string): string | undefined {
  const token = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;
  const colon = /\s*:/y; // a string followed by a colon is a key
  const keys = new Set<string>();
  let depth = 0;
  for (let m; (m = token.exec(text)) !== null; ) {
    const t = m[0];
    colon.lastIndex = token.lastIndex;
    if (t === '{' || t === '[') depth++;
    else if (t === '}' || t === ']') depth--;
    else if (depth === 1 && colon.test(text)) {
      const key = JSON.parse(t) as string;
      if (keys.has(key)) return key;
      keys.add(key);
    }
  }
  return undefined;
}

/** The bindings in a --vars file: a JSON object of values. */
export function parseVarsFile(text: string, source: string): Map<string, Value> {
  // An empty file (a redirect that wrote nothing) is said as such, not as JSON's 'Unexpected end of JSON input'.
  if (text.trim() === '') throw fail('varsEmpty', { source });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw fail('varsNotJson', { source, ...jsonProblem(text, e) });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail('varsNotObject', { source });
  const twice = text.length <= HAND_WRITTEN ? duplicateKey(text) : undefined;
  if (twice !== undefined) throw fail('varsTwice', { source, name: quote(twice, 40) });
  // {"vars": {"x": 1}}: a batch line's shape, whose bindings are one level down.
  const vars = (data as Record<string, unknown>).vars;
  if (typeof vars === 'object' && vars !== null && !Array.isArray(vars)) throw fail('varsBatchLine', { source });
  const out = new Map<string, Value>();
  for (const [name, value] of Object.entries(data)) {
    if (!NAME.test(name)) throw fail('notVariableName', { where: source, name: quote(name) });
    out.set(name, toValue(name, value));
  }
  return out;
}
