// TensorFlow.js (CPU backend) doing the whole job of one CLI run as its own
// process: read a --vars JSON file, build tensors, one forward and one
// backward pass of sum((W2*relu(W1*x) - t).^2). It prints one number, like
// torch_net.py --vars: the yardstick is the computation, not the printing.
// Usage: node bench/baselines/tfjs_net.mjs FILE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
await tf.setBackend('cpu');
const v = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const column = (a) => (Array.isArray(a[0]) ? a : a.map((e) => [e]));
const [W1, W2, x] = ['W1', 'W2', 'x'].map((k) => tf.variable(tf.tensor2d(column(v[k]))));
const t = tf.tensor2d(column(v.t));
const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(tf.matMul(W2, tf.relu(tf.matMul(W1, x))), t))));
await value.data();
const g = await grads[W1.name].data();
console.log(JSON.stringify({ value: (await value.data())[0], W1: g[0] }));
