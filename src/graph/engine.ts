// The forward and backward pass over a Graph. Neither loop names an
// operation: each node's op comes from the table, and the backward pass is a
// reverse loop that adds what every edge sends into its input's gradient, so a
// node used twice collects both contributions.
//
// Values live in one flat array: node i's value is value[offset[i] …
// offset[i + 1]), one number for a scalar, rows × columns for a matrix. A
// node runs in one of three ways: numbers (the fast path), elementwise on
// tensors (the same scalar functions, a scalar input broadcast), or by its
// op's tensor rule (products, reductions, indexing).
import { BackpropError } from '../errors.js';
import { zeros } from './arena.js';
import { type Reason, reason } from '../texts.js';
import { type Graph, tensorOf, type Trace, type Warning } from './graph.js';
import { nameNodes } from './names.js';
import { type Convention, isScalarOp, OPS, type Op, type ScalarOp, VARIABLE } from './ops.js';
import { SCALAR, sameShape, type Shape, sizeOf, type Tensor } from './tensor.js';

/** A variable's value: a number, or a tensor. */
export type Value = number | Tensor;

// Per op, looked up once per node rather than asked of the op object.
const ELEMENTWISE_OP = OPS.map(isScalarOp);
const INDEX_INPUT = OPS.map((o) => o.indexInput);

const LEAF = 0;
const NUMBERS = 1;
const ELEMENTWISE = 2;
export const RULE = 3;

/** The forward pass's results, from which backward() runs (once, or once per seed). */
export interface Forward {
  readonly graph: Graph;
  readonly shape: readonly Shape[];
  readonly mode: Uint8Array;
  readonly offset: Int32Array;
  readonly value: Float64Array;
  readonly localOffset: Int32Array;
  readonly sentOffset: Int32Array;
  readonly kinks: Warning[];
}

/** "n3 = W * x", for messages about a node (named only when there is an error). */
function describe(graph: Graph, i: number): { id: string; text: string } {
  const names = nameNodes(graph);
  return { id: names.ids[i]!, text: `${names.ids[i]} = ${names.labels[i]}` };
}

function shapeError(graph: Graph, i: number, o: Op, shapes: readonly Shape[], why: Reason): BackpropError {
  const node = describe(graph, i);
  return new BackpropError('shapes', { node: node.text, id: node.id, op: o.name, shapes, why });
}

interface Shapes {
  readonly shape: Shape[];
  readonly mode: Uint8Array;
  /** How many numbers each node holds: 1 for a scalar. Typed, for the hot loops. */
  readonly count: Int32Array;
}

/**
 * With no tensor anywhere (every value a number, every op elementwise, the
 * common case, kept fast) every op node runs as numbers: their modes in one
 * pass, or undefined when some tensor is about.
 */
function numberShapes(graph: Graph, bindings: ReadonlyMap<string, Value>): Shapes | undefined {
  for (const { name } of graph.variables) if (typeof bindings.get(name) !== 'number') return undefined;
  let shapes = scalarShapes.get(graph);
  if (shapes === undefined) scalarShapes.set(graph, (shapes = scalarGraph(graph)));
  return shapes ?? undefined;
}

/** The modes of a graph with numbers only, or null where it has a tensor op or literal: they depend on the graph alone. */
function scalarGraph(graph: Graph): Shapes | null {
  if (graph.tensors.size > 0) return null;
  const { size, op, first } = graph;
  const mode = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    if (!ELEMENTWISE_OP[op[i]!]) return null;
    if (first[i + 1]! > first[i]!) mode[i] = NUMBERS;
  }
  return { shape: new Array<Shape>(size).fill(SCALAR), mode, count: new Int32Array(0) };
}

/** Kept per graph, read only: a batch or a gradient check runs one graph thousands of times. */
const scalarShapes = new WeakMap<Graph, Shapes | null>();

