// The command line as a pipeline: arguments → options and bindings → compile
// and run → render → exit code. It reaches the outside world only through
// the Io it is given; bin.ts hands it the real process.
import { Command, CommanderError } from 'commander';
import { NAME, parseValue, parseVarsFile } from '../language/bindings.js';
import { compileDeep } from '../language/deep.js';
import { BackpropError, exitCode, fail } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import type { Value } from '../graph/engine.js';
import { compile, execute, jacobian } from '../index.js';
import { type Picture, PICTURES } from '../render/graph.js';
import { type JsonExtras, overallOk, renderJsonError, writeJson } from '../render/json.js';
import { renderCheck, renderExpectations, renderSymbolic } from '../render/checks.js';
import { symbolicGradients } from '../homework/symbolic.js';
import { renderExplain } from '../render/explain.js';
import { languageOf, PHRASES } from '../render/phrases.js';
import { runBatch } from '../homework/batch.js';
import { gradientCheck } from '../homework/check.js';
import { checkExpectations, parseExpectation } from '../homework/expect.js';
import { nameNodes } from '../graph/names.js';
import { warningText } from '../render/messages.js';
import { PLAIN, renderTable, type Style } from '../render/table.js';

export interface Io {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly readStdin: () => string;
  readonly writeFile: (path: string, text: string) => void;
  /** The compiled worker script for deeply nested expressions. */
  readonly workerUrl: URL;
  readonly version: string;
}

/** The options, as data: the commander program and the README table come from this. */
export const OPTIONS = [
  { flags: '--json', description: 'write one JSON document (schema 1) instead of the table' },
  { flags: '--precision <digits>', description: 'print numbers with this many significant digits (1–17)' },
  { flags: '--vars <file>', description: 'read bindings from a JSON object in a file ("-" for standard input)' },
  { flags: '--file <path>', description: 'read the expression from a file ("-" for standard input)' },
  { flags: '--seed <value>', description: 'the upstream gradient for a tensor output, of its shape (default: ones)' },
  { flags: '--jacobian', description: 'print the full Jacobian of a tensor output: one backward pass per entry' },
  { flags: '--explain', description: 'say the forward and the backward pass step by step, as a lecture does, instead of the table' },
  { flags: '--lang <en|ko>', description: 'the language of --explain (default: from LC_ALL, LC_MESSAGES or LANG)' },
  { flags: '--expand', description: 'show composite functions (sigmoid, tanh, softmax, norm, …) as their primitive graphs' },
  { flags: '--symbolic', description: 'also give ∂f/∂v in closed form (mathjs derivative), for a scalar expression' },
  { flags: '--format <dot|mermaid|svg>', description: 'draw the graph: values on the edges, gradients in red below them' },
  { flags: '--out <file>', description: 'write the output to a file instead of standard output' },
  { flags: '--check', description: 'check every gradient entry against a central difference; exit 1 if one is wrong' },
  { flags: '--step <h>', description: 'the step h of --check (default 1e-5)' },
  { flags: '--expect <answer>', description: 'NAME=VALUE: expect ∂f/∂NAME (or f, for value=…) to be VALUE; repeatable; exit 1 if not', repeatable: true },
  { flags: '--tol <tolerance>', description: 'how far an --expect answer may be (default: half a unit in its last written decimal)' },
  { flags: '--batch <file>', description: 'run each line of a JSON Lines file ("-" for standard input) as a case; JSON Lines out' },
  { flags: '--no-color', description: 'no colour even on a terminal (so do NO_COLOR=1 and FORCE_COLOR=0)' },
] as const satisfies readonly { flags: string; description: string; repeatable?: boolean }[];

const EXAMPLES = `
Bindings: --x=-2, --x -2 or x=-2 (for a name that is also an option: json=1);
a vector or matrix as JSON (--W=[[1,2],[3,4]]) or in mathjs syntax (--W="[1, 2; 3, 4]").
Put -- before an expression that starts with a minus sign.

Examples:
  backprop "(x+y)*z" --x=-2 --y=5 --z=-4
  backprop "1/(1+exp(-(w0*x0+w1*x1+w2*x2)))" w0=2 x0=-1 w1=-3 x1=-2 w2=-3 x2=1
  backprop "x*x" --x=3 --json | jq .gradients.x
  backprop -- "-x^2" --x=3
  backprop "norm(W*x)^2" --W="[0.1, 0.5; -0.3, 0.8]" --x="[0.2, 0.4]"
  backprop "W2*max(0, W1*x)" --vars net.json --jacobian
  backprop --file expr.txt --vars values.json --json

  backprop "1/(1+exp(-(w0*x0+w1*x1+w2*x2)))" w0=2 x0=-1 w1=-3 x1=-2 w2=-3 x2=1 --expect x0=0.39 --check
  backprop "1/(1+exp(-(w0*x0+w1*x1+w2*x2)))" --batch answers.jsonl > results.jsonl

Exit status: 0 success, 1 a check or an expectation failed, 2 input that cannot be used (see the README).`;

