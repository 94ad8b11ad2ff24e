// The benchmark: `npm run bench` (all sections) or `npm run bench -- startup`
// (any of: startup, scale, process, deep, net, vars, big, million, pictures,
// page, homework). It measures what the issues set as targets (#2, #7, #11)
// and prints each figure next to its target, then every target as one row of
// a summary, so that the next change that slows one shows it. Timings on a
// shared machine wander; every comparison is made alternately in one run,
// against a baseline measured in that run, and medians are reported.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { balancedSum, flatSum } from './gen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'backprop.cjs');
const work = mkdtempSync(join(tmpdir(), 'backprop-bench-'));
// Its files (a million-op expression, big --vars files) go when the run ends, however it ends.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));
const wanted = process.argv.slice(2);
const section = (name) => wanted.length === 0 || wanted.includes(name);

// The engine's parts, bundled for the sections that time them in process.
const internals = join(work, 'internals.mjs');
await build({ entryPoints: [join(root, 'bench', 'internals.ts')], bundle: true, minify: true, platform: 'node', format: 'esm', outfile: internals, logLevel: 'warning' });

// The yardstick of the million-op section, bundled with the same mathjs parser as the CLI.
const yardstick = join(work, 'yardstick.cjs');
await build({ entryPoints: [join(root, 'bench', 'yardstick.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', outfile: yardstick, logLevel: 'warning' });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Every target measured: what, the figure, the target, and whether it is met. */
const summary = [];
function target(what, figure, goal, met) {
  summary.push({ what, figure, goal, met });
}

/** The same numbers on every run (Park–Miller), in [low, high), rounded to `digits` decimals if given; and vectors and matrices of them. */
function numbers(seed, low, high, digits) {
  const scale = digits === undefined ? 1 : 10 ** digits;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * (high - low) + low;
  const random = digits === undefined ? next : () => Math.round(next() * scale) / scale;
  const vector = (n) => Array.from({ length: n }, random);
  return { random, vector, matrix: (rows, cols) => Array.from({ length: rows }, () => vector(cols)) };
}
const ms = (x) => `${x.toFixed(1)} ms`;

/** Wall time of one run of a command, in ms (`options.stdin`: a file to read standard input from). */
function timeRun(cmd, args, options = {}) {
  const input = options.stdin === undefined ? 'ignore' : openSync(options.stdin, 'r');
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: [input, options.stdout ?? 'ignore', 'pipe'], maxBuffer: 1 << 30, env: options.env ?? process.env });
  if (input !== 'ignore') closeSync(input);
  const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ').slice(0, 80)} failed: ${r.stderr}`);
  return elapsed;
}

/** The bytes a command writes to standard output. */
function outputBytes(cmd, args) {
  const file = join(work, 'output');
  const out = openSync(file, 'w');
  try {
    timeRun(cmd, args, { stdout: out });
  } finally {
    closeSync(out);
  }
  return statSync(file).size;
}

/** Runs each command in turn, `rounds` times; returns each one's times. A command is [cmd, args, options?]. */
function alternate(commands, rounds) {
  const times = commands.map(() => []);
  for (let r = 0; r < rounds; r++) commands.forEach(([cmd, args, options], i) => times[i].push(timeRun(cmd, args, options)));
  return times;
}

function startup() {
  console.log('\n## Start-up: one whole process against bare `node -e 0` (target: at most 1.5×)');
  const commands = [
    ['node', ['-e', '0']],
    [bin, ['(x+y)*z', '--x=-2', '--y=5', '--z=-4']],
    [bin, ['(x+y)*z', '--x=-2', '--y=5', '--z=-4', '--json']],
  ];
  const times = alternate(commands, 40);
  const base = times[0];
  for (const [i, label] of ['node -e 0', 'backprop "(x+y)*z" --x=-2 --y=5 --z=-4', '  … --json'].entries()) {
    // The ratio of each round's pair, then the median: robust to a slow spell.
    const ratio = median(times[i].map((t, r) => t / base[r]));
    console.log(`${label.padEnd(44)} ${ms(median(times[i])).padStart(10)}  ${ratio.toFixed(2)}×`);
    if (i === 1) target('start-up, against bare node', `${ratio.toFixed(2)}×`, '≤ 1.5×', ratio <= 1.5);
  }
}

