// Work that may need more stack than the main thread has, or more time than
// a run may take, goes to a worker thread: parsing an expression nested
// 100,000 deep, mathjs's symbolic derivative (which grows without bound on
// products), Graphviz's layout (which recurses and allocates per edge). The
// worker can be stopped at a deadline, whatever it is doing; its stack and
// memory are its own. worker.ts is the other side.
import { createRequire } from 'node:module';
import type { Graph } from './graph/graph.js';
import { fail } from './errors.js';
import { PICTURE_LIMITS } from './limits.js';
import type { ErrorKey } from './texts.js';

export type Job =
  | { readonly kind: 'parse'; readonly expression: string; readonly bound: readonly string[]; readonly expand: boolean }
  | { readonly kind: 'symbolic'; readonly text: string; readonly variables: readonly string[] }
  | { readonly kind: 'layout'; readonly dot: string; readonly format: 'svg' | 'json' };

/** A message from the worker: a result, a part of one (symbolic forms as they come), or an error. */
export type Reply =
  | { readonly graph: Graph }
  | { readonly formula: { readonly name: string; readonly text?: string; readonly why?: string; readonly simplified: boolean } }
  | { readonly laidOut: string }
  | { readonly done: true }
  | { readonly error: { readonly key: ErrorKey; readonly params: unknown; readonly suffix?: string } }
  | { readonly failed: string };

export interface WorkerOptions {
  /** Stack for the worker, in MB (the default is under 1 MB). */
  readonly stackMb?: number;
  /** Stop the worker after this long; the promise then resolves to 'timeout'. */
  readonly timeoutMs?: number;
  /** Every message, as it comes; the worker's last one settles the promise. */
  readonly onReply: (reply: Reply) => boolean;
}

/**
 * Runs a job; `onReply` returns true when a reply ends it. Resolves to 'done',
 * 'timeout' (stopped at the deadline) or the reason the worker died
 * (Graphviz out of memory, a stack overflow), never throws.
 */
export function inWorker(url: URL, job: Job, options: WorkerOptions): Promise<'done' | 'timeout' | { readonly died: string }> {
  // require, not import(): the executable runs the bundle from V8's code
  // cache, where a dynamic import has no loader to call.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return new Promise((resolve) => {
    const worker = new Worker(url, { workerData: job, ...(options.stackMb ? { resourceLimits: { stackSizeMb: options.stackMb } } : {}) });
    let settled = false;
    const settle = (how: 'done' | 'timeout' | { died: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(how);
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => settle('timeout'), options.timeoutMs);
    worker.on('message', (reply: Reply) => {
      if (!settled && options.onReply(reply)) settle('done');
    });
    worker.once('error', (e: unknown) => settle({ died: e instanceof Error ? e.message : String(e) }));
    worker.once('exit', (code) => settle(code === 0 ? 'done' : { died: `the worker stopped with code ${code}` }));
  });
}

/** Graphviz's layout of a DOT text, as SVG or as its JSON of positions, in a worker under PICTURE_LIMITS; what goes wrong is exit 2. */
export async function layOut(url: URL, dot: string, format: 'svg' | 'json', nodes: number): Promise<string> {
  let laidOut: string | undefined;
  let failed: string | undefined;
  const how = await inWorker(url, { kind: 'layout', dot, format }, {
    stackMb: 512,
    timeoutMs: PICTURE_LIMITS.layoutMs,
    onReply: (reply) => {
      if ('laidOut' in reply) laidOut = reply.laidOut;
      else if ('failed' in reply) failed = reply.failed;
      return true;
    },
  });
  if (laidOut !== undefined) return laidOut;
  if (how === 'timeout') throw fail('layoutTime', { nodes, seconds: PICTURE_LIMITS.layoutMs / 1000 });
  throw fail('layoutFailed', { nodes, reason: failed ?? (typeof how === 'object' ? how.died : 'no picture') });
}