/** The shape of each node and how it runs; throws a shape error naming the node. */
function inferShapes(graph: Graph, bindings: ReadonlyMap<string, Value>): Shapes {
  const { size, op, first, args } = graph;
  const shape = new Array<Shape>(size).fill(SCALAR);
  const mode = new Uint8Array(size);
  const count = new Int32Array(size).fill(1);
  const setShape = (i: number, s: Shape): void => {
    shape[i] = s;
    count[i] = sizeOf(s);
  };
  for (const { name, node } of graph.variables) {
    const v = bindings.get(name);
    if (typeof v === 'object') setShape(node, v.shape);
  }
  for (const [node, t] of graph.tensors) setShape(node, t.shape);
  for (let i = 0; i < size; i++) {
    const s = first[i]!;
    const t = first[i + 1]!;
    if (s === t && OPS[op[i]!]!.arity === 0) continue; // a leaf: its shape is set
    let allScalar = true;
    let noScalar = true;
    for (let e = s; e < t; e++) {
      const rank = shape[args[e]!]!.length;
      allScalar &&= rank === 0;
      noScalar &&= rank > 0;
    }
    if (allScalar && ELEMENTWISE_OP[op[i]!]) {
      mode[i] = NUMBERS;
      continue;
    }
    const o = OPS[op[i]!]!;
    const inputs = Array.from(args.subarray(s, t), (c) => shape[c]!);
    const refused = o.refuse?.(inputs);
    if (refused !== undefined) throw shapeError(graph, i, o, inputs, refused);
    if (o.tensor && (noScalar || !isScalarOp(o))) {
      const out = o.tensor.shape(inputs, graph.declared.get(i));
      if (!Array.isArray(out)) throw shapeError(graph, i, o, inputs, out as Reason);
      mode[i] = RULE;
      setShape(i, out);
      continue;
    }
    const tensors = inputs.filter((x) => x.length > 0);
    if (!tensors.every((x) => sameShape(x, tensors[0]!))) {
      throw shapeError(graph, i, o, inputs, reason('elementwiseShapes'));
    }
    mode[i] = ELEMENTWISE;
    setShape(i, tensors[0]!);
  }
  return { shape, mode, count };
}

interface Layout {
  readonly offset: Int32Array;
  readonly localOffset: Int32Array;
  readonly sentOffset: Int32Array;
}

/** 0, 1, 2, …: kept, since a batch or a gradient check lays out the same graph again and again. */
let identity = new Int32Array(0);

/** With numbers only, node i's value is value[i] and edge e's local derivative local[e]. */
function identityLayout(size: number, edges: number): Layout {
  const n = Math.max(size, edges) + 1;
  if (identity.length < n) {
    identity = new Int32Array(Math.max(n, 2 * identity.length));
    for (let k = 0; k < identity.length; k++) identity[k] = k;
  }
  const edgeOffsets = identity.subarray(0, edges + 1);
  return { offset: identity.subarray(0, size + 1), localOffset: edgeOffsets, sentOffset: edgeOffsets };
}

/** The identity layout of a graph with numbers only, kept per graph: a batch lays one graph out 10,000 times. */
const scalarLayouts = new WeakMap<Graph, Layout>();
function scalarLayout(graph: Graph): Layout {
  let kept = scalarLayouts.get(graph);
  if (!kept) scalarLayouts.set(graph, (kept = identityLayout(graph.size, graph.args.length)));
  return kept;
}

/** Where each node's value and each edge's local derivative and gradient live in their flat arrays. */
function layout(graph: Graph, { shape, mode, count }: Shapes): Layout {
  const { size, first, args } = graph;
  const { uses } = flags(graph);
  const offset = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) offset[i + 1] = offset[i]! + count[i]!;
  const localOffset = new Int32Array(args.length + 1);
  const sentOffset = new Int32Array(args.length + 1);
  for (let i = 0; i < size; i++) {
    const m = mode[i]!;
    for (let e = first[i]!; e < first[i + 1]!; e++) {
      const n = count[args[e]!]!;
      // An elementwise local derivative has its input's shape. A rule's is a
      // full Jacobian, and so is a broadcast scalar's: neither is kept.
      const local = m === NUMBERS ? 1 : m === ELEMENTWISE && shape[args[e]!]!.length > 0 ? n : 0;
      localOffset[e + 1] = localOffset[e]! + local;
      // A tensor input read by this edge alone: what it sends is the input's
      // gradient, written there directly (no second copy of a matrix; see sentOn).
      const alone = m !== NUMBERS && uses[args[e]!] === 1;
      sentOffset[e + 1] = sentOffset[e]! + (alone ? 0 : n);
    }
  }
  return { offset, localOffset, sentOffset };
}

/**
 * The arrays of a trace its owner has done with, to be filled again: fresh
 * memory costs more than the arithmetic in a matrix-vector net (a 2 MB array
 * made and first written takes 0.3 ms, reused 0.05 ms; measured), so a loop
 * that recomputes one graph (the page, on every change) hands back the last.
 */
