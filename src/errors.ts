// Errors a user can cause. Each is thrown by its key in the catalogue
// (texts.ts), which fixes its code, its parameters and its words; the
// message is English (for JSON and the library), and the command line says
// it in the user's language with its hint. A bug is any other exception.
import { type ArgsOf, codeOf, detailsOf, type ErrorCode, type ErrorKey, type Lang, type ParamsOf, say } from './texts.js';

export type { ErrorCode } from './texts.js';

/** What stands around an error's text: the node it is said of, a caret under the expression. */
export interface Around {
  readonly prefix?: string;
  readonly suffix?: string;
}

export class BackpropError<K extends ErrorKey = ErrorKey> extends Error {
  readonly code: ErrorCode;
  /** Fields of the JSON error document besides code and message. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly key: K,
    readonly params: ParamsOf<K>,
    readonly around: Around = {},
  ) {
    // A user's mistake is said without a stack, so none is taken: it was most of a batch line's cost when a
    // million lines could not be used (20 µs a line). A bug, any other exception, keeps its stack.
    // The words first: were they to throw, the limit would stay 0 for every later error.
    const message = `${around.prefix ?? ''}${say('en', key, params)}${around.suffix ?? ''}`;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'BackpropError';
    this.code = codeOf(key);
    this.details = detailsOf(key, params);
  }

  /** SPEC §5: every input that cannot be used exits 2. */
  get exitCode(): 2 {
    return 2;
  }

  /** The message in a language; `cli` adds what to type on the command line. */
  say(lang: Lang, cli = false): string {
    return `${this.around.prefix ?? ''}${say(lang, this.key, this.params, cli)}${this.around.suffix ?? ''}`;
  }

  /** The same error, said of a node: `n3 = s[y]: …`. */
  at(prefix: string): BackpropError<K> {
    return new BackpropError(this.key, this.params, { ...this.around, prefix: `${prefix}${this.around.prefix ?? ''}` });
  }
}

/** The error of a key, with its parameters (none for a key that takes none). */
export function fail<K extends ErrorKey>(key: K, ...args: ArgsOf<K>): BackpropError<K> {
  return new BackpropError(key, (args[0] ?? {}) as ParamsOf<K>);
}

/** The same with a caret (or other text) after it. */
export function failAt<K extends ErrorKey>(suffix: string, key: K, ...args: ArgsOf<K>): BackpropError<K> {
  return new BackpropError(key, (args[0] ?? {}) as ParamsOf<K>, { suffix });
}
