// Lowering: the mathjs tree becomes a flat Graph in topological order.
// The walk keeps its own stack: a sum of 100,000 terms is a tree 100,000
// deep, far beyond what recursion could take.
import type { MathNode } from 'mathjs/number';
import { type BackpropError, fail, pointAt } from '../errors.js';
import type { Params, TextKey } from '../texts.js';
import type { Graph } from '../graph/graph.js';
import { CONSTANT, FUNCTION_NAMES, opIndex, OPS, VARIABLE } from '../graph/ops.js';
import { parseExpression } from './parse.js';
import type { Shape, Tensor } from '../graph/tensor.js';

/** Constants the language knows; a binding of the same name overrides them. */
export const NAMED_CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E]]);

const opByOperator = new Map<string, number>();
const opsByCall = new Map<string, number[]>();
OPS.forEach((o, i) => {
  for (const fn of o.operators ?? []) opByOperator.set(fn, i);
  if (o.call) opsByCall.set(o.call, [...(opsByCall.get(o.call) ?? []), i]);
});
const INDEX = opIndex('index');
const MATRIX = opIndex('matrix');

/**
 * Lowers a parsed expression. `bound` names the variables the user binds,
 * since a bound `pi` or `e` is a variable rather than the constant.
 */
export function lower(root: MathNode, expression: string, bound: (name: string) => boolean, expand = false): Graph {
  // Every token is at least one character and makes at most one node, plus
  // one for an implicit multiplication after it; an expanded call adds at
  // most eight per character. Memory that is reserved but never written costs
  // nothing, and growing arrays cost a lot (measured).
  const capacity = (2 * expression.length + 2) * (expand ? 8 : 1);
  const op = new Uint8Array(capacity);
  const first = new Int32Array(capacity + 1);
  const args = new Int32Array(2 * capacity);
  const constant = new Float64Array(capacity);
  const names = new Map<number, string>();
  const variables: { name: string; node: number }[] = [];
  const tensors = new Map<number, Tensor>();
  const declared = new Map<number, Shape>();
  const symbolNode = new Map<string, number>();
  let size = 0;
  let edges = 0;

  const emit = (opIndex: number, value: number): number => {
    op[size] = opIndex;
    constant[size] = value;
    first[++size] = edges;
    return size - 1;
  };
  const symbol = (name: string): number => {
    let node = symbolNode.get(name);
    if (node === undefined) {
      const known = NAMED_CONSTANTS.get(name);
      const isConstant = known !== undefined && !bound(name);
      node = emit(isConstant ? CONSTANT : VARIABLE, isConstant ? known : NaN);
      names.set(node, name);
      symbolNode.set(name, node);
      if (!isConstant) variables.push({ name, node });
    }
    return node;
  };

  // Each stack entry is a mathjs node and, once its inputs are pushed, its op
  // and how many inputs it has (and a matrix literal's shape).
  const stack: MathNode[] = [root];
  // With --expand, the nodes of a composite's template, and what its parameters stand for.
  const scopes: (ReadonlyMap<string, number> | undefined)[] = [undefined];
  const pending = new Int32Array(capacity);
  const counts = new Int32Array(capacity);
  const shapes = new Map<number, Shape>();
  pending[0] = -1;
  const results = new Int32Array(capacity);
  let top = 0; // results[0 … top - 1] are the nodes made so far and not yet used
  while (stack.length > 0) {
    const at = stack.length - 1;
    const opIndex = pending[at]!;
    const node = stack.pop()!;
    const scope = scopes.pop();
    if (opIndex >= 0 && expand && OPS[opIndex]!.expand) {
      // A composite, expanded: its template over the nodes of its inputs.
      const base = top - counts[at]!;
      const params = counts[at] === 1 ? ['x'] : ['a', 'b'];
      const bindings = new Map(params.map((p, k) => [p, results[base + k]!]));
      top = base;
      pending[stack.length] = -1;
      stack.push(template(opIndex));
      scopes.push(bindings);
      continue;
    }
    if (opIndex >= 0) {
      // The inputs' nodes are the last `count` results, in order.
      const base = top - counts[at]!;
      for (let k = base; k < top; k++) args[edges++] = results[k]!;
      top = base;
      const made = emit(opIndex, NaN);
      const shape = shapes.get(at);
      if (shape) {
        declared.set(made, shape);
        shapes.delete(at);
      }
      results[top++] = made;
      continue;
    }
    // The common leaves first, without the allocation classify makes.
    const type = node.type;
    if (type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      results[top++] = scope?.get(name) ?? symbol(name);
      continue;
    }
    if (type === 'ConstantNode') {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number') {
        results[top++] = emit(CONSTANT, value);
        continue;
      }
    }
    const step = classify(node, expression);
    if (typeof step === 'number' || 'op' in step) {
      const inputs = typeof step === 'number' ? (node as unknown as { args: MathNode[] }).args : step.inputs;
      pending[at] = typeof step === 'number' ? step : step.op;
      counts[at] = inputs.length;
      if (typeof step !== 'number' && step.declared) shapes.set(at, step.declared);
      stack.push(node);
      scopes.push(scope);
      for (let k = inputs.length - 1; k >= 0; k--) {
        pending[stack.length] = -1;
        stack.push(inputs[k]!);
        scopes.push(scope);
      }
    } else if ('constant' in step) results[top++] = emit(CONSTANT, step.constant);
    else if ('tensor' in step) {
      const made = emit(CONSTANT, NaN);
      tensors.set(made, step.tensor);
      results[top++] = made;
    } else if ('symbol' in step) results[top++] = symbol(step.symbol);
    else {
      pending[stack.length] = -1;
      stack.push(step.through);
      scopes.push(scope);
    }
  }

  return {
    expression,
    size,
    op: op.subarray(0, size),
    first: first.subarray(0, size + 1),
    args: args.subarray(0, edges),
    constant: constant.subarray(0, size),
    names,
    variables,
    tensors,
    declared,
  };
}

