// --expect (SPEC §6): a student's answers, checked as a person reads them.
// The answer is for f, for ∂f/∂NAME (a variable or a node a statement named),
// or for a named node's value. A whole number or a fraction (2/5) means that
// exact value; an answer written with k decimals holds when the true value
// rounds to it (the lecture's -0.53 for -0.5344); --tol (0 allowed) sets the
// tolerance instead. A tensor's entries each keep their own.
import { fail } from '../errors.js';
import type { Value } from '../graph/engine.js';
import { tensorOf, type Trace } from '../graph/graph.js';
import { nodesByName, outputName } from '../graph/names.js';
import { sameShape, type Tensor } from '../graph/tensor.js';
import { FRACTION, parseValue } from '../language/bindings.js';
import { lookalikeIn } from '../language/lookalikes.js';
import { quote } from '../quote.js';
import { answerSource } from '../texts.js';

/** What an answer is about: f, a name's gradient ∂f/∂NAME, or a named node's value. */
export type Target = { readonly kind: 'f' } | { readonly kind: 'gradient' | 'value'; readonly name: string; /** ∂L/∂x written out: L, which must be the output. */ readonly of?: string };

export interface Expectation {
  readonly target: Target;
  /** As written: `value=0.73`, `x=-0.53`, `value:q=3`, `grad:value=1`. */
  readonly text: string;
  readonly expected: Value;
  /** Per entry: how far the true value may be. */
  readonly tolerance: Float64Array;
  /** Per entry: the answer was exact (a whole number or a fraction), not rounded. */
  readonly exact: Uint8Array;
  /** Where it was written: a batch line's "expect" (true), or --expect; its messages say which, and how to mend it there. */
  readonly line: boolean;
}

/** An entry of a tensor answer that does not hold: where, and by how much it may differ. */
export interface WrongEntry {
  readonly index: readonly number[];
  readonly expected: number;
  readonly actual: number;
  readonly tolerance: number;
}

export interface ExpectationResult {
  readonly expectation: Expectation;
  /** The true value (null for a name that has no gradient: a variable used only as an index). */
  readonly actual: Tensor | null;
  readonly ok: boolean;
  /** The entries that do not hold. */
  readonly wrong: readonly WrongEntry[];
  /** What the output is called (f, or L for L = …), for the verdict's ∂L/∂x. */
  readonly output: string;
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** How close an exact answer must be: 1e-9 of its size (and 1e-9 itself near 0). */
export const exactTolerance = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));

/** Half a unit in the last written place: 0.005 for -0.53, 0.0005 for 1e-3; exact (0) for a whole number. */
export function writtenTolerance(token: string): number {
  const [mantissa, exponent] = token.toLowerCase().split('e') as [string, string | undefined];
  if (!mantissa.includes('.') && exponent === undefined) return 0;
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0);
  // Read from its decimal text, so that it prints as written: 0.5 * 10 ** -5 is 0.0000049999999999999996.
  return Number(`5e${-decimals - 1}`);
}

/** ∂f/∂x or df/dx, as the lecture and the table write a gradient. */
const WRITTEN_OUT = /^[∂d]\s*([\p{L}_][\p{L}\p{N}_]*)\s*\/\s*[∂d]\s*([\p{L}_][\p{L}\p{N}_]*)$/u;

function targetOf(name: string): Target {
  if (name === 'value') return { kind: 'f' };
  const written = WRITTEN_OUT.exec(name);
  if (written) return { kind: 'gradient', name: written[2]!, of: written[1]! };
  if (name.startsWith('value:')) return { kind: 'value', name: name.slice(6).trim() };
  return { kind: 'gradient', name: name.replace(/^grad:/, '').trim() };
}

