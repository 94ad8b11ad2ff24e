// Command-line details that goldens show less directly: how arguments split
// into options, bindings and the expression; colour; the README's options.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseValue, parseVarsFile } from '../src/language/bindings.js';
import { OPTIONS, splitArgs } from '../src/cli/cli.js';
import { formatNumber } from '../src/render/number.js';
import { cli } from './cli-harness.js';

describe('splitArgs', () => {
  it('reads bindings in every form SPEC §2 gives', () => {
    const s = splitArgs(['(x+y)*z', '--x=-2', '--y', '-5', 'z=-4', '--json', '--precision', '3']);
    expect(s.bindings).toEqual([['x', '-2'], ['y', '-5'], ['z', '-4']]);
    expect(s.positionals).toEqual(['(x+y)*z']);
    expect(s.forCommander).toEqual(['--json', '--precision', '3']);
  });

  it('binds names that clash with options in the positional form', () => {
    const s = splitArgs(['json + seed', 'json=1', 'seed=2']);
    expect(s.bindings).toEqual([['json', '1'], ['seed', '2']]);
    expect(s.forCommander).toEqual([]);
  });

  it('takes an expression that starts with a minus sign after --', () => {
    const s = splitArgs(['--', '-x^2', '--x=3', 'y=1']);
    expect(s.positionals).toEqual(['-x^2']);
    expect(s.bindings).toEqual([['x', '3'], ['y', '1']]);
  });

  it('treats a lone - as standard input, and refuses other leading minus signs', () => {
    expect(splitArgs(['-']).positionals).toEqual(['-']);
    expect(() => splitArgs(['-x^2'])).toThrow(/put -- before an expression/);
  });

  it('refuses a binding without a value or with a bad name', () => {
    expect(() => splitArgs(['x', '--x'])).toThrow('--x needs a value');
    expect(() => splitArgs(['x', '--1x=2'])).toThrow(/is not a variable name/);
  });
});

describe('values', () => {
  it('are numbers as a shell passes them', () => {
    expect(parseValue('x', '-2')).toBe(-2);
    expect(parseValue('x', ' 1e-3 ')).toBe(0.001);
    expect(parseValue('x', '.5')).toBe(0.5);
    expect(parseValue('x', '+3')).toBe(3);
  });

  it('refuse anything else with the variable named', () => {
    for (const bad of ['', 'abc', '1,5', '0x', '1e999', 'Infinity', 'NaN', '2*3', '[1, 2', '[[1, 2], [3]]', '[]', '[x, 1]', '[[[1]]]', '["1"]']) {
      expect(() => parseValue('w1', bad), bad).toThrow(/w1/);
    }
  });

  it('are vectors and matrices, as JSON or in mathjs syntax', () => {
    expect(parseValue('x', '[0.2, 0.4]')).toEqual({ shape: [2], data: Float64Array.of(0.2, 0.4) });
    const W = { shape: [2, 2], data: Float64Array.of(0.1, 0.5, -0.3, 0.8) };
    expect(parseValue('W', '[[0.1,0.5],[-0.3,0.8]]')).toEqual(W);
    expect(parseValue('W', '[0.1, 0.5; -0.3, 0.8]')).toEqual(W);
    expect(parseValue('W', '[[0.1, 0.5], [-0.3, 0.8]]')).toEqual(W);
  });

  it('come from a --vars file as a JSON object', () => {
    expect([...parseVarsFile('{"x": 2, "y": -1.5}', 'v.json')]).toEqual([['x', 2], ['y', -1.5]]);
    expect(() => parseVarsFile('[1]', 'v.json')).toThrow(/JSON object/);
    expect(() => parseVarsFile('{"x": "2"}', 'v.json')).toThrow(/not a number/);
    expect(parseVarsFile('{"W": [[1, 2], [3, 4]]}', 'v.json').get('W')).toEqual({ shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) });
    expect(() => parseVarsFile('{x: 2}', 'v.json')).toThrow(/v.json is not JSON/);
    expect(() => parseVarsFile('{"a b": 2}', 'v.json')).toThrow(/not a variable name/);
  });

  it('on the command line override the file', async () => {
    const r = await cli(['--file', 'neuron.txt', '--vars', 'vars.json', 'x2=0', '--json']);
    expect(JSON.parse(r.stdout).nodes.find((n: { id: string }) => n.id === 'x2').value).toBe(0);
  });
});

