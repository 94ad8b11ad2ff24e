// --batch: JSON Lines in, one output per case. Each input line is a case,
// {"expr"?: …, "vars": {…}, "expect"?: {…}, "id"?: …}; each output line is
// that case's --json document with its id, line number and ok (only the
// --fields asked for), or the error document for a line that cannot be used
// (which does not stop the batch) — or, with --format csv, one spreadsheet
// row a case. An expression shared by many lines is parsed and lowered once.
// The summary names who failed which answer, and which lines could not be used.
import { BackpropError, fail } from '../errors.js';
import type { Value } from '../graph/engine.js';
import type { Graph, Trace } from '../graph/graph.js';
import { nameNodes, type Names } from '../graph/names.js';
import { jsonProblem, toValue } from '../language/bindings.js';
import { NAMED_CONSTANTS } from '../language/lower.js';
import { LIMITS } from '../limits.js';
import { escapeControls } from '../quote.js';
import { compile, execute, nestingDepth, tokenCount } from '../pipeline.js';
import { addJson, num, safeJson } from '../render/json.js';
import { chunked, overallOk, type Report } from '../render/report.js';
import type { Lang } from '../texts.js';
import { type CheckResult, gradientCheck, judgedNothing } from './check.js';
import { checkExpectations, type Expectation, type ExpectationResult, parseExpectation } from './expect.js';

export interface BatchDefaults {
  /** The command line's expression, for lines without "expr". */
  readonly expression?: string | undefined;
  /** The command line's bindings, which a line's "vars" override. */
  readonly bindings: ReadonlyMap<string, Value>;
  /** The command line's --expect, checked on every line. */
  readonly expect: readonly string[];
  readonly tol?: number | undefined;
  /** --seed, for every line. */
  readonly seed?: Value | undefined;
  /** --check on every line, with this step (undefined: no check), and the bound on every line's check together (default LIMITS.batchCheckWork). */
  readonly check?: { readonly step: number; readonly work?: number } | undefined;
  readonly expand?: boolean | undefined;
  /** --fields: the document's keys each line keeps (id, line and ok always). */
  readonly fields?: ReadonlySet<string> | undefined;
  /** One JSON line a case, or one CSV row. */
  readonly format: 'json' | 'csv';
  /** Compiles an expression nested too deeply for this thread's stack (the command line's worker); without it, such a line is unusable. */
  readonly deep?: ((expression: string, bound: readonly string[], expand: boolean) => Promise<Graph>) | undefined;
}

/** A case that failed or could not be used: who (its id as text, if it has one, and its line), and what. */
export interface Named {
  readonly id: string | undefined;
  readonly line: number;
  readonly what: readonly string[];
}

/** The cases of each kind a summary names (the first ones); the rest are counted. */
export const NAMED = 20;

export interface BatchSummary {
  readonly cases: number;
  readonly ok: number;
  /** Cases with an expectation or a check that did not hold, and the answers that did not (the first NAMED of them). */
  readonly failed: readonly Named[];
  readonly failedCount: number;
  /** Lines that could not be used, and why (the first NAMED of them). */
  readonly unusable: readonly Named[];
  readonly unusableCount: number;
}

/** What the summary says of an answer that did not hold (the words come from the caller, in its language). */
export type SayAnswer = (result: ExpectationResult) => string;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The cells of a CSV row, quoted where they need it (RFC 4180). */
const csvRow = (cells: readonly string[]): string => `${cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`;

/**
 * Text a student wrote (an id), as a spreadsheet shows it rather than runs it: a
 * cell starting with = + - @ is a formula to Excel and LibreOffice
 * (=HYPERLINK(…) in an id would run on the grader's machine), so it gets the
 * quote that marks text (OWASP's advice for CSV injection). Its control
 * characters are escaped, so that `cat marks.csv` shows them rather than obeys
 * them (an ESC sequence can rewrite a terminal's screen). A numeric id is a
 * number, written as JSON, and stays one.
 */
const inert = (text: string): string => {
  const s = escapeControls(text);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/** A value as a spreadsheet cell: a number, or a tensor as JSON. */
const cell = (t: { shape: readonly number[]; data: Float64Array } | number | null): string =>
  t === null ? '' : typeof t === 'number' ? num(t) : t.shape.length === 0 ? num(t.data[0]!) : JSON.stringify(Array.from(t.data));

/** A line's id as text: a string as written, anything else as JSON. */
const idText = (id: unknown): string => (typeof id === 'string' ? id : JSON.stringify(id));

/** Who a failing case is: its id, and its line (line n + 1). */
const who = (head: Record<string, unknown>, n: number): Pick<Named, 'id' | 'line'> => ({ id: head.id === undefined ? undefined : idText(head.id), line: n + 1 });

const CONSTANT_NAMES = [...NAMED_CONSTANTS.keys()];

/** Expressions whose graphs (or refusals) a batch keeps: a class's homework has one, or a few. */
const KEPT_GRAPHS = 256;

/** Sets key in a cache of KEPT_GRAPHS, the least recently made going first: a million distinct lines would hold a million. */
function keep<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= KEPT_GRAPHS) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

