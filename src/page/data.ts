// What the page carries: its graph, its variables' values, Graphviz's layout
// of its drawing, and how to say it. Written by html.ts as JSON into the
// page, read by app.ts in the browser, which runs the same engine on it.
import type { Graph } from '../graph/graph.js';
import type { Shape, Tensor } from '../graph/tensor.js';
import type { Lang } from '../texts.js';

/** A Graph as JSON: typed arrays as arrays, maps as entries, the constants' NaN as null. */
export interface GraphData {
  readonly expression: string;
  readonly op: number[];
  readonly first: number[];
  readonly args: number[];
  readonly constant: (number | null)[];
  readonly names: [number, string][];
  readonly variables: { name: string; node: number }[];
  readonly tensors: [number, { shape: number[]; data: number[] }][];
  readonly declared: [number, number[]][];
  readonly named: [number, string][];
  readonly statements: { node: number; name?: string }[];
  readonly unusedStatements: { node: number; name?: string; index: number }[];
}

/** Where Graphviz put each drawn node (its centre and size) and each edge (a cubic path, its arrow's tip, its label's centre). */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly { readonly x: number; readonly y: number; readonly w: number; readonly h: number }[];
  readonly edges: readonly { readonly path: readonly number[]; readonly tip?: readonly number[]; readonly label?: readonly number[] }[];
}

export interface PageData {
  readonly lang: Lang;
  readonly precision?: number;
  readonly plainGates: boolean;
  readonly graph: GraphData;
  /** Each variable's value: a number, or a tensor's shape and entries. */
  readonly values: [string, number | { shape: number[]; data: number[] }][];
  /** The upstream gradient the backward pass starts from, when --seed gave one. */
  readonly seed?: number[];
  readonly layout: Layout;
}

const finite = (x: number): number | null => (Number.isNaN(x) ? null : x);

export function graphData(g: Graph): GraphData {
  return {
    expression: g.expression,
    op: [...g.op],
    first: [...g.first],
    args: [...g.args],
    constant: Array.from(g.constant, finite),
    names: [...g.names],
    variables: g.variables.map((v) => ({ ...v })),
    tensors: [...g.tensors].map(([i, t]) => [i, { shape: [...t.shape], data: [...t.data] }]),
    declared: [...g.declared].map(([i, s]) => [i, [...s]]),
    named: [...g.named],
    statements: g.statements.map((s) => ({ ...s })),
    unusedStatements: g.unusedStatements.map((s) => ({ ...s })),
  };
}

export function graphOf(d: GraphData): Graph {
  return {
    expression: d.expression,
    size: d.op.length,
    op: Uint8Array.from(d.op),
    first: Int32Array.from(d.first),
    args: Int32Array.from(d.args),
    constant: Float64Array.from(d.constant, (x) => (x === null ? NaN : x)),
    names: new Map(d.names),
    variables: d.variables,
    tensors: new Map(d.tensors.map(([i, t]): [number, Tensor] => [i, { shape: t.shape, data: Float64Array.from(t.data) }])),
    declared: new Map(d.declared.map(([i, s]): [number, Shape] => [i, s])),
    named: new Map(d.named),
    statements: d.statements,
    unusedStatements: d.unusedStatements,
  };
}
