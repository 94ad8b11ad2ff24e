// The scalar language of SPEC §1 and the conventions of §4, through the
// library API.
import { describe, expect, it } from 'vitest';
import { BackpropError } from '../src/errors.js';
import { parseExpectation } from '../src/homework/expect.js';
import { parseValue, toValue } from '../src/language/bindings.js';
import { traceOf as run } from './helpers.js';
import { differentiate, exec, numericGradients, thrown } from './helpers.js';
import { compile } from '../src/pipeline.js';

describe('fan-out: a variable is one node, its gradient the sum over its uses', () => {
  it('x*x', () => {
    const r = differentiate('x*x', { x: 3 });
    expect(r.nodes.map((n) => n.id)).toEqual(['x', 'n1']);
    expect(r.gradients).toEqual({ x: 6 });
  });

  it("the lecture's a=1; b=a+a; c=b+b as x+x+x+x", () => {
    const r = differentiate('x+x+x+x', { x: 1 });
    expect(r.value).toBe(4);
    expect(r.gradients).toEqual({ x: 4 });
    expect(r.nodes.filter((n) => n.op === 'variable')).toHaveLength(1);
  });

  it('(x+y)*x', () => {
    expect(differentiate('(x+y)*x', { x: 2, y: 5 }).gradients).toEqual({ x: 9, y: 2 });
  });
});

describe('nodes and labels', () => {
  it('follow SPEC §3 for the first lecture example', () => {
    const r = differentiate('(x+y)*z', { x: -2, y: 5, z: -4 });
    expect(r.nodes.map((n) => [n.id, n.op, n.label])).toEqual([
      ['x', 'variable', 'x'],
      ['y', 'variable', 'y'],
      ['n1', 'add', 'x + y'],
      ['z', 'variable', 'z'],
      ['n2', 'multiply', '(x + y) * z'],
    ]);
    expect(r.expression).toBe('(x + y) * z');
  });

  it('never reuse a variable name as a node id', () => {
    const r = differentiate('n1 * n2 + 1', { n1: 2, n2: 3 });
    const ids = r.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('n1');
    expect(ids).toContain('n2');
  });

  it('replace long subexpressions by their id', () => {
    const terms = Array.from({ length: 30 }, (_, i) => `w${i} * x${i}`).join(' + ');
    const bindings = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [[`w${i}`, 1], [`x${i}`, 2]]).flat());
    const r = differentiate(terms, bindings);
    for (const n of r.nodes) expect(n.label.length).toBeLessThan(100);
    expect(r.expression).toBe(terms);
    expect(r.value).toBe(60);
  });

  it('keep parentheses that the tree needs and only those', () => {
    const label = (e: string) => differentiate(e, { a: 1, b: 2, c: 3 }).expression;
    expect(label('a - (b - c)')).toBe('a - (b - c)');
    expect(label('(a - b) - c')).toBe('a - b - c');
    expect(label('a / (b * c)')).toBe('a / (b * c)');
    expect(label('(a + b) ^ c')).toBe('(a + b) ^ c');
    expect(label('a ^ b ^ c')).toBe('a ^ b ^ c');
    expect(label('(a ^ b) ^ c')).toBe('(a ^ b) ^ c');
    expect(label('-(a + b)')).toBe('-(a + b)');
    expect(label('(-2) ^ a')).toBe('(-2) ^ a');
  });
});

