// --format markdown and latex: the Markdown read back by a GFM parser as
// tables with every node and every gradient; LaTeX's structure checked
// (the goldens hold their exact text).
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
});