async function scale() {
  console.log('\n## Scale: a sum of relu(a*x + b)*c terms, in process, each size in a fresh process');
  console.log('targets: lowering + forward + backward at most 0.3× the parse; JSON at most 2 µs a node; linear growth');
  const step = join(root, 'bench', 'scale-step.mjs');
  console.log('shape     terms    nodes   parse ms  lower+eval ms  ratio  JSON µs/node  ours µs/node');
  for (const shape of ['flat', 'balanced']) {
    for (const terms of [1250, 12500, 125000]) {
      const runs = [];
      for (let r = 0; r < 3; r++) {
        const out = spawnSync('node', [step, internals, String(terms), shape], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(out.stderr);
        runs.push(JSON.parse(out.stdout));
      }
      const nodes = runs[0].nodes;
      const parse = median(runs.map((r) => r.parse));
      const compute = median(runs.map((r) => r.lower + r.evaluate));
      const ratio = median(runs.map((r) => (r.lower + r.evaluate) / r.parse));
      const json = median(runs.map((r) => (r.write * 1000) / r.nodes));
      const ours = median(runs.map((r) => ((r.lower + r.evaluate + r.write) * 1000) / r.nodes));
      console.log(
        `${shape.padEnd(9)} ${String(terms).padStart(6)} ${String(nodes).padStart(8)} ${parse.toFixed(0).padStart(10)} ${compute.toFixed(0).padStart(14)} ${ratio.toFixed(2).padStart(6)} ${json.toFixed(2).padStart(13)} ${ours.toFixed(2).padStart(13)}`,
      );
      if (terms === 125000) {
        target(`${shape} 10⁶ nodes: lowering + passes, against the parse`, `${ratio.toFixed(2)}×`, '≤ 0.3×', ratio <= 0.3);
        target(`${shape} 10⁶ nodes: JSON a node`, `${json.toFixed(2)} µs`, '≤ 2 µs', json <= 2);
      }
    }
  }
}

function findTorch() {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

function wholeProcess() {
  const terms = 12500; // about 100,000 nodes
  console.log(`\n## Whole process with --json: ${terms} terms, about 100,000 operations, read with --file`);
  console.log('target: at least 2× faster than micrograd (2.8 s, as the issue measured it) and PyTorch');
  const torch = findTorch();
  if (!torch) console.log('(PyTorch not found: `apt-get install python3-torch` to measure it here)');
  for (const [shape, gen] of [['flat', flatSum], ['balanced', balancedSum]]) {
    const file = join(work, `${shape}.txt`);
    writeFileSync(file, gen(terms));
    const commands = [[bin, ['--file', file, 'x=0.7', '--json']]];
    if (torch) commands.push([torch, [join(root, 'bench', 'baselines', 'torch_sum.py'), String(terms), shape]]);
    const times = alternate(commands, 5).map(median);
    let line = `${shape.padEnd(9)} backprop ${ms(times[0])}`;
    if (torch) line += `   PyTorch ${ms(times[1])} (${(times[1] / times[0]).toFixed(1)}× slower)`;
    if (torch) target(`${shape} 10⁵ ops, --json, whole process: PyTorch's time against ours`, `${(times[1] / times[0]).toFixed(1)}×`, '≥ 2×', times[1] / times[0] >= 2);
    line += `   micrograd 2800 ms (${(2800 / times[0]).toFixed(1)}× slower)`;
    console.log(line);
  }
}

/** The JSON line a benchmark child printed (TF.js adds a banner of its own). */
function jsonLine(cmd, args) {
  const out = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${out.stderr}`);
  return JSON.parse(out.stdout.split('\n').find((l) => l.startsWith('{')));
}

function network() {
  console.log('\n## The 2-layer net loss sum((W2*relu(W1*x) - t).^2), W1 512×512, W2 10×512: warm forward + backward');
  console.log('targets: faster than TensorFlow.js (CPU backend, same process, alternately); within 3× of PyTorch float64; peak RSS under 200 MB');
  const torch = findTorch();
  for (const batch of [1, 64]) {
    const ours = jsonLine('node', [join(root, 'bench', 'net-step.mjs'), internals, String(batch)]);
    const alone = jsonLine('node', [join(root, 'bench', 'net-step.mjs'), internals, String(batch), '--alone']);
    const py = torch ? jsonLine(torch, [join(root, 'bench', 'baselines', 'torch_net.py'), String(batch)]).torch : undefined;
    const x = batch === 1 ? 'x a vector' : 'X 512×64';
    let line = `${x.padEnd(11)} backprop ${ms(ours.ours)} (new arrays each time ${ms(ours.fresh)})`;
    if (ours.tfjs !== null) line += `   TF.js ${ms(ours.tfjs)} (${(ours.tfjs / ours.ours).toFixed(1)}× slower)`;
    if (py !== undefined) line += `   PyTorch ${ms(py)} (backprop ${(ours.ours / py).toFixed(1)}× its time)`;
    console.log(`${line}   peak RSS ${alone.maxRssMB.toFixed(0)} MB without TF.js`);
    if (ours.tfjs !== null) target(`512 net, ${x}, in process: TF.js's time against ours`, `${(ours.tfjs / ours.ours).toFixed(1)}×`, '> 1×', ours.tfjs > ours.ours);
    if (py !== undefined && batch === 1) target(`512 net, ${x}, in process: ours against PyTorch float64`, `${(ours.ours / py).toFixed(1)}×`, '≤ 3×', ours.ours <= 3 * py);
    target(`512 net, ${x}, in process: peak RSS`, `${alone.maxRssMB.toFixed(0)} MB`, '< 200 MB', alone.maxRssMB < 200);
  }
}

function varsFiles() {
  console.log('\n## The same net through the CLI with --vars, as whole processes (X 512×64 and 1024×64)');
  console.log('(--json prints every value, gradient and edge of 512×512 matrices: about 27 MB, most of its time)');
  console.log('target: reading the bindings does not dominate (PyTorch reads the 1024 case’s JSON in 150–225 ms)');
  const torch = findTorch();
  const { matrix } = numbers(7, -0.05, 0.05, 6);
  for (const n of [512, 1024]) {
    const file = join(work, `net${n}.json`);
    writeFileSync(file, JSON.stringify({ W1: matrix(n, n), W2: matrix(10, n), x: matrix(n, 64), t: matrix(10, 64) }));
    const loss = 'sum((W2*relu(W1*x) - t).^2)';
    const commands = [[bin, [loss, '--vars', file]], [bin, [loss, '--vars', file, '--json']]];
    if (torch) commands.push([torch, [join(root, 'bench', 'baselines', 'torch_net.py'), '--vars', file]]);
    const times = alternate(commands, 3).map(median);
    const peak = peakMB(bin, [loss, '--vars', file]);
    let line = `${String(n).padEnd(5)} backprop ${ms(times[0])} (peak RSS ${peak?.toFixed(0) ?? '?'} MB), with --json ${ms(times[1])}`;
    if (torch) line += `   PyTorch ${ms(times[2])}`;
    console.log(line);
  }
}

/** Peak resident memory of one run of a command, in MB, from GNU time (undefined where there is none). */
function peakMB(cmd, args, options = {}) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const input = options.stdin === undefined ? 'ignore' : openSync(options.stdin, 'r');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: [input, 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (input !== 'ignore') closeSync(input);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

const tfjsInstalled = () => existsSync(join(root, 'bench', 'node_modules', '@tensorflow', 'tfjs'));

function big() {
  const loss = 'sum((W2*relu(W1*x) - t).^2)';
  console.log(`\n## Big tensors through the CLI: ${loss} at D = H = 1024, --vars, whole processes`);
  console.log('targets: x a vector with --json --fields value,gradients no slower than TF.js (CPU) doing the job in its own process,');
  console.log('         the full --json at most twice that; X 1024×64 (--fields value,gradients) no slower than PyTorch’s process');
  const { matrix, vector } = numbers(5, -0.05, 0.05, 6);
  const single = join(work, 'net1024v.json');
  const batched = join(work, 'net1024b.json');
  writeFileSync(single, JSON.stringify({ W1: matrix(1024, 1024), W2: matrix(10, 1024), x: vector(1024), t: vector(10) }));
  writeFileSync(batched, JSON.stringify({ W1: matrix(1024, 1024), W2: matrix(10, 1024), x: matrix(1024, 64), t: matrix(10, 64) }));
  const torch = findTorch();
  const tfjs = tfjsInstalled() ? ['node', [join(root, 'bench', 'baselines', 'tfjs_net.mjs'), single]] : undefined;
  const lean = ['--json', '--fields', 'value,gradients'];
  const commands = [[bin, [loss, '--vars', single, ...lean]], [bin, [loss, '--vars', single, '--json']], [bin, [loss, '--vars', batched, ...lean]]];
  if (tfjs) commands.push(tfjs);
  if (torch) commands.push([torch, [join(root, 'bench', 'baselines', 'torch_net.py'), '--vars', batched]]);
  const times = alternate(commands, 5).map(median);
  const [ourLean, ourFull, ourBatched] = times;
  const tf = tfjs ? times[3] : undefined;
  const py = torch ? times[tfjs ? 4 : 3] : undefined;
  console.log(`x a vector, --fields value,gradients ${ms(ourLean)} (peak RSS ${peakMB(bin, [loss, '--vars', single, ...lean])?.toFixed(0) ?? '?'} MB)   full --json ${ms(ourFull)}   TF.js ${tf === undefined ? 'not installed' : ms(tf)}`);
  console.log(`X 1024×64, --fields value,gradients ${ms(ourBatched)}   PyTorch ${py === undefined ? 'not found' : ms(py)}`);
  if (tf !== undefined) {
    target('1024 net, lean JSON, whole process: ours against TF.js', `${(ourLean / tf).toFixed(2)}×`, '≤ 1×', ourLean <= tf);
    target('1024 net, full JSON, whole process: ours against TF.js', `${(ourFull / tf).toFixed(2)}×`, '≤ 2×', ourFull <= 2 * tf);
  }
  if (py !== undefined) target('1024 net, X 1024×64, lean JSON: ours against PyTorch', `${(ourBatched / py).toFixed(2)}×`, '≤ 1×', ourBatched <= py);

  // Printing numbers, in process: a million of them of full precision (as gradients are), as the document prints a matrix.
  const print = spawnSync('node', ['--input-type=module', '-e', `
    const { nested } = await import(${JSON.stringify(pathToFileURL(internals).href)});
    let s = 5;
    const data = Float64Array.from({ length: 1 << 20 }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 0.1 - 0.05);
    const t = performance.now();
    const text = nested([1024, 1024], data);
    console.log(JSON.stringify({ us: ((performance.now() - t) * 1000) / data.length, chars: text.length }));`], { encoding: 'utf8' });
  if (print.status !== 0) throw new Error(print.stderr);
  const { us } = JSON.parse(print.stdout);
  console.log(`printing a 1024×1024 matrix: ${us.toFixed(3)} µs a number (shortest round-trip digits)`);
  target('printing a number (a 1024×1024 matrix, cold)', `${us.toFixed(3)} µs`, '≤ 0.3 µs', us <= 0.3);
}

function million() {
  console.log('\n## Million-op graphs: the flat sum of bench/gen.mjs with --json, whole processes, against the plain-tape yardstick');
  console.log('(bench/yardstick.ts: the same mathjs parse, one typed-array tape, one forward and one reverse loop, every value and gradient printed)');
  console.log('targets: within 1.05× of the yardstick at 10⁶ nodes, under 1 GB of peak memory, time linear from 10⁴ to 10⁶');
  console.log('nodes       backprop   yardstick  ratio   backprop µs/node   peak RSS');
  const perNode = [];
  const tiny = median(alternate([[bin, ['x*2', 'x=1', '--json']]], 5)[0]); // start-up, taken off before the per-node figure
  for (const terms of [1250, 12500, 125000]) {
    const file = join(work, `million-${terms}.txt`);
    writeFileSync(file, flatSum(terms));
    const rounds = terms === 125000 ? 3 : 5;
    const [ours, theirs] = alternate([[bin, ['--file', file, 'x=0.7', '--json']], ['node', [yardstick, file, 'x=0.7']]], rounds).map(median);
    const nodes = terms * 8;
    const peak = peakMB(bin, ['--file', file, 'x=0.7', '--json']);
    const us = ((ours - tiny) * 1000) / nodes;
    perNode.push(us);
    console.log(`${String(nodes).padEnd(10)} ${ms(ours).padStart(10)} ${ms(theirs).padStart(11)} ${(ours / theirs).toFixed(2).padStart(6)}× ${us.toFixed(2).padStart(12)} ${peak === undefined ? '?' : `${peak.toFixed(0)} MB`.padStart(14)}`);
    if (terms === 125000) {
      target('10⁶-op sum, --json: ours against the plain-tape yardstick', `${(ours / theirs).toFixed(2)}×`, '≤ 1.05×', ours <= 1.05 * theirs);
      if (peak !== undefined) target('10⁶-op sum, --json: peak memory', `${peak.toFixed(0)} MB`, '< 1 GB', peak < 1024);
      // Where the gap is: the document carries every node's id, op, label, inputs, local and sent, the
      // yardstick's only values and gradients; without the nodes, ours is the engine alone.
      const [lean, floor] = alternate([[bin, ['--file', file, 'x=0.7', '--json', '--fields', 'value,gradients']], ['node', [yardstick, file, 'x=0.7']]], rounds).map(median);
      const mb = (cmd, args) => outputBytes(cmd, args) / 1e6;
      console.log(`  (at 10⁶: our document ${mb(bin, ['--file', file, 'x=0.7', '--json']).toFixed(0)} MB, the yardstick's ${mb('node', [yardstick, file, 'x=0.7']).toFixed(0)} MB; with --fields value,gradients ours takes ${ms(lean)}, ${(lean / floor).toFixed(2)}× the yardstick)`);
    }
  }
  // Linear: the time a node at 10⁶ no more than 1.5× what it is at 10⁵ (at 10⁴ start-up's noise is most of it).
  const growth = perNode[2] / perNode[1];
  target('10⁴ → 10⁶ ops: time a node at 10⁶ against 10⁵', `${growth.toFixed(2)}×`, '≤ 1.5× (linear)', growth <= 1.5);

  // Every other text format of the same graph, once each: written as it is made, none may hold the whole text.
  // (--explain was quadratic, and the table held 1.6 GB, before #11's last stop.)
  console.log('\nthe same 10⁶ nodes in each text format (targets: under 1 GB of peak memory, under 60 s):');
  const file = join(work, 'million-125000.txt');
  for (const format of ['table', 'explain', 'markdown', 'latex', 'dot', 'mermaid']) {
    const args = ['--file', file, 'x=0.7', '--format', format];
    const time = timeRun(bin, args);
    const peak = peakMB(bin, args);
    console.log(`  ${format.padEnd(10)} ${ms(time).padStart(10)} ${peak === undefined ? '?' : `${peak.toFixed(0)} MB`.padStart(9)}`);
    target(`10⁶-op sum, --format ${format}: time`, ms(time), '< 60 s', time < 60000);
    if (peak !== undefined) target(`10⁶-op sum, --format ${format}: peak memory`, `${peak.toFixed(0)} MB`, '< 1 GB', peak < 1024);
  }
}

function pictures() {
  console.log('\n## Pictures of a 6,000-node graph (the flat sum of 750 terms), whole processes (target: each under 20 s)');
  const file = join(work, 'six-thousand.txt');
  writeFileSync(file, flatSum(750));
  for (const format of ['svg', 'html']) {
    const out = join(work, `six-thousand.${format}`);
    const t = median(alternate([[bin, ['--file', file, 'x=0.7', '--format', format, '--out', out]]], 3)[0]);
    console.log(`--format ${format}: ${ms(t)}`);
    target(`--format ${format} of 6,000 nodes`, `${(t / 1000).toFixed(1)} s`, '< 20 s', t < 20000);
  }
}

function page() {
  console.log('\n## The page recomputing in Chromium: a scalar variable changed, the handler timed (engine + every number in the page)');
  console.log('targets: the lecture’s examples within a frame (16 ms), the 512 net within 100 ms');
  const lecture = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'lecture.json'), 'utf8')).cases;
  const specs = [];
  for (const c of lecture) {
    const scalars = Object.entries(c.vars).filter(([, v]) => typeof v === 'number').map(([name]) => name);
    if (scalars.length === 0) continue; // a page changes scalars only
    const vars = join(work, `page-${c.id}.json`);
    writeFileSync(vars, JSON.stringify(c.vars));
    const out = join(work, `page-${c.id}.html`);
    timeRun(bin, [c.expression, '--vars', vars, '--format', 'html', '--out', out]);
    specs.push(`${c.id}=${out}:${scalars.join(',')}`);
  }
  const { matrix, vector } = numbers(9, -0.05, 0.05);
  const vars = join(work, 'page-net512.json');
  writeFileSync(vars, JSON.stringify({ W1: matrix(512, 512), W2: matrix(10, 512), x: vector(512), t: vector(10), lambda: 0.01 }));
  const net = join(work, 'page-net512.html');
  timeRun(bin, ['sum((W2*relu(W1*x) - t).^2) + lambda*sum(W1.^2)', '--vars', vars, '--format', 'html', '--out', net]);
  specs.push(`net512=${net}:lambda`);
  const r = spawnSync('node', [join(root, 'bench', 'page-step.mjs'), ...specs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const results = JSON.parse(r.stdout);
  if (results.skipped) return console.log(`(skipped: ${results.skipped})`);
  let slowest = 0;
  for (const [name, { variable, handler, frame }] of Object.entries(results)) {
    console.log(`${`${name}, ${variable}`.padEnd(26)} ${ms(handler).padStart(9)}   shown in the next frame after ${ms(frame)}`);
    if (name !== 'net512') slowest = Math.max(slowest, handler);
  }
  target('page: the lecture’s examples, slowest recompute', ms(slowest), '≤ 16 ms', slowest <= 16);
  target('page: the 512 net, recompute', ms(results.net512.handler), '≤ 100 ms', results.net512.handler <= 100);
}

/** micrograd, where it can be imported: from MICROGRAD_DIR (a checkout of karpathy/micrograd) or an installed package. */
function findMicrograd() {
  const env = { ...process.env, MICROGRAD_DIR: process.env.MICROGRAD_DIR ?? '' };
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import os, sys; sys.path.insert(0, os.environ["MICROGRAD_DIR"]); import micrograd.engine'], { stdio: 'ignore', env }).status === 0) return { python, env };
  }
  return undefined;
}