interface Options {
  json?: boolean;
  symbolic?: boolean;
  expand?: boolean;
  format?: string;
  out?: string;
  explain?: boolean;
  lang?: string;
  seed?: string;
  jacobian?: boolean;
  check?: boolean;
  step?: string;
  expect: string[];
  tol?: string;
  batch?: string;
  precision?: string;
  vars?: string;
  file?: string;
  color: boolean;
}

/** Long option names that are ours; any other --NAME is a binding. */
const KNOWN = new Map<string, boolean>([
  ...OPTIONS.map((o) => [o.flags.split(' ')[0]!.slice(2), o.flags.includes('<')] as [string, boolean]),
  ['color', false],
  ['help', false],
  ['version', false],
]);

const BINDING = /^([^=]+)=(?!=)([\s\S]*)$/;

interface Split {
  readonly forCommander: string[];
  readonly positionals: string[];
  readonly bindings: [string, string][];
}

/** Separates bindings (--x=-2, --x -2, x=-2) from our options and the expression. */
export function splitArgs(argv: readonly string[]): Split {
  const forCommander: string[] = [];
  const positionals: string[] = [];
  const bindings: [string, string][] = [];
  const bind = (name: string, value: string, arg: string): void => {
    if (!NAME.test(name)) throw fail('usage', 'notVariableName', { where: arg, name: JSON.stringify(name) });
    bindings.push([name, value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      // No options after --, but bindings still read as bindings.
      for (const rest of argv.slice(i + 1)) {
        const m = BINDING.exec(rest.replace(/^--/, ''));
        if (m && NAME.test(m[1]!)) bindings.push([m[1]!, m[2]!]);
        else positionals.push(rest);
      }
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const takesValue = KNOWN.get(name);
      if (takesValue !== undefined) {
        forCommander.push(arg);
        if (takesValue && eq < 0 && i + 1 < argv.length) forCommander.push(argv[++i]!);
      } else if (eq >= 0) {
        bind(name, arg.slice(eq + 1), arg);
      } else {
        if (i + 1 >= argv.length) throw fail('usage', 'needsValue', { arg });
        bind(name, argv[++i]!, arg);
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-' && !/^-\d/.test(arg)) {
      if (arg === '-h' || arg === '-V') {
        forCommander.push(arg);
        continue;
      }
      throw fail('usage', 'unknownOption', { arg });
    }
    const m = BINDING.exec(arg);
    if (m && NAME.test(m[1]!)) bindings.push([m[1]!, m[2]!]);
    else positionals.push(arg);
  }
  return { forCommander, positionals, bindings };
}

function program(io: Io): Command {
  const cmd = new Command('backprop')
    .description('Differentiate an expression: print every node of its graph with its value, local gradient and gradient.')
    .usage('[options] <expression> [--NAME=VALUE | NAME=VALUE ...]')
    .argument('[expression]', 'the expression in mathjs syntax ("-" to read it from standard input)')
    .version(io.version)
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: () => {} });
  for (const o of OPTIONS) {
    if ('repeatable' in o) cmd.option(o.flags, o.description, (v: string, all: string[]) => [...all, v], []);
    else cmd.option(o.flags, o.description);
  }
  return cmd;
}

