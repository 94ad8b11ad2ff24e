// The lecture's own notation (SPEC §1): statements that name their nodes,
// q = x + y; f = q * z. Every lecture example written the lecture's way,
// against the reference values and an independent computation of the named
// nodes, in JSON and in the table; the errors a name can cause; answers on
// named nodes (SPEC §6).
import { describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { cli } from './cli-harness.js';
import { LECTURE, type LectureCase } from './helpers.js';

type Case = LectureCase;
const cases = LECTURE;
const byId = (id: string): Case => cases.find((c) => c.id === id)!;

/** Every number in `got` within 1e-9 of `want`, entry by entry. */
function close(got: unknown, want: unknown, what: string): void {
  const g = [got].flat(2) as number[];
  const w = [want].flat(2) as number[];
  expect(g.length, what).toBe(w.length);
  w.forEach((x, k) => expect(Math.abs(g[k]! - x), `${what}[${k}]`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x))));
}

const matvec = (W: number[][], x: number[]): number[] => W.map((row) => row.reduce((s, w, k) => s + w * x[k]!, 0));

/** The lecture's programs with their named nodes, and each name's value and gradient worked out here independently. */
const programs: { id: string; program: string; named: Record<string, { value: unknown; gradient?: unknown }> }[] = [
  { id: 'scalar-add-mul', program: byId('scalar-add-mul').as_the_lecture_names_it!, named: byId('scalar-add-mul').named_nodes! },
  { id: 'vectorized-l2', program: byId('vectorized-l2').as_the_lecture_names_it!, named: byId('vectorized-l2').named_nodes! },
  (() => {
    const c = byId('two-layer-net');
    const { W1, W2, x } = c.vars as { W1: number[][]; W2: number[][]; x: number[] };
    const h = matvec(W1, x).map((v) => Math.max(0, v));
    // The seed is ones: ∂f/∂h = W2ᵀ · 1.
    const dh = h.map((_v, k) => W2.reduce((s, row) => s + row[k]!, 0));
    return { id: c.id, program: 'h = max(0, W1*x); s = W2*h', named: { h: { value: h, gradient: dh }, s: { value: matvec(W2, h), gradient: [1, 1] } } };
  })(),
  (() => {
    const c = byId('svm-hinge-l2');
    const { W, x, y, lambda } = c.vars as { W: number[][]; x: number[]; y: number; lambda: number };
    const s = matvec(W, x);
    const Li = s.reduce((sum, v) => sum + Math.max(0, v - s[y - 1]! + 1), 0) - 1;
    const R = W.flat().reduce((sum, w) => sum + w * w, 0);
    return { id: c.id, program: c.as_the_lecture_names_it!, named: { s: { value: s }, L_i: { value: Li, gradient: 1 }, R: { value: R, gradient: lambda }, L: { value: Li + lambda * R, gradient: 1 } } };
  })(),
];

