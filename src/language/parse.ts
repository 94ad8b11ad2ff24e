// mathjs's parser and nothing else from mathjs. `create({ parseDependencies })`
// would build mathjs's typed-function machinery and numeric conversions that
// we never call; building the parser from its public factories with the
// little it needs to *parse* halves its share of start-up (measured with
// `npm run bench`). We never compile or evaluate a mathjs node, so the node
// classes get empty stand-ins for the functions they use only when evaluated.
// The parser tests fail loudly if a mathjs release changes these factories.
import {
  createAccessorNode, createArrayNode, createAssignmentNode, createBlockNode, createConditionalNode,
  createConstantNode, createFunctionAssignmentNode, createFunctionNode, createIndexNode, createNode,
  createObjectNode, createOperatorNode, createParenthesisNode, createParse, createRangeNode,
  createRelationalNode, createSymbolNode, type MathNode,
} from 'mathjs/number';
import { BackpropError, fail, failAt } from '../errors.js';
import { clip, pointAt, quote } from '../quote.js';
import { lookalike } from './lookalikes.js';
import type { ListProblem } from '../graph/tensor.js';

/** mathjs's parse, with its own test of what may stand in a name (a character, the one before it and the one after). */
type Parse = ((expression: string) => MathNode) & { isAlpha(c: string, before: string, after: string): boolean };

function createParser(): Parse {
  // parse is declared with typed-function; one signature, (string), is all we call.
  const typed = Object.assign(
    (_name: string, signatures: { string: Parse }) => (expression: string) => signatures.string(expression),
    { addConversion: () => {} },
  );
  const unused = {}; // stands in for the evaluation-only functions
  const Node = createNode({ mathWithTransform: unused });
  const deps = { Node, typed, math: unused, subset: unused, size: unused, ResultSet: unused, isBounded: unused };
  const SymbolNode = createSymbolNode(deps);
  return createParse({
    typed,
    // Number literals only: "0x1F" and "0b101" too, as mathjs reads them.
    numeric: (text: string) => {
      const x = Number(text);
      if (Number.isNaN(x)) throw fail('cannotReadNumber', { text: quote(text) });
      // 1e309 is Infinity to a double: refused as a binding's value is, not carried through as a constant.
      if (!Number.isFinite(x)) throw fail('numberTooLarge', { text: quote(text) });
      return x;
    },
    config: { number: 'number' },
    AccessorNode: createAccessorNode(deps),
    ArrayNode: createArrayNode(deps),
    AssignmentNode: createAssignmentNode(deps),
    BlockNode: createBlockNode(deps),
    ConditionalNode: createConditionalNode(deps),
    ConstantNode: createConstantNode(deps),
    FunctionAssignmentNode: createFunctionAssignmentNode(deps),
    FunctionNode: createFunctionNode({ ...deps, SymbolNode }),
    IndexNode: createIndexNode(deps),
    ObjectNode: createObjectNode(deps),
    OperatorNode: createOperatorNode(deps),
    ParenthesisNode: createParenthesisNode(deps),
    RangeNode: createRangeNode(deps),
    RelationalNode: createRelationalNode(deps),
    SymbolNode,
  }) as Parse;
}

let parser: Parse | undefined;

/** True for the RangeError a JavaScript stack overflow throws. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** One of `, x=1, y=-2`: a binding written inside an expression's quotes. */
const BINDING = /^\s*[\p{L}_][\p{L}\p{N}_]*\s*=\s*[-+]?\.?\d/u;
/** Whether what is left of an expression, from a comma on, is bindings: piece by piece (one pattern over all of it backtracked exponentially). */
const bindingsAfter = (rest: string): boolean => rest.slice(1).split(',').every((piece) => BINDING.test(piece));