export type Reuse = Pick<Trace, 'value' | 'grad' | 'local' | 'sent'>;

/** `n` zeros: the given array's numbers when it has n of them, else new ones. */
const refill = (old: Float64Array | undefined, n: number): Float64Array => (old?.length === n ? old.fill(0) : zeros(n));

/** Runs the forward pass with each variable's value (by name; all must be present). */
export function forward(graph: Graph, bindings: ReadonlyMap<string, Value>, reuse?: Pick<Reuse, 'value'>): Forward {
  const { size } = graph;
  const fast = numberShapes(graph, bindings);
  const numbers = fast !== undefined;
  const { shape, mode, count } = fast ?? inferShapes(graph, bindings);
  const { offset, localOffset, sentOffset } = numbers ? scalarLayout(graph) : layout(graph, { shape, mode, count });

  // With numbers only, the constants are already in place: one copy.
  const value = refill(reuse?.value, offset[size]!);
  if (numbers) value.set(graph.constant);
  for (let i = 0; i < size && !numbers; i++) if (mode[i] === LEAF) value[offset[i]!] = graph.constant[i]!;
  if (graph.tensors.size > 0) for (const [node, t] of graph.tensors) value.set(t.data, offset[node]!);
  const { variables } = graph;
  for (let k = 0; k < variables.length; k++) {
    const { name, node } = variables[k]!;
    const v = bindings.get(name)!;
    if (typeof v === 'number') value[offset[node]!] = v;
    else value.set(v.data, offset[node]!);
  }

  return computed({ graph, shape, mode, offset, value, localOffset, sentOffset, kinks: [] });
}

/**
 * The forward pass again with one variable's entries changed (a gradient
 * check's probe): the shapes and the other values are `base`'s, so nothing is
 * looked up or laid out again (8,000 variables' lookups made each probe 0.6 ms).
 */
export function probeForward(base: Forward, node: number, entries: number | Float64Array, reuse?: Pick<Reuse, 'value'>): Forward {
  const value = reuse?.value.length === base.value.length ? reuse.value : zeros(base.value.length);
  value.set(base.value);
  if (typeof entries === 'number') value[base.offset[node]!] = entries;
  else value.set(entries, base.offset[node]!);
  return computed({ ...base, value, kinks: [] });
}

/** Computes every node of `f` from its inputs, leaves already in place; notes the kinks it passes. */
function computed(f: Forward): Forward {
  const { size } = f.graph;
  const { mode } = f;
  kinks = undefined;
  // Runs of numbers (and the leaves among them) go in one tight loop; tensor nodes are few.
  for (let i = 0; i < size; ) {
    const m = mode[i]!;
    if (m === NUMBERS || m === LEAF) {
      const end = runEnd(mode, i, 1);
      numbersForward(f, i, end);
      i = end;
      continue;
    }
    if (m === ELEMENTWISE) elementwiseForward(f, i);
    else ruleForward(f, i);
    i++;
  }
  const found = takeKinks();
  if (found) f.kinks.push(...found);
  return f;
}

/** The kinks the pass noted, as warnings (undefined: none, as in most runs). */
function takeKinks(): Warning[] | undefined {
  const found = kinks;
  kinks = undefined;
  return found && [...found.values()].map((k): Warning => ({ code: 'kink', nodes: k.nodes, op: k.op, convention: k.convention }));
}

/**
 * The kinks of the forward pass under way, by op and convention: made only
 * when there is one (most runs have none, and a batch makes thousands of
 * runs). A forward pass is synchronous and never nested, so one will do.
 */
let kinks: Map<string, { op: string; convention: Convention; nodes: number[] }> | undefined;

function kink(o: Op, i: number, convention: Convention): void {
  // Said by the name it is written with: max(v) is max, not maxEntry.
  const name = o.call ?? o.name;
  const key = `${name}\n${convention}`;
  kinks ??= new Map();
  const seen = kinks.get(key) ?? kinks.set(key, { op: name, convention, nodes: [] }).get(key)!;
  if (seen.nodes[seen.nodes.length - 1] !== i) seen.nodes.push(i);
}

/** Where a run of numbers and leaves that starts at i ends, walking by `step` (±1). */
function runEnd(mode: Uint8Array, i: number, step: number): number {
  let j = i;
  while (j >= 0 && j < mode.length && (mode[j] === NUMBERS || mode[j] === LEAF)) j += step;
  return j;
}