describe("the lecture's examples, written with names", () => {
  it.each(programs.map((p) => [p.id, p] as const))('%s gives the reference values and its named nodes', (_id, p) => {
    const c = byId(p.id);
    const r = run(p.program, c.vars as never);
    close(r.value, c.value, 'value');
    for (const [name, g] of Object.entries(c.gradients)) close(r.gradients[name], g, `∂f/∂${name}`);
    for (const [name, want] of Object.entries(p.named)) {
      const node = r.nodes.find((n) => n.name === name);
      expect(node, name).toBeDefined();
      expect(node!.id).toBe(name);
      close(node!.value, want.value, `${name}'s value`);
      if (want.gradient !== undefined) close(node!.gradient, want.gradient, `∂f/∂${name}`);
    }
    expect(r.warnings).toEqual([]);
  });

  it('says the names in the JSON, the table, the explanation and the picture', async () => {
    const args = ['q = x + y; f = q * z', '--x=-2', '--y=5', '--z=-4'];
    const doc = JSON.parse((await cli([...args, '--json'])).stdout);
    expect(doc.expression).toBe('q = x + y; f = q * z');
    expect(doc.nodes.map((n: { id: string; name?: string }) => [n.id, n.name])).toEqual([['x', undefined], ['y', undefined], ['q', 'q'], ['z', undefined], ['f', 'f']]);
    expect(doc.nodes[4].inputs[0]).toEqual({ id: 'q', local: -4, sent: -4 });
    const table = (await cli(args)).stdout;
    expect(table).toMatch(/^q = x \+ y\nf = q \* z\n/);
    expect(table).toMatch(/\nq +x \+ y +add +3 .* -4\n/);
    const explain = (await cli([...args, '--explain'])).stdout;
    expect(explain).toContain('  q = x + y = 3\n');
    expect(explain).toContain('upstream gradient ∂f/∂q = -4');
    const dot = (await cli([...args, '--format', 'dot'])).stdout;
    expect(dot).toContain('"q" [shape=circle, label=<+<br/><b>q</b>>];');
  });

  it('reads the statements from a file, one a line', async () => {
    const r = await cli(['-', 'x=-2', 'y=5', 'z=-4', '--json'], { stdin: 'q = x + y\n\nf = q * z  # the lecture\n' });
    expect(JSON.parse(r.stdout).gradients).toEqual({ x: -4, y: -4, z: 3 });
  });

  it('adds up a name used twice, as a variable used twice', () => {
    const r = run('q = x * y; f = q * q + q', { x: 2, y: 3 });
    expect(r.nodes.find((n) => n.id === 'q')!.gradient).toBe(2 * 6 + 1);
    expect(r.gradients).toEqual({ x: 13 * 3, y: 13 * 2 });
  });

  it('says a statement that names a named node again as written (f = q, not f = x + y)', async () => {
    expect(run('q = x + y; f = q', { x: 1, y: 2 }).expression).toBe('q = x + y; f = q');
    expect((await cli(['q = x + y; f = q', 'x=1', 'y=2'])).stdout).toMatch(/^q = x \+ y\nf = q\n/);
  });

  it('writes a last statement that is only a name (q = x * 2; q) as that name, once', async () => {
    // The JSON said "q = x * 2; x * 2", another program, and the table's head said q = x * 2 twice.
    expect(run('q = x*2; q', { x: 1 }).expression).toBe('q = x * 2; q');
    const table = await cli(['q = x*2; q', 'x=1']);
    expect(table.stdout.split('\n\n')[0]).toBe('q = x * 2');
    expect((await cli(['q = x*2; q', 'x=1', '--format', 'latex'])).stdout.split('\n')[0]).toBe('% q = x * 2');
  });

  it('gives a new name for a named node or a variable (q = x, f = q) a node of its own, with its value and gradient', async () => {
    const r = run('q = x; f = q * q', { x: 3 });
    expect(r.expression).toBe('q = x; f = q * q');
    const q = r.nodes.find((n) => n.id === 'q')!;
    expect([q.op, q.label, q.name, q.value, q.gradient]).toEqual(['identity', 'x', 'q', 3, 6]);
    expect(q.inputs).toEqual([{ id: 'x', local: 1, sent: 6 }]);
    expect(r.gradients).toEqual({ x: 6 });
    // Answers on the new names hold: they were 'no named node q' and 'no named node f'.
    expect((await cli(['q = x; f = q * q', 'x=3', '--expect', 'q=6', '--expect', 'value:q=3'])).exit).toBe(0);
    expect((await cli(['q = x + y; f = q', 'x=1', 'y=2', '--expect', 'value:f=3', '--expect', 'f=1', '--expect', 'q=1'])).exit).toBe(0);
    expect((await cli(['q = x + y; f = q', 'x=1', 'y=2', '--explain'])).stdout).toContain('  f = q — a new name: its local gradient is 1, so it passes the upstream gradient on unchanged\n');
    // A chain of names, a tensor, and a variable used only as an index keep their meaning.
    const chain = run('a = x + y; q = a; f = q * z', { x: 1, y: 2, z: 4 });
    expect(chain.expression).toBe('a = x + y; q = a; f = q * z');
    expect(chain.gradients).toEqual({ x: 4, y: 4, z: 3 });
    expect(run('V = W; f = sum(V * x)', { W: [[1, 2], [3, 4]], x: [1, 1] }).gradients).toEqual({ W: [[1, 1], [1, 1]], x: [4, 6] });
    expect(run('i = y; f = s[i]', { s: [1, 2, 3], y: 2 }).gradients).toEqual({ s: [0, 1, 0], y: null });
    // Symbolic forms see through the names.
    expect((await cli(['a = x * y; q = a; f = q * x', 'x=2', 'y=3', '--symbolic'])).stdout).toContain('∂f/∂x = 2 * y * x = 12');
    // A closed form that is a number is said once: ∂f/∂x = 1, not 1 = 1.
    expect((await cli(['q = x; f = q + 2 * y', 'x=2', 'y=3', '--symbolic'])).stdout).toContain('\n  ∂f/∂x = 1\n  ∂f/∂y = 2\n');
  });

  it('keeps working with --expand and --symbolic', async () => {
    const expanded = run('s = sigmoid(w*x); f = s * 2', { w: 2, x: -1 }, { expand: true });
    close(expanded.gradients.w, 2 * (-1) * (1 / (1 + Math.exp(2))) * (1 - 1 / (1 + Math.exp(2))), '∂f/∂w');
    const symbolic = await cli(['q = x * x; f = q * y', 'x=2', 'y=3', '--symbolic']);
    expect(symbolic.stdout).toContain('∂f/∂x = 2 * y * x = 12');
  });

  it('warns of a statement nothing uses, and leaves out what follows the output', () => {
    expect(run('a = x * 2; b = x + 1; a * 3', { x: 1 }).warnings).toEqual(['b is assigned but not used: nothing after it reads its value']);
    expect(run('x + 1; x * 2', { x: 1 }).warnings).toEqual(['statement 1 (x + 1) is not used: nothing after it reads its value']);
    // Many are counted, not listed: a program of 20,000 unused statements is one line.
    const many = [...Array.from({ length: 7 }, (_, i) => `a${i} = x * ${i + 2}`), 'f = x'].join('; ');
    expect(run(many, { x: 1 }).warnings).toEqual([
      'a0 is assigned but not used; a1 is assigned but not used; a2 is assigned but not used; a3 is assigned but not used; a4 is assigned but not used; and 2 more: nothing after them reads their values',
    ]);
  });
});

