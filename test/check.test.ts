// --check, --expect and --batch: the library functions, then the CLI.
import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/homework/batch.js';
import { gradientCheck, relativeError, verdictOf } from '../src/homework/check.js';
import { checkExpectations, parseExpectation, writtenTolerance } from '../src/homework/expect.js';
import { compile } from '../src/pipeline.js';
import { exec, type Trace, type Value } from './helpers.js';
import { cli } from './cli-harness.js';

const neuron = '1/(1+exp(-(w0*x0+w1*x1+w2*x2)))';
const neuronVars = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3, x2: 1 };

function checked(expression: string, vars: Record<string, Value>, tamper?: (t: Trace) => void) {
  const bindings = new Map(Object.entries(vars));
  const graph = compile(expression, bindings.keys());
  const trace = exec(graph, bindings);
  tamper?.(trace);
  return gradientCheck(graph, trace, bindings);
}

describe('gradient check', () => {
  it('defines the relative error as CS231n does', () => {
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1, 0.5)).toBe(0.5);
    expect(relativeError(-2, 2)).toBe(2);
  });

  it('reads it as CS231n does', () => {
    const verdict = (a: number, n: number, kink = false, noise = 1e-12) => verdictOf(a, n, kink, noise).verdict;
    expect(verdict(1, 1 + 1e-9)).toBe('good');
    expect(verdict(1, 1.001)).toBe('doubtful');
    expect(verdict(1, 1.5)).toBe('wrong');
    expect(verdict(1, 1.5, true)).toBe('kink');
    expect(verdict(0, 1e-12)).toBe('good'); // noise around a zero gradient
    expect(verdict(0, 1e-10, false, 0)).toBe('good'); // the central difference's own truncation, h²
    expect(verdict(1e-3, 2e-3, false, 0)).toBe('wrong'); // small, but not that small
  });

  it('says why an entry is good where its relative error does not show it, in the table and in JSON', async () => {
    expect(verdictOf(1, 1 + 1e-9, false, 0)).toEqual({ verdict: 'good' });
    expect(verdictOf(0, 1e-12, false, 0)).toEqual({ verdict: 'good', why: 'absolute' });
    // sum(softmax(v)) is 1 whatever v: its gradient is 0, and both estimates are rounding, a relative error of 1 apart.
    const args = ['sum(softmax(W*x))', '--W=[1,2;3,4]', '--x=[1,2]', '--check'];
    const table = await cli(args);
    expect(table.exit).toBe(0);
    // Said once, below the table, and marked on every entry it is why of.
    expect(table.stdout).toMatch(/W {9}\[1, 2\] +-1\.09807e-18 +-1\.66533e-11 +1\.0e\+0 {2}good \[1\]\n/);
    expect(table.stdout.match(/good \[1\]\n/g)).toHaveLength(6);
    expect(table.stdout).toContain('\n[1] the two differ by less than 1e-9, where a relative error says nothing\ngradient check passed: 6 good,');
    expect((await cli([...args, '--lang', 'ko'])).stdout).toContain('좋음 [1]\n[1] 두 값의 차이가 1e-9보다 작습니다 (이 크기에서는 상대 오차가 의미가 없습니다)\n');
    // On a narrow terminal the note is wrapped, not cut off at the verdict's column.
    const narrow = await cli(args, { tty: true, columns: 50 });
    expect(narrow.stdout).toContain('[1] the two differ by less than 1e-9, where a\n  relative error says nothing\n');
    for (const line of narrow.stdout.split('\n').slice(narrow.stdout.split('\n').findIndex((l) => l.startsWith('Gradient check')))) expect(line.length, line).toBeLessThanOrEqual(50);
    // A verdict judged on Richardson's extrapolation has that note too.
    expect((await cli(['cube(tanh(pi*a))', 'a=0', '--check'])).stdout).toContain("good [1] [2]\n[1] the two differ by less than 1e-9, where a relative error says nothing\n[2] judged by Richardson's extrapolation from h and 2h");
    const { check } = JSON.parse((await cli([...args, '--json', '--fields', 'check'])).stdout) as { check: { entries: { verdict: string; why?: string; relativeError: number }[] } };
    expect(check.entries.map((e) => [e.verdict, e.why])).toEqual(Array.from({ length: 6 }, () => ['good', 'absolute']));
    expect(check.entries.every((e) => e.relativeError > 0.9)).toBe(true);
  });

  it('never calls good what the numbers cannot show', () => {
    // A relative error of 1 is good only in the noise, and only where the noise is small beside the gradient.
    expect(verdictOf(2, 0, false, 9e13)).toEqual({ verdict: 'unchecked', why: 'rounding' });
    expect(verdictOf(2, 1.99, false, 0.02)).toEqual({ verdict: 'good', why: 'noise' });
    const big = checked('sum(v.^2)', { v: { shape: [2], data: Float64Array.of(1e12, 1) } });
    expect(big.entries.map((e) => [e.verdict, e.why])).toEqual([['unchecked', 'step'], ['unchecked', 'rounding']]);
    expect(big.ok).toBe(false);
    // A larger step makes the first one checkable.
    const bindings = new Map([['v', { shape: [2], data: Float64Array.of(1e12, 1) }]]);
    const graph = compile('sum(v.^2)', bindings.keys());
    expect(gradientCheck(graph, exec(graph, bindings), bindings, 1).entries[0]!.verdict).toBe('good');
  });

  it('passes the engine on the lecture examples', () => {
    const c = checked(neuron, neuronVars);
    expect(c.entries).toHaveLength(6);
    expect(c.ok).toBe(true);
    for (const e of c.entries) expect(e.relativeError).toBeLessThan(1e-7);
    const W = { shape: [2, 2], data: Float64Array.of(0.1, 0.5, -0.3, 0.8) };
    const x = { shape: [2], data: Float64Array.of(0.2, 0.4) };
    const v = checked('norm(W*x)^2', { W, x });
    expect(v.entries.map((e) => [e.variable, e.index])).toEqual([
      ['W', [1, 1]], ['W', [1, 2]], ['W', [2, 1]], ['W', [2, 2]], ['x', [1]], ['x', [2]],
    ]);
    expect(v.ok).toBe(true);
  });

  it('fails a wrong gradient', () => {
    const c = checked(neuron, neuronVars, (t) => (t.grad[t.offset[t.graph.variables[0]!.node]!]! *= 2));
    expect(c.ok).toBe(false);
    expect(c.entries[0]!.verdict).toBe('wrong');
    expect(c.entries.slice(1).every((e) => e.verdict === 'good')).toBe(true);
  });

  it('says when a probe crosses a kink instead of failing, and that nothing was checked when every entry does', () => {
    const c = checked('relu(x) * 3 + max(y, 0.5)', { x: 0, y: 0.5 + 1e-7 });
    expect(c.entries.map((e) => e.verdict)).toEqual(['kink', 'kink']);
    expect(c.ok).toBe(false);
    const some = checked('relu(x) * 3 + y^2', { x: 0, y: 2 });
    expect(some.entries.map((e) => e.verdict)).toEqual(['kink', 'good']);
    expect(some.ok).toBe(true);
    expect(checked('relu(x) * 3', { x: 0.5 }).entries[0]!.verdict).toBe('good');
  });

  it('tells curvature from a wrong gradient, by Richardson\'s extrapolation', () => {
    // At a = 0 the gradient is 0 and the plain difference is pi³h² ≈ 3e-9: its own truncation error.
    const c = checked('cube(tanh(pi * a))', { a: 0 });
    expect(c.entries[0]).toMatchObject({ verdict: 'good', refined: true });
    const wrong = checked('cube(tanh(pi * a))', { a: 0 }, (t) => (t.grad[t.offset[t.graph.variables[0]!.node]!] = 1e-6));
    expect(wrong.entries[0]!.verdict).toBe('wrong');
  });

  it('calls no gradient wrong where the step reaches a pole or the edge of the domain, and still fails a wrong one there', () => {
    // 1/x at 1e-6 with h = 1e-5: the probes straddle the pole, and the estimates at h and 2h differ fourfold.
    expect(checked('1/x', { x: 1e-6 }).entries[0]).toMatchObject({ verdict: 'unchecked', why: 'unsettled' });
    expect(checked('1/x', { x: 0.5 }).entries[0]!.verdict).toBe('good');
    // At 3e-5, h is a third of x: the estimates still fall toward the gradient, and have not reached it.
    expect(checked('1/x', { x: 3e-5 }).entries[0]).toMatchObject({ verdict: 'unchecked', why: 'unsettled' });
    expect(checked('sqrt(x)', { x: 3e-5 }).entries[0]).toMatchObject({ verdict: 'unchecked', why: 'unsettled' });
    expect(checked('sqrt(x)', { x: 3e-5 }).entries[0]!.refined).toBeUndefined();
    // sqrt at 1e-6 - h is NaN; at 0 the gradient itself is Infinity.
    expect(checked('sqrt(x)', { x: 1e-6 }).entries[0]).toMatchObject({ verdict: 'unchecked', why: 'notFinite' });
    expect(checked('log(x)', { x: 0 }).entries[0]).toMatchObject({ verdict: 'unchecked', why: 'notFinite' });
    // A wrong gradient of a smooth function is still wrong: its estimates settle.
    const doubled = checked('1/x', { x: 0.5 }, (t) => (t.grad[t.offset[t.graph.variables[0]!.node]!]! *= 2));
    expect(doubled.entries[0]!.verdict).toBe('wrong');
  });

  it('calls the function it checks by the output\'s name, in both languages', async () => {
    // A named output L was checked as f: "(f(x + h) - f(x - h)) / 2h", "f or its gradient is not finite".
    const en = await cli(['L = sqrt(x)', 'x=0', '--check']);
    expect(en.stdout).toContain('central differences (L(x + h) - L(x - h)) / 2h');
    expect(en.stdout).toContain('not checked [1]\n[1] L or its gradient is not finite within a step');
    const ko = await cli(['L = sqrt(x)', 'x=0', '--check', '--lang', 'ko']);
    expect(ko.stdout).toContain('중심 차분 (L(x + h) - L(x - h)) / 2h');
    expect(ko.stdout).toContain('스텝 하나 안에 L이나 그래디언트가');
    expect((await cli(['sqrt(x)', 'x=0', '--check', '--lang', 'ko'])).stdout).toContain('스텝 하나 안에 f나 그래디언트가');
  });

  it('prints the check and the answers with --precision digits, six at least', async () => {
    const r = await cli(['x/3', 'x=1', '--check', '--precision', '12', '--expect', 'x=0.33']);
    expect(r.stdout).toMatch(/^x +0\.333333333333 +0\.33333333333\d +\S+ +good$/m);
    expect(r.stdout).toContain('expect x=0.33: ok (∂f/∂x = 0.333333333333)');
    expect((await cli(['x/3', 'x=1', '--check', '--precision', '2'])).stdout).toMatch(/^x +0\.333333 +0\.333333 /m);
  });

  it('checks a scalar output seeded with --seed 3 against 3 f, and says the seed wherever it writes the gradients', async () => {
    // The check differenced f while the backward pass had started from 3: a right gradient was WRONG.
    const r = await cli(['x*2', 'x=1', '--seed', '3', '--check']);
    expect(r.exit, r.stdout).toBe(0);
    expect(r.stdout).toContain('the backward pass started from the seed 3 (--seed), not 1: each gradient below is 3 × ∂f/∂…\n∂f/∂x = 6');
    const doc = JSON.parse((await cli(['x*2', 'x=1', '--seed', '3', '--json'])).stdout) as { seed?: number; gradients: { x: number } };
    expect(doc).toMatchObject({ seed: 3, gradients: { x: 6 } });
    expect((await cli(['x*2', 'x=1', '--explain', '--seed', '3'])).stdout).toContain('The backward pass starts from the seed 3 (--seed), not ∂f/∂f = 1');
    // The closed form is ∂f/∂x itself, at its own value (it printed 2 = 6).
    expect((await cli(['x*x', 'x=1', '--seed', '3', '--symbolic'])).stdout).toContain('∂f/∂x = 2 * x = 2\n');
    // A seed of 1 is no seed: nothing to say.
    expect(JSON.parse((await cli(['x*2', 'x=1', '--seed', '1', '--json'])).stdout)).not.toHaveProperty('seed');
  });

  it('bounds a check whose every entry disagrees: its second looks add at most half its bound, and it still fails', () => {
    // As LIMITS.work does at 1e9 (some 8 s of this), with a bound of 1e7.
    const n = 10_000;
    const bindings = new Map([['v', { shape: [n], data: Float64Array.from({ length: n }, (_, k) => 1 + Math.sin(k)) }]]);
    const graph = compile('sum(v.^2)', bindings.keys());
    const trace = exec(graph, bindings);
    const at = trace.offset[graph.variables[0]!.node]!;
    for (let k = 0; k < n; k++) trace.grad[at + k]! *= 2;
    const c = gradientCheck(graph, trace, bindings, 1e-5, 1e7);
    expect(c.of).toBe(n); // sampled
    expect(c.steps).toBeLessThanOrEqual(1.5e7);
    expect(c.ok).toBe(false);
    expect(c.entries.every((e) => e.verdict === 'wrong')).toBe(true);
  });

  it('checks the largest entry of a vector, and knows its ties for kinks', () => {
    const v = { shape: [3], data: Float64Array.of(1, 3, 2) };
    expect(checked('max(v) * 2', { v }).entries.map((e) => e.verdict)).toEqual(['good', 'good', 'good']);
    const tie = { shape: [3], data: Float64Array.of(3, 3, 2) };
    expect(checked('max(v)', { v: tie }).entries.map((e) => e.verdict)).toEqual(['kink', 'kink', 'good']);
  });

  it('samples a check too large to run whole', () => {
    const n = 400;
    const W = { shape: [n, n], data: Float64Array.from({ length: n * n }, (_, k) => Math.sin(k)) };
    const x = { shape: [n], data: Float64Array.from({ length: n }, (_, k) => Math.cos(k)) };
    const c = checked('sum((W*x).^2)', { W, x });
    expect(c.of).toBe(n * n + n);
    expect(c.entries.length).toBeGreaterThan(100);
    expect(c.entries.length).toBeLessThan(n * n);
    expect(c.ok).toBe(true);
  });

  it('leaves index variables alone', () => {
    const s = { shape: [3], data: Float64Array.of(1, 2, 3) };
    const c = checked('s[i] * 2', { s, i: 2 });
    expect(c.skipped).toEqual(['i']);
    expect(c.entries.map((e) => e.analytic)).toEqual([0, 2, 0]);
  });
});

