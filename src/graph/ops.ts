// The one table of operations. Each entry holds everything about one
// operation: how it is written, its forward value, its local derivative with
// respect to each input (given the inputs and the output), that derivative as
// mathjs formula text, and the points where the tests check it. Operations
// that are not elementwise (matrix products, reductions, indexing) carry a
// tensor rule instead, in tensor-ops.ts. The engine, the lowering and the
// renderers read this table; none of them names an op.
import type { Shape, Tensor } from './tensor.js';
import { type Reason, reason } from '../texts.js';
import { INDEX, MATMUL, MATRIX, TENSOR_OPS } from './tensor-ops.js';

/** How a node prints in a label. */
export type Syntax =
  | { kind: 'infix'; symbol: string; prec: number; rightAssoc?: boolean }
  | { kind: 'prefix'; symbol: string; prec: number }
  | { kind: 'postfix'; symbol: string }
  | { kind: 'call'; fn: string }
  | { kind: 'index' } // s[i], A[i, j]
  | { kind: 'matrix' } // [x, 2 * y]
  | { kind: 'same' } // a statement's new name for a node that has one: it reads as that node
  | { kind: 'leaf' };

/**
 * PyTorch's convention at a kink: the derivative there is 0; a tie of two
 * inputs splits the gradient in half; a tie for the largest entry of a
 * reduction shares it evenly among the tied entries.
 */
export type Convention = 'zero' | 'half' | 'even';

/** What a gate does to the upstream gradient, as the lecture names it. */
export type GatePattern = 'distributes' | 'swaps' | 'routes-larger' | 'routes-smaller' | 'negates' | 'passes';

/** Words a rule needs besides its formula, said in each language by the renderers. */
export type RulePhrase = 'toEvery' | 'atIndex' | 'atLargest' | 'atSmallest';

export interface RuleText {
  readonly formula: string;
  readonly phrase?: RulePhrase;
}

/** ∂y/∂input for scalar inputs a, b (unused ones are 0) and the output y. */
export type Local = (a: number, b: number, y: number) => number;

/**
 * How an operation that is not elementwise computes on tensors. Its inputs
 * and output are flat row-major arrays with shapes.
 */
export interface TensorRule {
  /** The output's shape, or why these input shapes do not fit. `declared`: a literal's own shape. */
  shape(inputs: readonly Shape[], declared: Shape | undefined): Shape | Reason;
  /** Writes the output; may throw a BackpropError (an index out of range). */
  forward(inputs: readonly Tensor[], out: Float64Array, outShape: Shape): void;
  /** Input k's gradient from the upstream gradient g, added into `into` (zeroed, input-shaped). */
  backward(k: number, g: Float64Array, inputs: readonly Tensor[], out: Tensor, into: Float64Array): void;
  /** The backward rule as formula text over the inputs' names (a, b or x) and g, such as `g · bᵀ`, with words where it needs them. */
  rule(k: number, arity: number): RuleText;
  /** Multiply-adds beyond one per number, for the bound on work (a matrix product's m·n·p). */
  cost?(inputs: readonly Shape[]): number;
  /** At a point where the rule has no derivative (a tie for the largest entry): the convention used there. */
  kink?(inputs: readonly Tensor[]): Convention | undefined;
  /** Which branch the rule is on (the index of the largest entry): a gradient check's probe must not change it. */
  side?(inputs: readonly Tensor[]): number;
  /** The shapes in the rule for input k, as `(2×1)(1×2)`, where that helps. */
  ruleShapes?(k: number, inputs: readonly Shape[], out: Shape): string;
  /** Random input shapes that fit, for the tests (dimensions from `dim()`, 1–6). */
  sampleShapes(dim: () => number): Shape[];
}

interface Common {
  /** The JSON `op` name. */
  readonly name: string;
  /** The number of inputs; -1 for any number (a matrix literal). */
  readonly arity: number;
  readonly syntax: Syntax;
  /** The mathjs operator fns (`add`, `unaryMinus`, …) this op is written as, if any. */
  readonly operators?: readonly string[];
  /** The function name it is called by (`exp`, `pow`, …), if any. */
  readonly call?: string;
  /**
   * Input shapes that the op refuses although they would fit elementwise:
   * where mathjs would do linear algebra that we do not differentiate. The hint.
   */
  readonly refuse?: (shapes: readonly Shape[]) => Reason | undefined;
  /**
   * Which inputs are indices (s[i]): they take no gradient, and a gradient
   * check does not nudge them. Every other input takes a gradient.
   */
  readonly indexInput?: (k: number) => boolean;
  /** Used when no input is a scalar; for elementwise ops, undefined. */
  readonly tensor?: TensorRule;
  /** The lecture's name for what the gate does to the gradient, where it has one. */
  readonly gate?: GatePattern;
  /** A composite's definition in primitives (over x, or a and b), for --expand. */
  readonly expand?: string;
}