function homework() {
  const neuron = '1/(1+exp(-(w0*x0+w1*x1+w2*x2)))';
  console.log(`\n## --batch: 10,000 bindings of the sigmoid neuron, JSON Lines in and out, as a whole process`);
  console.log('targets: with --fields value,gradients at least 50,000 cases a second, start-up included, and at least 2× faster than micrograd;');
  console.log('         the full documents at least 11,500 a second; at least 1000× faster than separate processes (200 measured, scaled)');
  const { random } = numbers(3, -2, 2, 2);
  const cases = Array.from({ length: 10000 }, (_, id) => ({ id, vars: { w0: random(), x0: random(), w1: random(), x1: random(), w2: random(), x2: random() } }));
  const file = join(work, 'batch.jsonl');
  writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const micrograd = findMicrograd();
  const tiny = median(alternate([[bin, [neuron, 'w0=1', 'x0=1', 'w1=1', 'x1=1', 'w2=1', 'x2=1', '--json']]], 5)[0]);
  const commands = [
    [bin, [neuron, '--batch', '-', '--fields', 'value,gradients'], { stdin: file }],
    [bin, [neuron, '--batch', '-'], { stdin: file }],
    // No numbers written at all: the floor that printing leaves, start-up included.
    [bin, [neuron, '--batch', '-', '--fields', 'ok'], { stdin: file }],
  ];
  if (micrograd) commands.push([micrograd.python, [join(root, 'bench', 'baselines', 'micrograd_batch.py'), file], { env: micrograd.env }]);
  const [lean, full, bare, theirs] = alternate(commands, 7).map(median);
  const rate = (t) => Math.round(10000 / (t / 1000));
  let line = `--fields value,gradients ${ms(lean)}: ${rate(lean)} cases a second`;
  line += micrograd ? `   micrograd ${ms(theirs)} (${(theirs / lean).toFixed(1)}× slower)` : '   (micrograd not found: MICROGRAD_DIR=<a checkout of karpathy/micrograd> to measure it)';
  console.log(line);
  console.log(`--fields ok (no numbers written) ${ms(bare)}: ${rate(bare)} cases a second; one case without --batch (start-up) ${ms(tiny)}`);
  target('--batch --fields value,gradients, whole process', `${rate(lean)}/s`, '≥ 50,000/s', rate(lean) >= 50000);
  if (micrograd) target("--batch --fields: micrograd's time against ours", `${(theirs / lean).toFixed(1)}×`, '≥ 2×', theirs / lean >= 2);
  target('--batch, full documents', `${rate(full)}/s`, '≥ 11,500/s', rate(full) >= 11500);
  const t = process.hrtime.bigint();
  for (const c of cases.slice(0, 200)) timeRun(bin, [neuron, ...Object.entries(c.vars).map(([k, v]) => `${k}=${v}`), '--json']);
  const separate = (Number(process.hrtime.bigint() - t) / 1e6) * 50;
  console.log(`full documents ${ms(full)}: ${rate(full)} cases a second; 10,000 separate processes ≈ ${(separate / 1000).toFixed(0)} s (${Math.round(separate / full)}× slower)`);
  target('--batch against separate processes', `${Math.round(separate / full)}×`, '≥ 1000×', separate / full >= 1000);

  console.log('\n## --check on the 2-layer net with W1 64×64 (target: under a second)');
  const { matrix, vector } = numbers(11, -0.1, 0.1, 4);
  const net = join(work, 'net64.json');
  writeFileSync(net, JSON.stringify({ W1: matrix(64, 64), W2: matrix(10, 64), x: vector(64), t: vector(10) }));
  const check = median(alternate([[bin, ['sum((W2*relu(W1*x) - t).^2)', '--vars', net, '--check']]], 3)[0]);
  console.log(`--check of 4,810 entries: ${ms(check)}`);
  target('--check of the 64×64 net, whole process', ms(check), '< 1 s', check < 1000);

  // Many variables: each probe changes one of them, and must not pay for the others (it did: 26 s here).
  const many = 8000;
  const sumFile = join(work, 'many-variables.txt');
  const varsFile = join(work, 'many-variables.json');
  writeFileSync(sumFile, Array.from({ length: many }, (_, i) => `v${i}`).join(' + '));
  writeFileSync(varsFile, JSON.stringify(Object.fromEntries(Array.from({ length: many }, (_, i) => [`v${i}`, (i % 13) / 10]))));
  const checkMany = median(alternate([[bin, ['--file', sumFile, '--vars', varsFile, '--check']]], 3)[0]);
  console.log(`--check of a sum of ${many} variables: ${ms(checkMany)}`);
  target(`--check of a sum of ${many} variables, whole process`, ms(checkMany), '< 5 s', checkMany < 5000);
}

function deep() {
  console.log('\n## Deep nesting: 100,000 nested parentheses (parsed in a worker with a large stack)');
  const file = join(work, 'deep.txt');
  writeFileSync(file, `${'('.repeat(100000)}x${')'.repeat(100000)} + 1`);
  console.log(`backprop --file deep.txt x=2: ${ms(median(alternate([[bin, ['--file', file, 'x=2']]], 3)[0]))}`);
}

if (section('startup')) startup();
if (section('scale')) await scale();
if (section('process')) wholeProcess();
if (section('deep')) deep();
if (section('net')) network();
if (section('vars')) varsFiles();
if (section('big')) big();
if (section('million')) million();
if (section('pictures')) pictures();
if (section('page')) page();
if (section('homework')) homework();

console.log('\n## Summary: every target measured in this run');
const width = Math.max(...summary.map((r) => r.what.length));
for (const r of summary) console.log(`${r.met ? 'met   ' : 'MISSED'}  ${r.what.padEnd(width)}  ${r.figure.padStart(10)}  (target ${r.goal})`);
console.log(`${summary.filter((r) => r.met).length} of ${summary.length} met`);
