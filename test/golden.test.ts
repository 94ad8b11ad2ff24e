// Goldens: for each command line, the exact stdout, stderr and exit code, in
// one readable file under test/golden/. A change in what users see shows as a
// diff there. To accept a deliberate change: UPDATE_GOLDENS=1 npx vitest run golden
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

interface Case {
  readonly name: string;
  readonly args: string[];
  readonly stdin?: string;
}

const lecture1 = ['(x+y)*z', '--x=-2', '--y=5', '--z=-4'];
const neuron = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1'];

const CASES: Case[] = [
  { name: 'lecture-add-mul', args: lecture1 },
  { name: 'lecture-add-mul-json', args: [...lecture1, '--json'] },
  { name: 'lecture-sigmoid-neuron', args: neuron },
  { name: 'lecture-sigmoid-neuron-json', args: [...neuron, '--json'] },
  { name: 'lecture-sigmoid-gate', args: ['sigmoid(w0*x0+w1*x1+w2*x2)', ...neuron.slice(1)] },
  { name: 'precision', args: [...neuron, '--precision', '6'] },
  { name: 'fan-out', args: ['x+x+x+x', 'x=1'] },
  { name: 'power-rule', args: ['x^3 - 2/x', '--x', '-1.5'] },
  { name: 'dash-dash', args: ['--', '-x^2', '--x=3'] },
  { name: 'kinks', args: ['relu(x) + max(x, y) + abs(y)', 'x=0', 'y=0'] },
  { name: 'kinks-json', args: ['relu(x) + max(x, y) + abs(y)', 'x=0', 'y=0', '--json'] },
  { name: 'non-finite', args: ['log(x) + 1/y', 'x=-1', 'y=0'] },
  { name: 'non-finite-json', args: ['log(x) + 1/y', 'x=-1', 'y=0', '--json'] },
  { name: 'unused-binding', args: ['2*x', 'x=1', 'y=2'] },
  { name: 'vars-file', args: ['--file', 'neuron.txt', '--vars', 'vars.json', '--x2=0'] },
  { name: 'stdin', args: ['-', 'x=2'], stdin: 'sqrt(x) * x\n' },
  { name: 'error-syntax', args: ['(x+y))*z', 'x=1', 'y=2', 'z=3'] },
  { name: 'error-syntax-json', args: ['(x+y))*z', 'x=1', 'y=2', 'z=3', '--json'] },
  { name: 'error-lookalike', args: ['(x − y)·z', 'x=1', 'y=2', 'z=3'] },
  { name: 'error-lookalike-json', args: ['x×y', 'x=1', 'y=2', '--json'] },
  { name: 'error-unknown-function', args: ['softmax2(x)', 'x=1'] },
  { name: 'error-arity', args: ['max(x, 1, 2)', 'x=1'] },
  { name: 'error-assignment', args: ['x + (a = 3)', 'x=1'] },
  { name: 'tensor-vectorized', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]'] },
  { name: 'tensor-vectorized-json', args: ['norm(W*x)^2', '--W', '[0.1, 0.5; -0.3, 0.8]', '--x', '[0.2, 0.4]', '--json'] },
  { name: 'tensor-net', args: ['W2*max(0, W1*x)', '--vars', 'net.json'] },
  { name: 'tensor-net-seed', args: ['W2*max(0, W1*x)', '--vars', 'net.json', '--seed', '[1, -2]'] },
  { name: 'tensor-net-jacobian', args: ['W2*max(0, W1*x)', '--vars', 'net.json', '--jacobian'] },
  { name: 'tensor-net-jacobian-json', args: ['W2*relu(W1*x)', '--vars', 'net.json', '--jacobian', '--json'] },
  { name: 'tensor-net-loss', args: ['sum((W2*relu(W1*x) - t).^2)', '--vars', 'net.json'] },
  { name: 'tensor-hinge', args: ['sum(max(0, W*x - (W*x)[y] + 1)) - 1 + lambda*sum(W.^2)', '--W=[[0.2,-0.5,0.1,2.0],[1.5,1.3,2.1,0.0],[0,0.25,0.2,-0.3]]', '--x=[0.56,2.31,0.24,0.02]', 'y=3', 'lambda=0.1'] },
  { name: 'tensor-softmax-loss', args: ['--json', '--', '-log(softmax(W*x)[y])', '--W=[[0.2,-0.5],[1.5,1.3],[0,0.25]]', '--x=[0.56,2.31]', 'y=2'] },
  { name: 'tensor-literal', args: ['sum([x, 2*y] .* [3, 4])', 'x=1', 'y=2'] },
  { name: 'tensor-large', args: ['sum(relu(A))', '--vars', 'large.json'] },
  { name: 'check', args: [...neuron, '--check'] },
  { name: 'check-kink', args: ['relu(x) + max(x, y)', 'x=0', 'y=1e-6', '--check'] },
  { name: 'check-tensor-json', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--check', '--json'] },
  { name: 'expect', args: [...neuron, '--expect', 'value=0.73', '--expect', 'x0=0.39', '--expect', 'w1=0.39'] },
  { name: 'expect-json', args: [...neuron, '--expect', 'x0=0.4', '--json'] },
  { name: 'batch', args: [neuron[0]!, '--batch', 'answers.jsonl'] },
  { name: 'explain-add-mul', args: [...lecture1, '--explain'] },
  { name: 'explain-add-mul-ko', args: [...lecture1, '--explain', '--lang', 'ko'] },
  { name: 'explain-neuron', args: [...neuron, '--explain'] },
  { name: 'explain-neuron-ko', args: [...neuron, '--explain', '--lang=ko'] },
  { name: 'explain-vectorized', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--explain'] },
  { name: 'explain-vectorized-ko', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--explain', '--lang', 'ko'] },
  { name: 'explain-fan-out-kink', args: ['relu(x) * x + max(x, y)', 'x=0', 'y=0', '--explain'] },
  { name: 'expand-sigmoid', args: ['sigmoid(w0*x0+w1*x1+w2*x2)', ...neuron.slice(1), '--expand'] },
  { name: 'expand-softmax-dot', args: ['--expand', '--format', 'dot', '--', '-log(softmax(v)[2])', '--v=[1, 2, 0.5]'] },
  { name: 'symbolic', args: [...neuron, '--symbolic'] },
  { name: 'symbolic-json', args: ['x^2 * y + log(x) + relu(y)', 'x=2', 'y=3', '--symbolic', '--json'] },
  { name: 'error-symbolic-tensor', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--symbolic'] },
  { name: 'korean-table', args: ['W2*max(0, W1*x)', '--vars', 'net.json', '--lang', 'ko'] },
  { name: 'korean-check-expect', args: ['relu(x) + max(x, y)', 'x=0', 'y=0', '--check', '--expect', 'x=0.5', '--lang=ko'] },
  { name: 'korean-error-syntax', args: ['(x+y))*z', 'x=1', 'y=2', 'z=3', '--lang', 'ko'] },
  { name: 'korean-error-lookalike', args: ['(x − y)·z', 'x=1', 'y=2', 'z=3', '--lang', 'ko'] },
  { name: 'korean-error-name-letter', args: ['가중치*x', 'x=1', '--lang', 'ko'] },
  { name: 'korean-error-unknown-function', args: ['softmax2(x)', 'x=1', '--lang', 'ko'] },
  { name: 'korean-error-unbound', args: ['x*y + z', '--lang', 'ko'] },
  { name: 'korean-error-shape', args: ['W*x', '--W=[[1,2],[3,4]]', '--x=[1,2,3]', '--lang', 'ko'] },
  { name: 'korean-error-index-json', args: ['s[y]', '--s=[1,2,3]', 'y=4', '--lang', 'ko', '--json'] },
  { name: 'format-dot', args: [...lecture1, '--format', 'dot'] },
  { name: 'format-dot-neuron', args: [...neuron, '--format', 'dot'] },
  { name: 'format-mermaid', args: [...lecture1, '--format', 'mermaid'] },
  { name: 'format-dot-vectorized', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--format=dot'] },
  { name: 'format-mermaid-large', args: ['sum(relu(A))', '--vars', 'large.json', '--format', 'mermaid'] },
  { name: 'error-format', args: [...lecture1, '--format', 'png'] },
  { name: 'error-shape', args: ['W*x', '--W=[[1,2],[3,4]]', '--x=[1,2,3]'] },
  { name: 'error-shape-json', args: ['W*x', '--W=[[1,2],[3,4]]', '--x=[1,2,3]', '--json'] },
  { name: 'error-matrix-power', args: ['W^2', '--W=[[1,2],[3,4]]'] },
  { name: 'error-matrix-inverse', args: ['1/W', '--W=[[1,2],[3,4]]'] },
  { name: 'error-spectral-norm', args: ['norm(W)', '--W=[[1,2],[3,4]]'] },
  { name: 'error-index', args: ['s[y]', '--s=[1,2,3]', 'y=4'] },
  { name: 'error-seed-shape', args: ['W*x', '--W=[[1,2],[3,4]]', '--x=[1,2]', '--seed=[1,2,3]'] },
  { name: 'error-ragged', args: ['sum(W)', '--W=[[1,2],[3]]'] },
  { name: 'error-unbound', args: ['x*y + z'] },
  { name: 'error-unbound-json', args: ['x*y + z', '--json'] },
  { name: 'error-bad-value', args: ['x', '--x=abc'] },
  { name: 'error-missing-value', args: ['x', '--x'] },
  { name: 'error-leading-minus', args: ['-x', 'x=1'] },
  { name: 'error-unquoted', args: ['x', '+', 'y', 'x=1', 'y=2'] },
  { name: 'error-no-expression', args: ['x=1'] },
  { name: 'error-option-after-dash-dash', args: ['--', '-x', '--json', 'x=1'] },
  { name: 'error-precision', args: ['x', 'x=1', '--precision', '0'] },
  { name: 'error-missing-file', args: ['--file', 'no-such-file.txt'] },
  { name: 'help', args: ['--help'] },
  { name: 'korean-help', args: ['--help', '--lang', 'ko'] },
  // typos and options that mean nothing where they are (SPEC §2, §3)
  { name: 'typo-tol', args: [...lecture1, '--tl', '1'] },
  { name: 'typo-bogus-json', args: [...lecture1, '--bogus', '--json'] },
  { name: 'typo-jsno', args: [...lecture1, '--jsno'] },
  { name: 'typo-variable', args: ['x*width', 'x=1', '--widht=2'] },
  { name: 'two-modes', args: [...lecture1, '--format', 'svg', '--json'] },
  { name: 'two-modes-explain', args: [...lecture1, '--json', '--explain'] },
  { name: 'step-without-check', args: [...lecture1, '--step', '1e-3'] },
  { name: 'tol-without-expect', args: [...lecture1, '--tol', '0.1'] },
  { name: 'max-input-without-input', args: [...lecture1, '--max-input', '1'] },
  { name: 'vars-twice', args: ['x', '--vars', 'vars.json', '--vars', 'vars.json'] },
  { name: 'check-in-picture', args: [...lecture1, '--format', 'dot', '--check'] },
  { name: 'precision-in-json', args: [...lecture1, '--json', '--precision', '3'] },
  { name: 'explain-in-batch', args: [neuron[0]!, '--batch', 'answers.jsonl', '--explain'] },
  // verdicts a check can honestly give
  { name: 'check-not-checkable', args: ['sum(v.^2)', '--v=[1e12, 1]', '--check'] },
  { name: 'check-nothing', args: ['relu(x)', 'x=0', '--check'] },
  { name: 'check-json-not-checkable', args: ['sum(v.^2)', '--v=[1e12, 1]', '--check', '--json'] },
  { name: 'batch-check', args: ['(x+y)*z', '--batch', 'batch-xyz.jsonl', '--check'] },
  { name: 'no-nan-on-constants', args: ['(x-1)^2', 'x=0', '--json'] },
  { name: 'max-of-vector', args: ['max(v) + min(v)', '--v=[3, 1, 3, 2]'] },
  // the lecture's notation (#9)
  { name: 'named-add-mul', args: ['q = x + y; f = q * z', ...lecture1.slice(1)] },
  { name: 'named-add-mul-json', args: ['q = x + y; f = q * z', ...lecture1.slice(1), '--json'] },
  { name: 'named-add-mul-explain', args: ['q = x + y; f = q * z', ...lecture1.slice(1), '--explain'] },
  { name: 'named-vectorized', args: ['q = W*x; f = norm(q)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]'] },
  { name: 'named-net-ko', args: ['h = max(0, W1*x); s = W2*h', '--vars', 'net.json', '--lang', 'ko'] },
  { name: 'named-svm-json', args: ['s = W*x; L_i = sum(max(0, s - s[y] + 1)) - 1; R = sum(W.^2); L = L_i + lambda*R', '--W=[[0.2,-0.5,0.1,2.0],[1.5,1.3,2.1,0.0],[0,0.25,0.2,-0.3]]', '--x=[0.56,2.31,0.24,0.02]', 'y=3', 'lambda=0.1', '--json'] },
  { name: 'named-mermaid', args: ['q = x + y; f = q * z', ...lecture1.slice(1), '--format', 'mermaid'] },
  { name: 'error-used-before-assigned', args: ['f = q * z; q = x + y', ...lecture1.slice(1)] },
  { name: 'error-assigned-twice', args: ['q = x; q = y; f = q * z', ...lecture1.slice(1)] },
  { name: 'error-name-bound-json', args: ['q = x + y; f = q * z', ...lecture1.slice(1), 'q=3', '--json'] },
  { name: 'error-function-definition', args: ['f(x) = x^2', 'x=1'] },
  { name: 'unused-statement', args: ['a = x * 2; b = x + 1; a * 3', 'x=1'] },
  { name: 'expect-named', args: ['q = x + y; f = q * z', ...lecture1.slice(1), '--expect', 'q=-4', '--expect', 'value:q=3', '--expect', 'x=-4.4', '--expect', 'z=2/5', '--expect', 'value=-12'] },
  { name: 'expect-tensor-entries', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--expect', 'W=[[0.09, 0.17], [0.1, 0.2]]'] },
  { name: 'expect-tol-zero', args: [...lecture1, '--expect', 'x=-4', '--tol', '0'] },
  { name: 'fields-json', args: [...lecture1, '--json', '--fields', 'value,gradients'] },
  { name: 'fields-unknown', args: [...lecture1, '--json', '--fields', 'value,grads'] },
  { name: 'batch-fields', args: [neuron[0]!, '--batch', 'answers.jsonl', '--fields', 'value,gradients,expectations'] },
  { name: 'batch-csv', args: [neuron[0]!, '--batch', 'answers.jsonl', '--format', 'csv'] },
  { name: 'batch-named', args: ['q = x + y; f = q * z', '--batch', 'batch-xyz.jsonl', '--expect', 'q=-4', '--fields', 'value,expectations'] },
  // write-ups and the lecture's gates (#10)
  { name: 'format-markdown', args: ['q = x + y; f = q * z', ...lecture1.slice(1), '--format', 'markdown'] },
  { name: 'format-markdown-tensor', args: ['norm(W*x)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--format', 'markdown'] },
  { name: 'format-latex', args: [...neuron, '--format', 'latex'] },
  { name: 'format-latex-tensor', args: ['q = W*x; f = norm(q)^2', '--W=[[0.1,0.5],[-0.3,0.8]]', '--x=[0.2,0.4]', '--format', 'latex'] },
  { name: 'format-dot-plain-gates', args: [...neuron, '--format', 'dot', '--plain-gates'] },
  { name: 'plain-gates-in-table', args: [...neuron, '--plain-gates'] },
  { name: 'explain-ko-rules', args: ['sum(W*x) + max(v) + v[2]', '--W=[[1, 2], [3, 4]]', '--x=[1, -1]', '--v=[1, 5]', '--explain', '--lang', 'ko'] },
];

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function render(c: Case, r: { stdout: string; stderr: string; exit: number }): string {
  const stdin = c.stdin === undefined ? '' : `--- stdin\n${c.stdin}`;
  return `$ backprop ${c.args.map(shellQuote).join(' ')}\n${stdin}--- exit ${r.exit}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

describe('CLI goldens', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const actual = render(c, await cli(c.args, c.stdin === undefined ? {} : { stdin: c.stdin }));
    const file = new URL(`./golden/${name}.txt`, import.meta.url);
    if (process.env.UPDATE_GOLDENS) writeFileSync(file, actual);
    expect(existsSync(file), `no golden ${name}.txt: run UPDATE_GOLDENS=1 npx vitest run golden`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('no error output holds a stack trace', () => {
    for (const c of CASES) {
      const text = readFileSync(new URL(`./golden/${c.name}.txt`, import.meta.url), 'utf8');
      expect(text, c.name).not.toMatch(/\n\s+at .*:\d+:\d+/);
    }
  });
});