/** Nodes from … to (exclusive): numbers only, the fast path of the whole engine. */
function numbersForward(f: Forward, from: number, to: number): void {
  const { graph: { op, first, args }, mode, offset, value } = f;
  for (let i = from; i < to; i++) {
    if (mode[i] === LEAF) continue;
    const o = OPS[op[i]!] as ScalarOp;
    const s = first[i]!;
    const a = value[offset[args[s]!]!]!;
    const b = o.arity > 1 ? value[offset[args[s + 1]!]!]! : 0;
    value[offset[i]!] = o.forward(a, b);
    const detail = o.kink?.(a, b);
    if (detail !== undefined) kink(o, i, detail);
  }
}

function elementwiseForward(f: Forward, i: number): void {
  const { graph: { op, first, args }, shape, offset, value } = f;
  const o = OPS[op[i]!] as ScalarOp;
  const s = first[i]!;
  const out = offset[i]!;
  const n = offset[i + 1]! - out;
  // A scalar input steps 0 through its one number: broadcasting.
  const oa = offset[args[s]!]!;
  const sa = shape[args[s]!]!.length > 0 ? 1 : 0;
  const ob = o.arity > 1 ? offset[args[s + 1]!]! : 0;
  const sb = o.arity > 1 && shape[args[s + 1]!]!.length > 0 ? 1 : 0;
  for (let k = 0; k < n; k++) {
    const a = value[oa + k * sa]!;
    const b = o.arity > 1 ? value[ob + k * sb]! : 0;
    value[out + k] = o.forward(a, b);
    const detail = o.kink?.(a, b);
    if (detail !== undefined) kink(o, i, detail);
  }
}

const inputsOf = (f: Forward, i: number): Tensor[] =>
  Array.from(f.graph.args.subarray(f.graph.first[i]!, f.graph.first[i + 1]!), (c) => tensorOf(f, c));

function ruleForward(f: Forward, i: number): void {
  const { graph, shape, offset, value } = f;
  const o = OPS[graph.op[i]!]!;
  const inputs = inputsOf(f, i);
  try {
    o.tensor!.forward(inputs, value.subarray(offset[i]!, offset[i + 1]!), shape[i]!);
  } catch (e) {
    if (e instanceof BackpropError) throw e.at(`${describe(graph, i).text}: `);
    throw e;
  }
  const detail = o.tensor!.kink?.(inputs);
  if (detail !== undefined) kink(o, i, detail);
}

/** Which nodes depend on a variable through values (not only through an index). */
export function liveNodes(graph: Graph): Uint8Array {
  const { size, op, first, args } = graph;
  const live = new Uint8Array(size);
  for (const v of graph.variables) live[v.node] = 1;
  for (let i = 0; i < size; i++) {
    const index = INDEX_INPUT[op[i]!];
    for (let e = first[i]!; e < first[i + 1]! && !live[i]; e++) {
      if (live[args[e]!] && !index?.(e - first[i]!)) live[i] = 1;
    }
  }
  return live;
}

/**
 * Which nodes get a gradient: those that depend on a variable and reach the
 * output through values, not only through indices. Nobody asks for the
 * gradient of a constant (the exponent of (x - 1)^2, where it would be
 * log(-1)) or of an index, so none is computed for them. The output always
 * has one: the seed.
 */
export function gradientNodes(graph: Graph): Uint8Array {
  const { size, op, first, args } = graph;
  const live = liveNodes(graph);
  const has = new Uint8Array(size);
  if (size === 0) return has;
  has[size - 1] = 1;
  for (let i = size - 1; i >= 0; i--) {
    if (!has[i]) continue;
    const index = INDEX_INPUT[op[i]!];
    for (let e = first[i]!; e < first[i + 1]!; e++) {
      const c = args[e]!;
      if (live[c] && !index?.(e - first[i]!)) has[c] = 1;
    }
  }
  return has;
}

/** What the backward pass fills in, besides the forward pass's arrays. */
interface Backward {
  readonly f: Forward;
  readonly grad: Float64Array;
  readonly local: Float64Array;
  readonly sent: Float64Array;
  /** Node i takes a gradient (see gradientNodes). */
  readonly has: Uint8Array;
}

/** Per graph, kept: which nodes take a gradient, and how many edges read each node (one: see layout). */
const flagsOf = new WeakMap<Graph, { readonly has: Uint8Array; readonly uses: Uint32Array }>();

