// The command line as a pipeline: arguments → options (checked against the
// chosen output) → inputs (each bounded) → compile and run → report →
// render → exit code. It reaches the outside world only through the Io it
// is given; bin.ts hands it the real process. The only catch of the whole
// program is here.
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { BackpropError, fail } from '../errors.js';
import type { Value } from '../graph/engine.js';
import { nameNodes, type Names } from '../graph/names.js';
import { type BatchSummary, type Named, runBatch } from '../homework/batch.js';
import { DEFAULT_STEP, gradientCheck } from '../homework/check.js';
import { checkExpectations, parseExpectation } from '../homework/expect.js';
import { symbolicGradients } from '../homework/symbolic.js';
import { parseValue, parseVarsFile } from '../language/bindings.js';
import { compileAnyDepth } from '../language/deep.js';
import { LIMITS } from '../limits.js';
import { execute, jacobian } from '../pipeline.js';
import { type Format, FORMAT_NAMES, FORMATS, formatOfExtension, isFormat, type Renderer } from '../render/formats.js';
import { expectationText } from '../render/checks.js';
import { FIELDS, renderJsonError, symbolicNotes, writeJson } from '../render/json.js';
import { warningText } from '../render/messages.js';
import { type Input, langOption, languageOf, PHRASES } from '../render/phrases.js';
import { type Extra, overallOk, PLAIN, type RenderOptions, type Report, type Style } from '../render/report.js';
import { clip, displayWidth, quote } from '../quote.js';
import type { Lang } from '../texts.js';
import { type Io, type Output, ReaderGone } from './io.js';
import { checkDashed, checkDashedInBatch, formatsHelp, OPTIONS, type Options, type Split, splitArgs } from './options.js';

const COMMANDS = `
  backprop "(x+y)*z" --x=-2 --y=5 --z=-4
  backprop "1/(1+exp(-(w0*x0+w1*x1+w2*x2)))" w0=2 x0=-1 w1=-3 x1=-2 w2=-3 x2=1
  backprop "x*x" --x=3 --json | jq .gradients.x
  backprop -- "-x^2" --x=3
  backprop "norm(W*x)^2" --W="[0.1, 0.5; -0.3, 0.8]" --x="[0.2, 0.4]"
  backprop "W2*max(0, W1*x)" --vars examples/net.json --jacobian
  backprop "(x+y)*z" --x=-2 --y=5 --z=-4 --format svg --out graph.svg

  backprop "1/(1+exp(-(w0*x0+w1*x1+w2*x2)))" w0=2 x0=-1 w1=-3 x1=-2 w2=-3 x2=1 --expect x0=0.39 --check
  backprop "1/(1+exp(-(w0*x0+w1*x1+w2*x2)))" --batch examples/answers.jsonl > results.jsonl
`;

/** --help's words, in each language; the options' and the formats' own come from their records. */
const HELP: Readonly<Record<Lang, { description: string; usage: string; argumentName: string; argument: string; version: string; help: string; titles: Readonly<Record<string, string>>; after: string }>> = {
  en: {
    description: 'Differentiate an expression: print every node of its graph with its value, local gradient and gradient.',
    usage: '[options] <expression> [--NAME=VALUE | NAME=VALUE ...]',
    argumentName: 'expression',
    argument: 'the expression in mathjs syntax ("-" to read it from standard input)',
    version: 'output the version number',
    help: 'display help for command',
    titles: {},
    after: `
Bindings: --x=-2, --x -2 or x=-2 (for a name that is also an option: json=1);
a vector or matrix as JSON (--W=[[1,2],[3,4]]) or in mathjs syntax (--W="[1, 2; 3, 4]").
A --NAME that is neither an option nor a variable of the expression is an error.
Put -- before an expression that starts with a minus sign.

Examples:${COMMANDS}
Exit status: 0 success, 1 a check or an expectation failed, 2 input that cannot be used (see the README).`,
  },
  ko: {
    description: '식을 미분합니다: 그래프의 모든 노드를 값, 국소 그래디언트, 그래디언트와 함께 출력합니다.',
    usage: '[옵션] <식> [--NAME=VALUE | NAME=VALUE ...]',
    argumentName: '식',
    argument: 'mathjs 문법의 식 ("-"이면 표준 입력에서 읽습니다)',
    version: '버전 번호를 출력합니다',
    help: '도움말을 출력합니다',
    titles: { 'Usage:': '사용법:', 'Arguments:': '인자:', 'Options:': '옵션:' },
    after: `
바인딩: --x=-2, --x -2 또는 x=-2 (옵션과 이름이 같은 변수는 json=1처럼);
벡터나 행렬은 JSON(--W=[[1,2],[3,4]])이나 mathjs 문법(--W="[1, 2; 3, 4]")으로 씁니다.
옵션도 아니고 식의 변수도 아닌 --NAME은 오류입니다.
빼기 기호로 시작하는 식 앞에는 --를 붙이세요.

예:${COMMANDS}
종료 코드: 0 성공, 1 검사나 기대한 답이 틀림, 2 쓸 수 없는 입력 (README 참고).`,
  },
};

