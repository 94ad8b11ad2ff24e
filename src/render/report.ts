// What every renderer reads: one run's trace, the names of its nodes, and
// whatever homework was asked of it. A renderer is a function of this and of
// how the reader wants it shown.
import type { Trace } from '../graph/graph.js';
import type { Names } from '../graph/names.js';
import type { Tensor } from '../graph/tensor.js';
import type { CheckResult } from '../homework/check.js';
import type { ExpectationResult } from '../homework/expect.js';
import type { Symbolic } from '../homework/symbolic.js';
import type { Lang } from '../texts.js';

export interface Report {
  readonly trace: Trace;
  readonly names: Names;
  /** From --jacobian: per variable, a row for each output entry (null without a gradient). */
  readonly jacobians?: ReadonlyMap<string, Tensor | null>;
  readonly check?: CheckResult;
  readonly expectations?: readonly ExpectationResult[];
  /** From --symbolic: per variable, the closed form or why there is none. */
  readonly symbolic?: ReadonlyMap<string, Symbolic>;
}

/** The parts of a report beyond the trace, each asked for by an option. */
export type Extra = 'jacobians' | 'check' | 'expectations' | 'symbolic';

/** Colours for a terminal; PLAIN for anything else. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const same = (s: string): string => s;
export const PLAIN: Style = { bold: same, dim: same, cyan: same, yellow: same };

export interface RenderOptions {
  readonly lang: Lang;
  /** Significant digits, instead of the lecture's rounding. */
  readonly precision?: number;
  readonly style: Style;
  /** The terminal's width; undefined when the output is not a terminal (it then gets every column whole). */
  readonly columns?: number;
  /** The worker script, for work that needs its own thread (Graphviz's layout). */
  readonly workerUrl: URL;
  /** Pictures draw every constant as a leaf instead of folding it into its gate (+1, *-1, 1/x). */
  readonly plainGates?: boolean;
  /** A file built beside the program (the page's script, dist/page.js). */
  readonly asset: (name: 'page.js') => string;
}

/** Whether every check asked for held; undefined when none was asked for. */
export function overallOk(report: Report): boolean | undefined {
  if (!report.check && !report.expectations) return undefined;
  return (report.check?.ok ?? true) && (report.expectations ?? []).every((e) => e.ok);
}

/** Where a renderer writes: pieces of text, in order. */
export type Write = (chunk: string) => void;

/** Text gathered and handed on in pieces. */
export interface Chunks {
  readonly add: (text: string) => void;
  /** Hands on what is left. */
  readonly end: () => void;
}

/**
 * Text handed to `write` in pieces of about 64 KB: small pieces are joined by
 * +, which V8 makes cheap (a rope, flattened once when written), and the text
 * of a graph of a million nodes is never one 150 MB string. Every writer of
 * large output gathers through this. With `atLineEnds`, a piece is handed on
 * only where a line ends (or past 16 MB): a batch's JSON lines reach their
 * reader whole, however many pieces each was added in.
 */
export function chunked(write: Write, atLineEnds = false): Chunks {
  let text = '';
  return {
    add(s) {
      text += s;
      if (text.length > 1 << 16 && (!atLineEnds || s.charCodeAt(s.length - 1) === 10 || text.length > 1 << 24)) {
        write(text);
        text = '';
      }
    },
    end() {
      if (text.length > 0) write(text);
      text = '';
    },
  };
}

/** Lines handed on in pieces (see chunked). */
export function lineWriter(write: Write): { readonly line: (text: string) => void; readonly end: () => void } {
  const chunks = chunked(write);
  return { line: (s) => chunks.add(`${s}\n`), end: chunks.end };
}
