// The 2-layer net loss sum((W2*relu(W1*x) - t).^2), W1 512×512, W2 10×512,
// x a vector or a 512×64 batch: warm forward + backward, backprop and
// TensorFlow.js's CPU backend alternately in one process (TF.js computes in
// float32, backprop in float64). Usage: node bench/net-step.mjs INTERNALS BATCH
// Prints one JSON line: median ms of each, and this process's peak RSS.
// With --alone, TF.js is not loaded, so the RSS is backprop's own. TF.js
// comes from bench/'s own package (npm run bench installs it).
import { createRequire } from 'node:module';

const { compile, execute } = await import(process.argv[2]);
const require = createRequire(import.meta.url);
const batch = Number(process.argv[3] ?? 64);
const rounds = 30;
let seed = 1;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 0.1 - 0.05;
const data = (n) => Float64Array.from({ length: n }, random);
const shape = (rows) => (batch === 1 ? [rows] : [rows, batch]);
const W1 = { shape: [512, 512], data: data(512 * 512) };
const W2 = { shape: [10, 512], data: data(10 * 512) };
const x = { shape: shape(512), data: data(512 * batch) };
const t = { shape: shape(10), data: data(10 * batch) };
const graph = compile('sum((W2*relu(W1*x) - t).^2)', ['W1', 'W2', 'x', 't']);
const bindings = new Map(Object.entries({ W1, W2, x, t }));
// As a loop that recomputes one graph does it (the page): the last trace's arrays are filled again.
// PyTorch's caching allocator does the same for its tensors. "fresh" makes new arrays every time.
let last;
const ours = () => (last = execute(graph, bindings, { reuse: last }));
const fresh = () => execute(graph, bindings);

let theirs;
if (!process.argv.includes('--alone')) try {
  const tf = require('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const v = (tensor) => tf.variable(tf.tensor(Float32Array.from(tensor.data), [...tensor.shape.length === 1 ? [tensor.shape[0], 1] : tensor.shape]));
  const [w1, w2, xv] = [v(W1), v(W2), v(x)];
  const tt = tf.tensor(Float32Array.from(t.data), t.shape.length === 1 ? [10, 1] : t.shape);
  const loss = () => tf.sum(tf.square(tf.sub(tf.matMul(w2, tf.relu(tf.matMul(w1, xv))), tt)));
  theirs = async () => {
    const { value, grads } = tf.variableGrads(loss);
    await value.data();
    for (const g of Object.values(grads)) await g.data();
    tf.dispose([value, ...Object.values(grads)]);
  };
} catch {
  theirs = undefined; // not installed
}

const times = { ours: [], fresh: [], tfjs: [] };
for (let r = 0; r < rounds + 5; r++) {
  let s = performance.now();
  ours();
  if (r >= 5) times.ours.push(performance.now() - s);
  s = performance.now();
  fresh();
  if (r >= 5) times.fresh.push(performance.now() - s);
  if (theirs) {
    s = performance.now();
    await theirs();
    if (r >= 5) times.tfjs.push(performance.now() - s);
  }
}
const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : null);
console.log(JSON.stringify({ batch, ours: median(times.ours), fresh: median(times.fresh), tfjs: median(times.tfjs), maxRssMB: process.resourceUsage().maxRSS / 1024 }));
