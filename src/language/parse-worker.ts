// The worker behind compileDeep: compile with a large stack, post the Graph.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './deep.js';
import { BackpropError } from '../errors.js';
import { compile } from '../index.js';

const { expression, bound, expand } = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  const graph = compile(expression, bound, { expand });
  // Views of larger reserved buffers: posting them would copy all of each.
  reply = {
    graph: { ...graph, op: graph.op.slice(), first: graph.first.slice(), args: graph.args.slice(), constant: graph.constant.slice() },
  };
} catch (e) {
  reply = e instanceof BackpropError
    ? { error: { code: e.code, message: e.message, details: { ...e.details }, ...(e.text ? { text: e.text } : {}) } }
    : { error: { code: 'too-deep', message: `the expression could not be parsed: ${String(e)}`, details: {} } };
}
parentPort?.postMessage(reply);