describe('names that cannot be', () => {
  const cases: [string[], string][] = [
    [['f = q * z; q = x + y', 'x=1', 'y=2', 'z=3'], 'q is used before it is assigned; assign it in an earlier statement\n  f = q * z\n      ^'],
    [['q = x; q = y; f = q', 'x=1', 'y=2'], 'q is assigned twice; a name stands for one node\n  q = y\n  ^'],
    [['q = x + y; f = q * 2', 'x=1', 'y=2', 'q=3'], 'q is assigned by a statement and also bound as a variable; rename one of them\n  q = x + y\n  ^'],
    [['x = x + 1'], 'x is used before it is assigned; assign it in an earlier statement\n  x = x + 1\n      ^'],
    [['f(x) = x^2'], 'f(…) = … defines a function, which is not part of the language; name a node instead, f = x^2, its variables bound (--x=…)\n  f(x) = x^2\n       ^'],
    // The lecture's own f(x, y, z) = (x + y)z, and its f = qz, where mathjs reads qz as one name.
    [['f(x,y,z) = (x+y)z', 'x=1', 'y=2', 'z=3'], 'f(…) = … defines a function, which is not part of the language; name a node instead, f = (x+y)z, its variables bound (--x=…)\n  f(x,y,z) = (x+y)z\n           ^'],
    [['q = x + y; f = qz', 'x=1', 'y=2', 'z=3'], 'no value for the variable qz; a name of several letters is one variable: for the product write q*z'],
    [['x + (a = 3)', 'x=1'], 'an assignment inside an expression is not part of the language; name a node by a statement of its own: q = x + y; f = q * z\n  x + (a = 3)\n         ^'],
    // Comments and separators alone: no statement at all (mathjs reads an undefined constant).
    [['# to do: the loss'], 'the expression is empty'],
    [['; ;'], 'the expression is empty'],
    [['# q = x + y\n;\n# f = q * z'], 'the expression is empty'],
  ];
  it.each(cases)('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe(`backprop: error: ${message}\n`);
  });
});