function flags(graph: Graph): { readonly has: Uint8Array; readonly uses: Uint32Array } {
  let kept = flagsOf.get(graph);
  if (!kept) {
    const uses = new Uint32Array(graph.size);
    for (let e = 0; e < graph.args.length; e++) uses[graph.args[e]!]!++;
    flagsOf.set(graph, (kept = { has: gradientNodes(graph), uses }));
  }
  return kept;
}

/**
 * The backward pass from the output, seeded with ∂f/∂output: 1 for a scalar
 * output; for a tensor output, ones (the gradient of the sum of the outputs)
 * unless `seed` gives another, of the output's shape.
 */
export function backward(f: Forward, seed?: Float64Array, reuse?: Reuse): Trace {
  const { graph, shape, mode, offset, value, localOffset, sentOffset } = f;
  const { size, args } = graph;
  const { has } = flags(graph);
  const grad = refill(reuse?.grad, value.length);
  const b: Backward = { f, grad, local: refill(reuse?.local, localOffset[args.length]!), sent: refill(reuse?.sent, sentOffset[args.length]!), has };
  const root = size - 1;
  if (size > 0 && seed) b.grad.set(seed, offset[root]!);
  else if (size > 0) b.grad.fill(1, offset[root]!, offset[size]!);
  for (let i = size - 1; i >= 0; ) {
    const m = mode[i]!;
    if (m === NUMBERS || m === LEAF) {
      const end = runEnd(mode, i, -1);
      numbersBackward(b, i, end);
      i = end;
      continue;
    }
    if (has[i]) {
      if (m === ELEMENTWISE) elementwiseBackward(b, i);
      else ruleBackward(b, i);
    }
    i--;
  }

  const { local, sent } = b;
  // Warnings are rare: their lists are made only when there is one.
  const warnings: Warning[] = f.kinks.length ? [...f.kinks] : [];
  // The bindings were checked finite: they are not scanned again (a weight matrix is most of the numbers).
  if (!computedFinite(f)) warnings.push({ code: 'non-finite-value', nodes: nonFiniteOrigins(f) });
  if (!allFinite(grad, 0, grad.length)) {
    const badGrads: number[] = [];
    for (let i = 0; i < size; i++) if (has[i] && !allFinite(grad, offset[i]!, offset[i + 1]!)) badGrads.push(i);
    if (badGrads.length > 0) warnings.push({ code: 'non-finite-gradient', nodes: badGrads });
  }
  const trace: Trace = { graph, shape, offset, value, grad, localOffset, local, sentOffset, sent, hasGradient: has, warnings };
  // A tensor output's seed is always said; a scalar's when --seed gives another than 1 (3 scales every gradient threefold).
  return shape[root] && (shape[root].length > 0 || (seed && seed[0] !== 1)) ? { ...trace, seed: grad.slice(offset[root]!, offset[root + 1]!) } : trace;
}

/** Nodes from down to `to` (exclusive), in reverse: numbers only. */
function numbersBackward({ f, grad, local, sent, has }: Backward, from: number, to: number): void {
  const { graph: { op, first, args }, mode, offset, value, localOffset, sentOffset } = f;
  for (let i = from; i > to; i--) {
    if (mode[i] === LEAF || !has[i]) continue;
    const o = OPS[op[i]!] as ScalarOp;
    const s = first[i]!;
    const t = first[i + 1]!;
    const a = value[offset[args[s]!]!]!;
    const b = t - s > 1 ? value[offset[args[s + 1]!]!]! : 0;
    const y = value[offset[i]!]!;
    const g = grad[offset[i]!]!;
    for (let e = s; e < t; e++) {
      const c = args[e]!;
      if (!has[c]) continue;
      const l = o.local[e - s]!(a, b, y);
      local[localOffset[e]!] = l;
      sent[sentOffset[e]!] = g * l;
      grad[offset[c]!]! += g * l;
    }
  }
}

