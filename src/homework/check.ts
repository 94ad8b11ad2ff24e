// --check: every variable entry's gradient against a central difference,
// (f(x + h) - f(x - h)) / 2h, judged by the relative error as the CS231n
// notes define it. A verdict is only given where the numbers can carry one:
// a probe that crosses a kink (a relu, max, min, abs or sign on another
// branch at x - h, x or x + h) is not judged; nor is an entry whose step is
// lost in x's own rounding (h = 1e-5 at x = 1e12), or whose gradient is
// smaller than what f's rounding lets a difference show (f = 1e24). A check
// too costly to run whole is run on a sample of the entries, as CS231n's
// grad_check_sparse does, and says so.
import { fail } from '../errors.js';
import { forward, type Forward, passCost, probeForward, RULE, type Value } from '../graph/engine.js';
import type { Graph, Trace } from '../graph/graph.js';
import { isScalarOp, OPS } from '../graph/ops.js';
import { LIMITS } from '../limits.js';

export type Verdict = 'good' | 'kink' | 'doubtful' | 'wrong' | 'unchecked';

/**
 * Why an entry could not be checked: its step is lost in x's rounding; f's
 * rounding swamps the difference; f or the gradient is not finite within a
 * step of x; or the estimate does not settle as the step changes (a pole or
 * a steep stretch within the step: 1/x at x = 1e-6 with h = 1e-5).
 */
export type Unchecked = 'step' | 'rounding' | 'notFinite' | 'unsettled';

/**
 * Why an entry is good although its relative error is not below 1e-7: the
 * two differ by less than 1e-9 (both about 0, where a relative error says
 * nothing: 1e-16 against 1e-11 is a relative error of 1), or by no more than
 * f's rounding lets a difference show.
 */
export type Good = 'absolute' | 'noise';

export interface CheckEntry {
  readonly variable: string;
  /** The entry's 1-based position ([] for a scalar). */
  readonly index: readonly number[];
  readonly analytic: number;
  readonly numeric: number;
  readonly relativeError: number;
  readonly verdict: Verdict;
  readonly why?: Unchecked | Good;
  /** The numeric gradient is Richardson's extrapolation from steps h and 2h, where the plain difference disagreed. */
  readonly refined?: boolean;
}

export interface CheckResult {
  readonly step: number;
  readonly entries: readonly CheckEntry[];
  /** Variables not checked: used only as an index, so not to be nudged. */
  readonly skipped: readonly string[];
  /** When the check ran on a sample: how many entries there are in all. */
  readonly of?: number;
  /** At least one entry was judged good, and none wrong or doubtful. */
  readonly ok: boolean;
  /** What the check cost: its passes × the numbers of a pass (a batch bounds all its checks together). */
  readonly steps: number;
}

export const DEFAULT_STEP = 1e-5;

/** A check that judged no entry: every one on a kink or not settled (it does not pass, and nothing was wrong). */
export const judgedNothing = (c: CheckResult): boolean => c.entries.every((e) => e.verdict === 'kink' || e.verdict === 'unchecked');

/** |a - n| / max(|a|, |n|), and 0 when both are 0. */
export function relativeError(a: number, n: number): number {
  if (a === n) return 0;
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n));
}

/**
 * Differences this small are good whatever their relative size, as in
 * PyTorch's gradcheck (whose atol is 1e-5): the central difference's own
 * truncation error is h² f‴ / 6, about 1e-10 at h = 1e-5.
 */
export const ABSOLUTE = 1e-9;

/**
 * CS231n's reading: above 1e-2 wrong, below 1e-7 good, in between acceptable
 * only near a kink. A difference within the numeric estimate's rounding
 * noise is good when that noise is small beside the gradient, and cannot be
 * judged when it is not (f = 1e24: its rounding swamps a gradient of 2).
 */
export function verdictOf(analytic: number, numeric: number, crossesKink: boolean, noise: number): { verdict: Verdict; why?: Unchecked | Good } {
  if (crossesKink) return { verdict: 'kink' };
  // A gradient that is not finite, or a probe past a pole or out of the domain (sqrt at 1e-6 - h), has nothing to compare.
  if (!Number.isFinite(analytic) || !Number.isFinite(numeric)) return { verdict: 'unchecked', why: 'notFinite' };
  const rel = relativeError(analytic, numeric);
  const diff = Math.abs(analytic - numeric);
  if (rel < 1e-7) return { verdict: 'good' };
  if (diff <= ABSOLUTE) return { verdict: 'good', why: 'absolute' };
  if (diff <= noise) {
    return noise <= 1e-2 * Math.max(Math.abs(analytic), Math.abs(numeric)) ? { verdict: 'good', why: 'noise' } : { verdict: 'unchecked', why: 'rounding' };
  }
  return { verdict: rel > 1e-2 ? 'wrong' : 'doubtful' };
}