/** Colour only on a terminal, unless NO_COLOR, FORCE_COLOR or --no-color say otherwise. */
async function style(io: Io, options: Options): Promise<Style> {
  const force = io.env.FORCE_COLOR;
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  let on = io.stdoutIsTTY && io.env.TERM !== 'dumb';
  if (force !== undefined) on = force !== '0' && force !== 'false';
  if (noColor || !options.color) on = false;
  if (!on) return PLAIN;
  // Loaded only when wanted: chalk costs start-up time that pipes need not pay.
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

function readSource(io: Io, path: string, what: string): string {
  try {
    return path === '-' ? io.readStdin() : io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw fail('io', 'cannotRead', { what, path, reason });
  }
}

function positiveNumber(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw fail('usage', 'positive', { option, text });
  return n;
}

function writeOut(io: Io, path: string, text: string): void {
  try {
    io.writeFile(path, text);
  } catch (e) {
    throw fail('io', 'cannotWrite', { path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
}

function precisionOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 17) throw fail('usage', 'precision', { text });
  return n;
}

async function compileAnyDepth(io: Io, expression: string, bound: Iterable<string>, expand: boolean): Promise<Graph> {
  try {
    return compile(expression, bound, { expand });
  } catch (e) {
    if (e instanceof BackpropError && e.code === 'too-deep') return compileDeep(expression.trim(), bound, io.workerUrl, expand);
    throw e;
  }
}

/** Runs the command line; returns the exit code. */
export async function main(io: Io): Promise<number> {
  let json = io.argv.includes('--json');
  // Errors are said in the user's language, as far as it is known when they happen.
  let lang = languageOf(undefined, io.env);
  try {
    const split = splitArgs(io.argv);
    const cmd = program(io);
    try {
      cmd.parse(split.forCommander, { from: 'user' });
    } catch (e) {
      if (e instanceof CommanderError) {
        if (e.exitCode === 0) return 0; // --help, --version
        throw fail('usage', 'commander', { message: e.message.replace(/^error: /, '') });
      }
      throw e;
    }
    const options = cmd.opts<Options>();
    json = options.json === true;
    const precision = precisionOf(options.precision);

    const late = split.positionals.slice(1).find((p) => KNOWN.has(p.replace(/^--/, '').split('=')[0]!) && p.startsWith('--'));
    if (late !== undefined) throw fail('usage', 'afterDashDash', { option: late });
    if (split.positionals.length > 1 || (options.file !== undefined && split.positionals.length > 0)) {
      throw fail('usage', 'oneExpression', {
        count: split.positionals.length + (options.file === undefined ? 0 : 1),
        given: split.positionals.map((p) => JSON.stringify(p)),
      });
    }
    const source = options.file ?? (split.positionals[0] === '-' ? '-' : undefined);
    const stdin = [source, options.vars, options.batch].filter((s) => s === '-');
    if (stdin.length > 1) throw fail('usage', 'oneStdin');
    const expression = source !== undefined ? readSource(io, source, 'the expression') : split.positionals[0];

    const bindings = options.vars === undefined ? new Map<string, Value>() : parseVarsFile(readSource(io, options.vars, '--vars'), options.vars);
    for (const [name, text] of split.bindings) bindings.set(name, parseValue(name, text));
    const seed = options.seed === undefined ? undefined : parseValue('--seed', options.seed);
    const tol = positiveNumber('--tol', options.tol);
    if (options.lang !== undefined && !['en', 'ko'].includes(options.lang)) throw fail('usage', 'lang', { value: options.lang });
    lang = languageOf(options.lang, io.env);
    const say = PHRASES[lang];
    const step = positiveNumber('--step', options.step);

    if (options.batch !== undefined) {
      const summary = runBatch(readSource(io, options.batch, '--batch'), { expression, bindings, expect: options.expect, tol }, io.stdout);
      io.stderr(`backprop: ${say.batchSummary(summary.cases, summary.ok, summary.failed, summary.unusable)}\n`);
      return summary.unusable > 0 ? 2 : summary.failed > 0 ? 1 : 0;
    }
    if (expression === undefined) throw fail('usage', 'noExpression');

    const graph = await compileAnyDepth(io, expression, bindings.keys(), options.expand === true);
    const trace = execute(graph, bindings, seed === undefined ? {} : { seed });
    const expectations = options.expect.map((spec) => parseExpectation(spec, tol));
    const symbolic = options.symbolic
      ? symbolicGradients(options.expand ? graph : compile(expression, bindings.keys(), { expand: true }), trace.shape.every((x) => x.length === 0))
      : undefined;
    const extras: JsonExtras = {
      symbolic,
      jacobians: options.jacobian ? jacobian(graph, bindings) : undefined,
      check: options.check ? gradientCheck(graph, trace, bindings, step) : undefined,
      expectations: expectations.length ? checkExpectations(trace, expectations) : undefined,
    };
    const names = nameNodes(trace.graph);
    // Everything goes to standard output, or all of it to --out.
    const chunks: string[] = [];
    const out = options.out === undefined ? io.stdout : (chunk: string): void => void chunks.push(chunk);
    if (options.format !== undefined) {
      const draw = PICTURES[options.format as Picture];
      if (!draw) throw fail('usage', 'format', { choices: Object.keys(PICTURES), value: options.format });
      out(await draw(trace, names));
    } else if (json) {
      writeJson(trace, names, out, extras);
    } else {
      const colour = options.out === undefined ? await style(io, options) : PLAIN;
      if (options.explain) out(renderExplain(trace, names, lang, precision));
      else out(renderTable(trace, names, { precision, lang, style: colour, ...(extras.jacobians ? { jacobians: extras.jacobians } : {}) }));
      if (symbolic) out(renderSymbolic(symbolic, trace, lang));
      if (extras.check) out(renderCheck(extras.check, lang));
      if (extras.expectations) out(renderExpectations(extras.expectations, lang));
      if (!options.explain) for (const w of trace.warnings) io.stderr(`backprop: ${say.warning}: ${warningText(w, trace, names, lang)}\n`);
    }
    if (options.out !== undefined) writeOut(io, options.out, chunks.join(''));
    return overallOk(extras) === false ? 1 : 0;
  } catch (e) {
    if (!(e instanceof BackpropError)) {
      const message = e instanceof Error ? e.message : String(e);
      io.stderr(`backprop: internal error: ${message}\nThis is a bug in backprop; please report it with the command line.\n`);
      if (json) io.stdout(renderJsonError('internal', message, {}));
      return 3;
    }
    io.stderr(`backprop: ${lang === 'ko' ? '오류' : 'error'}: ${e.say(lang)}\n`);
    if (json) io.stdout(renderJsonError(e.code, e.message, e.details));
    return exitCode(e.code);
  }
}
