// Runs the CLI's main() in-process with a fake outside world.
import { readFileSync } from 'node:fs';
import { main } from '../src/cli/cli.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exit: number;
}

export const FIXTURES = new URL('./fixtures/', import.meta.url);

export async function cli(
  argv: string[],
  options: { stdin?: string; env?: Record<string, string>; tty?: boolean; files?: Map<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const exit = await main({
    argv,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    // Paths in the cases are relative to test/fixtures.
    readFile: (path) => readFileSync(new URL(path, FIXTURES), 'utf8'),
    readStdin: () => {
      if (options.stdin === undefined) throw Object.assign(new Error('no input'), { code: 'EAGAIN' });
      return options.stdin;
    },
    writeFile: (path, text) => options.files?.set(path, text),
    workerUrl: new URL('../dist/parse-worker.cjs', import.meta.url),
    version: '0.0.0-test',
  });
  return { stdout, stderr, exit };
}
