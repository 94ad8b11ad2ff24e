// The library (SPEC §7): an expression and its variables' values in, the
// --json document's data out, typed; no I/O. The command line is a shell
// over the same pipeline.
import type { Value } from './graph/engine.js';
import { nameNodes } from './graph/names.js';
import { fail } from './errors.js';
import { clip } from './quote.js';
import { toValue } from './language/bindings.js';
import { compile, execute } from './pipeline.js';
import { documentOf, type Result } from './render/document.js';

export { BackpropError } from './errors.js';
export type { ErrorCode } from './texts.js';
export type { Input, Node, Numbers, Result } from './render/document.js';

/** A variable's value: a number, a vector (an array or a Float64Array/Float32Array), a matrix as rows, or { shape, data } (row by row). */
export type BindingValue = number | readonly number[] | Float64Array | Float32Array | readonly (readonly number[])[] | { readonly shape: readonly number[]; readonly data: ArrayLike<number> };

export type Bindings = Readonly<Record<string, BindingValue>> | ReadonlyMap<string, BindingValue>;

export interface RunOptions {
  /** The upstream gradient for a tensor output, of its shape (default: ones); a number seeds every entry alike. */
  readonly seed?: BindingValue;
  /** Composite functions (sigmoid, softmax, …) as their primitive graphs. */
  readonly expand?: boolean;
}

/**
 * Differentiates `expression` at `bindings`: the forward pass, then the
 * backward pass from f. Throws a BackpropError (with a `code` and an
 * `exitCode` of 2) for an expression or a value that cannot be used.
 */
export function run(expression: string, bindings: Bindings = {}, options: RunOptions = {}): Result {
  // Callers from JavaScript have no types to stop them: what TypeScript would refuse is a BackpropError too.
  if (typeof expression !== 'string') throw fail('runExpression', { type: typeOf(expression) });
  if (typeof bindings !== 'object' || bindings === null || Array.isArray(bindings)) throw fail('runBindings', { type: typeOf(bindings) });
  const entries = bindings instanceof Map ? [...bindings] : Object.entries(bindings);
  const values = new Map<string, Value>(entries.map(([name, v]) => [name, toValue(name, v)]));
  // null options are no options, as undefined are; anything else is said, not ignored ({ fields: … } is the CLI's).
  const given: unknown = options ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw fail('runOptions', { given: typeOf(given) });
  const odd = Object.keys(given).find((k) => k !== 'seed' && k !== 'expand');
  if (odd !== undefined) throw fail('runOptions', { given: `an object with ${clip(odd, 40)}` });
  const { seed, expand } = given as RunOptions;
  if (expand !== undefined && typeof expand !== 'boolean') throw fail('runOptions', { given: `expand: ${typeOf(expand)}` });
  const graph = compile(expression, values.keys(), { expand: expand === true });
  const trace = execute(graph, values, seed === undefined ? {} : { seed: toValue('seed', seed) });
  return documentOf(trace, nameNodes(graph));
}

/** What a value is, as a message names it: null, an array, a number. */
const typeOf = (x: unknown): string => (x === null || x === undefined ? String(x) : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `a ${typeof x}`);
