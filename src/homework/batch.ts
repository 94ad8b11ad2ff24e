// --batch: JSON Lines in, JSON Lines out. Each input line is a case,
// {"expr"?: …, "vars": {…}, "expect"?: {…}, "id"?: …}; each output line is
// that case's --json document with its id, line number and ok, or the error
// document for a line that cannot be used (which does not stop the batch).
// An expression shared by many lines is parsed and lowered once.
import { BackpropError, fail } from '../errors.js';
import type { Value } from '../graph/engine.js';
import type { Graph } from '../graph/graph.js';
import { nameNodes, type Names } from '../graph/names.js';
import { toValue } from '../language/bindings.js';
import { NAMED_CONSTANTS } from '../language/lower.js';
import { compile, execute } from '../pipeline.js';
import { writeJson } from '../render/json.js';
import { overallOk, type Report } from '../render/report.js';
import { gradientCheck } from './check.js';
import { checkExpectations, parseExpectation } from './expect.js';

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
  /** --check on every line, with this step (undefined: no check). */
  readonly check?: { readonly step: number } | undefined;
  readonly expand?: boolean | undefined;
}

export interface BatchSummary {
  readonly cases: number;
  readonly ok: number;
  /** Cases with an expectation or a check that did not hold. */
  readonly failed: number;
  /** Lines that could not be used. */
  readonly unusable: number;
}

function errorLine(head: Record<string, unknown>, e: BackpropError): string {
  return `${JSON.stringify({ ...head, schema: 1, error: { code: e.code, message: e.message, ...e.details }, ok: false })}\n`;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Runs every line of `text`; writes one output line per case. */
export function runBatch(text: string, defaults: BatchDefaults, write: (chunk: string) => void): BatchSummary {
  // Lines are small: gather them, and write in large pieces.
  let pending = '';
  const out = (chunk: string): void => {
    pending += chunk;
    if (pending.length > 1 << 16) {
      write(pending);
      pending = '';
    }
  };
  const graphs = new Map<string, { graph: Graph; names: Names }>();
  let cases = 0;
  let ok = 0;
  let failed = 0;
  let unusable = 0;
  const lines = text.split('\n');
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
        throw fail('lineNotJson', { line: n + 1, reason: (e as Error).message });
      }
      if (!isObject(data)) throw fail('lineNotObject', { line: n + 1 });
      const { expr, vars, expect, id } = data;
      if (id !== undefined) head.id = id;
      const expression = expr ?? defaults.expression;
      if (typeof expression !== 'string') throw fail('lineNoExpr', { line: n + 1 });
      const bindings = new Map(defaults.bindings);
      if (vars !== undefined) {
        if (!isObject(vars)) throw fail('fieldNotObject', { field: 'vars' });
        for (const [name, v] of Object.entries(vars)) bindings.set(name, toValue(name, v));
      }
      const specs = [...defaults.expect];
      if (expect !== undefined) {
        if (!isObject(expect)) throw fail('fieldNotObject', { field: 'expect' });
        // A string keeps the answer as written ("-0.53"); a JSON number loses trailing zeros.
        for (const [name, v] of Object.entries(expect)) specs.push(`${name}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      }

      // A bound pi or e changes the graph: it is part of the key.
      const key = `${[...NAMED_CONSTANTS.keys()].filter((c) => bindings.has(c)).join(',')}\n${expression}`;
      let compiled = graphs.get(key);
      if (!compiled) {
        const graph = compile(expression, bindings.keys(), { expand: defaults.expand === true });
        compiled = { graph, names: nameNodes(graph) };
        graphs.set(key, compiled);
      }
      const trace = execute(compiled.graph, bindings, defaults.seed === undefined ? {} : { seed: defaults.seed });
      const report: Report = {
        trace,
        names: compiled.names,
        // A case without expectations or a check is ok when it runs; the document says so.
        expectations: specs.length ? checkExpectations(trace, specs.map((s) => parseExpectation(s, defaults.tol))) : [],
        ...(defaults.check ? { check: gradientCheck(compiled.graph, trace, bindings, defaults.check.step) } : {}),
      };
      if (overallOk(report)) ok++;
      else failed++;
      writeJson(report, out, { head, compact: true, reuse: true });
    } catch (e) {
      if (!(e instanceof BackpropError)) throw e;
      unusable++;
      out(errorLine(head, e));
    }
  }
  if (pending) write(pending);
  return { cases, ok, failed, unusable };
}
