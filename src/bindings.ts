// Bindings (SPEC §2): variable values from the command line and from --vars.
import { BackpropError } from './errors.js';

/** A mathjs symbol: letters (any script), digits, _ and $, not starting with a digit. */
export const NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number in a binding's text, or a bad-value error naming the variable. */
export function parseValue(name: string, text: string): number {
  const t = text.trim();
  if (NUMBER.test(t)) {
    const x = Number(t);
    if (Number.isFinite(x)) return x;
    throw new BackpropError('bad-value', `the value of ${name} is too large: ${t}`, { name });
  }
  if (t.startsWith('[')) {
    throw new BackpropError('bad-value', `${name}: vectors and matrices are not supported yet; bind a number`, { name });
  }
  throw new BackpropError('bad-value', `the value of ${name} is not a number: ${JSON.stringify(text)}`, { name });
}

/** The bindings in a --vars file: a JSON object of numbers. */
export function parseVarsFile(text: string, source: string): Map<string, number> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BackpropError('bad-value', `${source} is not JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BackpropError('bad-value', `${source} must hold a JSON object such as {"x": 2, "y": -1}`);
  }
  const out = new Map<string, number>();
  for (const [name, value] of Object.entries(data)) {
    if (!NAME.test(name)) throw new BackpropError('bad-value', `${source}: ${JSON.stringify(name)} is not a variable name`);
    if (typeof value === 'number') out.set(name, value);
    else if (Array.isArray(value)) out.set(name, parseValue(name, '['));
    else throw new BackpropError('bad-value', `${source}: the value of ${name} is not a number: ${JSON.stringify(value)}`, { name });
  }
  return out;
}
