// The one structure every part shares. A Graph is the lowered expression: a
// flat node list in topological order (inputs before users, output last),
// held in typed arrays so that a million nodes stay cheap and the whole thing
// can be posted from a worker thread. A Trace is a Graph with the values and
// gradients of one run; every renderer reads a Trace.

export interface Graph {
  /** The expression as the user gave it, trimmed. */
  readonly expression: string;
  readonly size: number;
  /** Node i's operation: an index into OPS. */
  readonly op: Uint8Array;
  /** Node i's inputs are args[first[i]] … args[first[i + 1] - 1]; one edge each. */
  readonly first: Int32Array;
  readonly args: Int32Array;
  /** The value of each constant node (NaN for other nodes). */
  readonly constant: Float64Array;
  /** The name of each variable node and of the named constants pi and e. */
  readonly names: ReadonlyMap<number, string>;
  /** The variables in order of first use, with their node. */
  readonly variables: readonly { readonly name: string; readonly node: number }[];
}

export type WarningCode = 'unused-binding' | 'kink' | 'non-finite-value' | 'non-finite-gradient';

/** A warning about some nodes (or bindings); `render/messages` turns it into prose. */
export interface Warning {
  readonly code: WarningCode;
  /** The nodes concerned (all of them, in order), or the unused names. */
  readonly nodes: readonly number[];
  readonly names?: readonly string[];
  /** For kinks: the convention used, from the op table. */
  readonly detail?: string;
  readonly op?: string;
}

export interface Trace {
  readonly graph: Graph;
  readonly value: Float64Array;
  /** ∂f/∂node, summed over every use of the node. */
  readonly grad: Float64Array;
  /** Per edge (as graph.args): ∂node/∂input, and what the edge sent back (upstream × local). */
  readonly local: Float64Array;
  readonly sent: Float64Array;
  readonly warnings: readonly Warning[];
}
