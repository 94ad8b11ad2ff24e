// Input said back to the user, safely: every message that shows a piece of
// what the user typed goes through here, so that no message carries raw
// bytes, terminal escapes or 600 KB of expression.

/**
 * Control characters, bidi controls (all of Unicode's Bidi_Control, U+061C
 * among them), line separators and invisible ones (zero-width space, soft
 * hyphen, word joiner): shown as escapes, never sent to a terminal, so that
 * what a message shows is what was typed, and a caret points where it says.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const escape = (c: string): string => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/** The text with every unsafe character escaped. */
export const escapeUnsafe = (s: string): string => s.replace(UNSAFE, escape);

/** Control characters but tab and the line ends, which a terminal would act on (ESC starts an escape sequence). */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Data with its control characters escaped, and nothing else: a name's joiners (U+200C in Persian) are its own. */
export const escapeControls = (s: string): string => s.replace(CONTROLS, escape);

/** At most `max` characters of the text (escaped), with … where it was cut. */
export function clip(s: string, max = 200): string {
  // Escape only the part shown: the text may be megabytes long.
  const cut = s.length > max;
  const shown = escapeUnsafe(cut ? s.slice(0, max) : s);
  return cut ? `${shown.slice(0, max)}…` : shown;
}

/** A piece of input in quotes, clipped and escaped: "abc", "aaaa…" (600000 characters). */
export function quote(s: string, max = 40): string {
  const text = `"${clip(s, max).replace(/"/g, '\\"')}"`;
  return s.length > max ? `${text} (${s.length} characters)` : text;
}

/** Columns a string takes on a terminal: Hangul and other wide characters take two. */
export function displayWidth(s: string): number {
  // Most text (ASCII, ∂, Greek) is below the first wide block and has no surrogate pairs: a column a unit.
  let k = 0;
  while (k < s.length && s.charCodeAt(k) < 0x1100) k++;
  if (k === s.length) return k;
  let width = k;
  for (const ch of s.slice(k)) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x1f300 && c <= 0x1faff);
    width += wide ? 2 : 1;
  }
  return width;
}

/**
 * A line as lines of at most `columns` (display width), broken at spaces, each
 * continuation indented two more than the line: a terminal would break it
 * anywhere, inside a Korean word, and back at column 0. A word wider than the
 * line stays whole.
 */
export function wrapLine(line: string, columns: number): string[] {
  if (displayWidth(line) <= columns) return [line];
  const indent = /^ */.exec(line)![0];
  const more = indent.length + 2 < columns / 2 ? `${indent}  ` : indent;
  const [head, ...words] = line.slice(indent.length).split(' ');
  const lines: string[] = [];
  let current = indent + head;
  let width = displayWidth(current);
  for (const word of words) {
    const w = displayWidth(word);
    if (width + 1 + w > columns) {
      lines.push(current);
      current = more + word;
      width = more.length + w;
    } else {
      current += ` ${word}`;
      width += 1 + w;
    }
  }
  lines.push(current);
  return lines;
}

/** `expression` with a caret under the 0-based `index`: one escaped line around it, however long the expression. */
export function pointAt(expression: string, index: number): string {
  const from = Math.max(0, index - 30);
  const to = Math.min(expression.length, index + 30);
  const head = from > 0 ? '…' : '';
  const tail = to < expression.length ? '…' : '';
  // New lines and tabs read as spaces; anything else unsafe as its escape.
  const show = (s: string): string => escapeUnsafe(s.replace(/[\t\n\r]/g, ' '));
  const before = head + show(expression.slice(from, index));
  return `  ${before}${show(expression.slice(index, to))}${tail}\n  ${' '.repeat(displayWidth(before))}^`;
}

/** `s` matched literally inside a RegExp (a name may hold `$`). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
