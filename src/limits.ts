// Every bound on what one run may read or do, in one place (SPEC §5: no
// input may hang the tool or exhaust its memory). Past a bound, the run stops
// with a clear error, exit 2, in seconds; the README lists them.
export const LIMITS = {
  /** Default size of any one input (--file, --vars, --batch, standard input), in MiB; --max-input sets another. */
  inputMiB: 64,
  /** The most --max-input may set: the longest string Node holds is 512 MiB, and an endless input must stop in seconds. */
  maxInputMiB: 512,
  /** Tokens in the expression: mathjs's parser holds an object for each (measured: 4 million tokens, about 12 s and 1 GB). */
  tokens: 4_000_000,
  /** Bracket nesting: deeper is refused before parsing (100,000 levels take about 3 s in the big-stack worker). */
  depth: 150_000,
  /** --check and --jacobian: passes × numbers per pass (measured: about 1e9 steps take a few seconds). */
  work: 1e9,
  /** --jacobian: numbers in the Jacobian itself. */
  jacobianNumbers: 10_000_000,
  /** --batch: lines of one batch (measured: a million take 10–15 s; 64 MiB of `{}` lines, 21 million, took minutes). */
  batchLines: 1_000_000,
  /** --batch --check: every line's check together, in steps as `work` counts them (measured: 1e10 took 13 s, 36 lines of a 64×64 net). */
  batchCheckWork: 3e10,
  /** --batch: expressions one batch parses, lines sharing one parsing it once (measured: about 50 µs each, so 5 s). */
  batchParses: 100_000,
} as const;

/** --symbolic: past these, a note instead of a closed form, and the numbers stand. */
export const SYMBOLIC_LIMITS = {
  /** Nodes of the expanded expression: a closed form of more is not worth reading. */
  nodes: 300,
  /** Characters of a closed form. */
  length: 2000,
  /** The worker's whole time, mathjs's loading included (about 0.7 s of it). */
  ms: 4000,
} as const;

/** Pictures (--format dot, mermaid, svg and the page). */
export const PICTURE_LIMITS = {
  /**
   * A leaf used more often than this is drawn once per use: Graphviz lays
   * out one node with many labelled edges in time that grows steeply
   * (measured: x used 100 times, 55 s; 100 leaves, 0.4 s).
   */
  uses: 4,
  /** Graphs with more drawn nodes than this are drawn without edge labels. */
  labelled: 1500,
  /** More drawn nodes than this are not laid out at all (--format dot still writes them). */
  svgNodes: 20_000,
  /** Graphviz's time in its worker, in ms. */
  layoutMs: 60_000,
} as const;