/** A line's id in its CSV row: a string inert, anything else as JSON. */
const idCell = (id: unknown): string => (id === undefined ? '' : typeof id === 'string' ? inert(id) : idText(id));

/** An expression's graph, its names, and the trace of its last line. */
interface Compiled {
  readonly graph: Graph;
  readonly names: Names;
  last?: Trace;
}

interface Row {
  readonly id: string;
  readonly line: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly answers?: readonly ExpectationResult[];
  /** With --check: passed, failed, or nothing checked. */
  readonly check?: string;
}

/** A check's cell in a CSV row: the words of the single run's summary, lower case, for a spreadsheet's filter. */
const checkCell = (c: CheckResult): string => (c.ok ? 'passed' : judgedNothing(c) ? 'nothing checked' : 'failed');

/** Runs every line of `text`; writes one output per case. `say` words the summary's failures. */
export async function runBatch(text: string, defaults: BatchDefaults, write: (chunk: string) => void, say: { answer: SayAnswer; check: string; checkNothing: string; lang: Lang }): Promise<BatchSummary> {
  // Lines are small: gathered, and written in large pieces, each of whole lines.
  const chunks = chunked(write, true);
  // Each expression's graph, and the trace of its last line, whose arrays the next line fills again (a
  // JSON line is written before the next runs; a CSV row keeps its answers, so CSV makes new ones).
  const graphs = new Map<string, Compiled>();
  const refused = new Map<string, BackpropError>();
  const expectations = defaults.expect.map((s) => parseExpectation(s, defaults.tol));
  const rows: Row[] = [];
  const bindings = new Map<string, Value>();
  const failed: Named[] = [];
  const unusable: Named[] = [];
  let cases = 0;
  let ok = 0;
  // Only the first few of each kind are kept to be named: a million unusable lines kept a million messages (650 MB).
  let failedCount = 0;
  let unusableCount = 0;
  let deepLevels = 0;
  // --check's steps over the lines so far: a batch of big nets checked line by line would run for hours.
  let checkSteps = 0;
  let checkedLines = 0;
  const parsedKeys = new Set<string>();
  let parsedTokens = 0;
  const lines = text.split('\n');
  // The last line may be the empty one after the final new line.
  const count = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
  if (count > LIMITS.batchLines) throw fail('batchTooLong', { lines: count, max: LIMITS.batchLines });
  // A case once its graph is at hand: a function of its own, which V8 optimises after a few hundred lines,
  // where the loop's whole body waited for the middle of a 10,000-line batch (seen with --trace-opt).
  const runCase = (compiled: Compiled, answers: readonly Expectation[], head: Record<string, unknown>, n: number, id: unknown): void => {
    const reuse = defaults.format === 'json' ? compiled.last : undefined;
    const trace = execute(compiled.graph, bindings, defaults.seed === undefined ? { reuse } : { seed: defaults.seed, reuse });
    if (defaults.format === 'json') compiled.last = trace;
    // A case without expectations or a check is ok when it runs; the document says so.
    const results = answers.length ? checkExpectations(trace, answers) : [];
    let check: CheckResult | undefined;
    if (defaults.check) {
      const bound = defaults.check.work ?? LIMITS.batchCheckWork;
      if (checkSteps >= bound) throw fail('batchCheckWork', { max: bound, lines: checkedLines });
      check = gradientCheck(compiled.graph, trace, bindings, defaults.check.step);
      checkSteps += check.steps;
      checkedLines++;
    }
    const report: Report = check ? { trace, names: compiled.names, expectations: results, check } : { trace, names: compiled.names, expectations: results };
    const good = overallOk(report) !== false;
    if (good) ok++;
    else if (failedCount++ < NAMED) {
      const what = report.expectations!.filter((r) => !r.ok).map(say.answer);
      failed.push({ ...who(head, n), what: report.check && !report.check.ok ? [...what, judgedNothing(report.check) ? say.checkNothing : say.check] : what });
    }
    if (defaults.format === 'csv') rows.push({ id: idCell(id), line: n + 1, ok: good, answers: report.expectations!, ...(check ? { check: checkCell(check) } : {}) });
    else addJson(report, chunks, defaults.fields ? { head, compact: true, reuse: true, fields: defaults.fields } : { head, compact: true, reuse: true });
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    cases++;
    const head: Record<string, unknown> = { line: n + 1 };
    try {
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch (e) {
        const problem = jsonProblem(line, e);
        // x = 1 on a line: its bindings go in the line's "vars".
        throw fail('lineNotJson', { ...problem, slip: problem.slip === 'assignments' ? 'lineAssignments' : problem.slip });
      }
      if (!isObject(data)) throw fail('lineNotObject');
      const { expr, vars, expect, id } = data;
      if (id !== undefined) head.id = id;
      const expression = expr ?? defaults.expression;
      if (typeof expression !== 'string') throw fail('lineNoExpr');
      // One map for every line, filled anew: nothing keeps a line's bindings after its run.
      bindings.clear();
      for (const [name, v] of defaults.bindings) bindings.set(name, v);
      if (vars !== undefined) {
        if (!isObject(vars)) throw fail('fieldNotObject', { field: 'vars' });
        for (const name in vars) bindings.set(name, toValue(name, vars[name]));
      }
      const answers = expect === undefined ? expectations : [...expectations];
      if (expect !== undefined) {
        if (!isObject(expect)) throw fail('fieldNotObject', { field: 'expect' });
        // A string keeps the answer as written ("-0.53"); a JSON number loses trailing zeros.
        for (const [name, v] of Object.entries(expect)) answers.push(parseExpectation(`${name}=${typeof v === 'string' ? v : JSON.stringify(v)}`, defaults.tol, true));
      }

      // A bound pi or e changes the graph: it is part of the key.
      let key = expression;
      for (const c of CONSTANT_NAMES) if (bindings.has(c)) key = `${c},${key}`;
      let compiled = graphs.get(key);
      // A statement's name bound as a variable is refused (SPEC §1) however the lines before bound theirs.
      if (compiled && compiled.graph.named.size > 0 && [...compiled.graph.named.values()].some((name) => bindings.has(name))) compiled = undefined;
      if (!compiled) {
        // A refusal may hang on the names bound (q = x + y with q bound): they are part of its key.
        const refusalKey = `${key}\n${[...bindings.keys()].join('\n')}`;
        const refusal = refused.get(refusalKey);
        if (refusal) throw refusal;
        // Parsing is the costly part of a line (a million distinct expressions took a minute): a batch parses
        // at most LIMITS.batchParses distinct expressions, and no more tokens in all than one run may; one
        // parsed again after the cache let it go (lines taking turns among many) is not counted again.
        if (!parsedKeys.has(key)) {
          const tokens = tokenCount(expression);
          if (parsedKeys.size >= LIMITS.batchParses || parsedTokens + tokens > LIMITS.tokens) throw fail('batchParses', { parses: LIMITS.batchParses, tokens: LIMITS.tokens });
          parsedKeys.add(key);
          parsedTokens += tokens;
        }
        const expand = defaults.expand === true;
        let graph: Graph;
        try {
          try {
            graph = compile(expression, bindings.keys(), { expand });
          } catch (e) {
            // A single run parses it in a worker with a larger stack; so does a batch, for this line alone.
            if (!(e instanceof BackpropError && e.key === 'tooDeepToParse' && defaults.deep)) throw e;
            // As deep in all as one run may go (100,000 levels take seconds): a file of deep lines must not take an hour.
            const depth = nestingDepth(expression);
            if (deepLevels + depth > LIMITS.depth) throw fail('batchDeep', { depth, max: LIMITS.depth });
            deepLevels += depth;
            graph = await defaults.deep(expression, [...bindings.keys()], expand);
          }
        } catch (e) {
          // The command line's expression with a typo was parsed again for every line (5,000 lines of a
          // 190 KB one: 3.5 minutes); what does not compile is refused again without parsing.
          if (e instanceof BackpropError && e.key !== 'batchDeep') keep(refused, refusalKey, e);
          throw e;
        }
        compiled = { graph, names: nameNodes(graph) };
        keep(graphs, key, compiled);
      }
      runCase(compiled, answers, head, n, id);
    } catch (e) {
      if (!(e instanceof BackpropError)) throw e;
      if (unusableCount++ < NAMED) unusable.push({ ...who(head, n), what: [e.say(say.lang)] });
      if (defaults.format === 'csv') rows.push({ id: idCell(head.id), line: n + 1, ok: false, error: e.message });
      else chunks.add(`${safeJson(JSON.stringify({ ...head, schema: 1, error: { code: e.code, message: e.message, ...e.details }, ok: false }))}\n`);
    }
  }
  if (defaults.format === 'csv') writeCsv(rows, chunks.add, defaults.check !== undefined);
  chunks.end();
  return { cases, ok, failed, failedCount, unusable, unusableCount };
}