/** Parses one expression; syntax errors become BackpropErrors with a caret. */
export function parseExpression(expression: string): MathNode {
  parser ??= createParser();
  try {
    return parser(expression);
  } catch (e) {
    if (isStackOverflow(e) || e instanceof BackpropError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const char = (e as { char?: unknown }).char;
    if (typeof char !== 'number') throw fail('cannotParse', { reason: clip(message, 100) });
    // mathjs counts characters from 1 and appends "(char N)" itself.
    const index = Math.max(0, Math.min(expression.length, char - 1));
    const reason = message.replace(/ \(char \d+\)$/, '');
    // Python's x**2 and W @ x: mathjs stops at the second * or at @, and says only "Value expected".
    if (index > 0 && expression.startsWith('**', index - 1)) throw failAt(`\n${pointAt(expression, index - 1)}`, 'pythonPower', { position: index });
    // q := x + y (Pascal's, Go's and Maxima's assignment): mathjs reads : as a range and stops at the =.
    if (index > 0 && expression.startsWith(':=', index - 1)) throw failAt(`\n${pointAt(expression, index - 1)}`, 'colonEquals', { position: index });
    // q = x + y, f = q * z: statements joined as a lecture's prose joins them; or bindings inside the quotes.
    if (expression[index] === ',') {
      const caret = `\n${pointAt(expression, index)}`;
      const rest = expression.slice(index);
      if (!bindingsAfter(rest)) throw failAt(caret, 'topComma', { position: index + 1 });
      const bindings = rest.split(',').map((b) => b.trim().replace(/\s*=\s*/, '=')).filter((b) => b !== '');
      throw failAt(caret, 'bindingsInExpression', { position: index + 1, instead: clip(`backprop "${expression.slice(0, index).trim()}" ${bindings.join(' ')}`, 80) });
    }
    if (expression[index] === '@') throw failAt(`\n${pointAt(expression, index)}`, 'pythonMatmul', { position: index + 1 });
    // Notation from a write-up: LaTeX's \frac and e^{x} (braces are an object to mathjs), a norm's |x|.
    const backslash = expression.indexOf('\\');
    if (backslash >= 0 && backslash <= index) throw failAt(`\n${pointAt(expression, backslash)}`, 'latexInput', { position: backslash + 1, command: quote(/^\\[A-Za-z]*/.exec(expression.slice(backslash))![0]) });
    const brace = expression.indexOf('{');
    if (brace >= 0 && brace <= index) throw failAt(`\n${pointAt(expression, brace)}`, 'braces', { position: brace + 1 });
    if (expression[index] === '|') throw failAt(`\n${pointAt(expression, index)}`, 'absBars', { position: index + 1 });
    // [1, 2; 3]: mathjs says "Column dimensions mismatch (1 !== 2)"; which row, said as a value's would be.
    if (reason.startsWith('Column dimensions mismatch')) {
      const short = shortRow(expression, index);
      if (short) throw failAt(`\n${pointAt(expression, short.at)}`, 'matrixShape', { problem: short.problem });
    }
    const caret = `\n${pointAt(expression, index)}`;
    const c = String.fromCodePoint(expression.codePointAt(index) ?? 32);
    const odd = lookalike(c);
    if (odd) throw failAt(caret, 'lookalike', { position: index + 1, ...odd });
    // A letter mathjs does not take into names (Hangul, Cyrillic, …): mathjs says only "Syntax error".
    if (/\p{L}/u.test(c) && !parser.isAlpha(expression[index]!, expression[index - 1] ?? '', expression[index + 1] ?? '')) throw failAt(caret, 'nameLetter', { position: index + 1, char: quote(c) });
    throw failAt(caret, 'syntaxAt', { position: index + 1, reason: clip(reason, 100) });
  }
}

/**
 * The matrix literal written with ; that mathjs stopped after, at `index`:
 * where its [ is, and its first row whose length differs from the first's.
 */
function shortRow(expression: string, index: number): { at: number; problem: ListProblem } | undefined {
  const close = expression.lastIndexOf(']', index);
  let depth = 0;
  let open = -1;
  for (let k = close - 1; k >= 0 && open < 0; k--) {
    const c = expression[k];
    if (c === ']' || c === ')') depth++;
    else if (c === '(' || (c === '[' && depth > 0)) depth--;
    else if (c === '[') open = k;
  }
  if (open < 0) return undefined;
  // Each row's entries: the commas and semicolons outside brackets and parentheses.
  const lengths = [1];
  depth = 0;
  for (let k = open + 1; k < close; k++) {
    const c = expression[k];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && c === ',') lengths[lengths.length - 1]!++;
    else if (depth === 0 && c === ';') lengths.push(1);
  }
  const row = lengths.findIndex((n) => n !== lengths[0]);
  return row < 0 ? undefined : { at: open, problem: { kind: 'rows', row: row + 1, length: lengths[row]!, first: lengths[0]! } };
}
