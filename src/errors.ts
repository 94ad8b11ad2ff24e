// Errors a user can cause. Each has a code; the CLI maps codes to exit codes
// in one place (exitCode below) and prints the message without a stack, in
// the user's language: an error made by fail() carries its text's key and
// parameters (texts.ts), and its English text as its message.
import { type Lang, type Params, render, type TextKey } from './texts.js';

export type ErrorCode =
  | 'syntax' // the expression does not parse
  | 'unknown-function' // a function name not in the op table
  | 'unsupported' // a construct the language refuses (assignment, strings, …)
  | 'arity' // a known function called with the wrong number of arguments
  | 'unbound' // free variables without a value
  | 'bad-value' // a binding's value does not parse
  | 'shape' // shapes that do not fit, or that an op refuses
  | 'index' // an index that is not a whole number in range
  | 'too-deep' // nested beyond what even the big-stack parser takes
  | 'usage' // the command line itself is wrong
  | 'io'; // a file that cannot be read

/** An error's text as a key and parameters, with what stands before and after it (a node, a caret). */
export interface Localized {
  readonly key: TextKey;
  readonly params: Params;
  readonly prefix?: string;
  readonly suffix?: string;
}

export class BackpropError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the JSON error document (names, position, …). */
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly text?: Localized,
  ) {
    super(message);
    this.name = 'BackpropError';
  }

  /** The message in a language (English where the error has no key). */
  say(lang: Lang): string {
    const t = this.text;
    return t ? `${t.prefix ?? ''}${render(lang, t.key, t.params)}${t.suffix ?? ''}` : this.message;
  }

  /** The same error, said of a node: `n3 = s[y]: …`. */
  at(prefix: string): BackpropError {
    return new BackpropError(this.code, `${prefix}${this.message}`, this.details, this.text && { ...this.text, prefix: `${prefix}${this.text.prefix ?? ''}` });
  }
}

/** An error from its text's key and parameters; `suffix` follows it in every language (a caret under the expression). */
export function fail(
  code: ErrorCode,
  key: TextKey,
  params: Params = {},
  options: { readonly details?: Readonly<Record<string, unknown>>; readonly suffix?: string } = {},
): BackpropError {
  const suffix = options.suffix ?? '';
  return new BackpropError(code, render('en', key, params) + suffix, options.details ?? {}, { key, params, suffix });
}

/** SPEC §5: 2 for input that cannot be used. Exit 1 is for failed checks. */
export function exitCode(_code: ErrorCode): number {
  return 2;
}

/** `expression` with a caret under the 0-based `index`, for syntax errors. */
export function pointAt(expression: string, index: number): string {
  // Show one line around the position: an expression may be megabytes long.
  const from = Math.max(0, index - 40);
  const to = Math.min(expression.length, index + 40);
  const head = from > 0 ? '…' : '';
  const tail = to < expression.length ? '…' : '';
  const text = expression.slice(from, to).replace(/\s/g, ' ');
  return `  ${head}${text}${tail}\n  ${' '.repeat(head.length + index - from)}^`;
}
