// mathjs's parser and nothing else from mathjs: the number-only build leaves
// out BigNumber, Complex and Fraction, which keeps start-up fast.
import { create, parseDependencies, type MathNode } from 'mathjs/number';
import { BackpropError, pointAt } from './errors.js';

let parser: ((expr: string) => MathNode) | undefined;

/** True for the RangeError a JavaScript stack overflow throws. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/** Parses one expression; syntax errors become BackpropErrors with a caret. */
export function parseExpression(expression: string): MathNode {
  parser ??= create({ parseDependencies: parseDependencies! }).parse as (expr: string) => MathNode;
  try {
    return parser(expression);
  } catch (e) {
    if (isStackOverflow(e)) throw e; // the caller retries with a bigger stack
    const message = e instanceof Error ? e.message : String(e);
    const char = (e as { char?: unknown }).char;
    if (typeof char !== 'number') throw new BackpropError('syntax', `cannot parse the expression: ${message}`);
    // mathjs counts characters from 1 and appends "(char N)" itself.
    const index = Math.max(0, Math.min(expression.length, char - 1));
    const reason = message.replace(/ \(char \d+\)$/, '');
    throw new BackpropError(
      'syntax',
      `syntax error at character ${index + 1}: ${reason}\n${pointAt(expression, index)}`,
      { position: index + 1 },
    );
  }
}
