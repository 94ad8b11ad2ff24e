// --check: every variable entry's gradient against a central difference,
// (f(x + h) - f(x - h)) / 2h, judged by the relative error as the CS231n
// notes define it. A probe that crosses a kink (a relu, max, min, abs or sign
// on another branch at x - h, x or x + h) is reported as such: there the
// numeric gradient means nothing.
import { forward, type Forward, type Value } from '../graph/engine.js';
import type { Graph, Trace } from '../graph/graph.js';
import { isScalarOp, OPS } from '../graph/ops.js';

export type Verdict = 'good' | 'kink' | 'doubtful' | 'wrong';

export interface CheckEntry {
  readonly variable: string;
  /** The entry's 1-based position ([] for a scalar). */
  readonly index: readonly number[];
  readonly analytic: number;
  readonly numeric: number;
  readonly relativeError: number;
  readonly verdict: Verdict;
}

export interface CheckResult {
  readonly step: number;
  readonly entries: readonly CheckEntry[];
  /** Variables not checked: used as an index, so not to be nudged. */
  readonly skipped: readonly string[];
  /** No entry wrong or doubtful. */
  readonly ok: boolean;
}

export const DEFAULT_STEP = 1e-5;

/** |a - n| / max(|a|, |n|), and 0 when both are 0. */
export function relativeError(a: number, n: number): number {
  if (a === 0 && n === 0) return 0;
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n));
}

/**
 * CS231n's reading: above 1e-2 wrong, below 1e-7 good, in between acceptable
 * only near a kink. A difference within the numeric estimate's own rounding
 * noise (1e-9 of the output's size) is good whatever its relative size: two
 * gradients of almost 0 are not wrong for differing in their noise.
 */
export function verdictOf(analytic: number, numeric: number, crossesKink: boolean, scale: number): Verdict {
  if (crossesKink) return 'kink';
  const rel = relativeError(analytic, numeric);
  if (rel < 1e-7 || Math.abs(analytic - numeric) <= 1e-9 * Math.max(1, scale)) return 'good';
  return rel > 1e-2 ? 'wrong' : 'doubtful';
}

/** Which side of its kink each entry of each kinked node is on. */
function sides(f: Forward): Int8Array {
  const { graph, offset, value } = f;
  const out: number[] = [];
  for (let i = 0; i < graph.size; i++) {
    const o = OPS[graph.op[i]!]!;
    if (!isScalarOp(o) || !o.side) continue;
    const s = graph.first[i]!;
    const n = offset[i + 1]! - offset[i]!;
    const input = (e: number, k: number): number => {
      const c = graph.args[e]!;
      return value[offset[c]! + (offset[c + 1]! - offset[c]! > 1 ? k : 0)]!;
    };
    for (let k = 0; k < n; k++) out.push(o.side(input(s, k), o.arity > 1 ? input(s + 1, k) : 0));
  }
  return Int8Array.from(out);
}

const sameSides = (a: Int8Array, b: Int8Array): boolean => a.every((x, k) => x === b[k]);

/** The 1-based position of flat entry k in a shape. */
function position(shape: readonly number[], k: number): number[] {
  if (shape.length === 0) return [];
  if (shape.length === 1) return [k + 1];
  return [Math.floor(k / shape[1]!) + 1, (k % shape[1]!) + 1];
}

/** Checks the gradients of `trace` (a run of `graph` with `bindings`) numerically. */
export function gradientCheck(graph: Graph, trace: Trace, bindings: ReadonlyMap<string, Value>, step = DEFAULT_STEP): CheckResult {
  const root = graph.size - 1;
  const seed = trace.seed ?? Float64Array.of(1);
  // The scalar whose gradient the backward pass computed: Σ seed ⊙ f.
  const objective = (f: Forward): number => {
    let s = 0;
    for (let k = 0; k < seed.length; k++) s += seed[k]! * f.value[f.offset[root]! + k]!;
    return s;
  };
  const base = forward(graph, bindings);
  const baseSides = sides(base);
  const scale = Math.abs(objective(base));

  const indices = new Set<number>();
  for (let i = 0; i < graph.size; i++) {
    if (!OPS[graph.op[i]!]!.tensor?.indexed) continue;
    for (let e = graph.first[i]! + 1; e < graph.first[i + 1]!; e++) indices.add(graph.args[e]!);
  }

  const entries: CheckEntry[] = [];
  const skipped: string[] = [];
  for (const { name, node } of graph.variables) {
    if (indices.has(node)) {
      skipped.push(name);
      continue;
    }
    const value = bindings.get(name)!;
    const data = typeof value === 'number' ? Float64Array.of(value) : value.data.slice();
    const shape = typeof value === 'number' ? [] : value.shape;
    const probe = (k: number, x: number): Forward => {
      data[k] = x;
      const nudged = new Map(bindings).set(name, typeof value === 'number' ? x : { shape, data });
      return forward(graph, nudged);
    };
    for (let k = 0; k < data.length; k++) {
      const x = data[k]!;
      const plus = probe(k, x + step);
      const minus = probe(k, x - step);
      data[k] = x;
      const numeric = (objective(plus) - objective(minus)) / (2 * step);
      const analytic = trace.grad[trace.offset[node]! + k]!;
      const crossesKink = !sameSides(baseSides, sides(plus)) || !sameSides(baseSides, sides(minus));
      const verdict = verdictOf(analytic, numeric, crossesKink, scale);
      entries.push({ variable: name, index: position(shape, k), analytic, numeric, relativeError: relativeError(analytic, numeric), verdict });
    }
  }
  return { step, entries, skipped, ok: entries.every((e) => e.verdict === 'good' || e.verdict === 'kink') };
}
