// The built executable as a user runs it: a child process, with real stdin,
// stdout, exit codes and the worker thread for deep expressions.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { balancedSum, flatSum } from '../bench/gen.mjs';

const bin = fileURLToPath(new URL('../bin/backprop.cjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'backprop-test-'));
// English whatever the developer's locale: the assertions read English words.
const env = { ...process.env, LC_ALL: 'C', NO_COLOR: '1' };

function backprop(args: string[], input?: string) {
  const r = spawnSync(bin, args, { encoding: 'utf8', input, env, timeout: 120_000, maxBuffer: 1 << 28 });
  return { stdout: r.stdout, stderr: r.stderr, exit: r.status };
}

/** ∂f/∂x and f for bench/gen's sums at x, computed directly. */
function expected(terms: number, x: number) {
  let value = 0;
  let grad = 0;
  for (let i = 0; i < terms; i++) {
    const a = Number((((i * 37) % 19) / 10 - 0.9).toFixed(1));
    const b = Number((((i * 11) % 13) / 10 - 0.6).toFixed(1));
    const c = (i % 5) + 1;
    const pre = a * x + b;
    value += Math.max(pre, 0) * c;
    grad += pre > 0 ? a * c : 0;
  }
  return { value, grad };
}

describe('the executable', () => {
  it('prints the first lecture example', () => {
    const r = backprop(['(x+y)*z', '--x=-2', '--y=5', '--z=-4']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toContain('f = -12\n∂f/∂x = -4\n∂f/∂y = -4\n∂f/∂z = 3\n');
    expect(r.stderr).toBe('');
  });

  it('writes JSON that parses, and nothing else', () => {
    const r = backprop(['(x+y)*z', '--x', '-2', 'y=5', '--z=-4', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ schema: 1, value: -12, gradients: { x: -4, y: -4, z: 3 } });
  });

  it('reads the expression from standard input', () => {
    const r = backprop(['-', 'x=3', '--json'], 'x*x\n');
    expect(JSON.parse(r.stdout).gradients).toEqual({ x: 6 });
  });

  it('exits 2 on bad input, with one message and no stack trace', () => {
    for (const args of [['x +* 2', 'x=1'], ['foo(x)', 'x=1'], ['x'], ['x', '--x=[1,2'], ['--file', join(work, 'missing')]]) {
      const r = backprop(args);
      expect(r.exit, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^backprop: error: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('draws SVG through the executable, whose bundle runs from its code cache', () => {
    const r = backprop(['x*y', 'x=3', 'y=2', '--format', 'svg']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(r.stderr).toBe('');
  });

  it('answers --help and --version', () => {
    const help = backprop(['--help']);
    expect(help.exit).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const version = backprop(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });

  it('stops quietly when the reader does', () => {
    const err = join(work, 'stderr.txt');
    const script = `"${bin}" --file "${file('flat', 20000)}" x=0.7 2>"${err}" | head -n 1; echo "exit \${PIPESTATUS[0]}"`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', env });
    expect(out).toMatch(/^f = .*\nexit 0\n$/);
    expect(readFileSync(err, 'utf8')).not.toMatch(/error|EPIPE/i);
  });
});

function file(shape: 'flat' | 'balanced' | 'deep', n: number): string {
  const path = join(work, `${shape}-${n}.txt`);
  const text = shape === 'deep' ? `${'('.repeat(n)}x${')'.repeat(n)}*x` : (shape === 'flat' ? flatSum : balancedSum)(n);
  writeFileSync(path, text);
  return path;
}

describe('large and deep input', () => {
  it('parses 100,000 nested parentheses in a worker with a larger stack', () => {
    const r = backprop(['--file', file('deep', 100_000), 'x=3', '--json']);
    expect(r.exit).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.value).toBe(9);
    expect(doc.gradients).toEqual({ x: 6 });
  });

  it('refuses nesting beyond what it supports at once, with exit 2', () => {
    const r = backprop(['--file', file('deep', 200_000), 'x=3']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain('nested 200000 levels deep');
  });

  it('differentiates a 125,000-term sum (a million nodes) from a file', () => {
    const out = join(work, 'out.json');
    const fd = openSync(out, 'w');
    const r = spawnSync(bin, ['--file', file('flat', 125_000), 'x=0.7', '--json'], { stdio: ['ignore', fd, 'pipe'], env, timeout: 120_000 });
    closeSync(fd);
    expect(r.status).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(125_000_000);
    const text = readFileSync(out, 'utf8');
    const head = JSON.parse(`${text.slice(0, text.indexOf('"nodes"')).replace(/,\s*$/, '')}}`);
    // The last node is the output, a million lines down.
    const last = JSON.parse(text.slice(text.lastIndexOf('\n    {') + 1, text.lastIndexOf('}\n  ]') + 1));
    expect(last.id).toBe('n999999');
    expect(last.value).toBe(head.value);
    const want = expected(125_000, 0.7);
    expect(head.value).toBeCloseTo(want.value, 6);
    expect(head.gradients.x).toBeCloseTo(want.grad, 6);
  }, 120_000);

  it('gives the 2-layer net at D = H = 1024 the gradients of a plain loop, to 1e-9', () => {
    // sum((W2*relu(W1*x) - t).^2), by hand: h = W1 x, r = relu(h), y = W2 r - t;
    // dy = 2y, dW2 = dy rᵀ, dr = W2ᵀ dy, dh = dr where h > 0, dW1 = dh xᵀ, dx = W1ᵀ dh, dt = -dy.
    const D = 1024, H = 1024, C = 10;
    let seed = 12345;
    const random = (): number => Math.round((((seed = (seed * 16807) % 2147483647) / 2147483647) * 0.2 - 0.1) * 1e6) / 1e6;
    const W1 = Array.from({ length: H }, () => Array.from({ length: D }, random));
    const W2 = Array.from({ length: C }, () => Array.from({ length: H }, random));
    const x = Array.from({ length: D }, random);
    const t = Array.from({ length: C }, random);
    const h = W1.map((row) => row.reduce((s, w, k) => s + w * x[k]!, 0));
    const r = h.map((v) => Math.max(v, 0));
    const y = W2.map((row, i) => row.reduce((s, w, k) => s + w * r[k]!, 0) - t[i]!);
    const dy = y.map((v) => 2 * v);
    const dr = r.map((_, k) => W2.reduce((s, row, i) => s + row[k]! * dy[i]!, 0));
    const dh = dr.map((v, k) => (h[k]! > 0 ? v : 0));
    const want = {
      value: y.reduce((s, v) => s + v * v, 0),
      W1: dh.map((g) => x.map((v) => g * v)),
      W2: dy.map((g) => r.map((v) => g * v)),
      x: x.map((_, k) => W1.reduce((s, row, i) => s + row[k]! * dh[i]!, 0)),
      t: dy.map((v) => -v),
    };
    const vars = join(work, 'net1024.json');
    writeFileSync(vars, JSON.stringify({ W1, W2, x, t }));
    const out = backprop(['sum((W2*relu(W1*x) - t).^2)', '--vars', vars, '--json', '--fields', 'value,gradients']);
    expect(out.exit, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(Object.keys(doc)).toEqual(['value', 'gradients']);
    const close = (got: number, expected: number): boolean => Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    expect(close(doc.value, want.value)).toBe(true);
    let worst = 0;
    let entries = 0;
    const compare = (got: unknown, expected: number | number[] | number[][]): void => {
      if (typeof expected === 'number') {
        entries++;
        if (!close(got as number, expected)) worst = Math.max(worst, Math.abs((got as number) - expected));
        return;
      }
      expect((got as unknown[]).length).toBe(expected.length);
      expected.forEach((e, k) => compare((got as unknown[])[k], e));
    };
    for (const name of ['W1', 'W2', 'x', 't'] as const) compare(doc.gradients[name], want[name]);
    expect(entries).toBe(H * D + C * H + D + C);
    expect(worst).toBe(0); // no entry further than 1e-9 from the loop's
  }, 60_000);

  it('gives a balanced sum the same gradient as a flat one', () => {
    const flat = JSON.parse(backprop(['--file', file('flat', 3000), 'x=0.7', '--json']).stdout);
    const balanced = JSON.parse(backprop(['--file', file('balanced', 3000), 'x=0.7', '--json']).stdout);
    const want = expected(3000, 0.7);
    expect(flat.gradients.x).toBeCloseTo(want.grad, 8);
    expect(balanced.gradients.x).toBeCloseTo(want.grad, 8);
    expect(balanced.nodes).toHaveLength(flat.nodes.length);
  });
});
