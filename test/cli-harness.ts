// Runs the CLI's main() in-process with a fake outside world.
import { readFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { BackpropError } from '../src/errors.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exit: number;
}

export const FIXTURES = new URL('./fixtures/', import.meta.url);

export interface FakeWorld {
  stdin?: string;
  env?: Record<string, string>;
  tty?: boolean;
  /** Standard input is a terminal. */
  stdinTty?: boolean;
  columns?: number;
  /** Files written with --out, by path: only what was committed. */
  files?: Map<string, string>;
}

export async function cli(argv: string[], options: FakeWorld = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const exit = await main({
    argv,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stdinIsTTY: () => options.stdinTty ?? false,
    columns: options.columns,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    // Paths in the cases are relative to test/fixtures.
    read: (path, what, limit) => {
      if (path === '-') {
        if (options.stdin === undefined) throw new BackpropError('cannotRead', { what, path, reason: 'no input' });
        return options.stdin;
      }
      let text: string;
      try {
        text = readFileSync(new URL(path, FIXTURES), 'utf8');
      } catch {
        throw new BackpropError('cannotRead', { what, path, reason: 'ENOENT' });
      }
      if (text.length > limit) throw new BackpropError('inputTooLarge', { what, path, limit: limit / 2 ** 20 });
      return text.replace(/^\uFEFF/, '');
    },
    identity: (path) => (path === '-' ? 'stdin' : `fixture:${path}`),
    create: (path) => {
      let text = '';
      return { write: (chunk) => void (text += chunk), commit: () => void options.files?.set(path, text), abort: () => {} };
    },
    workerUrl: new URL('../dist/worker.cjs', import.meta.url),
    asset: (name) => readFileSync(new URL(`../dist/${name}`, import.meta.url), 'utf8'),
    version: '0.0.0-test',
  });
  return { stdout, stderr, exit };
}