describe('numbers', () => {
  it('print as the lecture prints them', () => {
    const lecture: [number, string][] = [
      [-12, '-12'], [3, '3'], [0.7310585786300049, '0.73'], [1.3678794411714423, '1.37'],
      [-0.5344466118579, '-0.53'], [-0.19661193324148188, '-0.2'], [0.39322386648296376, '0.39'],
      [-0.5898357997244457, '-0.59'], [0.11600000000000005, '0.116'], [0.08800000000000002, '0.088'],
      [-0.11200000000000002, '-0.112'], [0.6360000000000001, '0.636'], [2.1844999999999994, '2.1845'],
    ];
    for (const [x, text] of lecture) expect(formatNumber(x), String(x)).toBe(text);
  });

  it('keep two significant digits when small, and handle the extremes', () => {
    expect(formatNumber(0.0001234567)).toBe('0.00012');
    expect(formatNumber(0.000123456)).toBe('0.000123456');
    expect(formatNumber(12345.6789)).toBe('12345.68');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(1.2345e20)).toBe('123450000000000000000');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(NaN)).toBe('NaN');
  });

  it('--precision gives significant digits', () => {
    expect(formatNumber(-0.5344466118579, 6)).toBe('-0.534447');
    expect(formatNumber(0.1 + 0.2, 17)).toBe('0.30000000000000004');
  });
});

describe('colour', () => {
  const args = ['x*y', 'x=2', 'y=3'];
  const ansi = /\u001b\[/;
  it('is on for a terminal and off for a pipe', async () => {
    expect((await cli(args, { tty: true })).stdout).toMatch(ansi);
    expect((await cli(args)).stdout).not.toMatch(ansi);
  });
  it('follows NO_COLOR, FORCE_COLOR and --no-color', async () => {
    expect((await cli(args, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await cli([...args, '--no-color'], { tty: true })).stdout).not.toMatch(ansi);
    expect((await cli(args, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await cli(args, { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ansi);
  });
  it('never reaches --json', async () => {
    expect((await cli([...args, '--json'], { tty: true, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });
});

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('documents every option', () => {
    // A | inside a table cell is written \|.
    for (const o of OPTIONS) expect(readme, o.flags).toContain(`| \`${o.flags.replace(/\|/g, '\\|')}\` |`);
  });
  it('shows the first example and the vectorized one with their real output', async () => {
    expect(readme).toContain((await cli(['(x+y)*z', '--x=-2', '--y=5', '--z=-4'])).stdout);
    expect(readme).toContain((await cli(['norm(W*x)^2', '--W=[0.1, 0.5; -0.3, 0.8]', '--x=[0.2, 0.4]'])).stdout);
  });
});

describe('language', () => {
  it('follows --lang, then LC_ALL, LC_MESSAGES and LANG', async () => {
    const { languageOf } = await import('../src/render/phrases.js');
    expect(languageOf(undefined, {})).toBe('en');
    expect(languageOf(undefined, { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(languageOf(undefined, { LC_ALL: 'C', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(languageOf(undefined, { LC_MESSAGES: 'ko_KR', LANG: 'en_US' })).toBe('ko');
    expect(languageOf('en', { LANG: 'ko_KR.UTF-8' })).toBe('en');
  });

  it('puts Korean in the table and the messages, never in the JSON keys', async () => {
    const table = await cli(['x*y', 'x=2', 'y=3', 'z=1'], { env: { LANG: 'ko_KR.UTF-8' } });
    expect(table.stdout).toContain('국소 그래디언트');
    expect(table.stderr).toContain('경고');
    const json = JSON.parse((await cli(['x*y', 'x=2', 'y=3', '--json'], { env: { LANG: 'ko_KR.UTF-8' } })).stdout);
    expect(Object.keys(json)).toEqual(['schema', 'expression', 'value', 'gradients', 'nodes', 'warnings']);
  });

  it('refuses a language it does not have', async () => {
    expect((await cli(['x', 'x=1', '--lang', 'fr'])).exit).toBe(2);
  });
});

describe('error texts', () => {
  it('exist in every language for every key, and Korean ones are Korean', async () => {
    const { TEXTS } = await import('../src/texts.js');
    const keys = Object.keys(TEXTS.en) as (keyof typeof TEXTS.en)[];
    expect(Object.keys(TEXTS.ko).sort()).toEqual([...keys].sort());
    const params = { names: ['x'], known: ['exp'], arities: ['1'], shapes: [[2]], choices: ['dot'], given: ['"x"'], answer: [2], actual: [3], want: [2] };
    for (const key of keys) {
      if (key === 'commander') continue; // commander's own words
      expect(TEXTS.ko[key](params), key).toMatch(/[\uac00-\ud7a3]/);
    }
  });
});

describe('--explain', () => {
  it("narrates the sigmoid neuron with the lecture's numbers", async () => {
    const r = await cli(['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1', '--explain']);
    expect(r.stdout).toContain('n10 = 1 + n9 = 1.37');
    expect(r.stdout).toContain('∂n11/∂n10 = -1 / n10² at n10 = 1.37 = -0.53');
    expect(r.stdout).toContain('it sends -0.53 × 0.37 = -0.20');
    expect(r.stdout).toContain('it sends -0.20 × -1 = 0.20');
    expect(r.stdout).toContain('∂f/∂x0 = 0.39');
    expect(r.stdout).toContain('an add gate: it distributes');
    expect(r.stdout).toContain('a multiply gate');
  });

  it('says where a fan-out adds up', async () => {
    const r = await cli(['x*x', 'x=3', '--explain']);
    expect(r.stdout).toContain('∂f/∂x = 3 + 3 = 6 (used 2 times: a copy gate adds');
  });
});
