// --expect: a student's answers (f, or ∂f/∂v for a variable v), checked as a
// person reads them: an answer written with k decimals holds when the true
// value rounds to it (the lecture's -0.53 for -0.5344), unless --tol gives an
// explicit tolerance.
import { parseValue } from '../language/bindings.js';
import type { Value } from '../graph/engine.js';
import { fail } from '../errors.js';
import { quote } from '../quote.js';
import { tensorOf, type Trace } from '../graph/graph.js';
import { sameShape, type Tensor } from '../graph/tensor.js';

export interface Expectation {
  /** A variable's name, or undefined for f itself. */
  readonly variable: string | undefined;
  /** As written: `value=0.73`, `x=-0.53`, `grad:value=1`. */
  readonly text: string;
  readonly expected: Value;
  /** Per entry: how far the true value may be. */
  readonly tolerance: Float64Array;
}

export interface ExpectationResult {
  readonly expectation: Expectation;
  /** The true value (null for a variable that has no gradient). */
  readonly actual: Tensor | null;
  readonly ok: boolean;
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** Half a unit in the last written place: 0.005 for -0.53, 0.5 for 4, 0.0005 for 1e-3. */
export function writtenTolerance(token: string): number {
  const [mantissa, exponent] = token.toLowerCase().split('e') as [string, string | undefined];
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent ?? 0);
  return 0.5 * 10 ** -decimals;
}

/** Parses `NAME=VALUE`; `value=…` is f, `grad:NAME=…` the gradient of a variable named NAME (even `value`). */
export function parseExpectation(spec: string, tol?: number): Expectation {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw fail('expectSyntax', { spec: quote(spec) });
  const name = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1);
  const variable = name === 'value' ? undefined : name.replace(/^grad:/, '');
  const expected = parseValue(`--expect ${name}`, text);
  const tokens = text.match(NUMBER) ?? [];
  const count = typeof expected === 'number' ? 1 : expected.data.length;
  // Written tolerances need each entry's own text; JSON or mathjs syntax keep it.
  const tolerance = new Float64Array(count).map((_, k) => tol ?? writtenTolerance(tokens[k] ?? '0'));
  return { variable, text: spec, expected, tolerance };
}

/** Checks each expectation against a trace. */
export function checkExpectations(trace: Trace, expectations: readonly Expectation[]): ExpectationResult[] {
  const { graph } = trace;
  return expectations.map((expectation) => {
    const { variable, expected, tolerance } = expectation;
    let actual: Tensor;
    if (variable === undefined) actual = tensorOf(trace, graph.size - 1);
    else {
      const v = graph.variables.find((x) => x.name === variable);
      if (!v) {
        throw fail('expectNoVariable', { variable, names: graph.variables.map((x) => x.name) });
      }
      if (!trace.hasGradient[v.node]) return { expectation, actual: null, ok: false };
      actual = tensorOf(trace, v.node, trace.grad);
    }
    const want: Tensor = typeof expected === 'number' ? { shape: [], data: Float64Array.of(expected) } : expected;
    if (!sameShape(want.shape, actual.shape)) {
      const what = variable === undefined ? 'f' : `∂f/∂${variable}`;
      throw fail('expectShape', { text: expectation.text, answer: want.shape, what, actual: actual.shape });
    }
    // A hair of slack for binary fractions: -0.535 written as -0.54 must not fail on 1e-17.
    const ok = want.data.every((w, k) => Math.abs(actual.data[k]! - w) <= tolerance[k]! * (1 + 1e-9) + 1e-12 * Math.abs(w));
    return { expectation, actual, ok };
  });
}
