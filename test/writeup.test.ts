// --format markdown and latex: the Markdown read back by a GFM parser as
// tables with every node and every gradient; LaTeX's structure checked
// (the goldens hold their exact text).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const neuron = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1'];

describe('--format markdown', () => {
  it('is two GFM tables: a row a node, then ∂f/∂v for every variable', async () => {
    const r = await cli([...neuron, '--format', 'markdown']);
    const tables = marked.lexer(r.stdout).filter((t): t is Tokens.Table => t.type === 'table');
    expect(tables).toHaveLength(2);
    const [nodes, gradients] = tables as [Tokens.Table, Tokens.Table];
    expect(nodes.header.map((h) => h.text)).toEqual(['node', 'expression', 'op', 'value', 'local gradient ∂node/∂input', 'gradient ∂f/∂node']);
    expect(nodes.rows).toHaveLength(17);
    const row = (id: string) => nodes.rows.find((cells) => cells[0]!.text === id)!.map((c) => c.text);
    expect(row('n10')).toEqual(['n10', '`1 + exp(-(w0 * x0 + w1 * x1 + w2 * x2))`', 'add', '1.37', '∂/∂n9 = 1', '-0.53']);
    expect(gradients.rows.map((cells) => cells.map((c) => c.text))).toEqual([['w0', '-0.2'], ['x0', '0.39'], ['w1', '-0.39'], ['x1', '-0.59'], ['w2', '0.2'], ['x2', '-0.59']]);
  });

  it('keeps a | in a cell inside its cell', async () => {
    const r = await cli(['abs(x) + norm(v)', 'x=2', '--v=[3, 4]', '--format', 'markdown']);
    const [nodes] = marked.lexer(r.stdout).filter((t): t is Tokens.Table => t.type === 'table');
    for (const cells of nodes!.rows) expect(cells).toHaveLength(7);
  });
});

describe('--format latex', () => {
  it('is a tabular of the nodes and an align* of the backward steps, balanced', async () => {
    const r = await cli(['q = x + y; f = q * z', '--x=-2', '--y=5', '--z=-4', '--format', 'latex']);
    const text = r.stdout;
    expect(text).toMatch(/\\begin\{tabular\}\{lllrlr\}[\s\S]*\\end\{tabular\}/);
    expect(text).toContain('\\frac{\\partial f}{\\partial x} &\\mathrel{+}= \\frac{\\partial f}{\\partial q}\\,\\frac{\\partial q}{\\partial x} = (-4) \\cdot 1 = -4');
    for (const [open, close] of [['{', '}'], ['\\begin', '\\end']] as const) expect(text.split(open).length, open).toBe(text.split(close).length);
    // Nothing pdflatex would not know: every mathematical character is a command.
    expect(text).not.toMatch(/[∂ᵀ×‖⊙Σ·²³]/);
  });

  it('writes < > | in text as mathematics, which text mode’s OT1 fonts print as ¡ ¿ and a dash', async () => {
    const r = await cli(['sum(relu(q)) + max(a, b)', 'q=[1,-1]', 'a=1', 'b=2', '--format', 'latex']);
    expect(r.stdout).toContain('q $>$ 0 ? 1 : 0');
    // Outside comments, mathematics and typewriter text (whose fonts have them), none is left.
    const bare = r.stdout.split('\n').filter((l) => !l.startsWith('%')).join('\n').replace(/\$[^$]*\$/g, '').replace(/\\texttt\{[^}]*\}/g, '');
    expect(bare).not.toMatch(/[<>|]/);
  });

  it('writes the letters of names as pdflatex takes them: Greek as commands, nothing but ASCII outside comments', async () => {
    const r = await cli(['sigmoid(θ*x) + Σ + Δx*α + theta + é', 'θ=1', 'x=2', 'Σ=3', 'Δx=1', 'α=2', 'theta=1', 'é=1', '--format', 'latex']);
    expect(r.exit, r.stderr).toBe(0);
    for (const line of r.stdout.split('\n').filter((l) => !l.startsWith('%'))) expect(line).toMatch(/^[\x20-\x7e]*$|\\text\{é\}|\\texttt\{.*é\}|^é /);
    expect(r.stdout).toContain('\\frac{\\partial f}{\\partial {\\theta}}');
    expect(r.stdout).toContain('\\frac{\\partial f}{\\partial \\mathit{{\\Delta}x}}');
    expect(r.stdout).toContain('\\frac{\\partial f}{\\partial \\theta}'); // the name theta
    expect(r.stdout).toContain('\\frac{\\partial f}{\\partial \\text{é}}');
  });

  // What the README promises, "so pdflatex takes it", tried on pdflatex itself (.ci/run installs it).
  const has = (command: string, ...args: string[]): boolean => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
  const pdflatex = has('pdflatex', '--version');
  const compiles = (body: string, packages: readonly string[]): { ok: boolean; log: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-latex-'));
    writeFileSync(join(dir, 'body.tex'), body);
    writeFileSync(join(dir, 'doc.tex'), `\\documentclass{article}\n${packages.map((p) => `\\usepackage{${p}}\n`).join('')}\\begin{document}\n\\input{body}\n\\end{document}\n`);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { ok: r.status === 0, log: r.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n') };
  };
  const cases = [
    ['q = x + y; f = q * z', '--x=-2', '--y=5', '--z=-4'],
    neuron,
    ['s = W*x; L_i = sum(max(0, s - s[y] + 1)) - 1; R = sum(W.^2); L = L_i + lambda*R', '--W=[0.2, -0.5, 0.1, 2; 1.5, 1.3, 2.1, 0; 0, 0.25, 0.2, -0.3]', '--x=[0.56, 2.31, 0.24, 0.02]', 'y=3', 'lambda=0.1'],
    ['L = -log(softmax(W*x)[y])', '--W=[[0.2,-0.5],[1.5,1.3],[0,0.25]]', '--x=[0.56,2.31]', 'y=2'],
    ["sum(W' * x) + dot(v, v) + mean(v) + logsumexp(v) + norm(v)", '--W=[[1,2],[3,4]]', '--x=[1,-1]', '--v=[1,5]'],
    ['sigmoid(θ*x) + Σ + Δx*α + theta + é + $c', 'θ=1', 'x=2', 'Σ=3', 'Δx=1', 'α=2', 'theta=1', 'é=1', '$c=1'],
  ];
  it.skipIf(!pdflatex).each(cases)('compiles with pdflatex and amsmath: %s', async (...args) => {
    const r = await cli([...args, '--format', 'latex']);
    expect(r.exit, r.stderr).toBe(0);
    const { ok, log } = compiles(r.stdout, ['amsmath']);
    expect(ok, log).toBe(true);
  });
  it.skipIf(!pdflatex || !has('kpsewhich', 'kotex.sty'))('in Korean, compiles with the kotex its first line asks for', async () => {
    const r = await cli([...neuron, '--format', 'latex', '--lang', 'ko']);
    expect(r.stdout.split('\n')[0]).toContain('\\usepackage{kotex}');
    expect(compiles(r.stdout, ['amsmath', 'kotex']).ok).toBe(true);
    expect(compiles(r.stdout, ['amsmath']).ok).toBe(false);
  });
});
