// The worker thread behind workers.ts: one script for every job, each
// answered by messages (see Reply there).
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { BackpropError } from './errors.js';
import { compile } from './pipeline.js';
import type { Job, Reply } from './workers.js';

const post = (reply: Reply): void => parentPort!.postMessage(reply);
const load = createRequire(import.meta.url);

function parse(job: Extract<Job, { kind: 'parse' }>): void {
  const graph = compile(job.expression, job.bound, { expand: job.expand });
  // Views of larger reserved buffers: posting them would copy all of each.
  post({ graph: { ...graph, op: graph.op.slice(), first: graph.first.slice(), args: graph.args.slice(), constant: graph.constant.slice() } });
}

interface MathJs {
  derivative(expression: string, variable: string, options?: { simplify: boolean }): { toString(): string };
  simplify(expression: string): { toString(): string };
}

/**
 * Every variable's derivative unsimplified first (fast), then each
 * simplified in turn (mathjs's simplify can take minutes on a product):
 * the caller keeps whatever arrived by its deadline.
 */
function symbolic(job: Extract<Job, { kind: 'symbolic' }>): void {
  const mathjs = load('mathjs') as MathJs;
  const raw = new Map<string, string>();
  for (const name of job.variables) {
    try {
      const text = mathjs.derivative(job.text, name, { simplify: false }).toString();
      raw.set(name, text);
      post({ formula: { name, text, simplified: false } });
    } catch (e) {
      post({ formula: { name, why: (e as Error).message.replace(/ \(char \d+\)$/, ''), simplified: true } });
    }
  }
  for (const [name, text] of raw) post({ formula: { name, text: mathjs.simplify(text).toString(), simplified: true } });
}

async function layout(job: Extract<Job, { kind: 'layout' }>): Promise<void> {
  const { instance } = load('@viz-js/viz') as typeof import('@viz-js/viz');
  const viz = await instance();
  const result = viz.render(job.dot, { format: job.format });
  if (result.status === 'success') post({ laidOut: result.output });
  else post({ failed: result.errors.map((e) => e.message).join('; ') || 'Graphviz could not lay it out' });
}

async function answer(job: Job): Promise<void> {
  try {
    if (job.kind === 'parse') parse(job);
    else if (job.kind === 'symbolic') symbolic(job);
    else await layout(job);
    post({ done: true });
  } catch (e) {
    // Graphviz out of memory throws an object of its own, not an Error.
    if (e instanceof BackpropError) post({ error: { key: e.key, params: e.params, ...(e.around.suffix ? { suffix: e.around.suffix } : {}) } });
    else post({ failed: e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e) });
  }
}

void answer(workerData as Job);
