// The executable against a hostile world: full disks, endless inputs,
// outputs over inputs, huge requests, bytes that must not reach a
// terminal. Each runs the built executable as a child process, as a user or
// a grading script would.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/backprop.cjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'backprop-world-'));
const env = { ...process.env, LC_ALL: 'C', NO_COLOR: '1' };

interface Run {
  stdout: string;
  stderr: string;
  exit: number | null;
  ms: number;
}

function backprop(args: string[], options: { input?: string; cwd?: string } = {}): Run {
  const t = performance.now();
  const r = spawnSync(bin, args, { encoding: 'utf8', input: options.input, env, cwd: options.cwd ?? work, timeout: 60_000, maxBuffer: 1 << 28 });
  return { stdout: r.stdout, stderr: r.stderr, exit: r.status, ms: performance.now() - t };
}

/** A shell command line, for redirections the test needs (2>/dev/full, < /dev/zero). */
function sh(script: string): Run {
  const t = performance.now();
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...env, BP: bin }, cwd: work, timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, exit: r.status, ms: performance.now() - t };
}

const noStack = (r: Run): void => {
  expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .*:\d+:\d+|internal error/);
};

const file = (name: string, text: string | Uint8Array): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

describe('a full disk', () => {
  it('on standard output is exit 2 with one message on standard error', () => {
    for (const extra of [[], ['--json'], ['--format', 'dot'], ['--explain']]) {
      const r = sh(`"$BP" "x*2" x=1 ${extra.join(' ')} > /dev/full`);
      expect(r.exit, extra.join(' ')).toBe(2);
      expect(r.stderr).toBe('backprop: error: cannot write standard output: no space left on the device\n');
    }
  });

  it('is said in Korean in Korean, the system’s reason too', () => {
    const r = sh('"$BP" "x*2" x=1 --lang ko > /dev/full');
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: 오류: 표준 출력에 쓸 수 없습니다: 장치에 남은 공간이 없습니다\n');
    const missing = backprop(['x', '--vars', 'no-such.json', '--lang', 'ko']);
    expect(missing.stderr).toBe('backprop: 오류: no-such.json을(를) 읽을 수 없습니다: 그런 파일이나 디렉터리가 없습니다\n');
  });

  it('on standard error is exit 2, said where it still can be', () => {
    const r = sh('"$BP" "relu(x)" x=0 2>/dev/full');
    expect(r.exit).toBe(2);
    expect(r.stdout).toContain('∂f/∂x = 0'); // the table was written before the warning failed
    expect(r.stdout).toContain('cannot write standard error: no space left on the device');
    noStack(r);
  });

  it('in a batch is exit 2 too', () => {
    const answers = file('batch-full.jsonl', '{"vars": {"x": 1}}\n'.repeat(50));
    const r = sh(`"$BP" "x*2" --batch "${answers}" > /dev/full`);
    expect(r.exit).toBe(2);
    expect(r.stderr).toContain('no space left on the device');
    noStack(r);
  });

  it('is unlike a reader that stops early, which is a quiet exit 0', () => {
    const r = sh(`"$BP" "x*2" x=1 | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('exit 0\n');
    expect(r.stderr).toBe('');
  });

  it('keeps the verdict of a check when the reader stops early, and its warnings quiet when that reader is standard error’s', () => {
    // A table of 3,000 rows: far more than a pipe holds, so the reader is gone before the writing ends.
    const long = file('long-sum.txt', Array.from({ length: 3000 }, (_, i) => `x * ${i + 1}`).join(' + '));
    expect(sh(`"$BP" --file "${long}" x=1 --expect x=3 | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`).stdout).toBe('exit 1\n');
    expect(sh(`"$BP" --file "${long}" x=1 --expect x=4501500 | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`).stdout).toBe('exit 0\n');
    // 0/0 warns on standard error, which goes to a reader that has left as well.
    const r = sh(`"$BP" "0/0" 2>&1 | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('exit 0\n');
    expect(r.stderr).toBe('');
  });

  it('gives a batch the whole batch’s verdict and summary when the reader stops early', () => {
    // 20,000 lines (a megabyte out): the reader is gone long before the wrong answer and the unusable line at the end.
    const lines = [...Array.from({ length: 20_000 }, (_, i) => `{"id": ${i}, "vars": {"x": 1}}`), '{"id": "late", "vars": {"x": 1}, "expect": {"x": 3}}'];
    const wrong = file('batch-late-wrong.jsonl', lines.join('\n'));
    const r = sh(`"$BP" "x*2" --batch "${wrong}" | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('exit 1\n');
    expect(r.stderr).toContain('backprop: batch of 20001: 20000 ok, 1 with an expectation or a check that failed');
    expect(r.stderr).toContain('late (line 20001)');
    const unusable = file('batch-late-unusable.jsonl', [...lines.slice(0, -1), 'not JSON'].join('\n'));
    expect(sh(`"$BP" "x*2" --batch "${unusable}" | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`).stdout).toBe('exit 2\n');
    noStack(r);
  });
});

describe('an endless input', () => {
  for (const [what, args] of [
    ['--vars', ['x', '--vars', '/dev/zero']],
    ['--file', ['--file', '/dev/zero', 'x=1']],
    ['--batch', ['x', '--batch', '/dev/zero']],
    ['standard input', ['-', 'x=1']],
  ] as const) {
    it(`on ${what} is refused in seconds, with bounded memory`, () => {
      const redirect = what === 'standard input' ? '< /dev/zero' : '';
      const r = sh(`/usr/bin/time -f "rss %M" "$BP" ${args.map((a) => `'${a}'`).join(' ')} ${redirect}`);
      expect(r.exit).toBe(2);
      expect(r.stderr).toMatch(/is larger than 64 MiB; --max-input raises the limit/);
      expect(r.ms).toBeLessThan(10_000);
      const rss = Number(/rss (\d+)/.exec(r.stderr)?.[1]); // KB
      expect(rss).toBeLessThan(400_000);
    });
  }

  it('stays bounded when --max-input asks for more than a run can hold', () => {
    // 100,000 MiB of /dev/zero read for a minute and took 20 GB before --max-input had a ceiling.
    const r = sh(`"$BP" x --vars /dev/zero --max-input 100000`);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: --max-input takes a size in MiB up to 512 (the longest text a run can hold), not 100000\n');
  });

  it('from a pipe that never ends is refused too', () => {
    const r = sh('yes | "$BP" - x=1');
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/standard input is larger than 64 MiB/);
  });

  it('--max-input sets another limit', () => {
    const big = file('big-vars.json', JSON.stringify({ x: 2, pad: 'x'.repeat(2 << 20) }));
    expect(backprop(['x*2', '--vars', big, '--max-input', '1']).stderr).toContain('larger than 1 MiB');
    expect(backprop(['x*2', '--vars', big, '--max-input', '3']).stderr).toContain('not a number, a vector or a matrix');
  });

  it('that is not text is refused as such', () => {
    const bytes = join(work, 'bytes.txt');
    writeFileSync(bytes, Buffer.from([0x78, 0xff, 0xfe, 0x2a]));
    const r = backprop(['--file', bytes, 'x=1']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe(`backprop: error: the expression ${bytes} is not text (UTF-8, or UTF-16 with a byte-order mark)\n`);
  });
});

describe('a file from Windows', () => {
  it('has its statements on CRLF lines read as lines, from --file and standard input', () => {
    const program = file('crlf-program.txt', '\uFEFFq = x + y\r\nf = q * z\r\n');
    const vars = file('crlf-vars.json', '{"x": -2,\r\n "y": 5, "z": -4}\r\n');
    const doc = JSON.parse(backprop(['--file', program, '--vars', vars, '--json']).stdout) as { value: number; gradients: unknown };
    expect(doc).toMatchObject({ value: -12, gradients: { x: -4, y: -4, z: 3 } });
    expect(JSON.parse(backprop(['-', 'x=-2', 'y=5', 'z=-4', '--json'], { input: 'q = x + y\rf = q * z' }).stdout)).toMatchObject({ value: -12 });
    const lines = file('crlf-batch.jsonl', `${JSON.stringify({ expr: 'q = x + y\r\nf = q * z', vars: { x: -2, y: 5, z: -4 } })}\r\n{"expr": "x*2", "vars": {"x": 1}}\r\n`);
    expect(backprop(['--batch', lines, '--fields', 'value']).stdout).toBe('{"line":1,"value":-12,"ok":true}\n{"line":2,"value":2,"ok":true}\n');
  });

  it('gives a grading loop over a CRLF file its verdicts without the \\r (which would send the cursor back over them)', () => {
    const answers = file('crlf-answers.txt', 'alice -4\r\nbob 3\r\n');
    const r = sh(`while read -r name dx; do "$BP" "(x+y)*z" x=-2 y=5 z=-4 --expect "x=$dx"; echo "$name $?"; done < "${answers}"`);
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).toContain('expect x=-4: ok (∂f/∂x = -4)\nalice 0\n');
    expect(r.stdout).toContain('expect x=3: WRONG');
    expect(r.stdout).toContain('bob 1\n');
  });
});

describe('a file in UTF-16', () => {
  it('is read as text when its byte-order mark says so (Notepad saves "Unicode" so), and refused as not text when it is not', () => {
    const utf16 = (text: string, big: boolean): Buffer => {
      const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
      return big ? le.swap16() : le;
    };
    for (const big of [false, true]) {
      const expr = file(`utf16-${big}.txt`, utf16('q = x * y\r\nf = q + 1', big));
      const vars = file(`utf16-${big}.json`, utf16('{"x": 2, "y": 3}', big));
      expect(JSON.parse(backprop(['--file', expr, '--vars', vars, '--json']).stdout)).toMatchObject({ value: 7, gradients: { x: 3, y: 2 } });
    }
    // Without the mark, as some editors save ASCII: a zero in every other byte says which half comes first.
    for (const big of [false, true]) {
      const vars = file(`utf16-nomark-${big}.json`, utf16('{"x": 2, "y": 3}', big).subarray(2));
      expect(JSON.parse(backprop(['x*y', '--vars', vars, '--json']).stdout), `big-endian ${big}`).toMatchObject({ value: 6 });
    }
    // A NUL in UTF-8 is no text either (it said "Expected property name").
    const nul = file('nul.json', '{"x": 1}\0');
    expect(backprop(['x', '--vars', nul]).stderr).toBe(`backprop: error: --vars ${nul} is not text (UTF-8, or UTF-16 with a byte-order mark)\n`);
    const odd = file('utf16-odd.txt', Buffer.from([0xff, 0xfe, 0x78, 0x00, 0x2a]));
    const r = backprop(['--file', odd, 'x=1']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe(`backprop: error: the expression ${odd} is not text (UTF-8, or UTF-16 with a byte-order mark)\n`);
  });
});

describe('a byte-order mark', () => {
  it('is read past in --vars, --file and --batch', () => {
    const vars = file('bom-vars.json', '\uFEFF{"x": 3}');
    const expr = file('bom-expr.txt', '\uFEFFx*x\n');
    const batch = file('bom-batch.jsonl', '\uFEFF{"vars": {"x": 2}}\n');
    expect(JSON.parse(backprop(['--file', expr, '--vars', vars, '--json']).stdout).gradients).toEqual({ x: 6 });
    const line = JSON.parse(backprop(['x*x', '--batch', batch]).stdout);
    expect(line.gradients).toEqual({ x: 4 });
  });
});

describe('--out', () => {
  it('never names one of the run’s own inputs', () => {
    const dir = mkdtempSync(join(work, 'out-'));
    const expr = join(dir, 'expr.txt');
    writeFileSync(expr, 'x*2');
    const vars = join(dir, 'vars.json');
    writeFileSync(vars, '{"x": 3}');
    symlinkSync(expr, join(dir, 'link.txt'));
    for (const [out, input] of [['expr.txt', 'expr.txt'], ['vars.json', 'vars.json'], ['link.txt', 'expr.txt'], ['./expr.txt', 'expr.txt']]) {
      const r = backprop(['--file', 'expr.txt', '--vars', 'vars.json', '--out', out!], { cwd: dir });
      expect(r.exit, out).toBe(2);
      expect(r.stderr).toContain(`is ${input}, an input of this run`);
    }
    const stdin = sh(`cd "${dir}" && "$BP" - --vars vars.json --out expr.txt < expr.txt`);
    expect(stdin.exit).toBe(2);
    expect(stdin.stderr).toContain('is standard input, an input of this run');
    expect(readFileSync(expr, 'utf8')).toBe('x*2');
    expect(readFileSync(vars, 'utf8')).toBe('{"x": 3}');
  });

  it('replaces its file whole when the run succeeds, and leaves it alone when not', () => {
    const dir = mkdtempSync(join(work, 'out-'));
    const out = join(dir, 'result.json');
    writeFileSync(out, 'the old result');
    const failed = backprop(['x*y', 'x=1', '--json', '--out', out]);
    expect(failed.exit).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('the old result');
    const ok = backprop(['x*y', 'x=1', 'y=2', '--json', '--out', out]);
    expect(ok.exit).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).gradients).toEqual({ x: 2, y: 1 });
    // A failed check is a whole report: it is written, and the exit status says what failed.
    const wrong = backprop(['x*y', 'x=1', 'y=2', '--expect', 'x=3', '--out', out]);
    expect(wrong.exit).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).expectations[0]).toMatchObject({ expect: 'x=3', ok: false });
    expect(readdirSync(dir)).toEqual(['result.json']); // no temporary file left behind
  });

  it('takes the format from the file’s name when none is asked, and refuses a name that says another', () => {
    const dir = mkdtempSync(join(work, 'named-'));
    const run = (...args: string[]) => backprop(['(x+y)*z', 'x=-2', 'y=5', 'z=-4', ...args], { cwd: dir });
    // A table in graph.svg is no picture: the name draws it.
    expect(run('--out', 'graph.svg').exit).toBe(0);
    expect(readFileSync(join(dir, 'graph.svg'), 'utf8')).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(run('--out', 'Page.HTML').exit).toBe(0);
    expect(readFileSync(join(dir, 'Page.HTML'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(run('--out', 'f.json').exit).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'f.json'), 'utf8')).gradients).toEqual({ x: -4, y: -4, z: 3 });
    expect(run('--out', 'f.tex').exit).toBe(0);
    expect(readFileSync(join(dir, 'f.tex'), 'utf8')).toContain('\\begin{tabular}');
    expect(run('--out', 'f.txt').exit).toBe(0);
    expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toContain('gradient ∂f/∂node');
    expect(run('--json', '--out', 'doc.json').exit).toBe(0);
    // Refused, and no file made: a flag that asks for another format, a picture backprop does not write, CSV outside a batch.
    const refused: [string[], string][] = [
      [['--json', '--out', 'g.svg'], 'backprop: error: --out g.svg by its name asks for svg, but --json writes json: name the file g.json, or leave out --json\n'],
      [['--explain', '--out', 'notes.md'], 'backprop: error: --out notes.md by its name asks for markdown, but --explain writes explain: name the file notes.txt, or leave out --explain\n'],
      [['--out', 'g.png'], 'backprop: error: backprop writes no PNG file (--out g.png): --format svg --out g.svg writes the picture as SVG, which rsvg-convert or Inkscape turn into PNG\n'],
      [['--format', 'svg', '--out', 'g.PDF'], 'backprop: error: backprop writes no PDF file (--out g.PDF): --format svg --out g.svg writes the picture as SVG, which rsvg-convert or Inkscape turn into PDF\n'],
      [['--out', 'r.csv'], 'backprop: error: --out r.csv by its name asks for csv, which is for --batch: a row a case\n'],
      // An option the named format does not show says where that format came from.
      [['--check', '--out', 'c.md'], 'backprop: error: --check is not shown by --out c.md (markdown, by its name); these formats show it: table, json, explain\n'],
    ];
    for (const [args, message] of refused) {
      const r = run(...args);
      expect(r.exit, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(message);
    }
    expect(readdirSync(dir).sort()).toEqual(['Page.HTML', 'doc.json', 'f.json', 'f.tex', 'f.txt', 'graph.svg']);
    // A batch writes JSON Lines, or CSV by its name.
    const answers = file('named-batch.jsonl', '{"id": "ann", "vars": {"x": 1}, "expect": {"x": 2}}\n');
    expect(backprop(['x*2', '--batch', answers, '--out', 'marks.csv'], { cwd: dir }).exit).toBe(0);
    expect(readFileSync(join(dir, 'marks.csv'), 'utf8')).toBe('id,line,ok,error,x answer,x truth,x ok\nann,1,true,,2,2,true\n');
    expect(backprop(['x*2', '--batch', answers, '--out', 'marks.json'], { cwd: dir }).exit).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'marks.json'), 'utf8'))).toMatchObject({ id: 'ann', ok: true });
    const page = backprop(['x*2', '--batch', answers, '--out', 'marks.html'], { cwd: dir });
    expect(page.exit).toBe(2);
    expect(page.stderr).toBe('backprop: error: --out marks.html by its name asks for html, but --batch writes JSON Lines: name the file marks.jsonl\n');
    expect(existsSync(join(dir, 'marks.html'))).toBe(false);
  });

  it('follows a link to a file not made yet, as > does, and never puts a file in the link’s place', () => {
    const dir = mkdtempSync(join(work, 'links-'));
    symlinkSync(join(dir, 'made.txt'), join(dir, 'to-new'));
    expect(backprop(['x*2', 'x=1', '--out', 'to-new'], { cwd: dir }).exit).toBe(0);
    expect(lstatSync(join(dir, 'to-new')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made.txt'), 'utf8')).toContain('f = x * 2');
    symlinkSync(join(dir, 'no-such-dir', 'f.txt'), join(dir, 'dangling'));
    const r = backprop(['x*2', 'x=1', '--out', 'dangling'], { cwd: dir });
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: cannot write dangling: no such file or directory\n');
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true); // a rename over it put a file in its place
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    expect(backprop(['x*2', 'x=1', '--out', 'loop-a'], { cwd: dir }).stderr).toBe('backprop: error: cannot write loop-a: too many symbolic links in a row\n');
    expect(readdirSync(dir).sort()).toEqual(['dangling', 'loop-a', 'loop-b', 'made.txt', 'to-new']);
  });

  it('says so when it cannot write, and writes nothing', () => {
    const r = backprop(['x', 'x=1', '--out', join(work, 'no-such-dir', 'out.txt')]);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe(`backprop: error: cannot write ${join(work, 'no-such-dir', 'out.txt')}: no such file or directory\n`);
  });

  // Root may write anything, so the check runs as nobody (CI runs as root), where nobody can run this checkout
  // (a clone in a private directory cannot be); elsewhere it is skipped.
  const asNobody = process.getuid?.() === 0 && spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `"${bin}" --version`]).status === 0;
  it.skipIf(!asNobody)('leaves a file its owner made read-only as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-readonly-'));
    const out = join(dir, 'result.txt');
    writeFileSync(out, 'the graded result');
    spawnSync('chown', ['-R', 'nobody', dir]);
    spawnSync('chmod', ['444', out]);
    const r = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `"${bin}" "x*2" x=1 --out "${out}"`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`backprop: error: cannot write ${out}: permission denied\n`);
    expect(readFileSync(out, 'utf8')).toBe('the graded result');
  });

  it.skipIf(process.getuid?.() !== 0 || spawnSync('id', ['nobody']).status !== 0)('keeps the owner of a file root replaces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-owner-'));
    const out = join(dir, 'result.txt');
    writeFileSync(out, 'a student’s file');
    spawnSync('chown', ['nobody', out]);
    const uid = statSync(out).uid;
    expect(backprop(['x*2', 'x=1', '--out', out]).exit).toBe(0);
    expect(statSync(out).uid).toBe(uid);
    expect(readFileSync(out, 'utf8')).toContain('f = x * 2');
  });

  it('writes into a pipe or a device, never a file in its place', () => {
    // A FIFO stands for /dev/null, /dev/stdout and the like: renaming over one replaced /dev/null with a
    // file. (Tested on a FIFO of its own: a regression must not break the machine's /dev/null.)
    const dir = mkdtempSync(join(work, 'fifo-'));
    const fifo = join(dir, 'pipe');
    const r = sh(`mkfifo "${fifo}" && { cat "${fifo}" > "${dir}/got" & } && "$BP" "x*3" x=1 --out "${fifo}"; echo "exit $?"; wait; [ -p "${fifo}" ] && echo "still a pipe"`);
    expect(r.stdout).toBe('exit 0\nstill a pipe\n');
    expect(readFileSync(join(dir, 'got'), 'utf8')).toContain('f = x * 3');
    expect(readdirSync(dir).sort()).toEqual(['got', 'pipe']);
  });

  it('tidies what a killed run left beside its file, and nothing else', () => {
    const dir = mkdtempSync(join(work, 'out-'));
    const out = join(dir, 'result.txt');
    // A run killed mid-write (Ctrl-C during a long table) leaves its temporary file; this one's process is gone.
    const dead = spawnSync('true').pid!;
    const leftover = join(dir, `.result.txt.${dead}-abc123.tmp`);
    const someoneElses = join(dir, `.other.txt.${dead}-abc123.tmp`);
    const live = join(dir, `.result.txt.${process.pid}-abc123.tmp`); // a run still writing
    for (const f of [leftover, someoneElses, live]) writeFileSync(f, 'half a table');
    expect(backprop(['x*2', 'x=1', '--out', out]).exit).toBe(0);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(someoneElses)).toBe(true);
    expect(existsSync(live)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['.other.txt.' + dead + '-abc123.tmp', `.result.txt.${process.pid}-abc123.tmp`, 'result.txt'].sort());
  });

  it('holds a batch’s lines', () => {
    const answers = file('out-batch.jsonl', '{"vars": {"x": 1}}\n{"vars": {"x": 2}}\n');
    const out = join(work, 'batch-out.jsonl');
    const r = backprop(['x*2', '--batch', answers, '--out', out]);
    expect(r.exit).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).value)).toEqual([2, 4]);
  });
});

describe('messages', () => {
  it('never carry terminal escapes or raw bytes from the input', () => {
    for (const args of [['x + \u001b[31mred', 'x=1'], ['x', '--x=\u001b]0;pwned\u0007'], ['\u202ex + 1', 'x=1'], ['x', '--\u001b[2J=1']]) {
      const r = backprop(args);
      expect(r.exit, JSON.stringify(args)).toBe(2);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
      expect(r.stderr).toMatch(/\\x1b|\\x07|\\u202e/);
    }
  });

  it('show invisible characters (zero-width space, the Arabic letter mark, a soft hyphen) as escapes, so the caret points at something', () => {
    for (const [c, shown] of [['\u200b', '\\u200b'], ['\u061c', '\\u061c'], ['\u00ad', '\\xad'], ['\u2060', '\\u2060']] as const) {
      const r = backprop([`x${c}+ 1`, 'x=1']);
      expect(r.exit).toBe(2);
      expect(r.stderr).not.toContain(c);
      expect(r.stderr).toContain(`\n  x${shown}+ 1\n   ^`);
    }
  });

  it('say that π is a name, and that the constant is pi', () => {
    const r = backprop(['2*π*r', 'r=1']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: no value for the variable π; bind it like --π=1.5, or write pi for the constant π\n');
    expect(backprop(['2*pi*r', 'r=1', '--json']).stdout).toContain(`"value": ${2 * Math.PI}`);
  });

  it('say that sin x needs parentheses, which mathjs reads as a variable sin times x', () => {
    const r = backprop(['sin x + 1', 'x=1']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: no value for the variable sin; sin is a function: write sin(x), the argument in parentheses (without them, sin is read as a variable)\n');
    expect(backprop(['sin * 2', 'sin=1']).exit).toBe(0); // a variable may still be named sin
  });

  it('say that bound names run together (w0x0, as the lecture writes w0·x0) are one variable to mathjs, and how to write the product', () => {
    const r = backprop(['1/(1+exp(-(w0x0+w1x1+w2)))', 'w0=2', 'x0=-1', 'w1=-3', 'x1=-2', 'w2=-3']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: no value for the variables w0x0, w1x1; a name of several letters is one variable: for the product write w0*x0, w1*x1\n');
    expect(backprop(['xyz', 'x=1', 'y=2', 'z=3', 'xy=4']).stderr).toContain('for the product write xy*z'); // the fewest names
    expect(backprop(['xy', 'x=1']).stderr).toBe('backprop: error: no value for the variable xy; bind it like --xy=1.5\n'); // y is not bound
  });

  it('say that a number is written without _ (Python’s 1_000 is 1 times a variable _000 to mathjs)', () => {
    const r = backprop(['1_000*x', 'x=1']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toBe('backprop: error: no value for the variable _000; a number is written without _ (1000, not 1_000, which reads as 1 times a variable _000)\n');
    expect(backprop(['x_1*2', 'x_1=1']).exit).toBe(0); // a name with _ is a name
  });

  it('quote a short piece of a long input, never all of it', () => {
    const long = file('long.txt', `${'x + '.repeat(150_000)}* 2`); // 600 KB, a syntax error at the end
    const r = backprop(['--file', long, 'x=1']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/^backprop: error: syntax error at character 600001/);
    expect(r.stderr.length).toBeLessThan(400);
    const value = backprop(['x', `--x=${'a'.repeat(100_000)}`]);
    expect(value.stderr).toMatch(/\(100000 characters\)/);
    expect(value.stderr.length).toBeLessThan(300);
    const names = Array.from({ length: 5000 }, (_, i) => `v${i}`);
    const unbound = backprop(['--file', file('many.txt', names.join(' + '))]);
    expect(unbound.stderr).toContain('and 4980 more');
    expect(unbound.stderr.length).toBeLessThan(500);
  });
});

describe('bounded work', () => {
  it('a batch of a million lines that cannot be used keeps twenty to name, and more lines than a million are refused at once', () => {
    const million = file('million-empty.jsonl', '{}\n'.repeat(1_000_000));
    const r = sh(`/usr/bin/time -f "%M" "$BP" "x*2" --batch "${million}" > /dev/null`);
    expect(r.exit).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('backprop: batch of 1000000: 0 ok, 0 with an expectation or a check that failed, 1000000 that could not be used');
    expect(lines.filter((l) => l.startsWith('  could not be used: line '))).toHaveLength(20);
    expect(lines).toContain('  … and 999980 more');
    // Peak memory in KB: every message kept took 650 MB.
    expect(Number(lines[lines.length - 1])).toBeLessThan(400_000);
    const over = backprop(['x*2', '--batch', file('million-and-one.jsonl', '{}\n'.repeat(1_000_001))]);
    expect(over.exit).toBe(2);
    expect(over.stderr).toBe('backprop: error: the batch has 1000001 lines; one batch takes at most 1000000: split the file (split -l 1000000 FILE)\n');
    expect(over.ms).toBeLessThan(5_000);
  }, 60_000);

  it('a batch parses at most 100,000 distinct expressions, however its lines take turns among them', () => {
    const distinct = Array.from({ length: 100_001 }, (_, i) => JSON.stringify({ expr: `x*${i} + 1`, vars: { x: 1 } }));
    const turns = Array.from({ length: 2_000 }, (_, i) => JSON.stringify({ expr: `x*${i % 500} + 1`, vars: { x: 1 } }));
    const r = sh(`"$BP" --batch "${file('distinct.jsonl', [...turns, ...distinct].join('\n'))}" --fields value | tail -2`);
    expect(r.exit).toBe(0); // tail's
    const last = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; value?: number; error?: { code: string; message: string } });
    // The 500 expressions taking turns count once each (and again in the distinct lines' first 500): x*99999 is
    // the 100,000th and last parsed, on line 2,000 + 100,000.
    expect(last[0]).toMatchObject({ line: 102_000, value: 99_999 + 1 });
    expect(last[1]!.error).toMatchObject({ code: 'limit', message: expect.stringContaining('this batch has parsed all the expressions one batch may (100000 distinct ones') });
  }, 60_000);

  it('--symbolic of a product of 15 factors finishes, with its closed forms', () => {
    const names = Array.from({ length: 15 }, (_, i) => `x${i}`);
    const r = backprop([names.join('*'), ...names.map((n) => `${n}=1.1`), '--symbolic']);
    expect(r.exit).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stdout).toContain('∂f/∂x0 = ');
  });

  it('--symbolic of sin nested 500 deep gives the numbers, with a note', () => {
    let s = 'x';
    for (let i = 0; i < 500; i++) s = `sin(${s})`;
    const r = backprop([s, 'x=1', '--symbolic']);
    expect(r.exit).toBe(0);
    expect(r.stdout).toMatch(/∂f\/∂x: no closed form \(the expression has more than 300 nodes\); the number stands \(0\.00035\)/);
    expect(r.stdout).toMatch(/∂f\/∂x = 0\.00035/);
  });

  it('--jacobian beyond its cost is refused at once, with the cost named', () => {
    const W = JSON.stringify(Array.from({ length: 300 }, (_, i) => Array.from({ length: 300 }, (_, j) => ((i * 7 + j) % 11) / 10)));
    const vars = file('jacobian.json', `{"W": ${W}, "x": ${JSON.stringify(Array.from({ length: 300 }, () => 1))}}`);
    const r = backprop(['W*W*x', '--vars', vars, '--jacobian']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/--jacobian would take 300 passes over the graph, \d+ steps each \(\d\.\de\+\d+ in all\); at most 1\.0e\+9 are allowed/);
    expect(r.ms).toBeLessThan(5000);
  });

  it('--check of a 400×400 matrix finishes in seconds, on a sample it names', () => {
    const W = JSON.stringify(Array.from({ length: 400 }, (_, i) => Array.from({ length: 400 }, (_, j) => Math.sin(i * 400 + j))));
    const vars = file('check400.json', `{"W": ${W}, "x": ${JSON.stringify(Array.from({ length: 400 }, (_, k) => Math.cos(k)))}}`);
    const r = backprop(['sum((W*x).^2)', '--vars', vars, '--check', '--json']);
    expect(r.exit).toBe(0);
    expect(r.ms).toBeLessThan(20_000);
    const { check } = JSON.parse(r.stdout);
    expect(check.sampled.of).toBe(160_400);
    expect(check.sampled.checked).toBeGreaterThan(100);
    expect(check.ok).toBe(true);
  });

  it('says --symbolic, --jacobian and a batch line of answers for a sum of 200,000 variables in seconds', () => {
    // Each variable's line looked its node up by searching all of them: 35 s for each.
    const n = 200_000;
    const sum = file('many-variables.txt', Array.from({ length: n }, (_, i) => `v${i}`).join('+'));
    const vars = file('many-variables.json', JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, i % 7]))));
    for (const [option, said] of [
      ['--symbolic', `∂f/∂v${n - 1}: no closed form (the expression has more than`],
      ['--jacobian', `Jacobian ∂f/∂v${n - 1}: a row for the one entry of f`],
    ] as const) {
      const r = backprop(['--file', sum, '--vars', vars, option]);
      expect(r.exit).toBe(0);
      expect(r.stdout).toContain(said);
      expect(r.ms, option).toBeLessThan(20_000);
    }
    // And a batch line with an answer for each (each looked through every variable for its node: 50 s).
    const answers = file('many-answers.jsonl', `${JSON.stringify({ vars: JSON.parse(readFileSync(vars, 'utf8')), expect: Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, 1])) })}\n`);
    const r = backprop(['--file', sum, '--batch', answers, '--fields', 'ok']);
    expect(r.stdout).toBe('{"line":1,"ok":true}\n');
    expect(r.ms).toBeLessThan(20_000);
    // As a CSV row (its columns were a list, searched once for each answer: 65 s for 160,000).
    const csv = backprop(['--file', sum, '--batch', answers, '--format', 'csv']);
    const [header, row] = csv.stdout.split('\n');
    expect(header!.split(',')).toHaveLength(4 + 3 * n);
    expect(header!.endsWith(`,v${n - 1} answer,v${n - 1} truth,v${n - 1} ok`)).toBe(true);
    expect(row!.startsWith(',1,true,,1,1,true,1,1,true,')).toBe(true);
    expect(csv.ms).toBeLessThan(20_000);
  }, 120_000);

  it('draws x + x + … (1,000 terms) and the fan-out 1*x + … + 100*x as SVG in seconds', () => {
    const sum = file('xs.txt', Array.from({ length: 1000 }, () => 'x').join(' + '));
    const fan = file('fan.txt', Array.from({ length: 100 }, (_, i) => `${i + 1}*x`).join(' + '));
    for (const input of [sum, fan]) {
      const r = backprop(['--file', input, 'x=1', '--format', 'svg']);
      expect(r.exit).toBe(0);
      expect(r.stdout).toMatch(/<\/svg>\s*$/);
      expect(r.ms).toBeLessThan(5000);
    }
  });

  it('refuses a picture too large to lay out with exit 2, never 3', () => {
    const big = file('huge.txt', Array.from({ length: 8000 }, (_, i) => `sin(x${i % 7})`).join(' + '));
    const vars = file('huge-vars.json', JSON.stringify(Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`x${i}`, i / 7]))));
    const r = backprop(['--file', big, '--vars', vars, '--format', 'svg']);
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/the picture would have \d+ nodes, more than Graphviz lays out in reasonable time/);
    expect(r.ms).toBeLessThan(5000);
    // The DOT text of it is fine: a Graphviz of one's own can take its time.
    expect(backprop(['--file', big, '--vars', vars, '--format', 'dot']).exit).toBe(0);
  });

  it('refuses an expression of too many tokens before parsing it', () => {
    const r = sh(`printf 'x+%.0s' $(seq 1 2100000) > many-tokens.txt; echo x >> many-tokens.txt; "$BP" --file many-tokens.txt x=1`);
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(/the expression has about 4200001 tokens; at most 4000000 are supported/);
  });
});

describe('the library from a packed tarball', () => {
  it('type-checks and runs in a strict TypeScript project', () => {
    const project = mkdtempSync(join(work, 'consumer-'));
    const root = fileURLToPath(new URL('..', import.meta.url));
    // --ignore-scripts: the tarball is packed from this build, not rebuilt under the other tests.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    const modules = join(project, 'node_modules');
    execFileSync('mkdir', ['-p', join(modules, 'backprop')]);
    execFileSync('tar', ['-xzf', join(project, tarball), '-C', join(modules, 'backprop'), '--strip-components=1']);
    expect(existsSync(join(modules, 'backprop', 'LICENSE'))).toBe(true);
    writeFileSync(join(project, 'package.json'), '{"type": "module"}');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, noEmit: false, outDir: 'out', types: [] }, include: ['main.ts'] }),
    );
    // The README's example, as written there.
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /<!-- library example -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README has the library example').toBeDefined();
    writeFileSync(join(project, 'main.ts'), example!);
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    const compiled = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');
    const ran = spawnSync(process.execPath, [join(project, 'out', 'main.js')], { encoding: 'utf8', cwd: project });
    expect(ran.stderr).toBe('');
    // The example prints what its comments say it prints.
    const said = [...example!.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    expect(ran.stdout.trim().split('\n')).toEqual(said);
    // Its error is shown by its class's name (the minified bundle's console.log of one said `e [BackpropError]`).
    writeFileSync(join(project, 'error.mjs'), "import { run } from 'backprop';\ntry { run('x*', { x: 1 }); } catch (e) { console.log(e.constructor.name); console.log(e); }\n");
    const shown = spawnSync(process.execPath, [join(project, 'error.mjs')], { encoding: 'utf8', cwd: project }).stdout.split('\n');
    expect(shown[0]).toBe('BackpropError');
    expect(shown[1]).toMatch(/^\[?BackpropError: syntax error at character 3/);
  }, 60_000);
});
