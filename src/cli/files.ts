// The real files and streams behind Io, for bin.ts: every read bounded,
// every write checked, every output file replaced whole or not at all.
import { accessSync, chmodSync, chownSync, closeSync, constants, fstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, renameSync, type Stats, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fail } from '../errors.js';
import { escapeRegExp } from '../quote.js';
import { IO_REASONS } from '../texts.js';
import { type Output, ReaderGone } from './io.js';

// A stream opened non-blocking by whoever started us answers EAGAIN when it
// is momentarily full or empty: wait a millisecond and try again.
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number): void => void Atomics.wait(pause, 0, 0, ms);

/** Why a read or a write failed: the system's code where the messages say it in words (ENOSPC), else its message. */
const reasonOf = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code !== undefined && Object.hasOwn(IO_REASONS.en, code) ? code : e instanceof Error ? e.message : String(e);
};

/**
 * Writes all of `text` to a file descriptor; `where` names it in an error.
 * Standard output's closed pipe is ReaderGone; standard error's (`2>&1 | head`)
 * is nobody left to tell, and the rest of the message is dropped.
 */
export function writeAll(fd: number, text: string, where: string, stdout = false): void {
  let buffer: Buffer | undefined;
  let offset = 0;
  let length = Infinity;
  while (offset < length) {
    try {
      if (buffer === undefined) {
        // The string itself first: Node encodes it straight into the write, a third faster
        // than a Buffer made of it (measured); what a full pipe leaves is written from one.
        offset = writeSync(fd, text);
        length = Buffer.byteLength(text);
        if (offset < length) buffer = Buffer.from(text, 'utf8');
      } else offset += writeSync(fd, buffer, offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') sleep(1);
      else if (code === 'EPIPE' && stdout) throw new ReaderGone();
      else if (code === 'EPIPE' && fd === 2) return;
      else throw fail('cannotWrite', { path: where, reason: reasonOf(e) });
    }
  }
}

/** UTF-16 without a byte-order mark, as some editors save ASCII text: a zero in every other byte and in no other. */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  // zeros at odd bytes and only there: little-endian; at even bytes: big-endian.
  const zerosAt = (odd: number): boolean => {
    for (let k = 0; k < bytes.length; k += 2) if (bytes[k + odd] !== 0 || bytes[k + 1 - odd] === 0) return false;
    return true;
  };
  return zerosAt(1) ? 'utf-16le' : zerosAt(0) ? 'utf-16be' : undefined;
}

/** A whole input as UTF-8 text without its byte-order mark, refused once it passes `limit` bytes. */
export function readInput(path: string, what: string, limit: number): string {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw fail('cannotRead', { what, path, reason: reasonOf(e) });
  }
  const tooLarge = () => fail('inputTooLarge', { what, path, limit: limit / 2 ** 20 });
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw fail('cannotRead', { what, path, reason: 'EISDIR' });
    if (stat.isFile() && stat.size > limit) throw tooLarge();
    // Devices and pipes (/dev/zero, `yes |`) have no size: read until the end or the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          sleep(1);
          continue;
        }
        if (code === 'EOF') break;
        throw fail('cannotRead', { what, path, reason: reasonOf(e) });
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge();
      chunks.push(chunk.subarray(0, n));
    }
    const bytes = Buffer.concat(chunks, total);
    // A byte-order mark says UTF-16 (Notepad's "Unicode"): read as an editor would; else UTF-8. The decoder drops the mark.
    const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : (utf16WithoutMark(bytes) ?? 'utf-8');
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      throw fail('notText', { what, path });
    }
    // A NUL is in no text backprop reads: a binary file, which UTF-8 allows (it said "Expected property name").
    if (text.includes('\0')) throw fail('notText', { what, path });
    return text;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Device and inode of a file ("-": standard input), or undefined when there is none. */
export function identity(path: string): string | undefined {
  try {
    const s = path === '-' ? fstatSync(0) : statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function streamOutput(path: string): Output {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw fail('cannotWrite', { path, reason: reasonOf(e) });
  }
  const close = (): void => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return { write: (chunk) => writeAll(fd!, chunk, path), commit: close, abort: close };
}

/**
 * Removes what a run killed while writing `target` left (Ctrl-C cannot be
 * caught while a long synchronous run computes): its temporary files whose
 * process is gone. The target itself was never touched.
 */
function removeLeftovers(target: string, alive: (pid: number) => boolean): void {
  const own = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(\\d+)-[a-z0-9]+\\.tmp$`);
  try {
    for (const name of readdirSync(dirname(target))) {
      const pid = own.exec(name)?.[1];
      if (pid !== undefined && !alive(Number(pid))) unlinkSync(join(dirname(target), name));
    }
  } catch {
    // An unreadable directory, a file gone meanwhile: nothing to tidy.
  }
}

/** What createOutput needs of the process it runs in (bin.ts, the only file that touches `process`, gives it). */
export interface Self {
  readonly pid: number;
  /** Whether a process of this id exists. */
  readonly alive: (pid: number) => boolean;
  /** Root: it may give a file to its owner. */
  readonly root: boolean;
}

/**
 * Where `path` leads when it names no file yet: itself, or what its link (a
 * link to a link, …) points at, which is to be made as `>` would make it; a
 * rename over the link would have put a file in the link's place.
 */
function linkedTo(path: string): string {
  let at = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      link = readlinkSync(at);
    } catch {
      return at; // not a link
    }
    at = resolve(dirname(at), link);
  }
  throw fail('cannotWrite', { path, reason: 'ELOOP' });
}

/**
 * A file written beside `path` and renamed over it on commit, so that the
 * target is either untouched or whole (and keeps its mode and owner); a link
 * is followed, so that its target is what is replaced. A device, a pipe or a
 * socket (/dev/null, /dev/stdout, a FIFO) is no file to replace: it is
 * written as the run goes, as standard output is (renaming over /dev/null
 * put a file in its place).
 */
export function createOutput(path: string, self: Self): Output {
  let stats: Stats | undefined;
  try {
    stats = statSync(path); // links followed
  } catch {
    // A new file: its directory must exist, as opening the temporary file shows.
  }
  if (stats && !stats.isFile() && !stats.isDirectory()) return streamOutput(path);
  const target = stats ? realpathSync(path) : linkedTo(path);
  const mode = stats && stats.mode & 0o7777;
  // A file its owner made read-only is not replaced behind its back (a rename would), as `>` would not write it.
  if (stats && !writable(target)) throw fail('cannotWrite', { path, reason: 'EACCES' });
  // Unique enough with the pid, and opened with 'wx', which never takes an existing file
  // (node:crypto's random bytes would cost every run 3 ms of start-up to load).
  const temporary = join(dirname(target), `.${basename(target)}.${self.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  removeLeftovers(target, self.alive);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', 0o666);
  } catch (e) {
    throw fail('cannotWrite', { path, reason: reasonOf(e) });
  }
  const close = (): void => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    write: (chunk) => writeAll(fd!, chunk, path),
    commit() {
      close();
      try {
        if (mode !== undefined) chmodSync(temporary, mode);
        // Root replacing another's file keeps it theirs; anyone else cannot give a file away, and need not.
        if (stats && self.root) chownSync(temporary, stats.uid, stats.gid);
        renameSync(temporary, target);
      } catch (e) {
        this.abort();
        throw fail('cannotWrite', { path, reason: reasonOf(e) });
      }
    },
    abort() {
      close();
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    },
  };
}