const templates = new Map<number, MathNode>();

/** A composite's definition in primitives, parsed once: `1 / (1 + exp(-x))` for sigmoid. */
function template(opIndex: number): MathNode {
  let t = templates.get(opIndex);
  if (!t) {
    t = parseExpression(OPS[opIndex]!.expand!);
    templates.set(opIndex, t);
  }
  return t;
}

/** An op's index (its inputs are the node's `args`), or what else the node is. */
type Step =
  | number
  | { op: number; inputs: readonly MathNode[]; declared?: Shape }
  | { constant: number }
  | { tensor: Tensor }
  | { symbol: string }
  | { through: MathNode };

/** A number written in the expression: 2, -0.5, (3). */
function literal(node: MathNode): number | undefined {
  let n = node;
  let sign = 1;
  for (;;) {
    if (n.type === 'ParenthesisNode') n = (n as unknown as { content: MathNode }).content;
    else if (n.type === 'OperatorNode' && ['unaryMinus', 'unaryPlus'].includes((n as unknown as { fn: string }).fn)) {
      if ((n as unknown as { fn: string }).fn === 'unaryMinus') sign = -sign;
      n = (n as unknown as { args: MathNode[] }).args[0]!;
    } else break;
  }
  const value: unknown = n.type === 'ConstantNode' ? (n as unknown as { value: unknown }).value : undefined;
  return typeof value === 'number' ? sign * value : undefined;
}

/** [1, 2] or [[1, 2], [3, 4]] (also written [1, 2; 3, 4]): a vector or a matrix literal. */
function matrixLiteral(node: MathNode, expression: string): Step {
  const items = (node as unknown as { items: MathNode[] }).items;
  const isRow = (n: MathNode) => n.type === 'ArrayNode';
  let elements: MathNode[];
  let shape: Shape;
  if (items.length > 0 && items.every(isRow)) {
    const rows = items.map((r) => (r as unknown as { items: MathNode[] }).items);
    if (rows.some((r) => r.length !== rows[0]!.length || r.some(isRow) || r.length === 0)) {
      throw fail('shape', 'matrixRows', {}, { suffix: where(expression, '[') });
    }
    elements = rows.flat();
    shape = [rows.length, rows[0]!.length];
  } else if (items.length > 0 && !items.some(isRow)) {
    elements = items;
    shape = [items.length];
  } else {
    throw fail('shape', 'matrixOnly', {}, { suffix: where(expression, '[') });
  }
  const numbers = elements.map(literal);
  if (numbers.every((x) => x !== undefined)) return { tensor: { shape, data: Float64Array.from(numbers as number[]) } };
  return { op: MATRIX, inputs: elements, declared: shape };
}