describe('answers on any node (SPEC §6)', () => {
  const args = ['q = x + y; f = q * z', '--x=-2', '--y=5', '--z=-4'];
  const verdicts = async (...answers: string[]) => {
    const r = await cli([...args, ...answers.flatMap((a) => ['--expect', a]), '--json']);
    return JSON.parse(r.stdout).expectations.map((e: { ok: boolean }) => e.ok);
  };
  it('read a gradient written out as the table writes it, ∂f/∂x or df/dx, and only of the output', async () => {
    expect(await verdicts('∂f/∂x=-4', 'df/dz=3', '∂f / ∂q = -4', '∂f/∂x=4')).toEqual([true, true, true, false]);
    const named = ['q = x + y; L = q * z', '--x=-2', '--y=5', '--z=-4'];
    expect((await cli([...named, '--expect', '∂L/∂q=-4', '--expect', '∂f/∂x=-4'])).exit).toBe(0);
    // ∂q/∂x is 1, but it is not what --expect checks: taken for ∂L/∂x it would be marked wrong.
    const local = await cli([...named, '--expect', '∂q/∂x=1']);
    expect([local.exit, local.stderr]).toEqual([2, 'backprop: error: --expect ∂q/∂x=1: an answer is about the output L (∂L/∂x, written x=…), and q is not the output\n']);
  });
  it('say how to write what is not an answer about a name: dx, two answers in one', async () => {
    expect((await cli([...args, '--expect', 'dx=-4'])).stderr).toContain('no named node dx (its names: x, y, z, q, f; f itself is value=…); for ∂f/∂x write x=…');
    expect((await cli([...args, '--expect', 'x=-4±0.5'])).stderr).toBe('backprop: error: --expect "x=-4±0.5": a tolerance is given by --tol: write --expect x=-4 --tol 0.5\n');
    expect((await cli([...args, '--expect', 'x=-4 +/- 0.5'])).stderr).toContain('write --expect x=-4 --tol 0.5');
    expect((await cli([...args, '--expect', 'x=-4, y=-4'])).stderr).toBe('backprop: error: --expect takes one answer, not two in "x=-4, y=-4": write --expect x=-4 --expect y=-4\n');
    // A matrix's commas are its own.
    expect((await cli(['sum(W)', '--W=[1, 2; 3, 4]', '--expect', 'W=[1, 1; 1, 1]'])).exit).toBe(0);
    // x= with nothing after it (--expect x=$ANSWER with ANSWER empty) is the form, not "a number".
    expect((await cli([...args, '--expect', 'x='])).stderr).toBe('backprop: error: --expect takes NAME=VALUE, such as x=-0.53 or value=0.73, not "x="\n');
    expect((await cli([...args, '--expect', 'x= '])).exit).toBe(2);
  });
  it("check a named node's gradient and value, and f's", async () => {
    expect(await verdicts('q=-4', 'value:q=3', 'value=-12', 'q=4', 'value:q=2')).toEqual([true, true, true, false, false]);
  });
  it('take a whole number or a fraction as exact, and decimals as rounded', async () => {
    const neuron = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1'];
    const ok = async (answer: string, tol?: string) =>
      JSON.parse((await cli([...neuron, '--expect', answer, ...(tol ? ['--tol', tol] : []), '--json'])).stdout).expectations[0].ok;
    expect(await ok('x0=0.39')).toBe(true);
    expect(await ok('x0=0')).toBe(false); // no longer ±0.5
    expect(await ok('x0=2/5')).toBe(false); // 0.4, exactly
    expect(await ok('x0=0.4')).toBe(true); // the lecture's rounding
    expect(await verdicts('q=-8/2', 'x=-4', 'z=3')).toEqual([true, true, true]);
    expect(await ok('value=0.7310585786300049', '0')).toBe(true);
    expect(await ok('value=0.73', '0')).toBe(false);
  });
  it('give each entry of a tensor its own tolerance, in the message', async () => {
    const r = await cli(['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--expect', 'W=[[0.088, 0.17], [0.1, 0.208]]']);
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain('entry [1, 2] is 0.176, more than 0.005 from 0.17');
    expect(r.stdout).not.toContain('entry [2, 1]'); // 0.104 rounds to 0.1
  });
  it('name what there is when a name is not', async () => {
    const r = await cli([...args, '--expect', 'p=1']);
    expect(r.stderr).toContain('the expression has no variable and no named node p (its names: x, y, z, q, f;');
  });
});