/** --help and --version, by commander, loaded only for them: a run that needs neither does not pay for it. */
function answerHelp(io: Io, split: Split, lang: Lang): void {
  // require, not import(): see workers.ts.
  const { Command, Help } = createRequire(import.meta.url)('commander') as typeof import('commander');
  const say = HELP[lang];
  const cmd = new Command('backprop')
    .description(say.description)
    .usage(say.usage)
    .argument(`[${say.argumentName}]`, say.argument)
    .version(io.version, '-V, --version', say.version)
    .helpOption('-h, --help', say.help)
    .addHelpText('after', formatsHelp(lang) + say.after)
    // Hangul takes two columns: commander counts one a character, and would wrap Korean lines twice too long.
    .configureHelp({
      styleTitle: (title) => say.titles[title] ?? title,
      displayWidth: (s) => displayWidth(s.replace(/\u001b\[[\d;]*m/g, '')),
      // Below 64 columns commander left each description unwrapped beside its option: on a phone it puts the
      // option on a line of its own instead, and the description under it, wrapped.
      minWidthToWrap: 20,
      formatItem(term, termWidth, description, helper) {
        const width = helper.helpWidth ?? 80;
        if (!description || width - termWidth - 4 >= 40) return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
        return `  ${term}\n${helper.boxWrap(description, width - 6).replace(/^/gm, '      ')}`;
      },
    })
    // The terminal's width as the run knows it (80 for a pipe, as commander's own default).
    .configureOutput({ writeOut: io.stdout, writeErr: () => {}, getOutHelpWidth: () => (io.stdoutIsTTY && io.columns ? io.columns : 80) });
  for (const o of OPTIONS) cmd.option(o.flags, lang === 'ko' ? o.descriptionKo : o.description);
  if (split.help) cmd.outputHelp();
  else io.stdout(`${io.version}\n`);
}

/** The words before `--`, where options are: what the two readers below look at before anything can fail. */
const optionWords = (argv: readonly string[]): readonly string[] => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);

/** Whether the command line asks for JSON, read before anything can fail: an error then has its JSON document too. */
function wantsJson(argv: readonly string[]): boolean {
  const options = optionWords(argv);
  return options.some((a, i) => a === '--json' || a === '--format=json' || (a === '--format' && options[i + 1] === 'json') || a.startsWith('--batch'));
}

/** Whether the command line asks for a batch, read before anything can fail: its output is JSON Lines, an error's document one line too. */
const wantsBatch = (argv: readonly string[]): boolean => optionWords(argv).some((a) => a.startsWith('--batch'));

/** --lang's value as the command line gives it (--lang ko, --lang=ko), read before anything can fail (see langOption). */
function langAsked(argv: readonly string[]): Lang | undefined {
  const options = optionWords(argv);
  const i = options.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : options[i] === '--lang' ? options[i + 1] : options[i]!.slice('--lang='.length);
  return value === undefined ? undefined : langOption(value);
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

function positive(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw fail('positive', { option, text });
  return n;
}

/**
 * --check's step: a small positive number. From 1 up the central difference
 * measures a secant, not the derivative, and would call a right gradient
 * WRONG (exit 1, a student marked down): that is refused instead.
 */
function stepOf(text: string | undefined): number {
  const h = positive('--step', text) ?? DEFAULT_STEP;
  if (h >= 1) throw fail('stepTooLarge', { text: text! });
  return h;
}

function nonNegative(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n >= 0) || !Number.isFinite(n) || text.trim() === '') throw fail('nonNegative', { option, text });
  return n;
}

function precisionOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 17) throw fail('precision', { text });
  return n;
}