function elementwiseBackward({ f, grad, local, sent, has }: Backward, i: number): void {
  const { graph: { op, first, args }, shape, offset, value, localOffset, sentOffset } = f;
  const o = OPS[op[i]!] as ScalarOp;
  const s = first[i]!;
  const t = first[i + 1]!;
  const out = offset[i]!;
  const n = offset[i + 1]! - out;
  const oa = offset[args[s]!]!;
  const sa = shape[args[s]!]!.length > 0 ? 1 : 0;
  const ob = t - s > 1 ? offset[args[s + 1]!]! : 0;
  const sb = t - s > 1 && shape[args[s + 1]!]!.length > 0 ? 1 : 0;
  for (let e = s; e < t; e++) {
    if (!has[args[e]!]) continue;
    const j = e - s;
    const target = offset[args[e]!]!;
    const own = j === 0 ? sa : sb;
    const keep = sentOffset[e + 1]! > sentOffset[e]!; // else sent is the input's gradient
    let total = 0;
    for (let k = 0; k < n; k++) {
      const a = value[oa + k * sa]!;
      const b = t - s > 1 ? value[ob + k * sb]! : 0;
      const l = o.local[j]!(a, b, value[out + k]!);
      const g = grad[out + k]! * l;
      if (own) {
        local[localOffset[e]! + k] = l;
        if (keep) sent[sentOffset[e]! + k] = g;
        grad[target + k]! += g;
      } else total += g; // a broadcast scalar collects from every element
    }
    if (!own) {
      if (keep) sent[sentOffset[e]!] = total;
      grad[target]! += total;
    }
  }
}

function ruleBackward({ f, grad, sent, has }: Backward, i: number): void {
  const { graph: { op, first, args }, offset, sentOffset } = f;
  const o = OPS[op[i]!]!;
  const rule = o.tensor!;
  const s = first[i]!;
  const t = first[i + 1]!;
  const inputs = inputsOf(f, i);
  const g = grad.subarray(offset[i]!, offset[i + 1]!);
  for (let e = s; e < t; e++) {
    if (!has[args[e]!] || o.indexInput?.(e - s)) continue; // a constant or an index: no gradient
    const c = args[e]!;
    const target = offset[c]!;
    // Read once, the input's gradient is exactly what this edge sends: written there (see layout).
    if (sentOffset[e + 1]! === sentOffset[e]!) {
      rule.backward(e - s, g, inputs, tensorOf(f, i), grad.subarray(target, offset[c + 1]!));
      continue;
    }
    const into = sent.subarray(sentOffset[e]!, sentOffset[e + 1]!);
    rule.backward(e - s, g, inputs, tensorOf(f, i), into);
    for (let k = 0; k < into.length; k++) grad[target + k]! += into[k]!;
  }
}

/** The steps of one pass over the graph: a step per number, and a product's multiply-adds. */
export function passCost(f: Forward): number {
  const { graph, shape, mode, offset } = f;
  let cost = offset[graph.size]!;
  for (let i = 0; i < graph.size; i++) {
    const rule = mode[i] === RULE ? OPS[graph.op[i]!]!.tensor : undefined;
    if (rule?.cost) cost += rule.cost(Array.from(graph.args.subarray(graph.first[i]!, graph.first[i + 1]!), (c) => shape[c]!));
  }
  return cost;
}

/** forward then backward: the whole run. */
export function evaluate(graph: Graph, bindings: ReadonlyMap<string, Value>, seed?: Float64Array, reuse?: Reuse): Trace {
  return backward(forward(graph, bindings, reuse), seed, reuse);
}

/** Every number in x[from … to) is finite: x * 0 is 0 for those and NaN for the rest, summed in four lanes (twice as fast as a test per number). */
function allFinite(x: Float64Array, from: number, to: number): boolean {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    s0 += x[k]! * 0;
    s1 += x[k + 1]! * 0;
    s2 += x[k + 2]! * 0;
    s3 += x[k + 3]! * 0;
  }
  for (; k < to; k++) s0 += x[k]! * 0;
  return s0 + s1 + s2 + s3 === 0;
}

/** The values of every node but the variables are finite: every binding was checked finite where it came in (toValue, parseValue). */
function computedFinite({ graph, offset, value }: Forward): boolean {
  const { size, op } = graph;
  for (let i = 0; i < size; ) {
    if (op[i] === VARIABLE) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < size && op[j] !== VARIABLE) j++; // a run of other nodes, scanned at once
    if (!allFinite(value, offset[i]!, offset[j]!)) return false;
    i = j;
  }
  return true;
}

/** Nodes whose value is not finite although every input's is: where it starts. */
function nonFiniteOrigins(f: Forward): number[] {
  const { graph, offset, value } = f;
  const out: number[] = [];
  for (let i = 0; i < graph.size; i++) {
    if (allFinite(value, offset[i]!, offset[i + 1]!)) continue;
    let inputsFinite = true;
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) {
      const c = graph.args[e]!;
      inputsFinite &&= allFinite(value, offset[c]!, offset[c + 1]!);
    }
    if (inputsFinite) out.push(i);
  }
  return out;
}
