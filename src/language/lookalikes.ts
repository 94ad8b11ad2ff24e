// Characters that look like the language's operators but are not: what a
// formula copied from lecture notes, a PDF or a Korean input method brings
// (− for -, × for *, x² for x^2, full-width （ ＋ ）). mathjs stops at them
// with "Syntax error in part …", or, for × and ÷, which it reads as letters,
// makes one name of x×y; the tool says instead what to type.
import { quote } from '../quote.js';

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

const INSTEAD = new Map<string, string>([
  ['−', '-'], ['–', '-'], ['—', '-'], ['‐', '-'], ['‑', '-'],
  ['×', '*'], ['·', '*'], ['⋅', '*'], ['∙', '*'], ['∗', '*'],
  ['÷', '/'], ['∕', '/'],
  ['√', 'sqrt(…)'], ['∑', 'sum(…)'],
  // A word processor's quotes: x’ is a transpose, “(x+y)*z” a shell's quoting that became typography.
  ['’', "'"], ['‘', "'"], ['′', "'"], ['“', '"'], ['”', '"'],
  // Spaces of other widths (a PDF's thin space, the ideographic one), typed as a space; invisible ones, deleted.
  ...[...'\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000'].map((c): [string, string] => [c, ' ']),
  ...[...'\u200b\u200c\u200d\u2060\ufeff\u00ad'].map((c): [string, string] => [c, '']),
  ...[...SUPERSCRIPTS].map((c, n): [string, string] => [c, `^${n}`]),
]);

/** Characters mathjs takes into a name that no one means as one. */
export const NOT_IN_NAMES = /[×÷]/;

/** A look-alike as a message names it: the character, its code point, what to type (' ' a space, '' nothing). */
export interface Lookalike {
  readonly char: string;
  readonly code: string;
  readonly instead: string;
}

/** `c` as a look-alike, when it looks like an operator or a digit that it is not. */
export function lookalike(c: string): Lookalike | undefined {
  const code = c.codePointAt(0) ?? 0;
  // Full-width forms (U+FF01…U+FF5E) are ASCII's shapes, 0xFEE0 above it.
  const instead = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : INSTEAD.get(c);
  return instead === undefined ? undefined : { char: quote(c), code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, instead };
}

/** The first look-alike in `text` (undefined: none). */
export function lookalikeIn(text: string): Lookalike | undefined {
  for (const c of text) {
    const found = lookalike(c);
    if (found) return found;
  }
  return undefined;
}
