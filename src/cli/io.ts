// The outside world as the command line sees it: arguments, environment,
// standard streams, files. bin.ts gives it the real process (through
// files.ts); the tests give it fakes. Nothing else in the CLI touches the world.

/** An output written whole or not at all: committed when the run succeeds, else removed. */
export interface Output {
  write(chunk: string): void;
  commit(): void;
  abort(): void;
}

export interface Io {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** Whether standard input is a terminal: asked only when a run reads it (-), as finding out loads node:tty. */
  readonly stdinIsTTY?: () => boolean;
  /** The terminal's width, when standard output is a terminal. */
  readonly columns?: number | undefined;
  /** Write to standard output; throws ReaderGone when the reader has left (a closed pipe), a BackpropError when the write fails. */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A whole input as text ("-" is standard input), of at most `limit` bytes; throws a BackpropError. */
  readonly read: (path: string, what: string, limit: number) => string;
  /** Which file a path is (device and inode), to keep --out off the run's inputs; undefined when there is none. */
  readonly identity: (path: string) => string | undefined;
  /** A file that replaces `path` only when committed. */
  readonly create: (path: string) => Output;
  /** The compiled worker script (deep parses, closed forms, layouts). */
  readonly workerUrl: URL;
  /** A file built beside the program: the page's script. */
  readonly asset: (name: 'page.js') => string;
  readonly version: string;
}

/** Standard output's reader stopped reading (`| head`): not an error, the run just ends. */
export class ReaderGone extends Error {
  constructor() {
    super('the reader of standard output has gone');
    this.name = 'ReaderGone';
  }
}
