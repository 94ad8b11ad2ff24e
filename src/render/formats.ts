// Every output format, in one record: the --format choices, the help text
// and the README's list come from it, so that they cannot drift. Each
// renderer says which parts of a report it can show, whether --precision
// means anything to it, and whether warnings go inside its output or to
// standard error.
import { renderSections } from './checks.js';
import { renderExplain } from './explain.js';
import { writeJson } from './json.js';
import { renderDot, renderMermaid, renderSvg } from './picture.js';
import type { Extra, RenderOptions, Report } from './report.js';
import { renderTable } from './table.js';

export type Format = 'table' | 'json' | 'explain' | 'dot' | 'mermaid' | 'svg';

export interface Renderer {
  /** What it is, for --help and the README. */
  readonly summary: string;
  /** The parts of a report it shows; asking for another is an error, not silence. */
  readonly shows: readonly Extra[];
  /** It rounds numbers for reading, so --precision applies. */
  readonly rounds: boolean;
  /** Its warnings are part of its output (JSON), or go to standard error. */
  readonly warningsInside: boolean;
  render(report: Report, options: RenderOptions, write: (chunk: string) => void): void | Promise<void>;
}

const ALL: readonly Extra[] = ['jacobians', 'check', 'expectations', 'symbolic'];
/** A picture shows the graph and nothing more. */
const NONE: readonly Extra[] = [];

export const FORMATS = {
  table: {
    summary: 'a row per node: value, local gradients, gradient (the default)',
    shows: ALL,
    rounds: true,
    warningsInside: false,
    render: (report, options, write) => write(renderTable(report, options) + renderSections(report, options)),
  },
  json: {
    summary: 'one JSON document (schema 1), for scripts (also --json)',
    shows: ALL,
    rounds: false,
    warningsInside: true,
    render: (report, _options, write) => writeJson(report, write),
  },
  explain: {
    summary: 'the forward and the backward pass step by step, as a lecture says it (also --explain)',
    shows: ALL,
    rounds: true,
    warningsInside: false,
    render: (report, options, write) => write(renderExplain(report, options) + renderSections(report, options)),
  },
  dot: {
    summary: 'the graph in Graphviz DOT: values on the edges, gradients in red',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    render: (report, options, write) => write(renderDot(report, options)),
  },
  mermaid: {
    summary: 'the graph as a Mermaid flowchart, for Markdown that GitHub draws',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    render: (report, options, write) => write(renderMermaid(report, options)),
  },
  svg: {
    summary: 'the graph laid out as SVG by Graphviz (built in, no install)',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    render: async (report, options, write) => write(await renderSvg(report, options)),
  },
} satisfies Record<Format, Renderer>;

export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

export const isFormat = (name: string): name is Format => Object.hasOwn(FORMATS, name);