/** An elementwise operation: defined on numbers, lifted to tensors elementwise. */
export interface ScalarOp extends Common {
  readonly forward: (a: number, b: number) => number;
  /** One per input. */
  readonly local: readonly Local[];
  /**
   * One per input: the local derivative as mathjs text over the input names
   * (`x` for one input, `a`, `b` for two) and the output `y`.
   */
  readonly formula: readonly string[];
  /** Points (one value per input) where the tests check `local` and `formula`. */
  readonly samples: readonly (readonly number[])[];
  /**
   * At a point where the op is not differentiable: the convention used there
   * (PyTorch's), for the warning. Undefined elsewhere.
   */
  readonly kink?: (a: number, b: number) => Convention | undefined;
  /** For an op with a kink: which side of it (a, b) is on, -1, 0 or 1. A gradient check's probe must not cross it. */
  readonly side?: (a: number, b: number) => number;
}

/** An operation on tensors only: a reduction, a product, indexing. */
export interface TensorOp extends Common {
  readonly tensor: TensorRule;
}

export type Op = ScalarOp | TensorOp;

export const isScalarOp = (o: Op): o is ScalarOp => 'forward' in o;

const infix = (symbol: string, prec: number, rightAssoc = false): Syntax => ({ kind: 'infix', symbol, prec, rightAssoc });
const fn = (name: string): Syntax => ({ kind: 'call', fn: name });

/** A one-input function written as a call, such as `exp(x)`. */
function unary(
  name: string,
  forward: (x: number) => number,
  local: (x: number, y: number) => number,
  formula: string,
  samples: number[],
  kink = false,
): ScalarOp {
  return {
    name,
    arity: 1,
    syntax: fn(name),
    call: name,
    forward,
    local: [(a, _b, y) => local(a, y)],
    formula: [formula],
    samples: samples.map((x) => [x]),
    // Every one-input kink is at 0, where PyTorch takes the derivative as 0.
    ...(kink ? { kink: (a: number) => (a === 0 ? ('zero' as const) : undefined), side: (a: number) => Math.sign(a) } : {}),
  };
}

// Stable forms: never exp() of a large positive number.
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** PyTorch splits the gradient evenly between equal inputs of max and min. */
const tie = (a: number, b: number): Convention | undefined => (a === b ? 'half' : undefined);

const MULTIPLY = {
  forward: (a: number, b: number) => a * b,
  local: [(_a: number, b: number) => b, (a: number) => a],
  formula: ['b', 'a'],
  samples: [[3, -4], [-0.5, 0.25]],
};

const DIVIDE = {
  forward: (a: number, b: number) => a / b,
  local: [(_a: number, b: number) => 1 / b, (a: number, b: number) => -a / (b * b)],
  formula: ['1 / b', '-a / b^2'],
  samples: [[1, 1.37], [-3, 0.5]],
};

// PyTorch's pow backward: a zero exponent gives 0 for the base, and a zero
// base with a non-negative exponent gives 0 for the exponent (not 0·-∞).
const POW = {
  forward: (a: number, b: number) => Math.pow(a, b),
  local: [
    (a: number, b: number) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
    (a: number, b: number, y: number) => (a === 0 && b >= 0 ? 0 : y * Math.log(a)),
  ],
  formula: ['b * a^(b - 1)', 'a^b * log(a)'],
  samples: [[1.5, 2], [2, -0.5], [0.7, 3.2]],
};

const LN2 = Math.LN2;
const LN10 = Math.LN10;

