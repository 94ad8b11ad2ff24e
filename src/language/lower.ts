// Lowering: the mathjs tree becomes a flat Graph in topological order.
// The walk keeps its own stack: a sum of 100,000 terms is a tree 100,000
// deep, far beyond what recursion could take.
import type {
  AccessorNode, ArrayNode, AssignmentNode, BlockNode, ConditionalNode, ConstantNode, FunctionAssignmentNode, FunctionNode,
  MathNode, ObjectNode, OperatorNode, OperatorNodeFn, ParenthesisNode, RangeNode, RelationalNode, SymbolNode,
} from 'mathjs/number';
import { type BackpropError, fail, failAt } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { clip, escapeRegExp, pointAt, quote } from '../quote.js';
import { lookalike, NOT_IN_NAMES } from './lookalikes.js';
import { closest } from '../spelling.js';
import type { ArgsOf, ErrorKey } from '../texts.js';
import { CONSTANT, FUNCTION_NAMES, IDENTITY, opIndex, OPS, VARIABLE } from '../graph/ops.js';
import { parseExpression } from './parse.js';
import { listProblem, type Shape, type Tensor } from '../graph/tensor.js';

/**
 * What mathjs's parser makes. Its MathNode declares `type` as a string, so a
 * switch on it narrows nothing; this union of mathjs's own node types does.
 */
type Parsed =
  | AccessorNode | ArrayNode | AssignmentNode | BlockNode | ConditionalNode | ConstantNode<number | string | boolean | null | undefined | bigint> | FunctionAssignmentNode
  | FunctionNode<MathNode> | ObjectNode | OperatorNode<never, OperatorNodeFn> | ParenthesisNode | RangeNode | RelationalNode | SymbolNode;

/** The one place a MathNode is taken for what its `type` says it is. */
const parsed = (node: MathNode): Parsed => node as Parsed;

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

/** Where each statement of a program stands in its text: split at `;` and new lines outside brackets, comments and empty ones left out. */
export function statementSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  let comment = false;
  const close = (end: number): void => {
    const piece = text.slice(start, end).replace(/#.*$/s, '');
    if (piece.trim() !== '') spans.push({ start: start + piece.search(/\S/), end: start + piece.trimEnd().length });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (comment) {
      if (c === '\n') comment = false;
      else continue;
    }
    if (c === '#') comment = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if ((c === ';' || c === '\n') && depth === 0) {
      close(i);
      start = i + 1;
    }
  }
  close(text.length);
  return spans;
}

/** One statement of a program: what it computes, and the name it gives that, if any. */
interface Statement {
  readonly name?: string;
  readonly value: MathNode;
  /** Its text, for a caret under what is wrong in it. */
  readonly text: string;
}

/** The statements of a parsed program (SPEC §1): `q = x + y; f = q * z`, or one expression. */
function statementsOf(root: MathNode, expression: string): Statement[] {
  const spans = statementSpans(expression);
  // Comments and separators only (`# todo`, `;;`): mathjs reads an undefined constant, and there is nothing to compute.
  if (spans.length === 0) throw fail('emptyExpression');
  const p = parsed(root);
  const nodes = p.type === 'BlockNode' ? p.blocks.map((b) => b.node) : [root];
  // mathjs's blocks and the spans are the same statements, in order; if not, the whole text serves for carets.
  const textOf = (k: number): string => (spans.length === nodes.length ? expression.slice(spans[k]!.start, spans[k]!.end) : expression);
  return nodes.map((node, k) => {
    const n = parsed(node);
    const text = textOf(k);
    // The lecture writes f(x, y, z) = (x + y)z: what follows = is the expression meant.
    if (n.type === 'FunctionAssignmentNode') throw refuse(text, '=', 'functionDefinition', { name: n.name, body: clip(text.slice(text.indexOf('=') + 1).trim(), 40) });
    if (n.type !== 'AssignmentNode') return { value: node, text };
    if (n.object.type !== 'SymbolNode' || n.index !== null) throw refuse(text, '=', 'assignIndex');
    return { name: n.name, value: n.value, text };
  });
}

/**
 * Lowers a parsed program. `bound` names the variables the user binds,
 * since a bound `pi` or `e` is a variable rather than the constant, and a
 * name a statement assigns must not be bound too.
 */