/** What one mathjs node lowers to, or the error that refuses it. */
function classify(node: MathNode, expression: string): Step {
  switch (node.type) {
    case 'ConstantNode': {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number') return { constant: value };
      throw refuse('cannotDifferentiate', expression, undefined, { kind: typeof value === 'string' ? 'strings' : 'value', value: String(value) });
    }
    case 'SymbolNode':
      return { symbol: (node as unknown as { name: string }).name };
    case 'ParenthesisNode':
      return { through: (node as unknown as { content: MathNode }).content };
    case 'OperatorNode': {
      const { fn, op, args } = node as unknown as { fn: string; op: string; args: MathNode[] };
      if (fn === 'unaryPlus') return { through: args[0]! };
      // A negative literal is one constant, not a minus gate on a constant.
      const arg = args[0];
      if (fn === 'unaryMinus' && arg?.type === 'ConstantNode') {
        const value: unknown = (arg as unknown as { value: unknown }).value;
        if (typeof value === 'number') return { constant: -value };
      }
      const index = opByOperator.get(fn);
      if (index !== undefined) return index;
      throw refuse('operator', expression, op, { op, fn });
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      if (fn.type !== 'SymbolNode') throw refuse('namedOnly', expression);
      const name = (fn as unknown as { name: string }).name;
      const candidates = opsByCall.get(name);
      if (!candidates) {
        throw fail('unknown-function', 'unknownFunction', { name, known: FUNCTION_NAMES }, { details: { name }, suffix: where(expression, callOf(name)) });
      }
      for (const index of candidates) if (OPS[index]!.arity === args.length) return index;
      // mathjs's max of a list or a vector is statistics; ours is elementwise, as in max(0, W1 * x).
      const arities = candidates.map((i) => String(OPS[i]!.arity));
      throw fail('arity', 'arity', { name, arities, count: args.length, list: name === 'max' || name === 'min' }, {
        details: { name },
        suffix: where(expression, callOf(name)),
      });
    }
    case 'ArrayNode':
      return matrixLiteral(node, expression);
    case 'AccessorNode': {
      const { object, index } = node as unknown as { object: MathNode; index: { dotNotation: boolean; dimensions: MathNode[] } };
      if (index.dotNotation) throw refuse('properties', expression, '.');
      if (index.dimensions.some((d) => d.type === 'RangeNode')) {
        throw refuse('rangesInIndex', expression, ':');
      }
      return { op: INDEX, inputs: [object, ...index.dimensions] };
    }
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      throw refuse('assignment', expression, '=');
    case 'BlockNode':
      throw refuse('block', expression);
    case 'ConditionalNode':
      throw refuse('conditional', expression, '?');
    case 'RelationalNode':
      throw refuse('comparison', expression);
    case 'RangeNode':
      throw refuse('ranges', expression, ':');
    case 'ObjectNode':
      throw refuse('objects', expression, '{');
    default:
      throw refuse('nodeType', expression, undefined, { type: node.type });
  }
}

/** Where `name(` is called in the text. */
function callOf(name: string): RegExp {
  return new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\(`);
}

/** " at character N" with a caret, where the construct can be found in the text. */
function where(expression: string, at: string | RegExp | undefined): string {
  if (at === undefined) return '';
  const index = typeof at === 'string' ? expression.indexOf(at) : expression.search(at);
  return index < 0 ? '' : `\n${pointAt(expression, index)}`;
}

function refuse(key: TextKey, expression: string, at?: string | RegExp, params: Params = {}): BackpropError {
  return fail('unsupported', key, params, { suffix: where(expression, at) });
}
