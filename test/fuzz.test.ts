// Fuzzing with fast-check: random expressions over the whole language, whose
// gradients must match central differences; and random or mangled input,
// which must give exit 0 or 2, never an internal error or a stack trace.
// The seed is fixed so that CI is repeatable; FUZZ_SEED=… FUZZ_RUNS=… explore.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../src/homework/check.js';
import { compile } from '../src/pipeline.js';
import { exec, type Value } from './helpers.js';
import { cli } from './cli-harness.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261127);
const numRuns = Number(process.env.FUZZ_RUNS ?? 150);
const params = { seed, numRuns };

/** Functions applied where they are smooth and finite, whatever their argument. */
const SMOOTH_UNARY = [
  (e: string) => `exp(tanh(${e}))`,
  (e: string) => `log(1 + square(${e}))`,
  (e: string) => `sqrt(2 + sin(${e}))`,
  (e: string) => `sigmoid(${e})`,
  (e: string) => `softplus(${e})`,
  (e: string) => `tanh(${e})`,
  (e: string) => `atan(${e})`,
  (e: string) => `cos(${e})`,
  (e: string) => `cube(tanh(${e}))`,
  (e: string) => `-(${e})`,
  (e: string) => `log2(3 + cos(${e}))`,
  (e: string) => `asin(tanh(${e}) / 2)`,
  (e: string) => `sinh(tanh(${e}))`,
  (e: string) => `expm1(sin(${e}))`,
  (e: string) => `log1p(square(${e}))`,
  (e: string) => `cbrt(2 + sin(${e}))`,
  (e: string) => `log10(2 + cos(${e}))`,
  (e: string) => `acos(tanh(${e}) / 2)`,
  (e: string) => `cosh(tanh(${e}))`,
];
const SMOOTH_BINARY = [
  (a: string, b: string) => `(${a}) + (${b})`,
  (a: string, b: string) => `(${a}) - (${b})`,
  (a: string, b: string) => `(${a}) * (${b})`,
  (a: string, b: string) => `(${a}) / (1 + square(${b}))`,
  (a: string, b: string) => `pow(1 + square(${a}), tanh(${b}))`,
  (a: string, b: string) => `(2 + sin(${a})) ^ cos(${b})`,
  (a: string, b: string) => `log(2 + sin(${a}), 3 + cos(${b}))`,
  (a: string, b: string) => `(${a}) .* (${b})`,
];

const scalarExpression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', 'c', '2', '0.5', 'pi'),
    fc.tuple(fc.nat(SMOOTH_UNARY.length - 1), tie('e')).map(([k, e]) => SMOOTH_UNARY[k]!(e)),
    fc.tuple(fc.nat(SMOOTH_BINARY.length - 1), tie('e'), tie('e')).map(([k, a, b]) => SMOOTH_BINARY[k]!(a, b)),
  ),
})).e;

/** Scalar-valued expressions over a 2-vector v and a 2×2 matrix M. */
const vectorExpression: fc.Arbitrary<string> = fc.letrec<{ v: string; m: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('v', '[a, 2 * b]'),
    tie('m').chain((m) => tie('v').map((v) => `(${m}) * (${v})`)),
    tie('v').chain((x) => tie('m').map((m) => `(${x})' * (${m})`)),
    tie('v').map((x) => `tanh(${x})`),
    tie('v').map((x) => `softmax(${x})`),
    tie('v').chain((x) => tie('v').map((y) => `(${x}) .* (${y})`)),
    tie('v').map((x) => `a * (${x}) - b`),
  ),
  m: fc.oneof(
    { depthSize: 'small' },
    fc.constant('M'),
    tie('m').map((m) => `(${m})'`),
    tie('m').chain((x) => tie('m').map((y) => `(${x}) * (${y})`)),
    tie('m').map((x) => `exp(tanh(${x}))`),
    tie('m').chain((x) => tie('m').map((y) => `(${x}) ./ (2 + sin(${y}))`)),
  ),
})).v.chain((v) =>
  fc.constantFrom(`sum(${v})`, `logsumexp(${v})`, `norm(${v} + 3)`, `dot(${v}, v)`, `mean(${v}) * a`, `(${v})[2]`, `sum(softmax(${v}) .^ 2)`),
);

/**
 * Programs of statements (SPEC §1): each names a node that later ones use,
 * some more than once, so that named fan-out is differentiated too.
 */
const program: fc.Arbitrary<string> = fc
  .tuple(scalarExpression, scalarExpression, scalarExpression, fc.boolean())
  .map(([e1, e2, e3, newLines]) => {
    const rename = (e: string, from: string, to: string) => e.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
    const statements = [`q = ${e1}`, `r = ${rename(e2, 'c', 'q')} + q`, `f = (${rename(e3, 'b', 'r')}) * r + q`];
    return statements.join(newLines ? '\n' : '; ');
  });

