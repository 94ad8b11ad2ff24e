// The plain-tape yardstick for a million-op graph (issue #11): mathjs's parse
// from the same bundle as the CLI, one flat typed-array tape, one forward and
// one reverse loop, and every node's value and gradient printed as JSON. No
// table, no checks, no names, no edges: the floor a whole `backprop --json`
// process is measured against. It knows the few operations of bench/gen.mjs.
// Usage: node yardstick.cjs FILE x=VALUE
import { readFileSync, writeSync } from 'node:fs';
import type { MathNode } from 'mathjs';
import { parseExpression } from '../src/language/parse.js';

const [file, binding] = process.argv.slice(2) as [string, string];
const [name, given] = binding.split('=') as [string, string];
const tree = parseExpression(readFileSync(file, 'utf8'));

const ADD = 1, SUBTRACT = 2, MULTIPLY = 3, DIVIDE = 4, RELU = 5, NEGATE = 6;
const CODES: Record<string, number> = { add: ADD, subtract: SUBTRACT, multiply: MULTIPLY, divide: DIVIDE, relu: RELU, unaryMinus: NEGATE };
let capacity = 1 << 16;
let op = new Uint8Array(capacity), a = new Int32Array(capacity), b = new Int32Array(capacity), value = new Float64Array(capacity);
let size = 0;
const variable = new Map<string, number>();
function push(code: number, x: number, y: number, v: number): number {
  if (size === capacity) {
    capacity *= 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const n = make(capacity);
      n.set(old);
      return n;
    };
    op = grow(op, (n) => new Uint8Array(n));
    a = grow(a, (n) => new Int32Array(n));
    b = grow(b, (n) => new Int32Array(n));
    value = grow(value, (n) => new Float64Array(n));
  }
  op[size] = code;
  a[size] = x;
  b[size] = y;
  value[size] = v;
  return size++;
}

// Post-order without recursion: a flat sum is a left spine a million deep.
type Item = { node: MathNode; done: boolean };
const stack: Item[] = [{ node: tree, done: false }];
const results: number[] = [];
while (stack.length > 0) {
  const item = stack.pop()!;
  const n = item.node as MathNode & { args?: MathNode[]; content?: MathNode; fn?: string | { name: string }; value?: number; name?: string };
  if (n.type === 'ParenthesisNode') {
    stack.push({ node: n.content!, done: false });
    continue;
  }
  if (n.type === 'ConstantNode') {
    results.push(push(0, -1, -1, Number(n.value)));
    continue;
  }
  if (n.type === 'SymbolNode') {
    let at = variable.get(n.name!);
    if (at === undefined) variable.set(n.name!, (at = push(0, -1, -1, n.name === name ? Number(given) : NaN)));
    results.push(at);
    continue;
  }
  const args = n.args!;
  if (!item.done) {
    stack.push({ node: n, done: true });
    for (let k = args.length - 1; k >= 0; k--) stack.push({ node: args[k]!, done: false });
    continue;
  }
  const fn = typeof n.fn === 'string' ? n.fn : n.fn!.name;
  const code = CODES[fn];
  if (code === undefined) throw new Error(`the yardstick knows no ${fn}`);
  const y = args.length > 1 ? results.pop()! : -1;
  const x = results.pop()!;
  results.push(push(code, x, y, 0));
}

// Forward.
for (let i = 0; i < size; i++) {
  const x = value[a[i]!]!, y = b[i]! >= 0 ? value[b[i]!]! : 0;
  switch (op[i]) {
    case ADD: value[i] = x + y; break;
    case SUBTRACT: value[i] = x - y; break;
    case MULTIPLY: value[i] = x * y; break;
    case DIVIDE: value[i] = x / y; break;
    case RELU: value[i] = x > 0 ? x : 0; break;
    case NEGATE: value[i] = -x; break;
  }
}
// Reverse.
const grad = new Float64Array(size);
grad[size - 1] = 1;
for (let i = size - 1; i >= 0; i--) {
  const g = grad[i]!;
  const x = a[i]!, y = b[i]!;
  switch (op[i]) {
    case ADD: grad[x]! += g; grad[y]! += g; break;
    case SUBTRACT: grad[x]! += g; grad[y]! -= g; break;
    case MULTIPLY: grad[x]! += g * value[y]!; grad[y]! += g * value[x]!; break;
    case DIVIDE: grad[x]! += g / value[y]!; grad[y]! -= (g * value[x]!) / (value[y]! * value[y]!); break;
    case RELU: grad[x]! += value[x]! > 0 ? g : 0; break;
    case NEGATE: grad[x]! -= g; break;
  }
}

// Printed in chunks, blocks of numbers at a time (the fastest printing JavaScript has: JSON.stringify of an array).
const out = (text: string): void => {
  const buffer = Buffer.from(text);
  for (let at = 0; at < buffer.length; ) at += writeSync(1, buffer, at);
};
const gradients = [...variable].map(([v, at]) => `${JSON.stringify(v)}: ${grad[at]}`).join(', ');
out(`{"value": ${value[size - 1]}, "gradients": { ${gradients} }, "nodes": [\n`);
const BLOCK = 4096;
for (let from = 0; from < size; from += BLOCK) {
  const rows: number[][] = [];
  for (let i = from; i < Math.min(size, from + BLOCK); i++) rows.push([value[i]!, grad[i]!]);
  out(`${from ? ',\n' : ''}${JSON.stringify(rows).slice(1, -1)}`);
}
out(']}\n');