export function lower(root: MathNode, expression: string, bound: (name: string) => boolean, expand = false): Graph {
  const statements = statementsOf(root, expression);
  // Where each name is assigned: used before that, or assigned again, it is an error.
  const assignedAt = new Map<string, number>();
  statements.forEach((s, k) => {
    if (s.name === undefined) return;
    if (assignedAt.has(s.name)) throw refuse(s.text, new RegExp(`^\\s*${escapeRegExp(s.name)}\\b`), 'assignedTwice', { name: s.name });
    if (bound(s.name)) throw refuse(s.text, new RegExp(`^\\s*${escapeRegExp(s.name)}\\b`), 'nameBound', { name: s.name });
    assignedAt.set(s.name, k);
  });
  // A first guess at the sizes, grown by doubling when it is short. Reserving
  // the most a text could need (1.5 nodes a character) was 280 MB of typed
  // arrays for a million nodes, which V8 counts as external memory and
  // answers with a full collection of the parse tree (measured: 80 ms).
  let op = new Uint8Array((expression.length >> 1) + 16);
  let first = new Int32Array(op.length + 1);
  let constant = new Float64Array(op.length);
  let args = new Int32Array(op.length);
  const names = new Map<number, string>();
  const variables: { name: string; node: number }[] = [];
  const tensors = new Map<number, Tensor>();
  const declared = new Map<number, Shape>();
  const symbolNode = new Map<string, number>();
  let size = 0;
  let edges = 0;

  const emit = (opIndex: number, value: number): number => {
    if (size === op.length) {
      op = grown(op, size + 1, (n) => new Uint8Array(n));
      first = grown(first, op.length + 1, (n) => new Int32Array(n));
      constant = grown(constant, op.length, (n) => new Float64Array(n));
    }
    op[size] = opIndex;
    constant[size] = value;
    first[++size] = edges;
    return size - 1;
  };
  /** Makes room for `count` more edges. */
  const edgesFor = (count: number): void => {
    if (edges + count > args.length) args = grown(args, edges + count, (n) => new Int32Array(n));
  };
  // The names statements give, to their nodes, as each statement is lowered.
  const named = new Map<string, number>();
  let statement = 0;
  // A name that holds a value: one the user binds or a statement assigns (x(y + 1) then meant a product).
  const isValue = (name: string): boolean => bound(name) || assignedAt.has(name);
  const symbol = (name: string): number => {
    const given = named.get(name);
    if (given !== undefined) return given;
    if (assignedAt.has(name)) {
      const s = statements[statement]!;
      throw refuse(s.text, new RegExp(`\\b${escapeRegExp(name)}\\b(?!\\s*=[^=])`), 'usedBeforeAssigned', { name });
    }
    let node = symbolNode.get(name);
    if (node === undefined) {
      const odd = NOT_IN_NAMES.exec(name)?.[0];
      if (odd !== undefined) throw refuse(statements[statement]!.text, odd, 'lookalike', lookalike(odd)!);
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
  const stack: MathNode[] = [];
  // With --expand, the nodes of a composite's template, and what its parameters stand for.
  const scopes: (ReadonlyMap<string, number> | undefined)[] = [];
  // Plain arrays, as deep as the stack gets: they grow with it, in V8's heap.
  const pending: number[] = [];
  const counts: number[] = [];
  const shapes = new Map<number, Shape>();
  const results: number[] = [];
  let top = 0; // results[0 … top - 1] are the nodes made so far and not yet used
  const nodeNames = new Map<number, string>();
  // Each statement's node, its name, and how many edges there were once it was made.
  const made: { node: number; name?: string; edges: number }[] = [];
  for (; statement < statements.length; statement++) {
    const s = statements[statement]!;
    stack.push(s.value);
    scopes.push(undefined);
    pending[0] = -1;
    top = 0;
    walk(s.text);
    let node = results[0]!;
    if (s.name !== undefined) {
      // What has a name already (x, or q in r = q) keeps it; the new name is a node of its own, its identity.
      if (names.has(node) || nodeNames.has(node)) {
        edgesFor(1);
        args[edges++] = node;
        node = emit(IDENTITY, NaN);
      }
      named.set(s.name, node);
      nodeNames.set(node, s.name);
    }
    made.push(s.name === undefined ? { node, edges: edges } : { node, name: s.name, edges: edges });
  }

  function walk(text: string): void {
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
      edgesFor(top - base);
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
    const n = parsed(node);
    if (n.type === 'SymbolNode') {
      results[top++] = scope?.get(n.name) ?? symbol(n.name);
      continue;
    }
    if (n.type === 'ConstantNode' && typeof n.value === 'number') {
      results[top++] = emit(CONSTANT, n.value);
      continue;
    }
    const step = classify(n, text, isValue);
    if (typeof step === 'number' || 'op' in step) {
      // A bare op index comes only from an operator or a function call.
      const inputs = typeof step === 'number' ? (n as OperatorNode<never, OperatorNodeFn> | FunctionNode<MathNode>).args : step.inputs;
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

  }

  // The output is the last statement's node; what was made after it (by statements that nothing
  // uses) cannot reach it and is left out, so that the output is the last node, as everywhere.
  const output = made[made.length - 1]!.node;
  const kept = output + 1;
  // A statement is used when a later one reads its node (an edge made after it) or names it again:
  // the last edge that reads each node, and the last statement that names it, found in one pass each.
  const lastRead = new Int32Array(size).fill(-1);
  for (let e = 0; e < edges; e++) lastRead[args[e]!] = e;
  const lastNamed = new Map<number, number>();
  made.forEach((m, k) => lastNamed.set(m.node, k));
  const usedLater = (k: number): boolean => lastRead[made[k]!.node]! >= made[k]!.edges || lastNamed.get(made[k]!.node)! > k;
  const unusedStatements = made.slice(0, -1).flatMap((m, k) => (usedLater(k) ? [] : [{ node: m.node, ...(m.name === undefined ? {} : { name: m.name }), index: k + 1 }]));
  const within = <T,>(m: ReadonlyMap<number, T>): Map<number, T> => new Map([...m].filter(([i]) => i < kept));
  return {
    expression,
    size: kept,
    op: op.subarray(0, kept),
    first: first.subarray(0, kept + 1),
    args: args.subarray(0, first[kept]!),
    constant: constant.subarray(0, kept),
    names: within(names),
    variables: variables.filter((v) => v.node < kept),
    tensors: within(tensors),
    declared: within(declared),
    named: within(nodeNames),
    statements: made.filter((m) => m.node < kept).map((m) => (m.name === undefined ? { node: m.node } : { node: m.node, name: m.name })),
    unusedStatements,
  };
}


/** `a`, or a copy of it with room for at least `need` entries: doubling keeps the copying linear in all. */
function grown<A extends Uint8Array | Int32Array | Float64Array>(a: A, need: number, make: (length: number) => A): A {
  if (need <= a.length) return a;
  const b = make(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
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
    const p = parsed(n);
    if (p.type === 'ParenthesisNode') n = p.content;
    else if (p.type === 'OperatorNode' && (p.fn === 'unaryMinus' || p.fn === 'unaryPlus')) {
      if (p.fn === 'unaryMinus') sign = -sign;
      n = p.args[0]!;
    } else return p.type === 'ConstantNode' && typeof p.value === 'number' ? sign * p.value : undefined;
  }
}

/** [1, 2] or [[1, 2], [3, 4]] (also written [1, 2; 3, 4]): a vector or a matrix literal. */
function matrixLiteral(node: ArrayNode, expression: string): Step {
  const items = node.items;
  const rowOf = (n: MathNode): readonly MathNode[] | undefined => (n.type === 'ArrayNode' ? (n as ArrayNode).items : undefined);
  const problem = listProblem(items, rowOf);
  if (problem) throw failAt(where(expression, '['), 'matrixShape', { problem });
  const rows = items.map(rowOf);
  const elements = rows[0] ? rows.flatMap((r) => r!) : items;
  const shape: Shape = rows[0] ? [rows.length, rows[0].length] : [items.length];
  const numbers = elements.map(literal);
  if (numbers.every((x) => x !== undefined)) return { tensor: { shape, data: Float64Array.from(numbers as number[]) } };
  return { op: MATRIX, inputs: elements, declared: shape };
}

/** What one mathjs node lowers to, or the error that refuses it. */
function classify(node: Parsed, expression: string, isValue: (name: string) => boolean): Step {
  switch (node.type) {
    case 'ConstantNode': {
      if (typeof node.value === 'number') return { constant: node.value };
      const strings = typeof node.value === 'string';
      const at = strings ? /["']/ : new RegExp(`\\b${escapeRegExp(String(node.value))}\\b`);
      throw refuse(expression, at, 'cannotDifferentiate', { strings, value: quote(String(node.value)) });
    }
    case 'SymbolNode':
      return { symbol: node.name };
    case 'ParenthesisNode':
      return { through: node.content };
    case 'OperatorNode': {
      const { fn, op, args } = node;
      if (fn === 'unaryPlus') return { through: args[0]! };
      // A negative literal is one constant, not a minus gate on a constant.
      const arg = args[0] && parsed(args[0]);
      if (fn === 'unaryMinus' && arg?.type === 'ConstantNode' && typeof arg.value === 'number') return { constant: -arg.value };
      const index = opByOperator.get(fn);
      if (index !== undefined) return index;
      throw refuse(expression, op, 'operator', { op, fn });
    }
    case 'FunctionNode': {
      const { fn, args } = node;
      const callee = parsed(fn);
      if (callee.type !== 'SymbolNode') {
        // np.exp(x), torch.sigmoid(x): a module's function, ours by its name alone; W.dot(x), a value's method: dot(W, x).
        const call = callee.type === 'AccessorNode' ? callee.toString() : '';
        const name = suggestFunction(call.slice(call.lastIndexOf('.') + 1));
        if (call && name) {
          const object = callee.type === 'AccessorNode' ? parsed(callee.object) : undefined;
          const self = object?.type === 'SymbolNode' && isValue(object.name) ? [object.name] : [];
          const instead = `${name}(${argsText([...self, ...args])})`;
          throw refuse(expression, call, 'qualifiedCall', { call, instead });
        }
        throw refuse(expression, undefined, 'namedOnly');
      }
      const name = callee.name;
      const candidates = opsByCall.get(name);
      // x(y + 1) is a call to mathjs, however plainly a product was meant: say so when x is a value.
      if (!candidates && isValue(name)) throw failAt(where(expression, callOf(name)), 'callOfValue', { name, args: argsText(args) });
      if (!candidates) throw failAt(where(expression, callOf(name)), 'unknownFunction', { name, suggestion: suggestFunction(name), known: FUNCTION_NAMES });
      for (const index of candidates) if (OPS[index]!.arity === args.length) return index;
      throw failAt(where(expression, callOf(name)), 'arity', { name, arities: candidates.map((i) => OPS[i]!.arity), count: args.length });
    }
    case 'ArrayNode':
      return matrixLiteral(node, expression);
    case 'AccessorNode': {
      const { object, index } = node;
      if (index.dotNotation) {
        const property = index.dimensions[0];
        const of = parsed(object);
        if (of.type === 'SymbolNode' && property?.type === 'ConstantNode' && (property as { value?: unknown }).value === 'T') throw refuse(expression, `${of.name}.T`, 'numpyTranspose', { name: of.name });
        throw refuse(expression, '.', 'properties');
      }
      if (index.dimensions.some((d) => d.type === 'RangeNode')) throw refuse(expression, ':', 'rangesInIndex');
      if (index.dimensions.some((d) => d.type === 'SymbolNode' && (d as SymbolNode).name === 'end')) throw refuse(expression, /\bend\b/, 'endInIndex');
      return { op: INDEX, inputs: [object, ...index.dimensions] };
    }
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      throw refuse(expression, '=', 'assignment');
    case 'BlockNode':
      throw refuse(expression, undefined, 'block');
    case 'ConditionalNode':
      throw refuse(expression, '?', 'conditional');
    case 'RelationalNode':
      throw refuse(expression, undefined, 'comparison');
    case 'RangeNode':
      throw refuse(expression, ':', 'ranges');
    case 'ObjectNode':
      throw refuse(expression, '{', 'objects');
    default:
      throw refuse(expression, undefined, 'nodeType', { type: (node as MathNode).type });
  }
}

/** A call's arguments as mathjs writes them, clipped: what a message suggests writing instead. */
const argsText = (args: readonly (MathNode | string)[]): string => clip(args.map(String).join(', '), 60);

/** What other notations call our functions: ln(x) is log(x), the lecture's σ(x) is sigmoid(x), NumPy's arctan and maximum are atan and max. */
const OTHER_NAMES: ReadonlyMap<string, string> = new Map([
  ['σ', 'sigmoid'], ['sigma', 'sigmoid'], ['ln', 'log'], ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'], ['sqr', 'square'], ['power', 'pow'],
  ['avg', 'mean'], ['average', 'mean'], ['logistic', 'sigmoid'], ['expit', 'sigmoid'], ['maximum', 'max'], ['minimum', 'min'],
  ['fabs', 'abs'], ['amax', 'max'], ['amin', 'min'], ['sgn', 'sign'], ['exponential', 'exp'],
]);

/** The function a name most likely meant (ln → log, Sigmoid or sigmod → sigmoid), if any. */
function suggestFunction(name: string): string | undefined {
  if (opsByCall.has(name)) return name;
  return OTHER_NAMES.get(name.toLowerCase()) ?? closest(name, FUNCTION_NAMES);
}

/** Where `name(` is called in the text. */
function callOf(name: string): RegExp {
  return new RegExp(`${escapeRegExp(name)}\\s*\\(`);
}

/** " at character N" with a caret, where the construct can be found in the text. */
function where(expression: string, at: string | RegExp | undefined): string {
  if (at === undefined) return '';
  const index = typeof at === 'string' ? expression.indexOf(at) : expression.search(at);
  return index < 0 ? '' : `\n${pointAt(expression, index)}`;
}

function refuse<K extends ErrorKey>(expression: string, at: string | RegExp | undefined, key: K, ...args: ArgsOf<K>): BackpropError {
  return failAt(where(expression, at), key, ...args);
}