describe('the language', () => {
  it('lowers texts with more nodes than characters, and composites expanded, whole', () => {
    // Lowering guesses a node for every two characters and grows from there: these need more.
    const n = 4000;
    const dense = differentiate(Array(n).fill('2x').join('+'), { x: 3 });
    expect(dense.nodes.length).toBe(1 + 2 * n + (n - 1)); // x, each 2 and its product, the sums
    expect(dense.value).toBe(6 * n);
    expect(dense.gradients).toEqual({ x: 2 * n });
    const text = Array(n).fill('sigmoid(x)').join('+');
    const graph = compile(text, ['x'], { expand: true });
    expect(graph.size).toBeGreaterThan(text.length / 2);
    const x = 0.5;
    const s = 1 / (1 + Math.exp(-x));
    const trace = exec(graph, { x });
    expect(trace.value[graph.size - 1]).toBeCloseTo(n * s, 9);
    expect(trace.grad[graph.variables[0]!.node]).toBeCloseTo(n * s * (1 - s), 9);
  });

  it('constants are nodes; pi and e are constants unless bound', () => {
    const r = differentiate('2*x + pi + e', { x: 1 });
    expect(r.value).toBeCloseTo(2 + Math.PI + Math.E, 12);
    expect(r.gradients).toEqual({ x: 2 });
    expect(r.nodes.find((n) => n.id === 'pi')?.op).toBe('constant');
    const bound = differentiate('2*pi', { pi: 3 });
    expect(bound.value).toBe(6);
    expect(bound.gradients).toEqual({ pi: 2 });
  });

  it('a negative literal is one constant', () => {
    const r = differentiate('x * -2', { x: 3 });
    expect(r.nodes.map((n) => n.op)).toEqual(['variable', 'constant', 'multiply']);
    expect(r.gradients).toEqual({ x: -2 });
  });

  it('implicit multiplication', () => {
    expect(differentiate('2x', { x: 5 }).gradients).toEqual({ x: 2 });
    expect(differentiate('3x y', { x: 2, y: 7 }).gradients).toEqual({ x: 21, y: 6 });
    // mathjs reads a number over a number before a symbol as a fraction: (1/2)x
    expect(differentiate('1/2x', { x: 4 }).value).toBe(2);
    // and otherwise lets implicit multiplication bind tighter than division
    expect(differentiate('1/y x', { x: 4, y: 2 }).value).toBe(1 / 8);
  });

  it('unary minus binds looser than ^: -x^2 is -(x^2)', () => {
    const r = differentiate('-x^2', { x: 3 });
    expect(r.value).toBe(-9);
    expect(r.gradients).toEqual({ x: -6 });
    expect(r.expression).toBe('-(x ^ 2)');
    expect(differentiate('(-x)^2', { x: 3 }).value).toBe(9);
    expect(differentiate('2^-x', { x: 1 }).value).toBe(0.5);
  });

  it('unary plus is no node at all', () => {
    expect(differentiate('+x', { x: 3 }).nodes.map((n) => n.op)).toEqual(['variable']);
  });

  it('pow with a variable exponent, and as a function', () => {
    const r = differentiate('pow(x, y)', { x: 2, y: 3 });
    expect(r.value).toBe(8);
    expect(r.gradients.x).toBeCloseTo(12, 12);
    expect(r.gradients.y).toBeCloseTo(8 * Math.log(2), 12);
    expect(differentiate('x^y', { x: 2, y: 3 }).gradients).toEqual(r.gradients);
  });

  it('log with a base', () => {
    const r = differentiate('log(x, 2)', { x: 8 });
    expect(r.value).toBeCloseTo(3, 12);
    expect(r.gradients.x).toBeCloseTo(1 / (8 * Math.LN2), 12);
  });

  it('elementwise operators are the plain ones on scalars', () => {
    expect(differentiate('x .* y ./ z .^ 2', { x: 2, y: 3, z: 2 }).value).toBe(1.5);
  });

  const composite: [string, Record<string, number>][] = [
    ['sigmoid(a*b) + softplus(a - b)', { a: 0.3, b: -1.2 }],
    ['tanh(a) * cosh(b) / (1 + sinh(a)^2)', { a: 0.4, b: -0.7 }],
    ['log(a^2 + 1) - log2(b^2) + log10(a*a*b*b) + log1p(b^2)', { a: 1.3, b: 0.6 }],
    ['expm1(a) * sqrt(b) + cbrt(a - b) + square(a) * cube(b)', { a: 1.1, b: 2.5 }],
    ['asin(a) + acos(b) + atan(a*b) + sin(a) * cos(b) * tan(a + b)', { a: 0.3, b: -0.4 }],
    ['max(a, b) * min(a, 2b) + abs(a - b) + relu(a) + sign(b) * b', { a: 0.7, b: -0.3 }],
    ['pow(a, b) + a^b + exp(-a/b) + log(a, b + 3)', { a: 1.7, b: 0.8 }],
  ];
  it.each(composite)('%s matches central differences', (expression, bindings) => {
    const analytic = differentiate(expression, bindings).gradients;
    const numeric = numericGradients(expression, bindings);
    for (const name of Object.keys(bindings)) expect(analytic[name], name).toBeCloseTo(numeric[name]!, 6);
  });
});

