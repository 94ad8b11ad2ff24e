// The executable: the only file that touches `process`.
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from './cli.js';

declare const BACKPROP_VERSION: string; // set by the build (scripts/build.mjs)

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // A reader that stops early (`| head`) is not an error.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

void main({
  argv: process.argv.slice(2),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  readStdin: () => readFileSync(0, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  workerUrl: new URL('./parse-worker.cjs', import.meta.url),
  version: BACKPROP_VERSION,
}).then((code) => {
  process.exitCode = code;
});
