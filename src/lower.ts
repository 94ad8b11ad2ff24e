// Lowering: the mathjs tree becomes a flat Graph in topological order.
// The walk keeps its own stack: a sum of 100,000 terms is a tree 100,000
// deep, far beyond what recursion could take.
import type { MathNode } from 'mathjs/number';
import { BackpropError, pointAt } from './errors.js';
import type { Graph } from './graph.js';
import { CONSTANT, FUNCTION_NAMES, OPS, VARIABLE } from './ops.js';

/** Constants the language knows; a binding of the same name overrides them. */
const NAMED_CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E]]);

/** mathjs operator fns that are the same operation on scalars. */
const SCALAR_ALIASES: Readonly<Record<string, string>> = { dotMultiply: 'multiply', dotDivide: 'divide', dotPow: 'pow' };

/** Language that SPEC §1 lists but that needs tensors, which this version does not have yet. */
const TENSOR_FUNCTIONS = new Set(['sum', 'mean', 'norm', 'dot', 'transpose', 'ctranspose', 'softmax', 'logsumexp']);

const opByOperator = new Map<string, number>();
const opsByCall = new Map<string, number[]>();
OPS.forEach((o, i) => {
  if (o.operator) opByOperator.set(o.operator, i);
  if (o.call) opsByCall.set(o.call, [...(opsByCall.get(o.call) ?? []), i]);
});
for (const [alias, name] of Object.entries(SCALAR_ALIASES)) opByOperator.set(alias, opByOperator.get(name)!);

/**
 * Lowers a parsed expression. `bound` names the variables the user binds,
 * since a bound `pi` or `e` is a variable rather than the constant.
 */
export function lower(root: MathNode, expression: string, bound: (name: string) => boolean): Graph {
  // Every token is at least one character and makes at most one node, plus
  // one for an implicit multiplication after it. Memory that is reserved but
  // never written costs nothing, and growing arrays cost a lot (measured).
  const capacity = 2 * expression.length + 2;
  const op = new Uint8Array(capacity);
  const first = new Int32Array(capacity + 1);
  const args = new Int32Array(2 * capacity);
  const constant = new Float64Array(capacity);
  const names = new Map<number, string>();
  const variables: { name: string; node: number }[] = [];
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

  // Each stack entry is a mathjs node and, once its children are pushed, its op.
  const stack: MathNode[] = [root];
  const pending = new Int32Array(capacity);
  pending[0] = -1;
  const results = new Int32Array(capacity);
  let top = 0; // results[0 … top - 1] are the nodes made so far and not yet used
  while (stack.length > 0) {
    const opIndex = pending[stack.length - 1]!;
    const node = stack.pop()!;
    if (opIndex >= 0) {
      // The inputs' nodes are the last `arity` results, in order.
      const base = top - OPS[opIndex]!.arity;
      for (let k = base; k < top; k++) args[edges++] = results[k]!;
      top = base;
      results[top++] = emit(opIndex, NaN);
      continue;
    }
    // The common leaves first, without the allocation classify makes.
    const type = node.type;
    if (type === 'SymbolNode') {
      results[top++] = symbol((node as unknown as { name: string }).name);
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
    if (typeof step === 'number') {
      const inputs = (node as unknown as { args: MathNode[] }).args;
      pending[stack.length] = step;
      stack.push(node);
      for (let k = inputs.length - 1; k >= 0; k--) {
        pending[stack.length] = -1;
        stack.push(inputs[k]!);
      }
    } else if ('constant' in step) results[top++] = emit(CONSTANT, step.constant);
    else if ('symbol' in step) results[top++] = symbol(step.symbol);
    else {
      pending[stack.length] = -1;
      stack.push(step.through);
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
  };
}

/** An op's index (its inputs are the node's `args`), or what else the node is. */
type Step = number | { constant: number } | { symbol: string } | { through: MathNode };

/** What one mathjs node lowers to, or the error that refuses it. */
function classify(node: MathNode, expression: string): Step {
  switch (node.type) {
    case 'ConstantNode': {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value === 'number') return { constant: value };
      throw refuse(`${typeof value === 'string' ? 'strings' : `the value ${String(value)}`} cannot be differentiated`, expression);
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
      if (fn === 'transpose' || fn === 'ctranspose') throw needsTensors(`transpose (${op})`, expression, "'");
      throw refuse(`the operator ${op} (${fn}) is not part of the language`, expression, op);
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      if (fn.type !== 'SymbolNode') throw refuse('only named functions can be called', expression);
      const name = (fn as unknown as { name: string }).name;
      const candidates = opsByCall.get(name);
      if (!candidates) {
        const at = callOf(name);
        if (TENSOR_FUNCTIONS.has(name)) throw needsTensors(`${name}()`, expression, at);
        throw new BackpropError(
          'unknown-function',
          `unknown function ${name}(); the functions are: ${FUNCTION_NAMES.join(', ')}${where(expression, at)}`,
          { name },
        );
      }
      for (const index of candidates) if (OPS[index]!.arity === args.length) return index;
      const arities = candidates.map((i) => OPS[i]!.arity).join(' or ');
      throw new BackpropError(
        'arity',
        `${name}() takes ${arities} argument${arities === '1' ? '' : 's'}, not ${args.length}${where(expression, callOf(name))}`,
        { name },
      );
    }
    case 'ArrayNode':
      throw needsTensors('matrix literals', expression, '[');
    case 'AccessorNode':
    case 'IndexNode':
      throw needsTensors('indexing', expression, '[');
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      throw refuse('assignment is not part of the language; bind variables on the command line: --x=2', expression, '=');
    case 'BlockNode':
      throw refuse('write one expression, not several separated by ; or a new line', expression);
    case 'ConditionalNode':
      throw refuse('conditionals (a ? b : c) are not part of the language', expression, '?');
    case 'RelationalNode':
      throw refuse('comparisons are not part of the language', expression);
    case 'RangeNode':
      throw refuse('ranges (a:b) are not part of the language', expression, ':');
    case 'ObjectNode':
      throw refuse('objects are not part of the language', expression, '{');
    default:
      throw refuse(`${node.type} is not part of the language`, expression);
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

function refuse(what: string, expression: string, at?: string | RegExp): BackpropError {
  return new BackpropError('unsupported', `${what}${where(expression, at)}`);
}

function needsTensors(what: string, expression: string, at: string | RegExp): BackpropError {
  return refuse(`${what}: vectors and matrices are not supported yet; this version differentiates scalar expressions`, expression, at);
}
