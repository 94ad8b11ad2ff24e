// --symbolic: ∂f/∂v in closed form, by mathjs's `derivative`, for a scalar
// expression. Its composites are written as their primitives first (the
// --expand templates), since mathjs knows exp but not sigmoid. All of mathjs
// is loaded for this, and only for this: it costs most of a second.
import { createRequire } from 'node:module';
import { fail } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { expressionText } from '../graph/names.js';

/** Larger expressions have no closed form worth reading. */
const MAX_NODES = 2000;

interface MathJs {
  derivative(expression: string, variable: string): { toString(): string };
}

/** Per variable: the derivative as text, or why mathjs could not give it. */
export function symbolicGradients(expanded: Graph, scalar: boolean): Map<string, { formula?: string; why?: string }> {
  if (!scalar) throw fail('usage', 'symbolicScalar');
  if (expanded.size > MAX_NODES) throw fail('usage', 'symbolicTooLarge', { max: MAX_NODES, size: expanded.size });
  const mathjs = createRequire(import.meta.url)('mathjs') as MathJs;
  const text = expressionText(expanded);
  const out = new Map<string, { formula?: string; why?: string }>();
  for (const { name } of expanded.variables) {
    try {
      out.set(name, { formula: mathjs.derivative(text, name).toString() });
    } catch (e) {
      out.set(name, { why: (e as Error).message.replace(/ \(char \d+\)$/, '') });
    }
  }
  return out;
}
