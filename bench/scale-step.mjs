// One scale measurement in a fresh process: node bench/scale-step.mjs INTERNALS TERMS flat|balanced
// Prints one JSON line of step timings (ms) for the benchmark's sum.
import { balancedSum, flatSum } from './gen.mjs';

const [internals, terms, shape] = process.argv.slice(2);
const m = await import(internals);
const text = (shape === 'flat' ? flatSum : balancedSum)(Number(terms));
const time = (f) => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
let [tree, parse] = time(() => m.parseExpression(text));
const [graph, lower] = time(() => m.lower(tree, text, () => false));
// The CLI's compile() returns the graph alone: from here on the parse tree is
// garbage there, and a collection during the passes does not mark it.
tree = undefined;
const [trace, evaluate] = time(() => m.evaluate(graph, new Map([['x', 0.7]])));
// Written to nowhere, as the CLI writes its chunks to standard output.
let bytes = 0;
const [, write] = time(() => m.writeJson({ trace, names: m.nameNodes(graph) }, (chunk) => (bytes += chunk.length)));
console.log(JSON.stringify({ terms: Number(terms), shape, nodes: graph.size, parse, lower, evaluate, write, bytes }));