describe('the output by its own name', () => {
  const lecture = ['q = x + y; L = q * z', 'x=-2', 'y=5', 'z=-4'];

  it('is what every gradient is of, in every text output, once a statement names it (L = …)', async () => {
    const table = (await cli(lecture)).stdout;
    expect(table).toContain('gradient ∂L/∂node');
    expect(table).toContain('\nL = -12\n∂L/∂x = -4\n∂L/∂y = -4\n∂L/∂z = 3\n');
    const explain = (await cli([...lecture, '--explain'])).stdout;
    expect(explain).toContain('Backward pass (backpropagation), from L back to the inputs.');
    expect(explain).toContain('∂L/∂L = 1: the upstream gradient of L, the output.');
    expect(explain).toContain('upstream gradient ∂L/∂q = -4');
    expect(explain).toContain('Gradients of L:\n  ∂L/∂x = -4');
    // The forward pass says L = q * z = -12 once: no "f = L" line under it.
    expect(explain).not.toMatch(/\n {2}f = /);
    expect((await cli([...lecture, '--format', 'markdown'])).stdout).toContain('| ∂L/∂v |');
    expect((await cli([...lecture, '--format', 'latex'])).stdout).toContain('\\frac{\\partial L}{\\partial x} &= -4');
    expect((await cli([...lecture, '--format', 'dot'])).stdout).toContain('[shape=plaintext, label="L"]');
    expect((await cli([...lecture, '--expect', 'x=-4', '--expect', 'value=-12'])).stdout).toContain('expect x=-4: ok (∂L/∂x = -4)\nexpect value=-12: ok (L = -12)');
    expect((await cli([...lecture, '--expect', 'dx=-4'])).stderr).toContain('(its names: x, y, z, q, L; L itself is value=…); for ∂L/∂x write x=…');
    const ko = (await cli([...lecture, '--explain', '--lang', 'ko'])).stdout;
    expect(ko).toContain('L의 그래디언트:');
    for (const text of [table, explain, ko]) expect(text).not.toContain('∂f/');
  });

  it('never makes ∂f/∂f mean two things: f as a node before the output, or as a variable', async () => {
    const intermediate = (await cli(['f = x * 3; g = f * 2', 'x=1', '--explain'])).stdout;
    expect(intermediate).toContain('upstream gradient ∂g/∂f = 2');
    expect(intermediate).toContain('to x: local gradient ∂f/∂x = 3');
    expect(intermediate).not.toContain('∂f/∂f');
    const variable = (await cli(['f * 2', 'f=3'])).stdout;
    expect(variable).toContain('out = f * 2');
    expect(variable).toContain('\nout = 6\n∂out/∂f = 2\n');
    expect((await cli(['f * 2', 'f=3', '--expect', 'f=2'])).stdout).toContain('expect f=2: ok (∂out/∂f = 2)');
  });

  it('says the output with its particle in Korean, as it is read', async () => {
    const seeded = (name: string) => cli([`${name} = W * x`, '--W=[[1, 2], [3, 4]]', '--x=[1, 1]', '--lang', 'ko']);
    expect((await seeded('s')).stdout).toContain('\ns는 원소 2개의 벡터입니다');
    expect((await seeded('L')).stdout).toContain('\nL은 원소 2개의 벡터입니다');
    expect((await seeded('y2')).stdout).toContain('\ny2는 원소 2개의 벡터입니다');
    expect((await cli(['W * x', '--W=[[1, 2], [3, 4]]', '--x=[1, 1]', '--lang', 'ko'])).stdout).toContain('\nf는 원소 2개의 벡터입니다');
  });
});
