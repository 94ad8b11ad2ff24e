// --symbolic: ∂f/∂v in closed form, by mathjs's `derivative`, next to the
// numbers, for a scalar expression. Its composites are written as their
// primitives first (the --expand templates), since mathjs knows exp but not
// sigmoid. mathjs's derivative and simplify grow without bound on products
// and nested calls, so they run in a worker under a time budget, on
// expressions of bounded size; past a bound, a variable gets a note instead
// of a closed form, and the numbers stand.
import { fail } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { inlineLength, inlineText } from '../graph/names.js';
import { SYMBOLIC_LIMITS } from '../limits.js';
import { inWorker } from '../workers.js';


/** Why a variable has no closed form: mathjs's own reason, or a bound. */
export type NoForm = { readonly mathjs: string } | { readonly bound: 'size' | 'length' | 'time' };

export interface Symbolic {
  readonly formula?: string;
  readonly why?: NoForm;
}

/** Per variable: the derivative as text, or why there is none. */
export async function symbolicGradients(expanded: Graph, scalar: boolean, workerUrl: URL): Promise<Map<string, Symbolic>> {
  if (!scalar) throw fail('symbolicScalar');
  const out = new Map<string, Symbolic>(expanded.variables.map((v) => [v.name, { why: { bound: 'size' } }]));
  // Named nodes are written out for mathjs: q = x * x; r = q * q; … doubles the text each time.
  if (expanded.size > SYMBOLIC_LIMITS.nodes || inlineLength(expanded) > 20 * SYMBOLIC_LIMITS.length) return out;
  for (const name of out.keys()) out.set(name, { why: { bound: 'time' } });
  await inWorker(workerUrl, { kind: 'symbolic', text: inlineText(expanded), variables: [...out.keys()] }, {
    stackMb: 64,
    timeoutMs: SYMBOLIC_LIMITS.ms,
    onReply: (reply) => {
      if (!('formula' in reply)) return true;
      const { name, text, why } = reply.formula;
      if (why !== undefined) out.set(name, { why: { mathjs: why } });
      else if (text !== undefined && text.length <= SYMBOLIC_LIMITS.length) out.set(name, { formula: text });
      // Too long to read: keep a shorter form that came before.
      else if (out.get(name)?.formula === undefined) out.set(name, { why: { bound: 'length' } });
      return false;
    },
  });
  return out;
}
