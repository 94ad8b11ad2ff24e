// Expressions nested deeper than mathjs's recursive parser can take on the
// main thread's stack (about 260 parentheses) are parsed and lowered in a
// worker thread with a large stack. The worker's Graph comes back as typed
// arrays, so nothing deep ever crosses over.
import { BackpropError, fail } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { compile, precheck, sourceText } from '../pipeline.js';
import type { ErrorKey, ParamsOf } from '../texts.js';
import { inWorker } from '../workers.js';

/** Enough for 100,000 nested parentheses (measured: 256 MB is not). */
const STACK_MB = 1024;

/** compile, on this thread when its stack is deep enough, else in the worker at `workerUrl`. */
export async function compileAnyDepth(expression: string, bound: Iterable<string>, workerUrl: URL, expand = false): Promise<Graph> {
  try {
    return compile(expression, bound, { expand });
  } catch (e) {
    if (!(e instanceof BackpropError) || e.key !== 'tooDeepToParse') throw e;
  }
  const text = sourceText(expression);
  precheck(text);
  let graph: Graph | undefined;
  let error: BackpropError | undefined;
  const how = await inWorker(workerUrl, { kind: 'parse', expression: text, bound: [...bound], expand }, {
    stackMb: STACK_MB,
    onReply: (reply) => {
      if ('graph' in reply) graph = reply.graph;
      else if ('error' in reply) error = new BackpropError(reply.error.key, reply.error.params as ParamsOf<ErrorKey>, reply.error.suffix ? { suffix: reply.error.suffix } : {});
      else if ('failed' in reply) error = fail('notParsed', { reason: reply.failed });
      return true;
    },
  });
  if (error) throw error;
  if (graph) return graph;
  throw fail('notParsed', { reason: typeof how === 'object' ? how.died : 'the parser stopped' });
}
