// The executable: the only file that touches `process`.
import { fstatSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { main } from './main.js';
import { createOutput, identity, readInput, writeAll } from './files.js';

declare const BACKPROP_VERSION: string; // set by the build (scripts/build.mjs)

// Not process.stdout.isTTY: making process.stdout, or loading node:tty, loads
// Node's stream and socket modules (3 ms, a twentieth of a small run), for
// nothing when standard output is a pipe or a file, as in every script: every
// write goes through writeAll. Only a character device can be a terminal.
const isCharacterDevice = (fd: number): boolean => {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
};
const tty = isCharacterDevice(1) && (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(1);

const self = {
  pid: process.pid,
  // Signal 0 only asks; EPERM means it exists, another user's.
  alive: (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  root: process.getuid?.() === 0,
};

void main({
  argv: process.argv.slice(2),
  env: process.env,
  stdoutIsTTY: tty,
  stdinIsTTY: () => isCharacterDevice(0) && (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(0),
  columns: tty ? process.stdout.columns : undefined,
  stdout: (text) => writeAll(1, text, 'standard output', true),
  stderr: (text) => writeAll(2, text, 'standard error'),
  read: readInput,
  identity,
  create: (path) => createOutput(path, self),
  workerUrl: new URL('./worker.cjs', import.meta.url),
  asset: (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'),
  version: BACKPROP_VERSION,
}).then((code) => {
  process.exitCode = code;
});