export const OPS: readonly Op[] = [
  // Leaves: their values come from the bindings or the expression.
  { name: 'variable', arity: 0, syntax: { kind: 'leaf' }, forward: () => NaN, local: [], formula: [], samples: [] },
  { name: 'constant', arity: 0, syntax: { kind: 'leaf' }, forward: () => NaN, local: [], formula: [], samples: [] },

  {
    name: 'add', arity: 2, syntax: infix('+', 1), operators: ['add'], gate: 'distributes',
    forward: (a, b) => a + b,
    local: [() => 1, () => 1],
    formula: ['1', '1'],
    samples: [[-2, 5], [0.3, 1.7]],
  },
  {
    name: 'subtract', arity: 2, syntax: infix('-', 1), operators: ['subtract'],
    forward: (a, b) => a - b,
    local: [() => 1, () => -1],
    formula: ['1', '-1'],
    samples: [[-2, 5], [0.3, 1.7]],
  },
  // `*` scales when a side is a scalar and multiplies matrices otherwise, as in mathjs.
  { name: 'multiply', arity: 2, syntax: infix('*', 2), operators: ['multiply'], ...MULTIPLY, tensor: MATMUL, gate: 'swaps' },
  { name: 'dotMultiply', arity: 2, syntax: infix('.*', 2), operators: ['dotMultiply'], ...MULTIPLY, gate: 'swaps' },
  {
    name: 'divide', arity: 2, syntax: infix('/', 2), operators: ['divide'], ...DIVIDE,
    refuse: (shapes) =>
      shapes[1]!.length > 0 ? reason('inverse') : undefined,
  },
  { name: 'dotDivide', arity: 2, syntax: infix('./', 2), operators: ['dotDivide'], ...DIVIDE },
  {
    name: 'unaryMinus', arity: 1, syntax: { kind: 'prefix', symbol: '-', prec: 3 }, operators: ['unaryMinus'], gate: 'negates',
    forward: (a) => -a,
    local: [() => -1],
    formula: ['-1'],
    samples: [[3], [-0.7]],
  },
  // `q = x` or `r = q`: a statement naming what already has a name gets a node of its own, so that the
  // name has its row, its value and its gradient (--expect q=…), as every named node does.
  {
    name: 'identity', arity: 1, syntax: { kind: 'same' }, gate: 'passes',
    forward: (a) => a,
    local: [() => 1],
    formula: ['1'],
    samples: [[3], [-0.7]],
  },
  {
    name: 'pow', arity: 2, syntax: infix('^', 4, true), operators: ['pow'], call: 'pow', ...POW,
    refuse: (shapes) =>
      shapes.some((s) => s.length > 0) ? reason('matrixPower') : undefined,
  },
  { name: 'dotPow', arity: 2, syntax: infix('.^', 4, true), operators: ['dotPow'], ...POW },

  unary('exp', Math.exp, (_x, y) => y, 'exp(x)', [-1, 0.5, 2]),
  {
    name: 'log', arity: 1, syntax: fn('log'), call: 'log',
    forward: (a) => Math.log(a),
    local: [(a) => 1 / a],
    formula: ['1 / x'],
    samples: [[0.5], [3]],
  },
  {
    // log(x, base), as mathjs writes it.
    name: 'logBase', arity: 2, syntax: fn('log'), call: 'log', expand: 'log(a) / log(b)',
    forward: (a, b) => Math.log(a) / Math.log(b),
    local: [(a, b) => 1 / (a * Math.log(b)), (a, b) => -Math.log(a) / (b * Math.log(b) ** 2)],
    formula: ['1 / (a * log(b))', '-log(a) / (b * log(b)^2)'],
    samples: [[8, 2], [0.5, 10]],
  },
  { ...unary('log2', Math.log2, (x) => 1 / (x * LN2), '1 / (x * log(2))', [0.5, 3]), expand: 'log(x) / log(2)' },
  { ...unary('log10', Math.log10, (x) => 1 / (x * LN10), '1 / (x * log(10))', [0.5, 3]), expand: 'log(x) / log(10)' },
  { ...unary('log1p', Math.log1p, (x) => 1 / (1 + x), '1 / (1 + x)', [-0.5, 2]), expand: 'log(1 + x)' },
  { ...unary('expm1', Math.expm1, (x) => Math.exp(x), 'exp(x)', [-1, 0.5]), expand: 'exp(x) - 1' },
  unary('sqrt', Math.sqrt, (_x, y) => 0.5 / y, '1 / (2 * sqrt(x))', [0.25, 4]),
  unary('cbrt', Math.cbrt, (_x, y) => 1 / (3 * y * y), '1 / (3 * cbrt(x)^2)', [-8, 0.5]),
  unary('abs', Math.abs, (x) => Math.sign(x), 'sign(x)', [-2, 0.5],
    true),
  unary('sign', Math.sign, () => 0, '0', [-2, 0.5],
    true),
  { ...unary('square', (x) => x * x, (x) => 2 * x, '2 * x', [-1.5, 0.3]), expand: 'x ^ 2' },
  { ...unary('cube', (x) => x * x * x, (x) => 3 * x * x, '3 * x^2', [-1.5, 0.3]), expand: 'x ^ 3' },
  unary('sin', Math.sin, Math.cos, 'cos(x)', [-1, 0.4]),
  unary('cos', Math.cos, (x) => -Math.sin(x), '-sin(x)', [-1, 0.4]),
  unary('tan', Math.tan, (x) => 1 / Math.cos(x) ** 2, '1 / cos(x)^2', [-1, 0.4]),
  unary('asin', Math.asin, (x) => 1 / Math.sqrt(1 - x * x), '1 / sqrt(1 - x^2)', [-0.5, 0.3]),
  unary('acos', Math.acos, (x) => -1 / Math.sqrt(1 - x * x), '-1 / sqrt(1 - x^2)', [-0.5, 0.3]),
  unary('atan', Math.atan, (x) => 1 / (1 + x * x), '1 / (1 + x^2)', [-2, 0.4]),
  { ...unary('sinh', Math.sinh, Math.cosh, 'cosh(x)', [-1, 0.4]), expand: '(exp(x) - exp(-x)) / 2' },
  { ...unary('cosh', Math.cosh, Math.sinh, 'sinh(x)', [-1, 0.4]), expand: '(exp(x) + exp(-x)) / 2' },
  { ...unary('tanh', Math.tanh, (_x, y) => 1 - y * y, '1 - tanh(x)^2', [-1, 0.4]), expand: '(exp(2 * x) - 1) / (exp(2 * x) + 1)' },
  { ...unary('sigmoid', sigmoid, (_x, y) => y * (1 - y), 'y * (1 - y)', [-1, 0, 1, 4]), expand: '1 / (1 + exp(-x))' },
  { ...unary('relu', (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0), 'x > 0 ? 1 : 0', [-1, 0.5],
    true), expand: 'max(0, x)' },
  { ...unary('softplus', softplus, sigmoid, '1 / (1 + exp(-x))', [-2, 0, 1.5]), expand: 'log(1 + exp(x))' },
  {
    name: 'max', arity: 2, syntax: fn('max'), call: 'max', gate: 'routes-larger',
    forward: (a, b) => (a > b || Number.isNaN(a) ? a : b),
    local: [(a, b) => (a > b ? 1 : a < b ? 0 : 0.5), (a, b) => (b > a ? 1 : b < a ? 0 : 0.5)],
    formula: ['a > b ? 1 : 0', 'b > a ? 1 : 0'],
    samples: [[0, 1.2], [0.5, -1]],
    kink: tie,
    side: (a, b) => Math.sign(a - b),
  },
  {
    name: 'min', arity: 2, syntax: fn('min'), call: 'min', gate: 'routes-smaller',
    forward: (a, b) => (a < b || Number.isNaN(a) ? a : b),
    local: [(a, b) => (a < b ? 1 : a > b ? 0 : 0.5), (a, b) => (b < a ? 1 : b > a ? 0 : 0.5)],
    formula: ['a < b ? 1 : 0', 'b < a ? 1 : 0'],
    samples: [[0, 1.2], [0.5, -1]],
    kink: tie,
    side: (a, b) => Math.sign(a - b),
  },
  ...TENSOR_OPS,
  INDEX,
  MATRIX,
];

/** The index of an op in OPS, by its JSON name. */

export function opIndex(name: string): number {
  const i = OPS.findIndex((o) => o.name === name);
  if (i < 0) throw new Error(`no op named ${name}`);
  return i;
}

export const VARIABLE = opIndex('variable');
export const CONSTANT = opIndex('constant');
export const IDENTITY = opIndex('identity');

/** The function names a user may call, for the unknown-function message. */
export const FUNCTION_NAMES: readonly string[] = [...new Set(OPS.flatMap((o) => (o.call ? [o.call] : [])))].sort();
