// Node ids and expression texts, computed from the Graph in forward loops.
import type { Graph } from './graph.js';
import { OPS } from './ops.js';
import type { Shape } from './tensor.js';

/**
 * A child whose text is longer than this shows as its id in its users'
 * labels, so that labels stay short and their total size linear in the graph.
 */
export const LABEL_LIMIT = 40;

/** Precedence of a node's text: leaves and calls never need parentheses. */
const ATOM = 10;
const PREFIX = 3;

export interface Names {
  /** Variables (and pi, e) go by their name; other nodes n1, n2, … in order. */
  readonly ids: readonly string[];
  /** The node's expression text, with long subexpressions as their ids. */
  readonly labels: readonly string[];
  /** The length of the whole expression's text (see expressionText). */
  readonly expressionLength: number;
}

/** A vector or matrix as mathjs writes it: [1, 2] or [[1, 2], [3, 4]]. */
export function matrixText(shape: Shape, element: (k: number) => string): string {
  if (shape.length === 1) return `[${Array.from({ length: shape[0]! }, (_, k) => element(k)).join(', ')}]`;
  const [rows, cols] = shape as [number, number];
  const row = (r: number) => `[${Array.from({ length: cols }, (_, c) => element(r * cols + c)).join(', ')}]`;
  return `[${Array.from({ length: rows }, (_, r) => row(r)).join(', ')}]`;
}

/** Node i's text, given how each input shows (`wrap`: it needs parentheses). */
function compose(graph: Graph, prec: Uint8Array, i: number, input: (c: number, wrap: boolean) => string): string {
  const syntax = OPS[graph.op[i]!]!.syntax;
  const s = graph.first[i]!;
  const t = graph.first[i + 1]!;
  const a = graph.args[s]!;
  switch (syntax.kind) {
    case 'call': {
      let text = `${syntax.fn}(${input(a, false)}`;
      for (let e = s + 1; e < t; e++) text += `, ${input(graph.args[e]!, false)}`;
      return `${text})`;
    }
    case 'prefix':
      return syntax.symbol + input(a, prec[a] !== ATOM);
    case 'postfix':
      return input(a, prec[a] !== ATOM) + syntax.symbol;
    case 'index': {
      const indices = Array.from(graph.args.subarray(s + 1, t), (c) => input(c, false));
      return `${input(a, prec[a] !== ATOM)}[${indices.join(', ')}]`;
    }
    case 'matrix':
      return matrixText(graph.declared.get(i)!, (k) => input(graph.args[s + k]!, false));
    case 'same':
      return input(a, false);
    case 'infix': {
      const b = graph.args[s + 1]!;
      const right = syntax.rightAssoc === true;
      const wrapA = prec[a]! < syntax.prec || (prec[a] === syntax.prec && right);
      const wrapB = prec[b]! < syntax.prec || (prec[b] === syntax.prec && !right);
      return `${input(a, wrapA)} ${syntax.symbol} ${input(b, wrapB)}`;
    }
    case 'leaf': {
      const tensor = graph.tensors.get(i);
      if (tensor) return matrixText(tensor.shape, (k) => String(tensor.data[k]));
      return graph.names.get(i) ?? String(graph.constant[i]);
    }
  }
}

/** Node i's precedence, given its inputs' (`prec`): a new name for a node (q = x) reads as that node. */
function precedence(graph: Graph, prec: Uint8Array, i: number): number {
  const syntax = OPS[graph.op[i]!]!.syntax;
  if (syntax.kind === 'same') return prec[graph.args[graph.first[i]!]!]!;
  if (syntax.kind === 'infix' || syntax.kind === 'prefix') return syntax.prec;
  if (syntax.kind === 'leaf' && graph.constant[i]! < 0) return PREFIX; // -2 reads as a minus sign
  return ATOM;
}

export function nameNodes(graph: Graph): Names {
  const { size, names, named } = graph;
  const taken = new Set([...names.values(), ...named.values()]);
  const ids = new Array<string>(size);
  const labels = new Array<string>(size);
  const prec = new Uint8Array(size);
  const fullLength = new Float64Array(size);
  let counter = 0;
  // The full text's length, without building it: the label's, plus what
  // each abbreviated input would have added.
  let hidden = 0;
  const input = (c: number, wrap: boolean): string => {
    // A named node reads as its name in its users, as the lecture writes f = q * z.
    if (named.has(c)) return named.get(c)!;
    if (fullLength[c]! <= LABEL_LIMIT) return wrap ? `(${labels[c]})` : labels[c]!;
    hidden += fullLength[c]! + (wrap ? 2 : 0) - ids[c]!.length;
    return ids[c]!;
  };
  for (let i = 0; i < size; i++) {
    let id = names.get(i) ?? named.get(i);
    if (id === undefined) {
      do id = `n${++counter}`;
      while (taken.has(id));
    }
    ids[i] = id;
    prec[i] = named.has(i) ? ATOM : precedence(graph, prec, i);
    hidden = 0;
    labels[i] = compose(graph, prec, i, input);
    fullLength[i] = labels[i]!.length + hidden;
  }
  return { ids, labels, expressionLength: size > 0 ? fullLength[size - 1]! : 0 };
}