describe('expectations', () => {
  it('show a wrong answer against a digit more than it was written with', async () => {
    // 0.3932238 is wrong (the truth, 0.393223866…, rounds to 0.3932239), but it was shown against 0.393224.
    const args = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1', '--expect'];
    expect((await cli([...args, 'x0=0.3932238'])).stdout).toContain('expect x0=0.3932238: WRONG: ∂f/∂x0 = 0.39322387, more than 5e-8 away');
    expect((await cli([...args, 'x0=0.40'])).stdout).toContain('expect x0=0.40: WRONG: ∂f/∂x0 = 0.393224, more than 0.005 away');
    // An entry, likewise: 5.000004 against 5.00001, where six digits said 5.
    expect((await cli(['v*2', '--v=[1, 2.500002]', '--expect', 'value=[2, 5.00001]'])).stdout).toContain('entry [2] is 5.000004, more than 0.000005 from 5.00001');
  });

  it('accept an answer when the true value rounds to it', () => {
    expect(writtenTolerance('-0.53')).toBeCloseTo(0.005, 15);
    expect(writtenTolerance('4')).toBe(0); // a whole number is exact
    expect(writtenTolerance('4.')).toBe(0.5);
    expect(writtenTolerance('1e-3')).toBeCloseTo(0.0005, 15);
    expect(writtenTolerance('0.20')).toBeCloseTo(0.005, 15);
    // Said as written: 0.5 * 10 ** -5 printed "more than 0.0000049999999999999996 away".
    expect(String(writtenTolerance('-4.00001'))).toBe('0.000005');
    expect(String(writtenTolerance('0.1234'))).toBe('0.00005');
    expect(writtenTolerance('2.1e3')).toBe(50);
  });

  const trace = exec(compile(neuron), neuronVars);
  const verdicts = (...specs: string[]) => checkExpectations(trace, specs.map((s) => parseExpectation(s))).map((r) => r.ok);

  it("take the lecture's rounded numbers", () => {
    expect(verdicts('value=0.73', 'x0=0.39', 'x0=0.4', 'w0=-0.2', 'w0=-0.20', 'x1=-0.59')).toEqual([true, true, true, true, true, true]);
    expect(verdicts('x0=0.40', 'x0=0.3932', 'value=0.74', 'w0=0.2')).toEqual([false, true, false, false]);
  });

  it('use --tol instead, when given', () => {
    const r = checkExpectations(trace, [parseExpectation('x0=0.4', 1e-3)]);
    expect(r[0]!.ok).toBe(false);
  });

  it('compare tensors entry by entry, each to its own written precision', () => {
    const W = { shape: [2, 2], data: Float64Array.of(0.1, 0.5, -0.3, 0.8) };
    const x = { shape: [2], data: Float64Array.of(0.2, 0.4) };
    const t = exec(compile('norm(W*x)^2', ['W', 'x']), { W, x });
    const ok = (spec: string) => checkExpectations(t, [parseExpectation(spec)])[0]!.ok;
    expect(ok('W=[[0.088, 0.176], [0.104, 0.208]]')).toBe(true);
    expect(ok('W=[0.09, 0.18; 0.1, 0.21]')).toBe(true);
    expect(ok('W=[[0.088, 0.176], [0.104, 0.22]]')).toBe(false);
    expect(() => ok('x=[1, 2, 3]')).toThrow(/vector of 3 entries/);
    expect(() => ok('q=1')).toThrow(/no variable and no named node q/);
  });

  it('reach a variable named value as grad:value', () => {
    const t = exec(compile('value * 2'), { value: 3 });
    expect(checkExpectations(t, [parseExpectation('grad:value=2'), parseExpectation('value=6')]).map((r) => r.ok)).toEqual([true, true]);
  });
});