/** Pictures backprop does not write, whose names a user may still give --out. */
const IMAGES = ['.png', '.jpg', '.jpeg', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.pdf', '.eps'];
/** A batch's own file names: JSON Lines, or CSV. */
const BATCH_FILES: Readonly<Record<string, 'json' | 'csv'>> = { '.jsonl': 'json', '.ndjson': 'json', '.json': 'json', '.csv': 'csv' };
const renamed = (path: string, extension: string): string => path.slice(0, path.length - extname(path).length) + extension;

/**
 * The one output mode: --format, or --json or --explain for two of them; two
 * different ones are an error. Without them, the name of the --out file
 * chooses (graph.svg: svg), since a table in graph.svg is no picture; a name
 * that says one format while a flag asks for another is an error too.
 */
function formatOf(options: Options): { format: Format | 'csv'; asked: string } {
  const flags: [flag: string, format: string][] = [];
  if (options.format !== undefined) flags.push([`--format ${options.format}`, options.format]);
  if (options.json) flags.push(['--json', 'json']);
  if (options.explain) flags.push(['--explain', 'explain']);
  const other = flags.find(([, f]) => f !== flags[0]![1]);
  if (other) throw fail('twoModes', { first: flags[0]![0], second: other[0] });
  const batch = options.batch !== undefined;
  const out = options.out === undefined || options.out === '-' ? undefined : options.out;
  const extension = out === undefined ? '' : extname(out).toLowerCase();
  if (out !== undefined && IMAGES.includes(extension)) throw fail('outImage', { path: clip(out), kind: extension.slice(1).toUpperCase(), svg: clip(renamed(out, '.svg')) });
  const named = out === undefined ? undefined : batch ? (BATCH_FILES[extension] ?? formatOfExtension(extension)) : extension === '.csv' ? 'csv' : formatOfExtension(extension);
  const format = flags[0]?.[1] ?? named ?? 'table';
  if (out !== undefined && named !== undefined) {
    if (batch && named !== 'json' && named !== 'csv') throw fail('outName', { path: clip(out), named, flag: '--batch', writes: 'JSON Lines', rename: clip(renamed(out, '.jsonl')) });
    if (!batch && named === 'csv') throw fail('csvOut', { path: clip(out) });
    if (named !== format) {
      const [flag] = flags[0]!;
      const own = format === 'csv' ? '.csv' : isFormat(format) ? (FORMATS[format].extensions[0] ?? '.txt') : '.txt';
      throw fail('outName', { path: clip(out), named, flag, writes: format, rename: clip(renamed(out, own)) });
    }
  }
  // How a message says it was asked for: --format dot, or --out c.md when the name chose.
  const asked = flags.length === 0 && out !== undefined && named !== undefined ? `--out ${clip(out)} (${format}, by its name)` : `--format ${format}`;
  if (format === 'csv') {
    if (!batch) throw fail('csvOnlyBatch');
    return { format, asked };
  }
  if (!isFormat(format)) throw fail('format', { choices: [...FORMAT_NAMES, 'csv'], value: quote(format) });
  return { format, asked };
}

/** The options that ask for a part of the report. */
const EXTRA_OPTIONS: readonly [option: keyof Options, flag: string, extra: Extra][] = [
  ['jacobian', '--jacobian', 'jacobians'],
  ['check', '--check', 'check'],
  ['expect', '--expect', 'expectations'],
  ['symbolic', '--symbolic', 'symbolic'],
];

const given = (options: Options, key: keyof Options): boolean => {
  const v = options[key];
  return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false;
};

/** The keys a batch line has besides the document's, always written (--fields id,value asks for them too). */
const LINE_KEYS = ['id', 'line'];

/** --fields: keys of the document, checked against it. */
function fieldsOf(text: string | undefined, batch: boolean): ReadonlySet<string> | undefined {
  if (text === undefined) return undefined;
  const keys = text.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const unknown = keys.find((k) => !(FIELDS as readonly string[]).includes(k) && !(batch && LINE_KEYS.includes(k)));
  if (unknown !== undefined || keys.length === 0) throw fail('fields', { given: quote(unknown ?? text), fields: FIELDS, lineKey: unknown !== undefined && LINE_KEYS.includes(unknown) });
  return new Set(keys.filter((k) => !LINE_KEYS.includes(k)));
}

/**
 * A --fields key that only an option puts in the document, asked for without
 * it: --fields check without --check wrote {} and exit 0, which a script reads
 * as a check that passed. A batch line always has ok, and may bring its own
 * expectations.
 */
function checkFieldsNeeds(options: Options): void {
  const batch = options.batch !== undefined;
  const keys = fieldsOf(options.fields, batch);
  if (keys === undefined) return;
  const answers = options.expect.length > 0;
  const needs: [string, boolean, string, string?][] = [['check', options.check === true, '--check']];
  if (!batch) {
    needs.push(['jacobian', options.jacobian === true, '--jacobian'], ['symbolic', options.symbolic === true, '--symbolic'], ['expectations', answers, '--expect']);
    needs.push(['ok', answers || options.check === true, '--check', '--expect']);
  }
  for (const [key, has, needed, or] of needs) if (keys.has(key) && !has) throw fail('needs', { option: `--fields ${key}`, needed, ...(or ? { or } : {}) });
}

/** Every option means something in the chosen mode, or the run stops here (SPEC §3). */
function checkModes(options: Options, format: Format | 'csv', asked: string, terminal: boolean): void {
  if (options.step !== undefined && !options.check) throw fail('needs', { option: '--step', needed: '--check' });
  if (options.tol !== undefined && !options.expect.length && options.batch === undefined) throw fail('needs', { option: '--tol', needed: '--expect' });
  if (options.batch !== undefined) {
    const batchOnly: [keyof Options, string][] = [['explain', '--explain'], ['symbolic', '--symbolic'], ['jacobian', '--jacobian'], ['precision', '--precision'], ['plainGates', '--plain-gates']];
    for (const [key, flag] of batchOnly) if (given(options, key)) throw fail('notInBatch', { option: flag });
    if (options.format !== undefined && options.format !== 'json' && options.format !== 'csv') throw fail('notInBatch', { option: `--format ${options.format}` });
    if (format === 'csv' && options.fields !== undefined) throw fail('notInFormat', { option: '--fields', asked, formats: ['json'] });
    checkFieldsNeeds(options);
    return;
  }
  if (format === 'csv') return;
  if (options.fields !== undefined && format !== 'json') throw fail('notInFormat', { option: '--fields', asked, formats: ['json'] });
  checkFieldsNeeds(options);
  const renderer: Renderer = FORMATS[format];
  // 120 KB of a page's script poured into a terminal helps no one (gzip refuses likewise); --out - asks for it.
  if (renderer.opened && terminal && options.out === undefined) throw fail('openedOnTerminal', { asked, file: renderer.opened });
  for (const [key, flag, extra] of EXTRA_OPTIONS) {
    if (given(options, key) && !renderer.shows.includes(extra)) {
      throw fail('notInFormat', { option: flag, asked, formats: FORMAT_NAMES.filter((f) => FORMATS[f].shows.includes(extra)) });
    }
  }
  if (options.precision !== undefined && !renderer.rounds) throw fail('precisionInJson', { asked });
  if (options.plainGates && !renderer.draws) throw fail('notInFormat', { option: '--plain-gates', asked, formats: FORMAT_NAMES.filter((f) => FORMATS[f].draws) });
}

interface Inputs {
  readonly expression: string | undefined;
  readonly bindings: Map<string, Value>;
  readonly batch: string | undefined;
}

/** Reads the expression, the bindings and the batch, each within the size limit; --out must be none of them. */
function readInputs(io: Io, options: Options, split: Split, lang: Lang): Inputs {
  const mib = positive('--max-input', options.maxInput) ?? LIMITS.inputMiB;
  if (mib > LIMITS.maxInputMiB) throw fail('maxInput', { text: options.maxInput!, max: LIMITS.maxInputMiB });
  const limit = mib * 2 ** 20;
  const source = options.file ?? (split.expression === '-' ? '-' : undefined);
  if (options.file !== undefined && split.expression !== undefined) throw fail('fileAndExpression', { file: clip(options.file), expression: quote(split.expression) });
  const files: [path: string, what: Input][] = [];
  if (source !== undefined) files.push([source, 'the expression']);
  if (options.vars !== undefined) files.push([options.vars, '--vars']);
  if (options.batch !== undefined) files.push([options.batch, '--batch']);
  if (files.filter(([p]) => p === '-').length > 1) throw fail('oneStdin');
  // A script's --max-input 1 beside an expression typed in full limits nothing: said, as --step without --check is.
  if (options.maxInput !== undefined && files.length === 0) throw fail('maxInputNothing');
  if (options.out !== undefined && options.out !== '-') {
    const out = io.identity(options.out);
    const input = out === undefined ? undefined : files.find(([p]) => io.identity(p) === out);
    if (input) throw fail('outIsInput', { path: options.out, input: input[0] === '-' ? 'standard input' : input[0] });
  }
  // `backprop -` typed at a terminal would wait for the expression without a word.
  const typed = files.find(([p]) => p === '-');
  if (typed && io.stdinIsTTY?.()) io.stderr(`backprop: ${PHRASES[lang].readingTerminal(typed[1])}\n`);
  const expression = source !== undefined ? io.read(source, 'the expression', limit) : split.expression;
  const bindings = options.vars === undefined ? new Map<string, Value>() : parseVarsFile(io.read(options.vars, '--vars', limit), options.vars);
  for (const [name, text] of split.bindings) bindings.set(name, parseValue(name, text));
  const batch = options.batch === undefined ? undefined : io.read(options.batch, '--batch', limit);
  return { expression, bindings, batch };
}

/** Standard output, or the --out file (written whole, only when the run succeeds). */
function outputOf(io: Io, options: Options): Output {
  if (options.out === undefined || options.out === '-') return { write: io.stdout, commit: () => {}, abort: () => {} };
  return io.create(options.out);
}

/** One expression, one set of values: the report, rendered. */
async function runOne(io: Io, options: Options, split: Split, inputs: Inputs, format: Format, lang: Lang, output: Output): Promise<number> {
  const fields = fieldsOf(options.fields, false);
  const { expression, bindings } = inputs;
  if (expression === undefined) throw fail('noExpression');
  const expand = options.expand === true;
  const graph = await compileAnyDepth(expression, bindings.keys(), io.workerUrl, expand);
  checkDashed(split.dashed, graph.variables.map((v) => v.name));
  const seed = options.seed === undefined ? undefined : parseValue('--seed', options.seed);
  const trace = execute(graph, bindings, seed === undefined ? {} : { seed });
  const tol = nonNegative('--tol', options.tol);
  const step = stepOf(options.step);
  const scalar = trace.shape.every((s) => s.length === 0);
  let names: Names | undefined;
  const report: Report = {
    trace,
    // Named when a format first reads them: --fields value,gradients never does.
    get names() {
      return (names ??= nameNodes(graph));
    },
    ...(options.jacobian ? { jacobians: jacobian(graph, bindings) } : {}),
    ...(options.check ? { check: gradientCheck(graph, trace, bindings, step) } : {}),
    ...(options.expect.length ? { expectations: checkExpectations(trace, options.expect.map((spec) => parseExpectation(spec, tol))) } : {}),
    ...(options.symbolic
      ? { symbolic: await symbolicGradients(expand ? graph : await compileAnyDepth(expression, bindings.keys(), io.workerUrl, true), scalar, io.workerUrl) }
      : {}),
  };
  const toTerminal = options.out === undefined || options.out === '-';
  const renderOptions: RenderOptions = {
    lang,
    style: format === 'table' && toTerminal ? await style(io, options) : PLAIN,
    workerUrl: io.workerUrl,
    asset: io.asset,
    plainGates: options.plainGates === true,
    ...(precisionOf(options.precision) === undefined ? {} : { precision: precisionOf(options.precision)! }),
    ...(toTerminal && io.stdoutIsTTY && io.columns ? { columns: io.columns } : {}),
  };
  const renderer = FORMATS[format];
  // A reader that leaves early (| head) takes what it wanted: the answers' verdict stands.
  const code = overallOk(report) === false ? 1 : 0;
  try {
    if (fields) writeJson(report, output.write, { fields });
    else await renderer.render(report, renderOptions, output.write);
  } catch (e) {
    if (!(e instanceof ReaderGone)) throw e;
  }
  if (!renderer.warningsInside) {
    const say = PHRASES[lang];
    for (const w of trace.warnings) io.stderr(`backprop: ${say.warning}: ${warningText(w, trace, report.names, lang)}\n`);
    // The table says a missing closed form itself; a picture does not.
    if (!renderer.shows.includes('symbolic')) for (const note of symbolicNotes(report)) io.stderr(`backprop: ${say.warning}: ${note}\n`);
  }
  return code;
}

/** The summary of a batch, for standard error: the counts, then who failed which answer and which lines could not be used. */
function batchReport(summary: BatchSummary, lang: Lang): string {
  const say = PHRASES[lang];
  const lines = [`backprop: ${say.batchSummary(summary.cases, summary.ok, summary.failedCount, summary.unusableCount)}`];
  const list = (cases: readonly Named[], count: number, line: (who: string, what: string) => string): void => {
    for (const c of cases) lines.push(`  ${line(say.batchWho(c.id === undefined ? undefined : clip(c.id, 60), c.line), c.what.join('; '))}`);
    if (count > cases.length) lines.push(`  …${say.andMore(count - cases.length)}`);
  };
  list(summary.failed, summary.failedCount, say.batchFailed);
  list(summary.unusable, summary.unusableCount, say.batchUnusable);
  return `${lines.join('\n')}\n`;
}

/** Runs the command line; returns the exit code. */
export async function main(io: Io): Promise<number> {
  let json = wantsJson(io.argv);
  let lines = wantsBatch(io.argv);
  // Errors are said in the user's language, as far as it is known when they happen: a binding that does not
  // read fails while the arguments are split, before --lang is an option.
  let lang = languageOf(langAsked(io.argv), io.env);
  let output: Output | undefined;
  try {
    const split = splitArgs(io.argv);
    if (split.help || split.version) {
      answerHelp(io, split, (split.options.lang === undefined ? undefined : langOption(split.options.lang)) ?? lang);
      return 0;
    }
    const options = split.options;
    if (options.lang !== undefined && langOption(options.lang) === undefined) throw fail('lang', { value: options.lang });
    lang = languageOf(options.lang, io.env);
    const { format, asked } = formatOf(options);
    json = format === 'json' || (options.batch !== undefined && format !== 'csv');
    lines = options.batch !== undefined;
    checkModes(options, format, asked, io.stdoutIsTTY);
    const inputs = readInputs(io, options, split, lang);
    const out = (output = outputOf(io, options));

    let code: number;
    if (inputs.batch !== undefined) {
      checkDashedInBatch(split.dashed, inputs.expression);
      // No case is no pass: a grading script whose collection wrote nothing would read exit 0 as everyone's.
      if (!/\S/.test(inputs.batch)) throw fail('batchEmpty', { source: options.batch! });
      const fields = fieldsOf(options.fields, true);
      // A reader that leaves early (| head) is sent nothing more, but every line still runs: the exit status and
      // the summary are the whole batch's, whatever part of it a grading script read.
      let gone = false;
      const write = (chunk: string): void => {
        if (gone) return;
        try {
          out.write(chunk);
        } catch (e) {
          if (!(e instanceof ReaderGone)) throw e;
          gone = true;
        }
      };
      const summary = await runBatch(
        inputs.batch,
        {
          expression: inputs.expression,
          bindings: inputs.bindings,
          expect: options.expect,
          tol: nonNegative('--tol', options.tol),
          seed: options.seed === undefined ? undefined : parseValue('--seed', options.seed),
          check: options.check ? { step: stepOf(options.step) } : undefined,
          expand: options.expand === true,
          fields,
          format: format === 'csv' ? 'csv' : 'json',
          deep: (expression, bound, expand) => compileAnyDepth(expression, bound, io.workerUrl, expand),
        },
        write,
        { answer: (r) => expectationText(r, lang), check: PHRASES[lang].batchCheckFailed, checkNothing: PHRASES[lang].batchCheckNothing, lang },
      );
      io.stderr(batchReport(summary, lang));
      code = summary.unusableCount > 0 ? 2 : summary.failedCount > 0 ? 1 : 0;
    } else {
      if (format === 'csv') throw fail('csvOnlyBatch');
      code = await runOne(io, options, split, inputs, format, lang, output);
    }
    // A batch with unusable lines still wrote every line it could: its output is whole.
    output.commit();
    return code;
  } catch (e) {
    output?.abort();
    if (e instanceof ReaderGone) return 0;
    const stdoutFailed = e instanceof BackpropError && e.key === 'cannotWrite' && (e.params as { path?: string }).path === 'standard output';
    const stderrFailed = e instanceof BackpropError && e.key === 'cannotWrite' && (e.params as { path?: string }).path === 'standard error';
    const say = (text: string, doc: string): void => {
      // One message, where one can still be written.
      try {
        if (stderrFailed) {
          if (!stdoutFailed) io.stdout(json ? doc : text);
          return;
        }
        io.stderr(text);
        if (json && !stdoutFailed) io.stdout(doc);
      } catch {
        // Neither stream takes it: the exit status says it all.
      }
    };
    if (!(e instanceof BackpropError)) {
      const message = e instanceof Error ? e.message : String(e);
      say(`backprop: internal error: ${message}\nThis is a bug in backprop; please report it with the command line.\n`, renderJsonError('internal', message, {}, lines));
      return 3;
    }
    say(`backprop: ${lang === 'ko' ? '오류' : 'error'}: ${e.say(lang, true)}\n`, renderJsonError(e.code, e.message, e.details, lines));
    return e.exitCode;
  }
}
