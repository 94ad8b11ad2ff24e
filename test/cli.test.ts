// Command-line details that goldens show less directly: how arguments split
// into options, bindings and the expression; colour; the README's options.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseValue, parseVarsFile } from '../src/language/bindings.js';
import { closestOption, OPTIONS, splitArgs } from '../src/cli/options.js';
import { editDistance } from '../src/spelling.js';
import { FORMAT_NAMES, FORMATS } from '../src/render/formats.js';
import { formatNumber } from '../src/render/number.js';
import { FIELDS } from '../src/render/json.js';
import { cli } from './cli-harness.js';
import { thrown } from './helpers.js';

describe('splitArgs', () => {
  it('reads bindings in every form SPEC §2 gives', () => {
    const s = splitArgs(['(x+y)*z', '--x=-2', '--y', '-5', 'z=-4', '--json', '--precision', '3']);
    expect(s.bindings).toEqual([['x', '-2'], ['y', '-5'], ['z', '-4']]);
    expect(s.dashed.map((d) => d.name)).toEqual(['x', 'y']);
    expect(s.expression).toBe('(x+y)*z');
    expect(s.options).toEqual({ expect: [], color: true, json: true, precision: '3' });
  });

  it('binds names that clash with options in the positional form', () => {
    const s = splitArgs(['json + seed', 'json=1', 'seed=2']);
    expect(s.bindings).toEqual([['json', '1'], ['seed', '2']]);
    expect(s.options).toEqual({ expect: [], color: true });
  });

  it('takes NAME=VALUE as a binding only when VALUE is a value', () => {
    expect(splitArgs(['f=x*2', 'x=3']).expression).toBe('f=x*2');
    expect(splitArgs(['x=3', 'q=x+y; f=q*z']).expression).toBe('q=x+y; f=q*z');
    expect(splitArgs(['W=[1, 2; 3, 4]', 'sum(W)']).bindings).toEqual([['W', '[1, 2; 3, 4]']]);
    expect(() => splitArgs(['x*2', 'x=abc'])).toThrow('the value of x is not a number: "abc"');
  });

  it('takes an expression that starts with a minus sign after --', () => {
    const s = splitArgs(['--', '-x^2', '--x=3', 'y=1']);
    expect(s.expression).toBe('-x^2');
    expect(s.bindings).toEqual([['x', '3'], ['y', '1']]);
  });

  it('treats a lone - as standard input, takes an expression that starts with a minus, and refuses what could be an option', () => {
    expect(splitArgs(['-']).expression).toBe('-');
    // What no option holds (^, parentheses, a space) makes it the expression, as a digit does (-2*x).
    for (const e of ['-x^2', '-log(p)', '-x*y', '-p + 1', '-2*x']) expect(splitArgs([e, 'x=1']).expression, e).toBe(e);
    for (const word of ['-x', '-q_1']) expect(() => splitArgs([word]), word).toThrow(/put -- before an expression/);
    expect(splitArgs(['--x', '-2', '-x^2']).expression).toBe('-x^2');
    // One dash too few, said as such.
    expect(() => splitArgs(['x', '-json'])).toThrow('unknown option -json: did you mean --json?');
    expect(() => splitArgs(['x', '-x=-2'])).toThrow('unknown option -x=-2: did you mean --x=-2?');
  });

  it('says which character of a binding is not what it looks like (a Korean input method\'s ＝, a word processor\'s —)', () => {
    // Each was "expected one expression, got 2 …; quote an expression that has spaces", or "unknown option --x＝1".
    expect(() => splitArgs(['x*2', 'x＝1'])).toThrow('expected one expression, got 2: "x*2" "x＝1"; "＝" (U+FF1D) is not part of the language: type = instead');
    expect(() => splitArgs(['x*2', '—x=1'])).toThrow('"—" (U+2014) is not part of the language: type - instead');
    expect(() => splitArgs(['x*2', '--x＝1'])).toThrow('unknown option --x＝1; "＝" (U+FF1D) is not part of the language: type = instead');
    expect(() => splitArgs(['x*2', 'x =1'])).toThrow('expected one expression, got 2: "x*2" "x =1"; quote an expression that has spaces');
  });

  it('never takes a value from a word that is an option', () => {
    const s = splitArgs(['x', '--bogus', '--json']);
    expect(s.dashed).toEqual([{ name: 'bogus', arg: '--bogus' }]);
    expect(s.options.json).toBe(true);
    expect(() => splitArgs(['x', '--precision', '--json'])).toThrow('--precision needs a value');
  });

  it('takes an empty value (an unset shell variable: --out "$OUT") as none', () => {
    for (const args of [['--out', ''], ['--out='], ['--vars', ' '], ['--file='], ['--lang', ''], ['--batch', '']]) {
      expect(() => splitArgs(['x', ...args]), args.join(' ')).toThrow(/^--(out|vars|file|lang|batch) needs a value, as in --/);
    }
  });

  it('refuses an option given twice, and a name that no variable can have', () => {
    expect(() => splitArgs(['x', '--vars', 'a.json', '--vars', 'b.json'])).toThrow('--vars is given twice');
    expect(() => splitArgs(['x', '--1x=2'])).toThrow(/unknown option --1x/);
  });

  it('refuses a variable bound twice to two values on one command line, in every form, and takes the same value twice', async () => {
    for (const args of [['--x=-2', 'x=0'], ['--x=1', '--x', '2'], ['x=1', 'x=2'], ['--', 'x=1', '--x=2']]) {
      expect(() => splitArgs(['x', ...args]), args.join(' ')).toThrow(/^x is bound twice, to "-?\d" and to "\d": give it once$/);
    }
    expect(splitArgs(['x', '--x=2', 'x=2']).bindings).toEqual([['x', '2'], ['x', '2']]);
    const r = await cli(['x*y', '--x=1', '--y=2', '--x=3']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: x is bound twice, to "1" and to "3": give it once\n');
    // A binding on the command line still overrides --vars's (SPEC §2).
    expect((await cli(['x*2', '--vars', '-', '--x=5', '--json', '--fields', 'value'], { stdin: '{"x": 1}' })).stdout).toBe('{\n  "value": 10\n}\n');
  });
});

describe('typos', () => {
  it('are measured by edits, a swap of neighbours counting one', () => {
    expect(editDistance('jsno', 'json')).toBe(1);
    expect(editDistance('tl', 'tol')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('name the option that was meant, and nothing when none is close', () => {
    expect(closestOption('tl')).toBe('--tol');
    expect(closestOption('jsno')).toBe('--json');
    expect(closestOption('precison')).toBe('--precision');
    expect(closestOption('bogus')).toBeUndefined();
  });
});

describe('values', () => {
  it('say that --tol is absolute when it is given as a percentage', async () => {
    const r = await cli(['(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--expect', 'x=-4.03', '--tol', '1%']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: --tol takes a number of 0 or more, not 1%: a tolerance is absolute, so 1% of an answer of 4 is --tol 0.04\n');
    expect((await cli(['(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--expect', 'x=-4.03', '--tol', '-1'])).stderr).toBe('backprop: error: --tol takes a number of 0 or more, not -1\n');
  });

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

  it('that do not read say what was likely meant and how to write it', async () => {
    const said = (text: string): string => thrown(() => parseValue('x', text));
    expect(said('1/3')).toBe('the value of x is not a number: "1/3"; a value is written as a decimal: write 0.3333333333333333 instead');
    // Two numbers and a comma may be a decimal comma (0,39, as much of Europe writes it) or a vector: both are said.
    expect(said('0,39')).toBe('the value of x is not a number: "0,39"; a decimal is written with a point, a vector in brackets: write 0.39 or [0, 39] instead');
    expect(said('1,2')).toBe('the value of x is not a number: "1,2"; a decimal is written with a point, a vector in brackets: write 1.2 or [1, 2] instead');
    expect(said('1,2,3')).toBe('the value of x is not a number: "1,2,3"; a vector is written in brackets: write [1, 2, 3] instead');
    expect(said('(1, -2)')).toBe('the value of x is not a number: "(1, -2)"; a vector is written in brackets: write [1, -2] instead');
    expect(said('[1 2  3e4]')).toBe('the value of x is not a vector or a matrix: "[1 2  3e4]"; entries are separated by commas: write [1, 2, 3e4] instead');
    expect(said('pi')).toBe('the value of x is not a number: "pi"; a value is a number (pi and e belong in the expression): write 3.141592653589793 instead');
    expect(said('-inf')).toBe('the value of x is not a number: "-inf"; a value is a finite number');
    expect(said('1/0')).toBe('the value of x is not a number: "1/0"');
    expect(said('abc')).toBe('the value of x is not a number: "abc"');
    // A JSON string (in --vars, a batch line, the library) is said to be one.
    expect((await cli(['x', '--vars', '-'], { stdin: '{"x": "2"}' })).stderr).toBe('backprop: error: the value of x is a string, "2", not a number, a vector or a matrix; a value in JSON has no quotes: write 2 instead\n');
    expect((await cli(['sum(W)', '--vars', '-'], { stdin: '{"W": "[[1, 2], [3, 4]]"}' })).stderr).toContain('a value in JSON has no quotes: write [[1, 2], [3, 4]] instead');
    expect((await cli(['x', '--vars', '-', '--lang', 'ko'], { stdin: '{"x": "1/2"}' })).stderr).toBe('backprop: 오류: x의 값이 문자열 "1/2"입니다 (수, 벡터, 행렬이 아니라); 값은 소수로 씁니다: 대신 이렇게 쓰세요: 0.5\n');
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
    expect(() => parseVarsFile('{x: 2}', 'v.json')).toThrow('v.json:1:2 is not JSON: Expected property name or \'}\'; JSON keys take double quotes: {"x": 1}');
    expect(() => parseVarsFile('{"a b": 2}', 'v.json')).toThrow(/not a variable name/);
    // An empty file (a redirect that wrote nothing) was 'not JSON: Unexpected end of JSON input'.
    expect(() => parseVarsFile(' \n', 'v.json')).toThrow('v.json is empty: it must hold a JSON object such as {"x": 2, "W": [[1, 2], [3, 4]]}');
    expect(() => parseVarsFile('', '-')).toThrow('standard input is empty: it must hold a JSON object');
    // 1e999 reads as Infinity in JSON: a number that is not finite, not 'not a number, a vector or a matrix'.
    expect(() => parseVarsFile('{"x": 1e999}', 'v.json')).toThrow('the value of x is not a number: "Infinity"; a value is a finite number');
    // A name copied twice: JSON.parse keeps the last in silence. Keys of nested objects and strings like keys are no bindings.
    expect(() => parseVarsFile('{"x": 1, "y": 2,\n "x": 3}', 'v.json')).toThrow('v.json binds "x" twice: a name is bound once (JSON would keep the last in silence)');
    expect(() => parseVarsFile('{"a\\"b": 1, "a\\"b": 2}', 'v.json')).toThrow('binds "a\\"b" twice');
    expect([...parseVarsFile('{"x": 1, "W": {"shape": [2], "data": [1, 2]}, "v": {"shape": [1], "data": [3]}}', 'v.json').keys()]).toEqual(['x', 'W', 'v']);
  });

  it('say that --file and a word that is no binding both give the expression', async () => {
    const r = await cli(['--file', 'neuron.txt', 'x0=1', 'w0'], {});
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: --file neuron.txt gives the expression, and so does "w0": give one of them (a binding is NAME=VALUE)\n');
  });

  it('say where a --vars file or a batch line is not JSON, and the slip it likely is', async () => {
    const slips: [string, string][] = [
      ['{\n  "x": 1,\n  "y": 2,\n}', 'v.json:4:1 is not JSON: Expected double-quoted property name; JSON allows no comma before } or ]'],
      ['{"x": [1, 2,]}', "v.json is not JSON: Unexpected token ']'; JSON allows no comma before } or ]"],
      ["{'x': 1}", "v.json:1:2 is not JSON: Expected property name or '}'; JSON strings take double quotes"],
      ['{"x": \'a\'}', "v.json is not JSON: Unexpected token '''; JSON strings take double quotes"],
      ['{"x": NaN}', "v.json is not JSON: Unexpected token 'N'; JSON has no NaN or Infinity: a value must be a finite number"],
      ['{"x": .5}', "v.json is not JSON: Unexpected token '.'; JSON writes 0.5, not .5"],
      ['{"x": 1} x', 'v.json:1:10 is not JSON: Unexpected non-whitespace character after JSON'],
      ['{"x": 1', "v.json:1:8 is not JSON: Expected ',' or '}' after property value"],
      ['{\n  // the weights\n  "x": 1\n}', "v.json:2:3 is not JSON: Expected property name or '}'; JSON has no comments: delete the // or /* */ text"],
      ['/* w */ {"x": 1}', "v.json is not JSON: Unexpected token '/'; JSON has no comments: delete the // or /* */ text"],
      ['{"x": 1}\n{"y": 2}\n', 'v.json:2:1 is not JSON: Unexpected non-whitespace character after JSON; another JSON value follows the first: --vars takes one object, {"x": 1, "y": 2}, and --batch one object a line'],
      ['x = 1\ny = 2\n', 'v.json is not JSON: Unexpected token \'x\'; bindings are written as a JSON object: {"x": 1, "y": 2}'],
      ['x: 1\n', 'v.json is not JSON: Unexpected token \'x\'; bindings are written as a JSON object: {"x": 1, "y": 2}'],
    ];
    for (const [text, message] of slips) expect(() => parseVarsFile(text, 'v.json'), text).toThrow(message);
    const batch = await cli(['x', '--batch', '-', '--lang', 'ko'], { stdin: '{"vars": {"x": 1,}}\n' });
    expect(batch.exit).toBe(2);
    expect(batch.stderr).toContain('쓸 수 없음: 1번째 줄: JSON이 아닙니다 (18번째 칸): 큰따옴표로 감싼 키가 와야 합니다; JSON에서는 } 나 ] 앞에 쉼표를 쓸 수 없습니다');
    // A batch line given to --vars, and standard input named as such (it was "-:1:2").
    expect((await cli(['x', '--vars', '-'], { stdin: '{"vars": {"x": 1}}' })).stderr).toBe('backprop: error: standard input holds {"vars": …}, a --batch line: a --vars file is the bindings themselves, {"x": 2, "W": [[1, 2], [3, 4]]} (or run it with --batch)\n');
    expect((await cli(['x', '--vars', '-'], { stdin: '{x: 1}' })).stderr).toMatch(/^backprop: error: standard input:1:2 is not JSON/);
    expect((await cli(['vars', '--vars', '-'], { stdin: '{"vars": 2}' })).exit).toBe(0); // a variable may be called vars
    // x = 1 on a batch line: its bindings go in "vars".
    const line = JSON.parse((await cli(['x', '--batch', '-'], { stdin: 'x = 1\n' })).stdout) as { error: { message: string } };
    expect(line.error.message).toBe('not JSON: Unexpected token \'x\'; a batch line is a JSON object: {"vars": {"x": 1, "y": 2}}');
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
  it('documents every option, as the help says it', () => {
    // A | inside a table cell is written \|.
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    for (const o of OPTIONS) expect(readme, o.flags).toContain(`| \`${cell(o.flags)}\` | ${cell(o.description)} |`);
  });
  it('lists every output format from the renderer record', () => {
    for (const name of FORMAT_NAMES) {
      const names = FORMATS[name].extensions.map((e) => `\`${e}\``).join(', ') || '—';
      expect(readme, name).toContain(`| \`${name}\` | ${FORMATS[name].summary} | ${names} |`);
    }
  });
  it('runs every example command as written, from a clone', () => {
    // Each `npx backprop …` line of a sh or console block, up to a pipe or a redirection, in a scratch
    // directory holding the examples/ files; a check may fail (exit 1), nothing may be unusable unless the
    // line says so (`# exit 2`, an example of an error).
    const blocks = [...readme.matchAll(/```(?:sh|console)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const commands = blocks.flatMap((b) => b.split('\n')).filter((l) => /^(\$ )?npx backprop /.test(l));
    expect(commands.length).toBeGreaterThan(15);
    const scratch = mkdtempSync(join(tmpdir(), 'backprop-readme-'));
    symlinkSync(fileURLToPath(new URL('../examples', import.meta.url)), join(scratch, 'examples'));
    const bin = fileURLToPath(new URL('../bin/backprop.cjs', import.meta.url));
    for (const line of commands) {
      const command = line.trim().replace(/^\$ /, '').replace(/\s+#.*$/, '').split(/ \| | > /)[0]!.replace(/^npx backprop/, '"$BP"');
      const r = spawnSync('bash', ['-c', command], { cwd: scratch, env: { ...process.env, BP: bin, LC_ALL: 'C' }, encoding: 'utf8' });
      const want = /#\s*exit (\d)\s*$/.exec(line)?.[1];
      if (want === undefined) expect([0, 1], `${command}\n${r.stderr}`).toContain(r.status);
      else expect(r.status, `${command}\n${r.stderr}`).toBe(Number(want));
    }
  });
  it('shows the first example and the vectorized one with their real output', async () => {
    expect(readme).toContain((await cli(['(x+y)*z', '--x=-2', '--y=5', '--z=-4'])).stdout);
    expect(readme).toContain((await cli(['norm(W*x)^2', '--W=[0.1, 0.5; -0.3, 0.8]', '--x=[0.2, 0.4]'])).stdout);
    const checked = (await cli(['sum(softmax(W*x))', '--W=[1,2;3,4]', '--x=[1,2]', '--check'])).stdout;
    expect(readme).toContain(checked.slice(checked.indexOf('Gradient check:')));
  });
});

describe('warnings', () => {
  it('say how to write a log of a softmax that underflowed so that it stays finite, by the scores\' id', async () => {
    const far = await cli(['-log(softmax(s)[2])', '--s=[1000, 0, -1000]']);
    expect(far.stderr).toContain('backprop: warning: not finite: n4 = log(softmax(s)[2]) = -Infinity; a probability below about 1e-308 is 0 in a softmax, and its log -Infinity: s[2] - logsumexp(s) is the same number, and stays finite\n');
    // The mend is the loss, finite, with its gradient.
    const mended = JSON.parse((await cli(['-(s[2] - logsumexp(s))', '--s=[1000, 0, -1000]', '--json', '--fields', 'value,gradients,warnings'])).stdout) as { value: number; gradients: { s: number[] }; warnings: string[] };
    expect(mended).toEqual({ value: 1000, gradients: { s: [1, -1, 0] }, warnings: [] });
    expect((await cli(['L = -log(softmax(W*x)[2])', '--W=[1000, 0; 0, -1000]', '--x=[1, 1]'])).stderr).toContain('n1[2] - logsumexp(n1) (n1 = W * x) is the same number');
    expect((await cli(['log(softmax(s))', '--s=[1000, 0, -1000]', '--lang', 'ko'])).stderr).toContain('같은 값인 s - logsumexp(s)은(는) 유한합니다');
    // Another log that is not finite has no such note, nor a softmax whose log is finite.
    expect((await cli(['log(x)', 'x=0'])).stderr).toBe('backprop: warning: not finite: n1 = log(x) = -Infinity\nbackprop: warning: the gradient is not finite at x (Infinity)\n');
    expect((await cli(['-log(softmax(s)[2])', '--s=[1, 0, -1]'])).stderr).toBe('');
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
    // An empty variable is unset; GNU's LANGUAGE list comes first, but not under the C locale; Konkani is not Korean.
    expect(languageOf(undefined, { LC_ALL: '', LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(languageOf(undefined, { LANGUAGE: 'ko:en', LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(languageOf(undefined, { LANGUAGE: 'en:ko', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(languageOf(undefined, { LANGUAGE: 'ko', LANG: 'C' })).toBe('en');
    expect(languageOf(undefined, { LANG: 'kok_IN' })).toBe('en');
    expect(languageOf(undefined, { LANG: 'ko-KR' })).toBe('ko');
  });

  it('puts Korean in the table and the messages, never in the JSON keys', async () => {
    const table = await cli(['x*y', 'x=2', 'y=3', 'z=1'], { env: { LANG: 'ko_KR.UTF-8' } });
    expect(table.stdout).toContain('국소 그래디언트');
    expect(table.stderr).toContain('경고');
    const json = JSON.parse((await cli(['x*y', 'x=2', 'y=3', '--json'], { env: { LANG: 'ko_KR.UTF-8' } })).stdout);
    expect(Object.keys(json)).toEqual(['schema', 'expression', 'value', 'gradients', 'nodes', 'warnings']);
  });

  it('gives --help in Korean, each option in its Korean words, wrapped by display width', async () => {
    const { displayWidth } = await import('../src/quote.js');
    const r = await cli(['--help', '--lang', 'ko']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/^사용법: backprop \[옵션\] <식>/);
    const options = r.stdout.slice(r.stdout.indexOf('옵션:\n'), r.stdout.indexOf('형식 (--format NAME):'));
    const joined = options.replace(/\n {24}/g, ' ');
    for (const o of OPTIONS) expect(joined, o.flags).toContain(`${o.flags.padEnd(20)}  ${o.descriptionKo}`);
    // Hangul takes two columns: counted as one, the lines would run to 130.
    for (const line of options.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('종료 코드: 0 성공');
    expect((await cli(['--help'], { env: { LANG: 'ko_KR.UTF-8' } })).stdout).toBe(r.stdout);
    expect((await cli(['--help'])).stdout).toMatch(/^Usage: backprop \[options\]/);
  });

  it('gives --help on a narrow terminal with each option on a line of its own, its words wrapped under it', async () => {
    const { displayWidth } = await import('../src/quote.js');
    for (const lang of ['en', 'ko']) {
      const r = await cli(['--help', '--lang', lang], { tty: true, columns: 40, env: { NO_COLOR: '1' } });
      const options = r.stdout.slice(r.stdout.indexOf(lang === 'ko' ? '옵션:\n' : 'Options:\n'), r.stdout.indexOf(lang === 'ko' ? '형식 (--format' : 'Formats (--format'));
      for (const line of options.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(40);
      expect(options).toContain('\n  --json\n      ');
      // Every word of every description is there.
      for (const o of OPTIONS) expect(options.replace(/\s+/g, ' '), o.flags).toContain((lang === 'ko' ? o.descriptionKo : o.description).replace(/\s+/g, ' '));
    }
    expect((await cli(['--help'], { tty: true, columns: 80 })).stdout).toBe((await cli(['--help'])).stdout);
  });

  it('refuses a language it does not have', async () => {
    expect((await cli(['x', 'x=1', '--lang', 'fr'])).exit).toBe(2);
    // Konkani is not Korean, and English is not any word starting en.
    for (const lang of ['kok', 'english']) expect((await cli(['x', 'x=1', '--lang', lang])).stderr, lang).toContain(`--lang takes en or ko (or a locale such as ko_KR), not ${lang}`);
  });

  it('reads --lang written as a locale or a language tag (KO, ko-KR, ko_KR.UTF-8, en-US)', async () => {
    for (const lang of ['KO', 'ko-KR', 'ko_KR.UTF-8']) {
      const r = await cli(['x*y', 'x=2', '--lang', lang]);
      expect(r.stderr, lang).toContain('변수 y의 값이 없습니다');
      expect((await cli(['--help', `--lang=${lang}`])).stdout, lang).toMatch(/^사용법:/);
    }
    expect((await cli(['x*y', 'x=2', 'y=1', '--lang', 'en-US'], { env: { LANG: 'ko_KR.UTF-8' } })).stdout).toContain('local gradient');
  });
});

describe('error texts', () => {
  it('exist in every language for every key, and Korean ones are Korean', async () => {
    const { CATALOGUE } = await import('../src/texts.js');
    const params = {
      names: ['x'], known: ['exp'], arities: [1], shapes: [[2]], choices: ['dot'], given: ['"x"'], answer: [2], actual: [3], want: [2],
      variables: ['x'], formats: ['table'], why: { key: 'dotShapes', params: {} }, shape: [2], cost: 2e9, max: 1e9, passes: 2, size: 1,
      name: 'q', fields: ['value'], example: '--x=2', problem: { kind: 'rows', row: 2, length: 1, first: 2 }, at: [1], text: 'null', quoted: false, output: 'L',
    };
    for (const [key, entry] of Object.entries(CATALOGUE)) {
      if (key === 'commander') continue; // commander's own words
      const say = (lang: 'en' | 'ko') => (entry[lang] as (p: unknown) => string)(params);
      expect(say('en'), key).toMatch(/[a-z]/);
      expect(say('ko'), key).toMatch(/[\uac00-\ud7a3]/);
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

  it('shows the first terms of a sum over many uses, and how many there are', async () => {
    // x used 12 times, with the gradients 1 … 12: seven of them, then …, then the total.
    const sum = Array.from({ length: 12 }, (_, i) => `${i + 1} * x`).join(' + ');
    const r = await cli([sum, 'x=1', '--explain']);
    expect(r.stdout).toContain('∂f/∂x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + … = 78 (used 12 times: a copy gate adds');
    const q = await cli([`q = 2 * x; f = ${Array.from({ length: 9 }, () => 'q').join(' + ')}`, 'x=1', '--explain']);
    expect(q.stdout).toContain('upstream gradient ∂f/∂q = 1 + 1 + 1 + 1 + 1 + 1 + 1 + … = 9: q is used 9 times');
  });

  it("says a tensor's shape where entries are left out, and only there", async () => {
    const v = `[${Array.from({ length: 30 }, (_, i) => i + 1).join(', ')}]`;
    const r = await cli(['sum(v.^2) + sum(W*u)', `v=${v}`, 'W=[[1, 2], [3, 4]]', 'u=[1, 2]', '--explain']);
    expect(r.stdout).toContain('= [1, 4, 9, …, 784, 841, 900] (a vector of 30 entries)\n');
    expect(r.stdout).toContain('n4 = W * u = [5, 11]\n');
    const ko = await cli(['sum(M)', `M=[${Array(8).fill(v).join(', ')}]`, '--explain', '--lang', 'ko']);
    expect(ko.stdout).toContain('(8×30 행렬)');
  });
});

describe('--explain on a terminal', () => {
  const lecture = ['q = x + y; f = q * z', 'x=-2', 'y=5', 'z=-4', '--explain'];

  it('is broken at spaces to its width, each continuation indented under its line, the words kept', async () => {
    const { displayWidth } = await import('../src/quote.js');
    for (const lang of ['en', 'ko']) {
      const whole = (await cli([...lecture, '--lang', lang])).stdout;
      for (const columns of [50, 36]) {
        const r = await cli([...lecture, '--lang', lang], { tty: true, columns, env: { NO_COLOR: '1' } });
        const lines = r.stdout.split('\n');
        for (const line of lines) expect(displayWidth(line), `${lang} ${columns}: ${line}`).toBeLessThanOrEqual(columns);
        // The same words in the same order: joined back, the lines are the unwrapped text.
        expect(r.stdout.replace(/\n +/g, ' ').replace(/\s+/g, ' ')).toBe(whole.replace(/\n +/g, ' ').replace(/\s+/g, ' '));
        expect(lines.length).toBeGreaterThan(whole.split('\n').length);
      }
    }
    const ko = (await cli([...lecture, '--lang', 'ko'], { tty: true, columns: 50, env: { NO_COLOR: '1' } })).stdout;
    expect(ko).toContain('\n  f = q * z — 곱셈 게이트: 각 입력의 국소\n    그래디언트는 다른 입력의 값입니다 (값을 서로\n    바꿉니다)\n');
  });

  it('is not broken in a pipe, or where the terminal is wide enough', async () => {
    const piped = (await cli(lecture)).stdout;
    expect((await cli(lecture, { tty: true, columns: 400, env: { NO_COLOR: '1' } })).stdout).toBe(piped);
    expect((await cli(lecture, { columns: 30 })).stdout).toBe(piped);
  });

  it('keeps a word wider than the line whole', async () => {
    const { wrapLine } = await import('../src/quote.js');
    expect(wrapLine('  to n10: local gradient ∂n11/∂n10_very_long_name_here = 1', 20)).toEqual(['  to n10: local', '    gradient', '    ∂n11/∂n10_very_long_name_here', '    = 1']);
    expect(wrapLine('short', 20)).toEqual(['short']);
  });
});

describe('a long table', () => {
  it('is written in pieces as it is made, every row aligned under the header', async () => {
    const { flatSum } = await import('../bench/gen.mjs');
    const { compile, execute } = await import('../src/pipeline.js');
    const { nameNodes } = await import('../src/graph/names.js');
    const { renderTable, tableRows } = await import('../src/render/table.js');
    const { PLAIN } = await import('../src/render/report.js');
    // 104,000 nodes: past the rows the table keeps between its two passes.
    const graph = compile(flatSum(13000), ['x']);
    const report = { trace: execute(graph, new Map([['x', 0.7]])), names: nameNodes(graph) };
    const chunks: string[] = [];
    renderTable(report, { lang: 'en', style: PLAIN }, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(100);
    for (const c of chunks) expect(c.length).toBeLessThan(1 << 17);
    const lines = chunks.join('').split('\n');
    const rows = tableRows(report, { lang: 'en' });
    const header = lines.findIndex((l) => l.startsWith('node '));
    expect(lines.slice(header, header + rows.length)).toHaveLength(graph.size + 1);
    // Each column starts where its heading does, on every row; every row's cells are its own.
    const starts = rows[0]!.map((h) => lines[header]!.indexOf(h));
    for (const r of [1, 2, 777, 50_000, 100_001, graph.size]) {
      const line = lines[header + r]!;
      rows[r]!.forEach((cell, k) => {
        if (k === 1 || k >= 3) return; // the expression and the numbers may be padded on either side
        expect(line.slice(starts[k], starts[k]! + cell.length), `row ${r}, column ${k}`).toBe(cell);
      });
      expect(line.trimEnd().endsWith(rows[r]![rows[r]!.length - 1]!), `row ${r}`).toBe(true);
    }
  });
});

describe('standard input', () => {
  it('says how to end what is typed at a terminal, which would otherwise wait without a word', async () => {
    const typed = await cli(['-', 'x=3'], { stdin: 'x*2\n', stdinTty: true });
    expect(typed.exit).toBe(0);
    expect(typed.stderr).toBe('backprop: reading the expression from the terminal: type it, then Ctrl-D at the start of a line (Ctrl-Z and Enter on Windows)\n');
    expect((await cli(['x*2', '--vars', '-', '--lang', 'ko'], { stdin: '{"x": 3}', stdinTty: true })).stderr).toBe(
      'backprop: --vars의 내용을 터미널에서 읽습니다: 입력한 뒤 줄 맨 앞에서 Ctrl-D를 누르세요 (Windows에서는 Ctrl-Z, Enter)\n',
    );
    // A pipe or a file says nothing.
    expect((await cli(['-', 'x=3'], { stdin: 'x*2\n' })).stderr).toBe('');
  });
});

describe('a terminal', () => {
  it('is not where a page or a picture is poured: --out names a file, --out - insists', async () => {
    // --format html on a terminal printed 120 KB of the page's script.
    for (const [format, file] of [['html', 'page.html'], ['svg', 'graph.svg']] as const) {
      const r = await cli(['x*2', 'x=1', '--format', format], { tty: true });
      expect(r.exit, format).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`backprop: error: --format ${format} writes a file to open in a browser, not text for the terminal: add --out ${file} (--out - writes it here anyway)\n`);
      expect((await cli(['x*2', 'x=1', '--format', format, '--out', '-'], { tty: true })).exit).toBe(0);
      expect((await cli(['x*2', 'x=1', '--format', format])).exit).toBe(0); // a pipe or a file takes it
    }
    expect((await cli(['x*2', 'x=1', '--format', 'dot'], { tty: true })).exit).toBe(0); // DOT is text to copy
  });

  const wide = ['sum(max(0, W*x - (W*x)[y] + 1)) - 1 + lambda*sum(W.^2)', '--W=[[0.2,-0.5,0.1,2.0],[1.5,1.3,2.1,0.0],[0,0.25,0.2,-0.3]]', '--x=[0.56,2.31,0.24,0.02]', 'y=3', 'lambda=0.1'];
  it('gets a table no wider than it, by a shorter expression column, never a wrapped row', async () => {
    for (const columns of [60, 80, 120]) {
      const r = await cli(wide, { tty: true, columns, env: { NO_COLOR: '1' } });
      const lines = r.stdout.split('\n');
      for (const line of lines) expect([...line].length, `${columns}: ${line}`).toBeLessThanOrEqual(columns);
      expect(lines).toHaveLength((await cli(wide)).stdout.split('\n').length); // every row still there, none wrapped
      expect(r.stdout).toContain('…');
    }
  });
  it('as narrow as 40 columns, or a phone\'s 24, still shows every node\'s gradient, whole, at the end of its row', async () => {
    const neuron = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1'];
    const json = JSON.parse((await cli([...neuron, '--json'])).stdout) as { nodes: { id: string; gradient: number | null }[] };
    for (const columns of [40, 30, 24]) {
      const r = await cli(neuron, { tty: true, columns, env: { NO_COLOR: '1' } });
      const rows = r.stdout.split('\n').slice(3, 3 + json.nodes.length);
      for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(columns);
      rows.forEach((row, i) => {
        const { id, gradient: g } = json.nodes[i]!;
        expect(row.startsWith(`${id} `), `${columns}: ${row}`).toBe(true);
        expect(row.trimEnd().endsWith(` ${g === null ? 'none' : Number(g.toPrecision(2))}`), `${columns}: ${row}`).toBe(true);
      });
    }
  });
  it('leaves a column out rather than cut it to nothing (exp…, co…, ∂/…), and shows what it keeps readably', async () => {
    const net = ['h = max(0, W1*x); s = W2*h', '--W1=[[0.2,-0.5],[0.6,0.1],[-0.4,0.3]]', '--x=[1.5,-0.5]', '--W2=[[0.5,-0.2,0.3],[-0.1,0.4,0.2]]'];
    const neuron = ['1/(1+exp(-(w0*x0+w1*x1+w2*x2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3', 'x2=1'];
    for (const args of [net, neuron]) {
      for (const columns of [40, 50, 60, 80, 100, 120]) {
        const lines = (await cli(args, { tty: true, columns, env: { NO_COLOR: '1' } })).stdout.split('\n');
        const table = lines.slice(lines.findIndex((l) => l.startsWith('node ')), lines.indexOf('', 3));
        for (const line of table) for (const cell of line.trim().split(/\s{2,}/)) if (cell.endsWith('…')) expect([...cell].length, `${columns}: ${line}`).toBeGreaterThanOrEqual(6);
        // The gradient, what a reader came for, is in every table.
        expect(table[0], `${columns}`).toMatch(/ gradient/);
      }
    }
    // At 100 columns the net's ops are there, whole.
    const wide = (await cli(net, { tty: true, columns: 100, env: { NO_COLOR: '1' } })).stdout;
    expect(wide).toMatch(/^n2 +W1 \* x +multiply /m);
  });
  it('cuts the --check table’s headings before any number or verdict in it', async () => {
    const { displayWidth } = await import('../src/quote.js');
    const net = ['norm(W*x)^2', 'W=[[0.1,0.5],[-0.3,0.8]]', 'x=[0.2,0.4]', '--check'];
    const whole = (await cli(net)).stdout.split('\n');
    const r = (await cli(net, { tty: true, columns: 46, env: { NO_COLOR: '1' } })).stdout.split('\n');
    const at = (lines: string[]) => lines.findIndex((l) => l.startsWith('W ') && l.includes('[1, 1]'));
    const rows = (lines: string[]) => lines.slice(at(lines), at(lines) + 6).map((l) => l.trim().split(/\s+/));
    expect(rows(r)).toEqual(rows(whole)); // every cell whole: W [1, 1] 0.088 0.088 2.3e-12 good
    expect(rows(r)[0]).toHaveLength(7);
    const heading = r[at(r) - 1]!;
    expect(displayWidth(heading)).toBeLessThanOrEqual(46);
    expect(heading).toContain('…');
  });
  it('whose table fits keeps it whole, and a pipe gets it whole however wide', async () => {
    const narrow = await cli(['(x+y)*z', '--x=-2', '--y=5', '--z=-4'], { tty: true, columns: 200, env: { NO_COLOR: '1' } });
    expect(narrow.stdout).toBe((await cli(['(x+y)*z', '--x=-2', '--y=5', '--z=-4'])).stdout);
    const piped = await cli(wide, { columns: 60 });
    expect(Math.max(...piped.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(200);
  });
  it('gets the same widths with colour, the escapes aside', async () => {
    const r = await cli(wide, { tty: true, columns: 80 });
    // eslint-disable-next-line no-control-regex
    for (const line of r.stdout.split('\n')) expect([...line.replace(/\u001b\[\d+m/g, '')].length).toBeLessThanOrEqual(80);
  });
});

describe('Korean', () => {
  it('leaves no English in the rules of the table and the explanation', async () => {
    const args = ['sum(W*x) + mean(v) + max(v) + min(v) + v[2] + norm(v) + dot(v, v) + sum(softmax(v)) + logsumexp(v) + sum(W\'*x) + sum([v[1], 2] .* v)', '--W=[[1, 2], [3, 4]]', '--x=[1, -1]', '--v=[1, 5]', '--lang', 'ko'];
    const english = /\b(to every|elsewhere|the index|largest|smallest|none|takes|at the|an index)\b/;
    for (const extra of [[], ['--explain']]) {
      const r = await cli([...args, ...extra]);
      expect(r.exit).toBe(0);
      expect(r.stdout).not.toMatch(english);
      expect(r.stdout).toMatch(/모든 원소에/);
    }
  });
  it('says a binding that does not read in Korean, though it fails before --lang is read as an option', async () => {
    for (const [args, message] of [
      [['x', 'x=abc', '--lang', 'ko'], 'backprop: 오류: x의 값이 수가 아닙니다: "abc"\n'],
      [['x', '--x=[1,2', '--lang=ko'], 'backprop: 오류: x의 값이 벡터나 행렬이 아닙니다: "[1,2"\n'],
      [['x', '--out', '', '--lang', 'ko'], 'backprop: 오류: --out에는 값이 필요합니다 (예: --out <file>)\n'],
    ] as const) {
      expect((await cli([...args])).stderr, args.join(' ')).toBe(message);
    }
  });

  it("says mathjs's syntax errors in Korean too", async () => {
    for (const expression of ['x +', '(x', '[1, 2', 'x y )', 'x = = 2', '1 2 3 ,', 'x[1', '3 = x', '"abc']) {
      const r = await cli([expression, 'x=1', '--lang', 'ko']);
      expect(r.exit, expression).toBe(2);
      const first = r.stderr.split('\n')[0]!;
      expect(first, expression).toMatch(/^backprop: 오류: \d+번째 문자에서 구문 오류: /);
      expect(first.slice('backprop:'.length), expression).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

describe('the library', () => {
  it('returns the JSON document’s data, equal to what --json writes', async () => {
    const { run } = await import('../src/index.js');
    const cases: [string, Record<string, unknown>][] = [
      ['(x+y)*z', { x: -2, y: 5, z: -4 }],
      ['sum(max(0, W*x - (W*x)[y] + 1)) + max(v)', { W: [[0.2, -0.5], [1.5, 1.3]], x: [0.56, 2.31], y: 2, v: [1, 3, 3] }],
      ['W2*max(0, W1*x)', { W1: [[0.2, -0.5], [0.6, 0.1]], W2: [[0.5, -0.2]], x: [1.5, -0.5] }],
      ['(x-1)^2 + log(y)', { x: 0, y: 2 }],
    ];
    for (const [expression, vars] of cases) {
      const args = [expression, ...Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`), '--json'];
      const doc = JSON.parse((await cli(args)).stdout);
      expect(run(expression, vars as never), expression).toEqual(doc);
    }
  });

  it('speaks of no command-line option in its errors', async () => {
    const { BackpropError, run } = await import('../src/index.js');
    for (const [expression, vars, seed] of [['x*y', { x: 1 }], ['x + (a = 3)', { x: 1 }], ['W*x', { W: [[1, 2]], x: [1, 2] }, [1, 2]]] as const) {
      let error: unknown;
      try {
        run(expression, vars, seed ? { seed: [...seed] } : {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BackpropError);
      expect((error as Error).message).not.toMatch(/--|command line/);
      expect((error as InstanceType<typeof BackpropError>).exitCode).toBe(2);
    }
  });

  it('throws a BackpropError without a stack (it is the caller’s mistake, and a stack cost most of an unusable batch line), other errors keeping theirs', async () => {
    const { BackpropError, run } = await import('../src/index.js');
    const limit = Error.stackTraceLimit;
    let error: unknown;
    try {
      run('x +', {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as Error).stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('a bug').stack).toMatch(/\n\s+at /);
  });

  it('throws a BackpropError, not a TypeError, for what JavaScript lets a caller pass', async () => {
    const { BackpropError, run } = await import('../src/index.js');
    const untyped = run as (...args: unknown[]) => unknown;
    for (const [args, code, words] of [
      [['x*2', null], 'bad-value', 'not null'],
      [['x*2', 5], 'bad-value', 'not a number'],
      [['x*2', [1, 2]], 'bad-value', 'not an array'],
      [[42, { x: 1 }], 'usage', 'the expression must be a string, not a number'],
      [[undefined], 'usage', 'not undefined'],
      // Array.prototype.every skips a hole: [1, , 3] was a vector whose middle entry printed as null.
      [['sum(x)', { x: [1, , 3] }], 'bad-value', 'the value of x has undefined as entry 2, not a number'],
      [['sum(x)', { x: [[1], , [2]] }], 'bad-value', 'the value of x has undefined as entry 2, not a number'],
      [['sum(x)', { x: [[1, , 3]] }], 'bad-value', 'the value of x has undefined as row 1, entry 2, not a number'],
      [['sum(x)', { x: new Float64Array([1, NaN]) }], 'bad-value', 'the value of x has NaN as entry 2, not a number'],
      // Options are said, not ignored: fields is the command line's, and a string is no options object.
      [['x*2', { x: 1 }, { fields: ['value'] }], 'usage', 'run: the options are an object with seed (a value) and expand (true or false), not an object with fields'],
      [['x*2', { x: 1 }, 'json'], 'usage', 'not a string'],
      [['x*2', { x: 1 }, { expand: 'yes' }], 'usage', 'not expand: a string'],
    ] as const) {
      expect(() => untyped(...args)).toThrow(BackpropError);
      expect(() => untyped(...args)).toThrow(words);
      try {
        untyped(...args);
      } catch (e) {
        expect((e as InstanceType<typeof BackpropError>).code).toBe(code);
      }
    }
    expect((untyped('2 + 3') as { value: number }).value).toBe(5); // no bindings at all
    expect((untyped('x * 2', new Map([['x', 4]])) as { value: number }).value).toBe(8);
    expect((untyped('x * 2', { x: 1 }, null) as { value: number }).value).toBe(2);
    expect(run('sum(x)', { x: new Float64Array([1, 2, 3]) }).gradients).toEqual({ x: [1, 1, 1] });
    expect(run('sum(x)', { x: new Float32Array([0.5, 2]) }).value).toBe(2.5);
  });
});

describe('--fields, in every mode that writes the JSON document', () => {
  // Each mode with what it adds to the document: between them every key is there.
  const modes: [string, string[]][] = [
    ['plain', ['(x+y)*z', 'x=-2', 'y=5', 'z=-4']],
    ['a tensor output', ['W*x', 'W=[[1,2],[3,4]]', 'x=[1,-1]']],
    ['--check', ['(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--check']],
    ['--expect', ['(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--expect', 'x=-4']],
    ['--jacobian', ['W*x', 'W=[[1,2],[3,4]]', 'x=[1,-1]', '--jacobian']],
    ['--symbolic', ['(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--symbolic']],
  ];
  const everyKey = new Set<string>();
  const neuron = '1/(1+exp(-(w0*x0+w1*x1+w2*x2)))';
  it.each(modes)('keeps exactly the keys asked for, each as the whole document has it: %s', async (mode, args) => {
    const whole = JSON.parse((await cli([...args, '--json'])).stdout) as Record<string, unknown>;
    // Every key of the plain document; of the others, what the mode adds, and the value.
    const keys = Object.keys(whole).filter((k) => mode === 'plain' || !everyKey.has(k) || k === 'value');
    for (const key of Object.keys(whole)) everyKey.add(key);
    for (const key of keys) {
      const r = await cli([...args, '--json', '--fields', key]);
      expect(r.exit, r.stderr).toBeLessThan(2);
      expect(JSON.parse(r.stdout)).toEqual({ [key]: whole[key] });
    }
    const two = Object.keys(whole).slice(1, 3);
    expect(JSON.parse((await cli([...args, '--json', '--fields', two.join(',')])).stdout)).toEqual(Object.fromEntries(two.map((k) => [k, whole[k]])));
  });

  it('has met every key of the document in those modes', () => {
    expect([...everyKey].sort()).toEqual([...FIELDS].sort());
  });

  it('keeps id, line and ok on every batch line, besides the keys asked for; an error line whole', async () => {
    const whole = (await cli([neuron, '--batch', 'answers.jsonl'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const key of ['value', 'gradients', 'expectations', 'nodes']) {
      const lines = (await cli([neuron, '--batch', 'answers.jsonl', '--fields', key])).stdout.trim().split('\n').map((l) => JSON.parse(l));
      // A line that could not be used keeps its error whole: there are no fields to keep.
      expect(lines).toEqual(whole.map((w) => ('error' in w ? w : Object.fromEntries(Object.entries(w).filter(([k]) => ['id', 'line', 'ok', key].includes(k))))));
    }
  });

  it.each([...FORMAT_NAMES.filter((f) => f !== 'json'), 'csv'])('is refused, exit 2, by --format %s, which has no keys', async (format: string) => {
    const batch = format === 'csv';
    const r = await cli(batch ? [neuron, '--batch', 'answers.jsonl', '--format', format, '--fields', 'value'] : ['(x+y)*z', 'x=-2', 'y=5', 'z=-4', '--format', format, '--fields', 'value']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain('--fields');
  });
});