/** The nodes whose ops have a kink (relu, abs, max, …): the only ones sides() reads, found once for every probe. */
function kinkedNodes(f: Forward): number[] {
  const { graph } = f;
  const nodes: number[] = [];
  for (let i = 0; i < graph.size; i++) {
    const o = OPS[graph.op[i]!]!;
    if ((o.tensor?.side && f.mode[i] === RULE) || (isScalarOp(o) && o.side)) nodes.push(i);
  }
  return nodes;
}

/** Which side of its kink each entry of each kinked node is on (and which entry a max picks). */
function sides(f: Forward, kinked: readonly number[]): Int32Array {
  const { graph, offset, value } = f;
  const out: number[] = [];
  for (const i of kinked) {
    const o = OPS[graph.op[i]!]!;
    const s = graph.first[i]!;
    if (o.tensor?.side && f.mode[i] === RULE) {
      const inputs = Array.from(graph.args.subarray(s, graph.first[i + 1]!), (c) => ({ shape: f.shape[c]!, data: value.subarray(offset[c]!, offset[c + 1]!) }));
      out.push(o.tensor.side(inputs));
    }
    if (!isScalarOp(o) || !o.side) continue;
    const n = offset[i + 1]! - offset[i]!;
    const input = (e: number, k: number): number => {
      const c = graph.args[e]!;
      return value[offset[c]! + (offset[c + 1]! - offset[c]! > 1 ? k : 0)]!;
    };
    for (let k = 0; k < n; k++) out.push(o.side(input(s, k), o.arity > 1 ? input(s + 1, k) : 0));
  }
  return Int32Array.from(out);
}

const sameSides = (a: Int32Array, b: Int32Array): boolean => a.every((x, k) => x === b[k]);

/** The 1-based position of flat entry k in a shape. */
function position(shape: readonly number[], k: number): number[] {
  if (shape.length === 0) return [];
  if (shape.length === 1) return [k + 1];
  return [Math.floor(k / shape[1]!) + 1, (k % shape[1]!) + 1];
}

/** `count` of the numbers 0 … n - 1, chosen at random (the same every run), in order. */
function sample(n: number, count: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, k) => k);
  let state = 0x2545f491;
  for (let k = 0; k < count; k++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = k + (state % (n - k));
    [all[k], all[j]] = [all[j]!, all[k]!];
  }
  return all.subarray(0, count).sort();
}

const EPSILON = Number.EPSILON;

