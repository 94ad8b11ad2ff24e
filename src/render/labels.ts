// Node ids and expression texts, computed from the Graph in one forward loop.
import type { Graph } from '../graph.js';
import { OPS } from '../ops.js';

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
  /** The whole expression, normalised (`(x + y) * z`). */
  readonly expression: string;
}

export function nameNodes(graph: Graph): Names {
  const { size, op, first, args, names, constant } = graph;
  const taken = new Set(names.values());
  const ids: string[] = new Array<string>(size);
  const full: string[] = new Array<string>(size);
  const labels: string[] = new Array<string>(size);
  const prec = new Uint8Array(size);
  let counter = 0;
  const input = (i: number, k: number): number => args[first[i]! + k]!;

  for (let i = 0; i < size; i++) {
    const name = names.get(i);
    let id = name;
    if (id === undefined) {
      do id = `n${++counter}`;
      while (taken.has(id));
    }
    ids[i] = id;
    const syntax = OPS[op[i]!]!.syntax;
    if (syntax.kind === 'leaf') {
      const text = name ?? String(constant[i]);
      full[i] = labels[i] = text;
      prec[i] = text.startsWith('-') ? PREFIX : ATOM;
      continue;
    }
    // Both texts at once: `full` for the whole expression, `labels` abbreviated.
    const part = (k: number, wrap: boolean): [string, string] => {
      const c = input(i, k);
      const f = wrap ? `(${full[c]})` : full[c]!;
      const short = full[c]!.length > LABEL_LIMIT ? ids[c]! : f;
      return [f, short];
    };
    if (syntax.kind === 'call') {
      const parts = Array.from({ length: first[i + 1]! - first[i]! }, (_, k) => part(k, false));
      full[i] = `${syntax.fn}(${parts.map((p) => p[0]).join(', ')})`;
      labels[i] = `${syntax.fn}(${parts.map((p) => p[1]).join(', ')})`;
      prec[i] = ATOM;
    } else if (syntax.kind === 'prefix') {
      const [f, s] = part(0, prec[input(i, 0)]! !== ATOM);
      full[i] = syntax.symbol + f;
      labels[i] = syntax.symbol + s;
      prec[i] = syntax.prec;
    } else {
      const p = syntax.prec;
      const left = prec[input(i, 0)]!;
      const right = prec[input(i, 1)]!;
      const [lf, ls] = part(0, left < p || (left === p && syntax.rightAssoc === true));
      const [rf, rs] = part(1, right < p || (right === p && syntax.rightAssoc !== true));
      full[i] = `${lf} ${syntax.symbol} ${rf}`;
      labels[i] = `${ls} ${syntax.symbol} ${rs}`;
      prec[i] = p;
    }
  }
  return { ids, labels, expression: size > 0 ? full[size - 1]! : '' };
}