/** stepText's precedences: compose reads only the inputs' entries, which each call sets (one array a node made --explain quadratic). */
let stepPrec = new Uint8Array(0);

/** Node i over its inputs' ids (leaves by their text): `n10 = 1 + n9`, one step of the graph. */
export function stepText(graph: Graph, names: Names, i: number): string {
  if (stepPrec.length < graph.size) stepPrec = new Uint8Array(Math.max(graph.size, 2 * stepPrec.length));
  const prec = stepPrec;
  const inputs = graph.args.subarray(graph.first[i]!, graph.first[i + 1]!);
  for (const c of inputs) prec[c] = graph.first[c] === graph.first[c + 1] ? precedence(graph, prec, c) : ATOM;
  return compose(graph, prec, i, (c, wrap) => {
    if (graph.first[c] !== graph.first[c + 1]) return names.ids[c]!;
    return wrap ? `(${names.labels[c]})` : names.labels[c]!;
  });
}

/** Each node's whole text, named nodes as their names (or everything inlined). Linear in the text's length. */
function fullTexts(graph: Graph, inline: boolean): string[] {
  const full = new Array<string>(graph.size);
  const prec = new Uint8Array(graph.size);
  const asInput = (c: number, wrap: boolean): string => {
    if (!inline && graph.named.has(c)) return graph.named.get(c)!;
    return wrap ? `(${full[c]})` : full[c]!;
  };
  for (let i = 0; i < graph.size; i++) {
    prec[i] = precedence(graph, prec, i);
    full[i] = compose(graph, prec, i, asInput);
    if (!inline && graph.named.has(i)) prec[i] = ATOM;
  }
  return full;
}

/** The whole expression as one, normalised and inlined: `(x + y) * z`, names and all written out (for mathjs). */
export function inlineText(graph: Graph): string {
  return fullTexts(graph, true)[graph.size - 1] ?? '';
}

/** The program's statements, normalised: [`q = x + y`, `f = q * z`]; one expression is one line without a name. */
export function programLines(graph: Graph): string[] {
  const { statements } = graph;
  if (statements.length <= 1 && statements[0]?.name === undefined) return [inlineText(graph)];
  const full = fullTexts(graph, false);
  // A bare statement that names a node already named (q = x * 2; q) is that name, not its node's text again.
  return statements.map((s) => (s.name === undefined ? (graph.named.get(s.node) ?? full[s.node]!) : `${s.name} = ${full[s.node]}`));
}

/** The program on one line: `(x + y) * z`, or `q = x + y; f = q * z`. */
export const expressionText = (graph: Graph): string => programLines(graph).join('; ');

/** The length inlineText would have, without building it: names written out can double a text per statement. */
export const inlineLength = (graph: Graph): number => nameNodes({ ...graph, named: new Map() }).expressionLength;

/**
 * What the output is called in ∂…/∂x: the name its statement gives it (L = …,
 * as the lecture names a loss), else f; and where f is something else's name
 * (a variable, a node before the output), out, so that ∂f/∂f never means two things.
 */
export function outputName(graph: Graph): string {
  const named = graph.named.get(graph.size - 1);
  if (named !== undefined) return named;
  // Asked by every batch line with an answer: a graph of a million variables is looked through once.
  let name = outputNames.get(graph);
  if (name === undefined) {
    const taken = nodesByName(graph);
    name = ['f', 'out', 'output'].find((n) => !taken.has(n)) ?? 'f';
    outputNames.set(graph, name);
  }
  return name;
}
const outputNames = new WeakMap<Graph, string>();

/** The node each name stands for: a variable's, or the node a statement named (q = x + y). */
export function nodesByName(graph: Graph): ReadonlyMap<string, number> {
  // Made once a graph: a batch line of 200,000 answers looked each through every variable (50 s).
  let nodes = nodesByNames.get(graph);
  if (nodes === undefined) {
    nodes = new Map(graph.variables.map((v) => [v.name, v.node]));
    for (const [node, name] of graph.named) if (!nodes.has(name)) nodes.set(name, node);
    nodesByNames.set(graph, nodes);
  }
  return nodes;
}
const nodesByNames = new WeakMap<Graph, Map<string, number>>();