describe('the command line', () => {
  const neuronArgs = [neuron, ...Object.entries(neuronVars).map(([k, v]) => `${k}=${v}`)];

  it('exits 0 when every expectation holds and 1 when one does not', async () => {
    expect((await cli([...neuronArgs, '--expect', 'x0=0.39', '--expect=value=0.73'])).exit).toBe(0);
    const r = await cli([...neuronArgs, '--expect', 'x0=0.39', '--expect', 'w1=0.39']);
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain('expect w1=0.39: WRONG: ∂f/∂w1 = -0.393224');
  });

  it('exits 2 for an expectation that cannot be checked', async () => {
    expect((await cli([...neuronArgs, '--expect', 'q=1'])).exit).toBe(2);
    expect((await cli([...neuronArgs, '--expect', 'x0'])).exit).toBe(2);
    expect((await cli([...neuronArgs, '--expect', 'x0=abc'])).exit).toBe(2);
  });

  it('reports checks and expectations in JSON with an overall ok', async () => {
    const doc = JSON.parse((await cli([...neuronArgs, '--check', '--expect', 'x0=0.39', '--json'])).stdout);
    expect(doc.ok).toBe(true);
    expect(doc.check.entries).toHaveLength(6);
    expect(doc.expectations[0]).toMatchObject({ expect: 'x0=0.39', variable: 'x0', expected: 0.39, ok: true });
  });

  it('runs a batch: one JSON line per case, a summary on stderr, exit 2 for an unusable line', async () => {
    const r = await cli([neuron, '--batch', 'answers.jsonl']);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.line, l.ok])).toEqual([
      ['alice', 1, true], ['bob', 2, false], ['carol', 4, true], ['dave', 5, false], [undefined, 6, false],
    ]);
    expect(lines[3].error.code).toBe('unbound');
    expect(lines[0].gradients.x0).toBeCloseTo(0.3932, 4);
    // Every line is written alike, without spaces, so a grading script's grep counts a wrong answer and an unusable line.
    expect(r.stdout.trimEnd().split('\n').map((l) => l.includes('"ok":false'))).toEqual([false, true, false, true, true]);
    for (const l of r.stdout.trimEnd().split('\n')) expect(l).toBe(JSON.stringify(JSON.parse(l)));
    expect(r.stderr.split('\n')).toEqual([
      'backprop: batch of 5: 2 ok, 1 with an expectation or a check that failed, 2 that could not be used',
      '  failed: bob (line 2): expect x0=0.40: WRONG: ∂f/∂x0 = 0.393224, more than 0.005 away',
      '  could not be used: dave (line 5): no value for the variable z',
      "  could not be used: line 6: not JSON: Unexpected token 'h'",
      '',
    ]);
    expect(r.exit).toBe(2);
  });

  it('gives every line what a run of its own gives, however the shapes change between lines', async () => {
    // A line fills the arrays of the line before when they fit: nothing of one case may leak into the next.
    const lines = [{ x: [1, 2], w: 0.5 }, { x: [3, -1], w: 2 }, { x: 4, w: -1 }, { x: [1, 2, 3], w: 1 }, { x: [0, 7], w: 3 }, { x: 2, w: 2 }];
    const expression = 'sum(relu(w * x - 1) .^ 2) + w';
    const r = await cli([expression, '--batch', '-'], { stdin: lines.map((vars) => JSON.stringify({ vars })).join('\n') });
    expect(r.exit, r.stderr).toBe(0);
    const { run } = await import('../src/index.js');
    const got = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { value: unknown; gradients: unknown; nodes: unknown });
    got.forEach((line, k) => {
      const alone = run(expression, lines[k]!);
      // Through JSON, which writes -0 as 0, as the document does.
      expect([line.value, line.gradients, line.nodes], `line ${k + 1}`).toEqual(JSON.parse(JSON.stringify([alone.value, alone.gradients, alone.nodes])));
    });
  });

  it('runs a batch of many distinct expressions, an expression coming back after hundreds of others', async () => {
    // The batch keeps a bounded number of graphs (a million distinct lines held a million): a graph let go is made again.
    const lines = ['x*y', ...Array.from({ length: 300 }, (_, i) => `x*${i} + y`), 'x*y'].map((expr) => JSON.stringify({ expr, vars: { x: 3, y: 4 } }));
    const r = await cli(['--batch', '-', '--fields', 'value,gradients'], { stdin: lines.join('\n') });
    expect(r.exit, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { value: number; gradients: { x: number; y: number } });
    expect(out).toHaveLength(302);
    expect(out[0]).toMatchObject({ value: 12, gradients: { x: 4, y: 3 } });
    expect(out[150]).toMatchObject({ value: 3 * 149 + 4, gradients: { x: 149, y: 1 } });
    expect(out[301]).toMatchObject({ value: 12, gradients: { x: 4, y: 3 } });
  });

  it('escapes in its JSON lines what JSON.stringify leaves raw: a C1 control (U+009B, a terminal’s CSI) and U+2028', async () => {
    const id = 'a\u009b31mb\u2028c';
    const lines = [{ id, vars: { x: 1 } }, { id, vars: {} }].map((l) => JSON.stringify(l)).join('\n');
    const r = await cli(['x*2', '--batch', '-', '--fields', 'value'], { stdin: lines });
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(2);
    for (const line of out) {
      expect(line).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
      expect(line).toContain('"id":"a\\u009b31mb\\u2028c"');
      expect((JSON.parse(line) as { id: string }).id).toBe(id);
    }
  });

  it('hands its output on in pieces of whole lines, a line longer than a piece too, and a line past 16 MB in pieces', async () => {
    const say = { answer: () => '', check: '', checkNothing: '', lang: 'en' as const };
    const pieces = async (text: string): Promise<string[]> => {
      const written: string[] = [];
      await runBatch(text, { expression: 'v.^2', bindings: new Map(), expect: [], format: 'json' }, (piece) => written.push(piece), say);
      return written;
    };
    // 300 short lines, then lines of about 200 KB each (a 5,000-entry vector's full document).
    const short = Array.from({ length: 300 }, (_, id) => JSON.stringify({ id, vars: { v: [id, 1] } }));
    const long = Array.from({ length: 3 }, (_, id) => JSON.stringify({ id, vars: { v: Array.from({ length: 5000 }, (_, k) => k / 7) } }));
    const written = await pieces([...short, ...long].join('\n'));
    expect(written.length).toBeGreaterThan(2);
    for (const piece of written) expect(piece.endsWith('\n')).toBe(true);
    expect(written.join('').split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([...short, ...long].map((_, k) => (k < 300 ? k : k - 300)));
    // One line of about 40 MB is not held whole.
    const huge = await pieces(JSON.stringify({ vars: { v: Array.from({ length: 1_000_000 }, (_, k) => k / 7) } }));
    expect(huge.length).toBeGreaterThan(1);
    expect(Math.max(...huge.map((p) => p.length))).toBeLessThan((1 << 24) + (1 << 20));
  });

  it('bounds every line’s --check together, and says so on the lines past the bound', async () => {
    // 1,800 lines of a 64×64 net would check for about 12 minutes; here the bound is two and a half lines' work.
    const W = Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => Math.sin(i * 12 + j)));
    const x = Array.from({ length: 12 }, (_, i) => Math.cos(i));
    const vars = { W: { shape: [12, 12], data: Float64Array.from(W.flat()) }, x: { shape: [12], data: Float64Array.from(x) } };
    const one = checked('sum((W*x).^2)', vars).steps;
    expect(one).toBeGreaterThan(0);
    const text = Array.from({ length: 5 }, (_, id) => JSON.stringify({ id, vars: { W, x } })).join('\n');
    const lines: string[] = [];
    const summary = await runBatch(
      text,
      { expression: 'sum((W*x).^2)', bindings: new Map(), expect: [], check: { step: 1e-5, work: 2.5 * one }, fields: new Set(['check']), format: 'json' },
      (chunk) => lines.push(...chunk.split('\n').filter((l) => l !== '')),
      { answer: () => '', check: 'check failed', checkNothing: 'nothing checked', lang: 'en' },
    );
    const out = lines.map((l) => JSON.parse(l) as { id: number; ok: boolean; check?: { ok: boolean }; error?: { code: string; message: string } });
    expect(out.map((l) => [l.id, l.ok])).toEqual([[0, true], [1, true], [2, true], [3, false], [4, false]]);
    expect(out[2]!.check!.ok).toBe(true);
    expect(out[3]!.error).toMatchObject({ code: 'limit', message: expect.stringContaining("over the batch's first 3 checked lines, as many as one batch may: this line is not run; split the batch (split -l 3)") });
    expect(summary).toMatchObject({ cases: 5, ok: 3, unusableCount: 2 });
  });

  it('writes a CSV whose students’ ids a spreadsheet shows and never runs', async () => {
    const ids = ['=HYPERLINK("http://example.com","grade")', '+1+1', '@SUM(A1)', '-1', 'kim', '\u001b]0;pwned\u0007\u001b[2J', 'پری\u200cناز'];
    const lines = [...ids.map((id) => ({ id, vars: { x: 1 } })), { id: -2, vars: { x: 1 } }].map((l) => JSON.stringify(l)).join('\n');
    const r = await cli(['x*2', '--batch', '-', '--format', 'csv'], { stdin: lines });
    expect(r.exit, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1);
    // A formula's first character is text once a quote precedes it; a number stays a number.
    // And `cat marks.csv` shows an id's escape sequence rather than obeys it; a name's own joiner (U+200C) is kept.
    const first = ['"\'=HYPERLINK(""http://example.com"",""grade"")"', "'+1+1", "'@SUM(A1)", "'-1", 'kim', '\\x1b]0;pwned\\x07\\x1b[2J', 'پری\u200cناز', '-2'];
    expect(rows.map((row, k) => row.startsWith(`${first[k]},${k + 1},`))).toEqual(first.map(() => true));
  });

  it('says each line’s --check in its CSV row and in the summary: passed, failed, or nothing checked', async () => {
    const lines = [{ id: 'a', vars: { x: 1 } }, { id: 'b', vars: { x: 0 } }].map((l) => JSON.stringify(l)).join('\n');
    const csv = await cli(['abs(x)', '--batch', '-', '--format', 'csv', '--check'], { stdin: lines });
    expect(csv.exit).toBe(1);
    expect(csv.stdout).toBe('id,line,ok,error,check\na,1,true,,passed\nb,2,false,,nothing checked\n');
    // At a kink nothing is wrong, and nothing judged: the summary says which, not "the check failed".
    expect(csv.stderr).toBe('backprop: batch of 2: 1 ok, 1 with an expectation or a check that failed, 0 that could not be used\n  failed: b (line 2): the gradient check could judge no entry (a kink, or an estimate that would not settle)\n');
    const smooth = await cli(['x*2', '--batch', '-', '--format', 'csv', '--check'], { stdin: lines });
    expect(smooth.stdout).toBe('id,line,ok,error,check\na,1,true,,passed\nb,2,true,,passed\n');
  });

  it('parses a deeply nested line in the worker, as a single run does, up to what one run may parse in all', async () => {
    const nest = (n: number, e: string) => `${'('.repeat(n)}${e}${')'.repeat(n)}`;
    const alone = JSON.parse((await cli([nest(3000, 'x*y'), 'x=3', 'y=4', '--json'])).stdout) as { value: number; gradients: unknown };
    const lines = [nest(3000, 'x*y'), nest(80_000, 'x+y'), 'x - y', nest(80_000, 'x/y')].map((expr) => JSON.stringify({ expr, vars: { x: 3, y: 4 } }));
    const r = await cli(['--batch', '-', '--fields', 'value,gradients'], { stdin: lines.join('\n') });
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { value?: number; gradients?: unknown; error?: { code: string; message: string } });
    expect(out[0]).toMatchObject({ value: alone.value, gradients: alone.gradients });
    expect(out[1]).toMatchObject({ value: 7, gradients: { x: 1, y: 1 } });
    expect(out[2]).toMatchObject({ value: -1 });
    // 3,000 + 80,000 levels parsed: another 80,000 would pass the 150,000 of one run.
    expect(out[3]!.error).toMatchObject({ code: 'too-deep', message: expect.stringContaining('nested 80000 levels deep, more than is left of the 150000') });
    expect(r.exit).toBe(2);
  });

  it('refuses a line the same way whatever the lines before it bound (a statement’s name bound as a variable)', async () => {
    const lines = [{ x: 1, y: 2, q: 5 }, { x: 1, y: 2 }, { x: 1, y: 2, q: 5 }, { x: 1, y: 3 }].map((vars) => JSON.stringify({ vars }));
    const r = await cli(['q = x + y; f = q*2', '--batch', '-', '--fields', 'value'], { stdin: lines.join('\n') });
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { value?: number; error?: { code: string } });
    expect(out.map((l) => l.error?.code ?? l.value)).toEqual(['name', 6, 'name', 8]);
  });

  it('parses an expression that does not compile once, however many lines use it', async () => {
    // A typo at the end of a long expression: 5,000 lines took 3.5 minutes when each parsed it again.
    const broken = `${Array.from({ length: 20_000 }, (_, i) => `x*${i}`).join(' + ')} +`;
    const t = performance.now();
    const r = await cli([broken, '--batch', '-', '--fields', 'value'], { stdin: '{"vars": {"x": 1}}\n'.repeat(2_000) });
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain('batch of 2000: 0 ok, 0 with an expectation or a check that failed, 2000 that could not be used');
    expect(r.stdout.trim().split('\n').every((l) => (JSON.parse(l) as { error?: { code: string } }).error?.code === 'syntax')).toBe(true);
  }, 60_000);

  it('refuses a --step of 1 or more, which would call a right gradient wrong, in a run and in a batch', async () => {
    for (const step of ['1', '1e300']) {
      const r = await cli(['x^2', 'x=1', '--check', '--step', step]);
      expect(r.exit, step).toBe(2);
      expect(r.stderr).toBe(`backprop: error: --step takes a small number such as 1e-5 (the default), below 1, not ${step}: a step that large measures a secant, not the derivative\n`);
    }
    expect((await cli(['x^2', 'x=1', '--check', '--step', '0.5'])).exit).toBe(0); // x^2's central difference is exact
    expect((await cli(['x^2', '--batch', '-', '--check', '--step', '2'], { stdin: '{"vars": {"x": 1}}' })).exit).toBe(2);
  });

  it('refuses a typo of an option and a --NAME without a value with the expression on the command line too', async () => {
    // Both were taken silently when the command line gave the expression: --tl 3 meant --tol 3.
    const stdin = '{"vars": {"x": 1}}';
    for (const [args, message] of [
      [['--tl', '3'], 'unknown option --tl; did you mean --tol?'],
      [['--bogus'], '--bogus needs a value, as in --bogus=2'],
    ] as const) {
      const r = await cli(['x*2', '--batch', '-', ...args], { stdin });
      expect(r.exit, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`backprop: error: ${message}\n`);
      // The batch's output is JSON Lines: its error is one line.
      expect(r.stdout).toBe(`{"schema":1,"error":{"code":"usage","message":"${message}"}}\n`);
    }
    // A variable the command line's expression names is a binding, however close to an option; one it does not
    // name may be for a line's own expression.
    expect((await cli(['tl*2', '--batch', '-', '--tl', '3', '--fields', 'ok'], { stdin: '{}' })).stdout).toBe('{"line":1,"ok":true}\n');
    expect((await cli(['x*2', '--batch', '-', '--w', '3', '--fields', 'ok'], { stdin })).exit).toBe(0);
  });

  it('takes id and line in a batch\'s --fields, which every line has, and says whose keys they are outside one', async () => {
    // A grading script's --fields id,value was refused: "not id".
    const r = await cli(['x*2', '--batch', '-', '--fields', 'id,line,value'], { stdin: '{"id": "alice", "vars": {"x": 1}}' });
    expect(r.stdout).toBe('{"line":1,"id":"alice","value":2,"ok":true}\n');
    const one = await cli(['x*2', 'x=1', '--json', '--fields', 'id,value']);
    expect(one.exit).toBe(2);
    expect(one.stderr).toContain('not "id": id and line are a --batch line\'s');
  });

  it('refuses a batch with no lines, exit 2: no case is no pass', async () => {
    for (const stdin of ['', '\n\n  \r\n']) {
      const r = await cli(['x*2', '--batch', '-'], { stdin });
      expect(r.exit).toBe(2);
      expect(r.stderr).toBe('backprop: error: standard input has no lines to run: a batch is a JSON object a line, {"vars": {"x": 2}}\n');
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'bad-value' } });
    }
    const files = new Map<string, string>();
    expect((await cli(['x*2', '--batch', '-', '--out', 'r.jsonl'], { stdin: '', files })).exit).toBe(2);
    expect(files.has('r.jsonl')).toBe(false);
  });

  it('says an unusable answer of a line\'s "expect" as written there, and how to mend it there, not as --expect', async () => {
    const answers = [{ x: '1, y=2' }, { x: '' }, { x: '1±0.1' }, { x: [1, 'a'] }, { q: 1 }, { x: [1, 2] }];
    const stdin = answers.map((expect) => JSON.stringify({ vars: { x: 1 }, expect })).join('\n');
    const r = await cli(['x*2', '--batch', '-', '--expect', 'x=2'], { stdin });
    expect(r.exit).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  could not be used'))).toEqual([
      '  could not be used: line 1: an answer in "expect" is one answer, not two as in "x=1, y=2": give each its own name in "expect" (x=1, then y=2)',
      '  could not be used: line 2: an answer in "expect" is "NAME": VALUE, such as {"x": -0.53}, not "x="',
      '  could not be used: line 3: "expect" "x=1±0.1": a tolerance is given by --tol: write "x": 1 in "expect", and --tol 0.1 on the command line',
      '  could not be used: line 4: the value of "expect" x has "a" as entry 2, not a number',
      '  could not be used: line 5: "expect" q=1: the expression has no variable and no named node q (its names: x; f itself is value=…)',
      '  could not be used: line 6: "expect" x=[1,2]: the answer is a vector of 2 entries but ∂f/∂x is a scalar',
    ]);
    // The command line's own answers are still --expect's.
    const own = await cli(['x*2', '--batch', '-', '--expect', 'q=1'], { stdin: '{"vars": {"x": 1}}' });
    expect(own.stderr).toContain('could not be used: line 1: --expect q=1: the expression has no variable');
    const ko = await cli(['x*2', '--batch', '-', '--lang', 'ko'], { stdin: '{"vars": {"x": 1}, "expect": {"x": "1±0.1"}}' });
    expect(ko.stderr).toContain('"expect" "x=1±0.1": 허용 오차는 --tol로 줍니다: "expect"에는 "x": 1, 명령줄에는 --tol 0.1처럼 쓰세요');
  });

  it('refuses a --fields key that only an option it was not given writes: --fields check alone wrote {} and exit 0', async () => {
    for (const [fields, said] of [
      ['check', '--fields check means nothing without --check'],
      ['value,ok', '--fields ok means nothing without --check or --expect'],
      ['expectations', '--fields expectations means nothing without --expect'],
      ['jacobian', '--fields jacobian means nothing without --jacobian'],
      ['symbolic', '--fields symbolic means nothing without --symbolic'],
    ] as const) {
      const r = await cli(['x*2', 'x=1', '--json', '--fields', fields]);
      expect(r.exit, fields).toBe(2);
      expect(r.stderr, fields).toBe(`backprop: error: ${said}\n`);
      expect(JSON.parse(r.stdout), fields).toMatchObject({ error: { code: 'usage', message: said } });
    }
    expect((await cli(['x*2', 'x=1', '--json', '--fields', 'ok', '--lang', 'ko'])).stderr).toBe('backprop: 오류: --fields ok은(는) --check 또는 --expect 없이는 뜻이 없습니다\n');
    // With the option, the key is written; a batch line always has ok, and its expectations may come from the line.
    expect(JSON.parse((await cli(['x*2', 'x=1', '--json', '--fields', 'ok', '--expect', 'x=2'])).stdout)).toEqual({ ok: true });
    expect(JSON.parse((await cli(['x*2', 'x=1', '--json', '--fields', 'value,ok', '--check'])).stdout)).toEqual({ value: 2, ok: true });
    const batch = await cli(['x*2', '--batch', '-', '--fields', 'ok,expectations'], { stdin: '{"vars": {"x": 1}, "expect": {"x": 2}}\n' });
    expect(JSON.parse(batch.stdout)).toMatchObject({ line: 1, ok: true, expectations: [{ expect: 'x=2', ok: true }] });
    const unchecked = await cli(['x*2', '--batch', '-', '--fields', 'check'], { stdin: '{"vars": {"x": 1}}\n' });
    expect(unchecked.exit).toBe(2);
    expect(unchecked.stderr).toBe('backprop: error: --fields check means nothing without --check\n');
  });

  it('exits 1 for a batch whose lines all run but an expectation fails', async () => {
    const r = await cli([neuron, '--batch', '-'], { stdin: '{"vars": {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3, "x2": 1}, "expect": {"x0": 1}}\n' });
    expect(r.exit).toBe(1);
  });
});
