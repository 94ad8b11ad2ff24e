// Expressions nested deeper than mathjs's recursive parser can take on the
// main thread's stack (about 260 parentheses) are parsed and lowered in a
// worker thread with a large stack. The worker's Graph comes back as typed
// arrays, so nothing deep ever crosses over.
import { createRequire } from 'node:module';
import { BackpropError, type ErrorCode, fail, type Localized } from '../errors.js';
import type { Graph } from '../graph/graph.js';

/** Enough for 100,000 nested parentheses (measured: 256 MB is not). */
const STACK_MB = 1024;
/** Deeper than this is refused at once rather than after seconds of parsing. */
export const MAX_DEPTH = 150_000;

export interface WorkerRequest {
  readonly expression: string;
  readonly bound: readonly string[];
  readonly expand: boolean;
}
export type WorkerReply =
  | { readonly graph: Graph }
  | { readonly error: { readonly code: ErrorCode; readonly message: string; readonly details: Record<string, unknown>; readonly text?: Localized } };

/** The deepest bracket nesting in the text, counted without parsing. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) max = Math.max(max, ++depth); // ( [
    else if (c === 41 || c === 93) depth--; // ) ]
  }
  return max;
}

export async function compileDeep(expression: string, bound: Iterable<string>, workerUrl: URL, expand = false): Promise<Graph> {
  const depth = nestingDepth(expression);
  if (depth > MAX_DEPTH) {
    throw fail('too-deep', 'tooDeep', { depth, max: MAX_DEPTH });
  }
  const request: WorkerRequest = { expression, bound: [...bound], expand };
  // Loaded here, not at the top: most runs never need a worker. require, not
  // import(): the executable runs the bundle from V8's code cache, where a
  // dynamic import has no loader to call.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: request, resourceLimits: { stackSizeMb: STACK_MB } });
    worker.once('message', (reply: WorkerReply) => {
      void worker.terminate();
      if ('graph' in reply) resolve(reply.graph);
      else reject(new BackpropError(reply.error.code, reply.error.message, reply.error.details, reply.error.text));
    });
    worker.once('error', (e) => reject(fail('too-deep', 'notParsed', { reason: e.message })));
  });
}