/** Checks the gradients of `trace` (a run of `graph` with `bindings`) numerically. */
export function gradientCheck(graph: Graph, trace: Trace, bindings: ReadonlyMap<string, Value>, step = DEFAULT_STEP, work: number = LIMITS.work): CheckResult {
  const root = graph.size - 1;
  const seed = trace.seed ?? Float64Array.of(1);
  // The scalar whose gradient the backward pass computed, Σ seed ⊙ f, and the size of its terms (for its rounding).
  const objective = (f: Forward): [value: number, size: number] => {
    let s = 0;
    let size = 0;
    for (let k = 0; k < seed.length; k++) {
      const term = seed[k]! * f.value[f.offset[root]! + k]!;
      s += term;
      size += Math.abs(term);
    }
    return [s, size];
  };
  const base = forward(graph, bindings);
  const kinked = kinkedNodes(base);
  const baseSides = sides(base, kinked);

  const checked = graph.variables.filter((v) => trace.hasGradient[v.node]);
  const skipped = graph.variables.filter((v) => !trace.hasGradient[v.node]).map((v) => v.name);
  // Every entry of every checked variable, as one list: variable k's entries start at starts[k].
  const starts = [0];
  for (const { name } of checked) {
    const v = bindings.get(name)!;
    starts.push(starts[starts.length - 1]! + (typeof v === 'number' ? 1 : v.data.length));
  }
  const total = starts[starts.length - 1]!;
  const cost = 2 * passCost(base);
  const affordable = Math.floor(work / cost);
  if (affordable < 1) throw fail('tooMuchWork', { what: '--check', passes: 2 * total, size: cost / 2, cost: cost * total, max: work });
  const chosen = total <= affordable ? undefined : sample(total, affordable);

  const entries: CheckEntry[] = [];
  let last: Forward | undefined;
  let probes = 0;
  let secondLooks = 0;
  const checkEntry = (which: number, k: number): void => {
    const { name, node } = checked[which]!;
    const value = bindings.get(name)!;
    const data = typeof value === 'number' ? Float64Array.of(value) : value.data.slice();
    const shape = typeof value === 'number' ? [] : value.shape;
    // Each probe fills the arrays of the one before (see engine.ts's Reuse): a probe is read before the next runs.
    const probe = (x: number): Forward => {
      probes++;
      data[k] = x;
      last = probeForward(base, node, typeof value === 'number' ? x : data, last);
      return last;
    };
    const x = data[k]!;
    const analytic = trace.grad[trace.offset[node]! + k]!;
    const at = { variable: name, index: position(shape, k), analytic };
    // The step as the numbers took it: at x = 1e12, x + 1e-5 is x.
    const taken = x + step - (x - step);
    if (!(Math.abs(taken - 2 * step) <= 1e-3 * 2 * step)) {
      entries.push({ ...at, numeric: NaN, relativeError: NaN, verdict: 'unchecked', why: 'step' });
      return;
    }
    // The central difference with step `h`: its estimate, its rounding noise, and whether a probe crossed a kink.
    const difference = (h: number): { numeric: number; noise: number; kink: boolean } => {
      const plus = probe(x + h);
      const [fPlus, sizePlus] = objective(plus);
      const plusCrosses = !sameSides(baseSides, sides(plus, kinked));
      const minus = probe(x - h);
      const [fMinus, sizeMinus] = objective(minus);
      const span = x + h - (x - h);
      const kink = plusCrosses || !sameSides(baseSides, sides(minus, kinked));
      return { numeric: (fPlus - fMinus) / span, noise: (16 * EPSILON * Math.max(sizePlus, sizeMinus)) / span, kink };
    };
    const first = difference(step);
    let judged = verdictOf(analytic, first.numeric, first.kink, first.noise);
    let numeric = first.numeric;
    let refined = false;
    const failing = (): boolean => judged.verdict === 'wrong' || judged.verdict === 'doubtful';
    // A second look costs four passes more: all of them together may add half the check's bound, no more
    // (every entry of a big tensor disagreeing tripled it). Past that, the plain verdict stands: by then the
    // gradient is wrong in many entries, and a check must not pass one.
    if (failing() && (secondLooks + 4) * (cost / 2) <= work / 2) {
      secondLooks += 4;
      // Curvature, not a wrong gradient? The difference's own error is h² f‴/6: Richardson's extrapolation
      // from steps h and 2h cancels it, (4 n(h) - n(2h)) / 3, and is judged instead.
      const second = difference(2 * step);
      const extrapolated = (4 * first.numeric - second.numeric) / 3;
      const better = verdictOf(analytic, extrapolated, first.kink || second.kink, (5 * first.noise + second.noise) / 3);
      if (better.verdict === 'good' || (better.verdict === 'doubtful' && judged.verdict === 'wrong')) [judged, numeric, refined] = [better, extrapolated, true];
      if (failing()) {
        // Or is f not smooth within 2h (a pole, a steep stretch)? A smooth f's estimate settles as the step
        // shrinks: its error falls fourfold from 2h to h and again to h/2, and what is left is less than the
        // last fall. One that does not (1/x at 1e-6: the probes straddle the pole; at 3e-5, h is a third of x)
        // measures no derivative, and a right gradient is not to be called wrong on it.
        const half = difference(step / 2);
        const [wide, narrow] = [second.numeric - first.numeric, first.numeric - half.numeric];
        const unsettled = Math.abs(wide) > 10 * first.noise && (!(wide / narrow >= 2 && wide / narrow <= 8) || Math.abs(analytic - half.numeric) <= Math.abs(narrow));
        const why = !Number.isFinite(wide) || !Number.isFinite(narrow) ? 'notFinite' : unsettled ? 'unsettled' : undefined;
        if (why) [judged, numeric, refined] = [{ verdict: 'unchecked', why }, first.numeric, false];
      }
    }
    entries.push({ ...at, numeric, relativeError: relativeError(analytic, numeric), ...judged, ...(refined ? { refined } : {}) });
  };
  if (chosen === undefined) {
    for (let v = 0; v < checked.length; v++) for (let k = 0; k < starts[v + 1]! - starts[v]!; k++) checkEntry(v, k);
  } else {
    let v = 0;
    for (const flat of chosen) {
      while (flat >= starts[v + 1]!) v++;
      checkEntry(v, flat - starts[v]!);
    }
  }
  const judged = entries.some((e) => e.verdict === 'good');
  const ok = judged && entries.every((e) => e.verdict !== 'wrong' && e.verdict !== 'doubtful');
  return { step, entries, skipped, ok, steps: (probes * cost) / 2, ...(chosen === undefined ? {} : { of: total }) };
}
