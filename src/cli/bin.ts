// The executable: the only file that touches `process`.
import { readFileSync } from 'node:fs';
import { main } from './main.js';
import { createOutput, identity, readInput, writeAll } from './files.js';

declare const BACKPROP_VERSION: string; // set by the build (scripts/build.mjs)

void main({
  argv: process.argv.slice(2),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  stdout: (text) => writeAll(1, text, 'standard output', true),
  stderr: (text) => writeAll(2, text, 'standard error'),
  read: readInput,
  identity,
  create: createOutput,
  workerUrl: new URL('./worker.cjs', import.meta.url),
  asset: (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'),
  version: BACKPROP_VERSION,
}).then((code) => {
  process.exitCode = code;
});