/** One row a case: id, line, ok, error, the check (with --check), then each answer's text and the true value, in the order answers first appear. */
function writeCsv(rows: readonly Row[], out: (chunk: string) => void, checked: boolean): void {
  // A Set of columns: a line of 160,000 answers looked each up in a list, for a minute.
  const columns = new Set<string>();
  for (const row of rows) for (const a of row.answers ?? []) columns.add(answerName(a));
  const names = [...columns];
  out(csvRow(['id', 'line', 'ok', 'error', ...(checked ? ['check'] : []), ...names.flatMap((c) => [`${c} answer`, `${c} truth`, `${c} ok`])]));
  for (const row of rows) {
    const byName = new Map((row.answers ?? []).map((a) => [answerName(a), a]));
    const cells = names.flatMap((c) => {
      const a = byName.get(c);
      return a ? [a.expectation.text.slice(a.expectation.text.indexOf('=') + 1), cell(a.actual), String(a.ok)] : ['', '', ''];
    });
    out(csvRow([row.id, String(row.line), String(row.ok), inert(row.error ?? ''), ...(checked ? [row.check ?? ''] : []), ...cells]));
  }
}

/** What an answer is of, as its column says: the text before its =. */
const answerName = (a: ExpectationResult): string => a.expectation.text.slice(0, a.expectation.text.indexOf('='));
