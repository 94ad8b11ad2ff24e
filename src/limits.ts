// Every bound on what one run may read or do, in one place (SPEC §5: no
// input may hang the tool or exhaust its memory). Past a bound, the run stops
// with a clear error, exit 2, in seconds; the README lists them.
export const LIMITS = {
  /** Default size of any one input (--file, --vars, --batch, standard input), in MiB; --max-input sets another. */
  inputMiB: 64,
  /** Tokens in the expression: mathjs's parser holds an object for each (measured: 4 million tokens, about 12 s and 1 GB). */
  tokens: 4_000_000,
  /** Bracket nesting: deeper is refused before parsing (100,000 levels take about 3 s in the big-stack worker). */
  depth: 150_000,
  /** --check and --jacobian: passes × numbers per pass (measured: about 1e9 steps take a few seconds). */
  work: 1e9,
  /** --jacobian: numbers in the Jacobian itself. */
  jacobianNumbers: 10_000_000,
} as const;