describe('numeric conventions (SPEC §4)', () => {
  const warningsOf = (expression: string, bindings: Record<string, number>) => run(expression, bindings).warnings;

  it("relu'(0) = 0, abs'(0) = 0, sign' = 0, each reported", () => {
    expect(differentiate('relu(x)', { x: 0 }).gradients.x).toBe(0);
    expect(differentiate('abs(x)', { x: 0 }).gradients.x).toBe(0);
    expect(differentiate('sign(x)', { x: 0 }).gradients.x).toBe(0);
    expect(differentiate('sign(x)', { x: 2 }).gradients.x).toBe(0);
    for (const f of ['relu', 'abs', 'sign']) {
      expect(warningsOf(`${f}(x)`, { x: 0 }).map((w) => [w.code, w.op])).toEqual([['kink', f]]);
      expect(warningsOf(`${f}(x)`, { x: 1 })).toEqual([]);
    }
  });

  it('norm at the zero vector: gradient 0, as PyTorch, and reported like abs at 0', async () => {
    const zero = { v: { shape: [3], data: new Float64Array(3) } };
    const { run: library } = await import('../src/index.js');
    expect(library('norm(v)', { v: [0, 0, 0] }).gradients).toEqual({ v: [0, 0, 0] });
    expect(run('norm(v)', zero).warnings.map((w) => [w.code, w.op])).toEqual([['kink', 'norm']]);
    expect(run('norm(v)', { v: { shape: [2], data: Float64Array.from([0, 1e-300]) } }).warnings).toEqual([]);
  });

  it('max and min split the gradient between tied inputs', () => {
    expect(differentiate('max(x, y)', { x: 2, y: 2 }).gradients).toEqual({ x: 0.5, y: 0.5 });
    expect(differentiate('min(x, y)', { x: 2, y: 2 }).gradients).toEqual({ x: 0.5, y: 0.5 });
    expect(differentiate('max(x, y)', { x: 3, y: 2 }).gradients).toEqual({ x: 1, y: 0 });
    expect(differentiate('max(0, x)', { x: 0 }).gradients).toEqual({ x: 0.5 });
    expect(warningsOf('max(x, y)', { x: 2, y: 2 })[0]?.code).toBe('kink');
  });

  it('pow follows PyTorch at a zero base and a zero exponent', () => {
    expect(differentiate('x^y', { x: 0, y: 2 }).gradients).toEqual({ x: 0, y: 0 });
    expect(differentiate('x^y', { x: 3, y: 0 }).gradients.x).toBe(0);
  });

  it('a value that is not finite is computed and reported, never thrown', () => {
    const log = run('log(x)', { x: -1 });
    expect(Number.isNaN(log.value[1])).toBe(true);
    expect(log.warnings.map((w) => w.code)).toEqual(['non-finite-value']);
    const div = run('1/x + x', { x: 0 });
    expect(div.value[div.graph.size - 1]).toBe(Infinity);
    expect(div.warnings.map((w) => w.code)).toEqual(['non-finite-value', 'non-finite-gradient']);
    // only where it starts: 1/x, not the sum that follows
    expect(div.warnings[0]!.nodes).toHaveLength(1);
  });

  it('sigmoid and softplus are stable far from zero', () => {
    expect(differentiate('sigmoid(x)', { x: 1000 }).value).toBe(1);
    expect(differentiate('sigmoid(x)', { x: -1000 }).value).toBe(0);
    expect(differentiate('sigmoid(x)', { x: -700 }).value).toBe(Math.exp(-700) / (1 + Math.exp(-700)));
    expect(differentiate('softplus(x)', { x: 1000 }).value).toBe(1000);
    expect(differentiate('softplus(x)', { x: -1000 }).value).toBe(0);
    expect(differentiate('softplus(x)', { x: 1000 }).gradients.x).toBe(1);
    for (const x of [1000, -1000]) expect(run('sigmoid(x) + softplus(x)', { x }).warnings).toEqual([]);
  });

  it('an unused binding is a warning', () => {
    expect(run('x', { x: 1, y: 2 }).warnings).toEqual([{ code: 'unused-binding', nodes: [], names: ['y'] }]);
  });
});

