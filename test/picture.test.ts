// The SVG picture: valid XML, with every node's label and every edge's value and gradient.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

describe('--format svg', () => {
  it('draws the sigmoid neuron with every label, value and gradient', async () => {
    const files = new Map<string, string>();
    const args = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1', '--format', 'svg', '--out', 'neuron.svg'];
    const r = await cli(args, { files });
    expect(r.exit).toBe(0);
    const svg = files.get('neuron.svg')!;
    expect(XMLValidator.validate(svg)).toBe(true);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&#45;/g, '-'));
    // The lecture's gates: the constants folded in.
    for (const label of ['w0', 'x0', 'w1', 'x1', 'w2', 'x2', '*', '+', '*-1', 'exp', '+1', '1/x', 'f']) expect(texts, label).toContain(label);
    // the lecture's numbers on the edges: forward values and gradients
    for (const n of ['0.73', '1.37', '-0.53', '0.37', '-0.2', '0.2', '0.39', '-0.59', '-0.39']) expect(texts, n).toContain(n);
  });

  it('writes to standard output without --out', async () => {
    const r = await cli(['x*x', 'x=3', '--format', 'svg']);
    expect(r.stdout.startsWith('<?xml') || r.stdout.startsWith('<svg')).toBe(true);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
  });
});