const value = fc.double({ min: -1, max: 1, noNaN: true });
const values = fc.record({
  a: value, b: value, c: value,
  v: fc.tuple(value, value),
  M: fc.tuple(value, value, value, value),
});

function checkGradients(expression: string, vals: { a: number; b: number; c: number; v: number[]; M: number[] }): void {
  const bindings = new Map<string, Value>([
    ['a', vals.a], ['b', vals.b], ['c', vals.c],
    ['v', { shape: [2], data: Float64Array.from(vals.v) }],
    ['M', { shape: [2, 2], data: Float64Array.from(vals.M) }],
  ]);
  const graph = compile(expression, bindings.keys());
  const used = new Map([...bindings].filter(([name]) => graph.variables.some((x) => x.name === name)));
  const trace = exec(graph, used);
  const result = gradientCheck(graph, trace, used);
  const bad = result.entries.filter((e) => e.verdict === 'wrong' || e.verdict === 'doubtful');
  expect(bad, `${expression} at ${JSON.stringify(vals)}`).toEqual([]);
}

describe('fuzzing', () => {
  it('gradients of random scalar expressions match central differences', () => {
    fc.assert(fc.property(scalarExpression, values, checkGradients), params);
  });

  it('gradients of random vector and matrix expressions match central differences', () => {
    fc.assert(fc.property(vectorExpression, values, checkGradients), params);
  });

  it('gradients of random programs with named statements match central differences', () => {
    fc.assert(fc.property(program, values, checkGradients), params);
  });

  const VOCABULARY = ['x', 'y', '(', ')', '[', ']', ',', ';', '+', '-', '*', '/', '^', '.*', "'", '=', '!', '%', '?', ':',
    '"', '{', '}', '1', '0', '1e308', '-1e-308', 'exp', 'log', 'sum', 'max', 'norm', 'foo', 'pi', 'e', ' ', '\n', '#', '$', '@', '.'];
  const noise = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 30 }).map((xs) => xs.join(''));
  const mangled = fc.tuple(scalarExpression, fc.nat(), fc.string({ maxLength: 4 })).map(
    ([e, at, s]) => e.slice(0, at % (e.length + 1)) + s + e.slice(at % (e.length + 1)),
  );

  it('random and mangled input exits 0 or 2, with no internal error or stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(noise, mangled, fc.string({ maxLength: 40 })), async (text) => {
        const r = await cli(['--', text, 'x=1.5', 'y=-2', 'a=0.3', 'b=0.7', 'c=-0.2']);
        expect([0, 2], text).toContain(r.exit);
        expect(r.stderr, text).not.toMatch(/internal error|\n\s+at /);
      }),
      { seed, numRuns: numRuns * 2 },
    );
  });

  // Every option with every other: whatever the mix, a result, a failed check or a clear error.
  const WORDS = [
    '--json', '--explain', '--format', 'table', 'json', 'dot', 'mermaid', 'explain', '--lang', 'ko', 'en', '--precision', '3', '0',
    '--seed', '[1, 2]', '2', '--jacobian', '--expand', '--symbolic', '--check', '--step', '1e-3', '--expect', 'x=1', 'value=2',
    '--tol', '0', '--batch', '-', '--vars', 'vars.json', '--file', 'neuron.txt', '--out', 'o.txt', '--no-color', '--max-input', '1',
    '--x', '=', 'x=2', 'y=[1, 2]', '--', '-x', '--tl', '--jsno', 'x*y', 'sum(y)*x', 'W', '--help', '-V',
    '--format', 'latex', 'markdown', 'csv', '--fields', 'value,nodes', 'o.svg', 'o.PNG', 'o.json', 'o.csv', 'o.html', 'x −', 'x×y', 'x=−2', '가', '--expect', 'x=２', 'q = x×y; f = q',
  ];
  it('random command lines end in a result, a failed check or a clear error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }), fc.constantFrom('x*y', 'sum(y)*x', 'x^2'), async (words, expression) => {
        const r = await cli([expression, ...words], { stdin: '{"vars": {"x": 1, "y": 2}}\n', files: new Map() });
        expect([0, 1, 2], words.join(' ')).toContain(r.exit);
        expect(r.stderr, words.join(' ')).not.toMatch(/internal error|\n\s+at /);
      }),
      { seed, numRuns },
    );
  });

  it('huge and strange numbers are computed or refused, never a crash', async () => {
    for (const args of [
      ['1e308 * 1e308 + x', 'x=1'], ['x / 0 - x', 'x=0'], ['exp(x)', 'x=1e308'], ['x^y', 'x=-8', 'y=0.3333'],
      ['x', 'x=1e309'], ['x', 'x=-0'], ['sum(W)', '--W=[[1e308, 1e308]]'], ['log(0)'], ['0x1F * x', 'x=2'],
    ]) {
      const r = await cli(args);
      expect([0, 2], args.join(' ')).toContain(r.exit);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