describe('refused input', () => {
  const refused: [string, string][] = [
    ['x + (a = 3)', 'unsupported'],
    ['f(x) = x^2', 'unsupported'],
    ['a[1] = 3', 'unsupported'],
    ['q = x; q = y', 'name'],
    ['f = q * 2; q = x', 'name'],
    ['"text"', 'unsupported'],
    ['true', 'unsupported'],
    ['x > 1', 'unsupported'],
    ['x == 1', 'unsupported'],
    ['x and y', 'unsupported'],
    ['not x', 'unsupported'],
    ['x ? 1 : 2', 'unsupported'],
    ['1:3', 'unsupported'],
    ['{a: 1}', 'unsupported'],
    ['x % 2', 'unsupported'],
    ['x!', 'unsupported'],
    ['x mod 2', 'unsupported'],
    ['x[1:2]', 'unsupported'],
    ['[1, 2][end]', 'unsupported'],
    ['x.y', 'unsupported'],
    ['[[1, 2], [3]]', 'shape'],
    ['[[[1]]]', 'shape'],
    ['[]', 'shape'],
    ['[1, 2]^2', 'shape'],
    ['2 / [1, 2]', 'shape'],
    ['[1, 2] / [1, 2]', 'shape'],
    ['norm([1, 2; 3, 4])', 'shape'],
    ['softmax([1, 2; 3, 4])', 'shape'],
    ['logsumexp([1, 2; 3, 4])', 'shape'],
    ['[1, 2] + [1, 2, 3]', 'shape'],
    ['[1, 2; 3, 4] * [1, 2, 3]', 'shape'],
    ['dot([1, 2], [1, 2, 3])', 'shape'],
    ['[1, 2][3]', 'index'],
    ['[1, 2][1.5]', 'index'],
    ['[1, 2][1, 1]', 'shape'],
    ['[x, [1, 2]]', 'shape'],
    ['sum(x, 1)', 'arity'],
    ['foo(x)', 'unknown-function'],
    ['evaluate("1")', 'unknown-function'],
    ['exp(x, y)', 'arity'],
    ['max(x, y, 1)', 'arity'],
    ['log(x, 2, 3)', 'arity'],
    ['x +* 2', 'syntax'],
    ['(x + 1', 'syntax'],
    ['', 'usage'],
    ['   ', 'usage'],
  ];
  it.each(refused)('%s → %s', (expression, code) => {
    let error: unknown;
    try {
      run(expression, { x: 1, y: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as BackpropError).code).toBe(code);
  });

  it('an unknown function lists the known ones', () => {
    expect(() => run('foo(x)', { x: 1 })).toThrow(/unknown function foo\(\); the functions are: abs, .*sigmoid.*tanh/);
  });

  it('names every missing variable in one error', () => {
    expect(() => run('x*y + z', { y: 1 })).toThrow(/the variables x, z/);
  });

  it('a number literal too large for a double is refused, as a binding of one is, not carried through as Infinity', () => {
    for (const e of ['1e309 * x', '-1e309 * x', '[1e309, 1] * x']) expect(() => run(e, { x: 1 }), e).toThrow('the number "1e309" is too large: a double holds at most about 1.8e308');
    expect(() => run('1e308 * x', { x: 1 })).not.toThrow();
    expect(() => run('0b2 * x', { x: 1 })).toThrow('cannot read the number "0b2"');
  });

  it('a syntax error points at the position', () => {
    expect(() => run('x +* 2', { x: 1 })).toThrow('syntax error at character 4: Value expected\n  x +* 2\n     ^');
  });

  // What lecture notes, PDFs and a Korean input method put in a formula copied from them.
  const lookalikes: [string, string, string][] = [
    ['x − y', '"−" (U+2212)', '-'],
    ['x – y', '"–" (U+2013)', '-'],
    ['x · y', '"·" (U+00B7)', '*'],
    ['x ∗ y', '"∗" (U+2217)', '*'],
    ['x⋅y', '"⋅" (U+22C5)', '*'],
    ['x² + y', '"²" (U+00B2)', '^2'],
    ['√x', '"√" (U+221A)', 'sqrt(…)'],
    ['（x + y）', '"（" (U+FF08)', '('],
    ['x ＋ y', '"＋" (U+FF0B)', '+'],
    ['x\u3000+ y', '"\u3000" (U+3000)', 'a space'],
    ['x\u2009+ y', '"\u2009" (U+2009)', 'a space'], // a PDF's thin space, which looks like a space
  ];
  it.each(lookalikes)('%s: says which character is not an operator, and what to type', (expression, char, instead) => {
    const at = expression.indexOf(char[1]!);
    const message = `syntax error at character ${at + 1}: ${char} is not part of the language: type ${instead} instead\n  ${expression}\n  ${' '.repeat(at)}^`;
    expect(() => run(expression, { x: 1, y: 2 })).toThrow(message);
  });

  it('an invisible character (a zero-width space, a byte-order mark mid-text) says to delete it, shown escaped', () => {
    for (const [c, code] of [['\u200b', 'U+200B'], ['\ufeff', 'U+FEFF']] as const) {
      const escaped = `\\u${code.slice(2).toLowerCase()}`;
      expect(() => run(`x${c}+ y`, { x: 1, y: 2 })).toThrow(`syntax error at character 2: "${escaped}" (${code}), an invisible character, is not part of the language: delete it\n  x${escaped}+ y\n   ^`);
    }
  });

  it('× and ÷, which mathjs would take into a name (x×y), are refused where they are', () => {
    expect(() => run('x×y', { x: 1, y: 2 })).toThrow('"×" (U+00D7) is not part of the language: type * instead\n  x×y\n   ^');
    expect(() => run('q = x + 1; f = q÷y', { x: 1, y: 2 })).toThrow('"÷" (U+00F7) is not part of the language: type / instead\n  f = q÷y\n       ^');
  });

  it('a letter that cannot be in a name (Hangul, Cyrillic) says what names are made of', () => {
    expect(() => run('x * 가', { x: 1 })).toThrow('syntax error at character 5: "가" cannot be part of a name; names are Latin or Greek letters, digits and _ (x, w1, θ)');
    expect(() => run('Ж + 1', {})).toThrow(/"Ж" cannot be part of a name/);
    expect(() => run('θ * x', { θ: 2, x: 1 })).not.toThrow();
    expect(() => run('é * 𝑥', { é: 2, '𝑥': 1 })).not.toThrow(); // Latin-1 letters and mathematical ones are mathjs's too
  });

  it('suggests the function a name from another notation or a typo meant', () => {
    const said = (expression: string): string => {
      try {
        run(expression, { x: 1 });
      } catch (e) {
        expect((e as BackpropError).code, expression).toBe('unknown-function');
        return (e as Error).message.split('\n')[0]!;
      }
      throw new Error(`${expression} ran`);
    };
    expect(said('ln(x)')).toMatch(/^unknown function ln\(\) \(did you mean log\(\)\?\); the functions are: abs, /);
    for (const [typed, meant] of [['Sigmoid', 'sigmoid'], ['sigmod', 'sigmoid'], ['σ', 'sigmoid'], ['sigma', 'sigmoid'], ['ReLU', 'relu'], ['arctan', 'atan'], ['softmx', 'softmax']]) {
      expect(said(`${typed}(x)`)).toContain(`unknown function ${typed}() (did you mean ${meant}()?)`);
    }
    expect(said('foo(x)')).toMatch(/^unknown function foo\(\); the functions/);
    expect(said('np.exp(x) + 1')).toBe('np.exp() is not part of the language: a function is called by its name alone; write exp(x)');
    expect(said('torch.sigmoid(2 * x)')).toContain('write sigmoid(2 * x)');
    expect(said('x.sum()')).toContain('write sum(x)'); // a value's method takes the value first
  });

  it('says what NumPy’s x.T and Python’s W @ x are written as', () => {
    expect(() => run('x.T * x', { x: 2 })).toThrow("x.T is NumPy's transpose, not part of the language; write x' or transpose(x)");
    expect(() => run('x @ x', { x: 2 })).toThrow("syntax error at character 3: @ is Python's matrix product; write * instead (W*x)\n  x @ x\n    ^");
    expect(() => run('x.y', { x: 2 })).toThrow(/^properties \(a\.b\) are not part of the language/);
  });

  it('says that a value before a parenthesis is a call, not a product', () => {
    expect(() => run("x + 'text'", { x: 2 })).toThrow("strings cannot be differentiated\n  x + 'text'\n      ^");
    expect(() => run('2 * true', {})).toThrow('the value "true" cannot be differentiated\n  2 * true\n      ^');
    expect(() => run('x(y+1)', { x: 2, y: 3 })).toThrow('x(y + 1) calls x as a function (a name before a parenthesis is a call); for a product write x*(y + 1)\n  x(y+1)\n  ^');
    expect(() => run('q = x + y; f = q(x)', { x: 2, y: 3 })).toThrow(/^q\(x\) calls q as a function/);
    expect(() => run('w(x)', { x: 2 })).toThrow(/^unknown function w\(\)/); // w is no value here
  });

  it('says that a reduction along one dimension (sum(A, 1)) is not part of the language', () => {
    expect(() => run('sum(W, 1)', { W: { shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) } })).toThrow('sum() takes 1 argument, not 2; sum(A, dim) along one dimension is not part of the language, sum(A) takes every entry');
    expect(() => run('exp(x, 2)', { x: 1 })).toThrow(/^exp\(\) takes 1 argument, not 2\n/);
  });

  it("says what mathjs's norm(v, p) and max(a, b, c) mean here", () => {
    // norm's second argument is mathjs's order p, not a dimension.
    expect(() => run('norm(v, 1)', { v: { shape: [2], data: Float64Array.of(3, -4) } })).toThrow('norm() takes 1 argument, not 2; norm(v, p) with an order p is not part of the language: norm(v) is the 2-norm, and the 1-norm is written sum(abs(v))');
    expect(() => run('max(x, y, z)', { x: 1, y: 2, z: 3 })).toThrow('max() takes 1 or 2 arguments, not 3; for three or more, nest them: max(max(a, b), c)');
    expect(() => run('min(x, y, z, x)', { x: 1, y: 2, z: 3 })).toThrow('min() takes 1 or 2 arguments, not 4; for three or more, nest them: min(min(a, b), c)');
  });

  it('says what notation from a write-up is written as: LaTeX, braces, |x|, ∑, a typographic quote', () => {
    const say = (e: string): string => thrown(() => run(e, { x: 2, y: 3 }));
    expect(say('\\frac{x}{y}')).toBe('syntax error at character 1: "\\frac" is LaTeX; write the expression in mathjs syntax (x / y, sqrt(x), exp(x))\n  \\frac{x}{y}\n  ^');
    expect(say('exp(1) + e^{x}')).toBe('syntax error at character 12: braces { } make an object in mathjs; group with parentheses instead (e^(x), not e^{x})\n  exp(1) + e^{x}\n             ^');
    expect(say('2*|x - y|')).toBe('syntax error at character 3: |x| is not part of the language; write abs(x), or norm(v) for a vector\n  2*|x - y|\n    ^');
    expect(say('∑x')).toMatch(/^syntax error at character 1: "∑" \(U\+2211\) is not part of the language: type sum\(…\) instead/);
    expect(say('x’ * y')).toMatch(/^syntax error at character 2: "’" \(U\+2019\) is not part of the language: type ' instead/);
    expect(say('x mod y')).toMatch(/^the operator mod is not part of the language\n/); // not "mod (mod)"
    expect(say('x % y')).toMatch(/^the operator % \(mod\) is not part of the language\n/);
    expect(say('“x”')).toMatch(/^syntax error at character 1: "“" \(U\+201C\) is not part of the language: type " instead/);
  });

  it('says how statements are separated, and where bindings go, when a comma joins them', () => {
    expect(thrown(() => run('q = x + y, f = q * z', {}))).toBe(
      "syntax error at character 10: a comma separates a function's arguments or a matrix's entries; separate statements with ; or a new line (q = x + y; f = q * z)\n  q = x + y, f = q * z\n           ^",
    );
    expect(thrown(() => run('max(x, y), z', {}))).toMatch(/^syntax error at character 10: a comma separates/);
    // The library's words name no command; the command line adds what to type.
    const e = refusal(() => run('f = (x+y)*z, x=1, y = 2, z=-4', {}));
    expect(e.message).toBe('syntax error at character 12: the values of the variables are not part of the expression\n  f = (x+y)*z, x=1, y = 2, z=-4\n             ^');
    expect(e.say('en', true)).toMatch(/; write them after it, outside its quotes: backprop "f = \(x\+y\)\*z" x=1 y=2 z=-4\n/);
    expect(refusal(() => run('x+y, x=1 y=2', {})).say('ko', true)).toMatch(/^4번째 문자에서 구문 오류: 변수의 값은 식의 일부가 아닙니다; 식 뒤에, 따옴표 밖에 쓰세요: backprop "x\+y" x=1 y=2\n/);
    // Thirty pieces that are not all bindings: one pattern over the rest took minutes (exponential backtracking).
    expect(thrown(() => run(`x + 1${', a=1 '.repeat(30)}, b`, {}))).toMatch(/^syntax error at character 6: a comma separates/);
    expect(thrown(() => run(`x + 1${', a=1'.repeat(30)}`, {}))).toMatch(/^syntax error at character 6: the values of the variables are not part of the expression/);
    expect(thrown(() => run('q := x + y; f = q * z', {}))).toBe('syntax error at character 3: := is not an assignment in mathjs; name a node with = (q = x + y)\n  q := x + y; f = q * z\n    ^');
  });

  it('says that ** is Python’s power, and points at it', () => {
    expect(() => run('2 * x ** 3', { x: 1 })).toThrow("syntax error at character 7: ** is Python's power; write ^ instead (x^2)\n  2 * x ** 3\n        ^");
    expect(() => run('**x', { x: 1 })).toThrow(/Value expected/);
  });

  it('a value or an answer with a look-alike names it', () => {
    expect(() => parseValue('x', '−2')).toThrow('the value of x is not a number: "−2"; "−" (U+2212) is not part of the language: type - instead');
    expect(() => parseValue('W', '[1, 2; 3, −4]')).toThrow(/the value of W is not a vector or a matrix: .*; "−" \(U\+2212\)/);
    expect(() => parseExpectation('x=２')).toThrow('"２" (U+FF12) is not part of the language: type 2 instead');
    expect(() => parseValue('x', 'abc')).toThrow(/^the value of x is not a number: "abc"$/);
  });

  it('a value of three dimensions is said to be one, not a ragged matrix', () => {
    expect(() => parseValue('x', '[[[1]]]')).toThrow('the value of x has more than two dimensions: a value is a number, a vector or a matrix');
    expect(() => parseValue('x', '[[1], [[2]]]')).toThrow(/more than two dimensions/);
  });

  it('a value that is not a vector or a matrix says which part is wrong', () => {
    const said = (text: string): string => thrown(() => parseValue('W', text));
    expect(said('[[1, 2], [3, 4, 5]]')).toBe('the value of W has rows of different lengths: row 1 has 2 entries, row 2 has 3 entries');
    expect(said('[[1, 2], [3, 4], [5]]')).toBe('the value of W has rows of different lengths: row 1 has 2 entries, row 3 has 1 entry');
    // mathjs syntax says the same: its parser stops at the row, and names no row.
    expect(said('[1, 2; 3]')).toBe('the value of W has rows of different lengths: row 1 has 2 entries, row 2 has 1 entry');
    expect(said('[]')).toBe('the value of W is empty ([]): a vector needs at least one entry');
    expect(said('[[1], []]')).toBe('the value of W has an empty row (row 2): a row needs at least one entry');
    expect(said('[1, [2]]')).toBe('the value of W mixes numbers and rows: a vector is written [1, 2], a matrix [[1, 2], [3, 4]]');
    expect(said('[1, null]')).toBe('the value of W has null as entry 2, not a number');
    expect(said('[[1, 2], [3, "4"]]')).toBe('the value of W has "4" as row 2, entry 2, not a number; a number in JSON has no quotes');
    expect(said('[[1, 2], [3, {"a": 1}]]')).toBe('the value of W has {"a":1} as row 2, entry 2, not a number');
    // From the library: a hole, a number that is not finite, a BigInt.
    expect(thrown(() => toValue('v', [1, , 3]))).toBe('the value of v has undefined as entry 2, not a number');
    expect(thrown(() => toValue('v', [[1, NaN]]))).toBe('the value of v has NaN as row 1, entry 2, not a number');
    expect(thrown(() => toValue('v', [1n]))).toBe('the value of v has bigint as entry 1, not a number');
    expect(refusal(() => parseValue('W', '[[1], []]')).say('ko')).toBe('W의 값은 2행이 비어 있습니다: 행에는 항목이 하나 이상 있어야 합니다');
    expect(refusal(() => parseValue('W', '[1, true]')).say('ko')).toBe('W의 값에 수가 아닌 항목이 있습니다: true (항목 2)');
  });

  it('a matrix literal that is not one says which part is wrong, with a caret at its bracket', () => {
    const said = (expression: string): string => thrown(() => run(expression, { x: 1 }));
    expect(said('x * sum([1, 2; 3])')).toBe('a matrix literal has rows of different lengths: row 1 has 2 entries, row 2 has 1 entry\n  x * sum([1, 2; 3])\n          ^');
    expect(said('x * sum([1, 2; 3, 4; (5), 6, 7])')).toMatch(/^a matrix literal has rows of different lengths: row 1 has 2 entries, row 3 has 3 entries\n/);
    expect(said('x * sum([[1], [2, 3]])')).toMatch(/^a matrix literal has rows of different lengths: row 1 has 1 entry, row 2 has 2 entries\n/);
    expect(said('x * sum([])')).toMatch(/^a matrix literal is empty \(\[\]\): a vector needs at least one entry\n/);
    expect(said('x * sum([[1], [[2]]])')).toMatch(/^a matrix literal has more than two dimensions/);
    expect(said('x * sum([1, [2]])')).toMatch(/^a matrix literal mixes numbers and rows/);
    expect(refusal(() => run('sum([[1], [2, 3]])', {})).say('ko')).toMatch(/^행렬 리터럴은 행의 길이가 다릅니다: 1행은 항목 1개, 2행은 2개입니다\n/);
  });
});

/** The BackpropError that f throws, to be said in another language. */
function refusal(f: () => unknown): BackpropError {
  try {
    f();
  } catch (e) {
    if (e instanceof BackpropError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('honest numbers', () => {
  it('norm is exact at the extremes of the doubles, as hypot is', () => {
    for (const x of [1e-200, 1e200, 1e-310]) {
      const t = run('norm(v)', { v: { shape: [2], data: Float64Array.of(x, x) } });
      const root = t.graph.size - 1;
      expect(t.value[t.offset[root]!]).toBe(Math.hypot(x, x));
      const v = t.graph.variables[0]!.node;
      expect([...t.grad.subarray(t.offset[v]!, t.offset[v + 1]!)]).toEqual([Math.SQRT1_2, Math.SQRT1_2].map((g) => expect.closeTo(g, 15)));
    }
    // At the zero vector: no 0/0 (nothing not finite), only the kink, said as abs's is.
    const zero = run('norm(v)', { v: { shape: [2], data: Float64Array.of(0, 0) } });
    expect(zero.warnings.map((w) => w.code)).toEqual(['kink']);
  });

  it('a constant takes no gradient: nothing NaN, nothing warned of', () => {
    const t = run('(x-1)^2', { x: 0 });
    expect(t.warnings).toEqual([]);
    for (let i = 0; i < t.graph.size; i++) {
      if (t.hasGradient[i]) expect(Number.isFinite(t.grad[t.offset[i]!]!), `node ${i}`).toBe(true);
    }
    const exponent = t.graph.args[t.graph.first[t.graph.size - 1]! + 1]!;
    expect(t.hasGradient[exponent]).toBe(0);
    // The same for a constant subexpression, and for an index's own arithmetic.
    const sub = run('x * (2 * 3)', { x: 1 });
    expect([...sub.hasGradient]).toEqual([1, 0, 0, 0, 1]);
    const index = run('s[i + 1] * i', { s: { shape: [3], data: Float64Array.of(1, 2, 3) }, i: 1 });
    const gradients = index.graph.variables.map((v) => index.hasGradient[v.node]);
    expect(gradients).toEqual([1, 1]); // i is also a value
  });
});