/** Parses `NAME=ANSWER`, as --expect writes it, or a batch line's "expect" (`line`). */
export function parseExpectation(spec: string, tol?: number, line = false): Expectation {
  const eq = spec.indexOf('=');
  // x= (an answer left out, or a shell variable that was empty: --expect x=$ANSWER) says the form, not 'not a number'.
  if (eq <= 0 || spec.slice(eq + 1).trim() === '') throw fail('expectSyntax', { spec: quote(spec), line });
  const name = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1);
  // Said back as NAME=ANSWER, without the white space around either: a CRLF file's \r would return the
  // terminal's cursor in the middle of the verdict ("expect x=-0.20\r: ok" shows as ": ok").
  const said = `${name}=${text.trim()}`;
  const target = targetOf(name);
  // x=-4,y=-4: two answers in one.
  const second = /,\s*((?:value:|grad:)?[\p{L}_][\p{L}\p{N}_]*)\s*=/u.exec(text);
  if (second) throw fail('expectOneEach', { spec: quote(spec), first: `${name}=${text.slice(0, second.index).trim()}`, second: text.slice(second.index + 1).trim(), line });
  // x=0.39±0.01: a tolerance is --tol's.
  const plusMinus = /^\s*(\S+?)\s*(?:±|\+-|\+\/-)\s*(\S+)\s*$/.exec(text);
  if (plusMinus) throw fail('expectPlusMinus', { spec: quote(spec), answer: line ? `"${name}": ${plusMinus[1]}` : `${name}=${plusMinus[1]}`, tol: plusMinus[2]!, line });
  const fraction = FRACTION.exec(text);
  if (fraction) {
    const expected = Number(fraction[1]) / Number(fraction[2]);
    if (!Number.isFinite(expected)) throw fail('valueNotNumber', { name: `${answerSource({ line })} ${name}`, text: quote(text), odd: lookalikeIn(text) });
    return { target, text: said, expected, tolerance: Float64Array.of(tol ?? exactTolerance(expected)), exact: Uint8Array.of(tol === undefined ? 1 : 0), line };
  }
  const expected = parseValue(`${answerSource({ line })} ${name}`, text);
  const values = typeof expected === 'number' ? [expected] : [...expected.data];
  // Written tolerances need each entry's own text; JSON or mathjs syntax keep it.
  const tokens = text.match(NUMBER) ?? [];
  const written = values.map((v, k) => writtenTolerance(tokens[k] ?? String(v)));
  const tolerance = Float64Array.from(values, (v, k) => tol ?? (written[k] === 0 ? exactTolerance(v) : written[k]!));
  const exact = Uint8Array.from(values, (_v, k) => (tol === undefined && written[k] === 0 ? 1 : 0));
  return { target, text: said, expected, tolerance, exact, line };
}

/** The 1-based position of flat entry k in a shape. */
const position = (shape: readonly number[], k: number): number[] =>
  shape.length === 0 ? [] : shape.length === 1 ? [k + 1] : [Math.floor(k / shape[1]!) + 1, (k % shape[1]!) + 1];

/** What an answer's name stands for: a variable's node, or a node a statement named. */
function nodeOf(trace: Trace, expectation: Expectation, name: string): number {
  const { graph } = trace;
  const { target } = expectation;
  // ∂q/∂x is not an answer about f: taken for ∂f/∂x it would be marked against the wrong number.
  const output = outputName(graph);
  if (target.kind === 'gradient' && target.of !== undefined && target.of !== output && target.of !== 'f') throw fail('expectOf', { text: expectation.text, of: target.of, output, name, line: expectation.line });
  const node = nodesByName(graph).get(name);
  if (node !== undefined) return node;
  const names = [...graph.variables.map((v) => v.name), ...graph.named.values()];
  // dx=-4: the gradient of x, as calculus writes its differential.
  const meant = /^d./.test(name) && names.includes(name.slice(1)) ? name.slice(1) : undefined;
  throw fail('expectNoName', { text: expectation.text, name, names, meant, output, line: expectation.line });
}

/** Checks each expectation against a trace. */
export function checkExpectations(trace: Trace, expectations: readonly Expectation[]): ExpectationResult[] {
  const { graph } = trace;
  const output = outputName(graph);
  return expectations.map((expectation) => {
    const { target, expected, tolerance } = expectation;
    let actual: Tensor;
    if (target.kind === 'f') actual = tensorOf(trace, graph.size - 1);
    else {
      const node = nodeOf(trace, expectation, target.name);
      if (target.kind === 'value') actual = tensorOf(trace, node);
      else if (!trace.hasGradient[node]) return { expectation, actual: null, ok: false, wrong: [], output };
      else actual = tensorOf(trace, node, trace.grad);
    }
    const want: Tensor = typeof expected === 'number' ? { shape: [], data: Float64Array.of(expected) } : expected;
    if (!sameShape(want.shape, actual.shape)) {
      throw fail('expectShape', { text: expectation.text, answer: want.shape, what: whatOf(target, output), actual: actual.shape, line: expectation.line });
    }
    // A hair of slack for binary fractions: -0.535 written as -0.54 must not fail on 1e-17.
    const wrong: WrongEntry[] = [];
    want.data.forEach((w, k) => {
      const a = actual.data[k]!;
      if (!(Math.abs(a - w) <= tolerance[k]! * (1 + 1e-9) + 1e-12 * Math.abs(w))) wrong.push({ index: position(want.shape, k), expected: w, actual: a, tolerance: tolerance[k]! });
    });
    return { expectation, actual, ok: wrong.length === 0, wrong, output };
  });
}

/** How an answer's target is written: f, ∂f/∂q, or q (with the output called `out`: L, ∂L/∂q). */
export const whatOf = (t: Target, out: string): string => (t.kind === 'f' ? out : t.kind === 'value' ? t.name : `∂${out}/∂${t.name}`);
