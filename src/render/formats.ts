// Every output format, in one record: the --format choices, the help text
// and the README's list come from it, so that they cannot drift. Each
// renderer says which parts of a report it can show, whether --precision
// means anything to it, and whether warnings go inside its output or to
// standard error.
import { renderSections } from './checks.js';
import { renderExplain } from './explain.js';
import { writeJson } from './json.js';
import { renderHtml } from '../page/html.js';
import { renderDot, renderMermaid, renderSvg } from './picture.js';
import type { Extra, RenderOptions, Report, Write } from './report.js';
import { renderTable } from './table.js';
import { renderLatex, renderMarkdown } from './writeup.js';

export type Format = 'table' | 'json' | 'explain' | 'dot' | 'mermaid' | 'svg' | 'html' | 'markdown' | 'latex';

export interface Renderer {
  /** What it is, for --help and the README. */
  readonly summary: string;
  /** The same, for --help in Korean. */
  readonly summaryKo: string;
  /** The parts of a report it shows; asking for another is an error, not silence. */
  readonly shows: readonly Extra[];
  /** It rounds numbers for reading, so --precision applies. */
  readonly rounds: boolean;
  /** Its warnings are part of its output (JSON), or go to standard error. */
  readonly warningsInside: boolean;
  /** It draws the graph, so --plain-gates applies. */
  readonly draws: boolean;
  /** The file names that are its own (--out graph.svg asks for svg); the first is the one to suggest. */
  readonly extensions: readonly string[];
  /** A file to open in a browser rather than text to read (a picture, a page): the name to suggest for it on a terminal. */
  readonly opened?: string;
  render(report: Report, options: RenderOptions, write: Write): void | Promise<void>;
}

/** A text renderer followed by the sections of what else was asked (checks, answers, the Jacobian, closed forms). */
const thenSections =
  (render: (report: Report, options: RenderOptions, write: Write) => void) =>
  (report: Report, options: RenderOptions, write: Write): void => {
    render(report, options, write);
    write(renderSections(report, options));
  };

const ALL: readonly Extra[] = ['jacobians', 'check', 'expectations', 'symbolic'];
/** Text for people, which has no file name of its own. */
const NO_FILES: readonly string[] = [];
/** A picture shows the graph and nothing more. */
const NONE: readonly Extra[] = [];

export const FORMATS = {
  table: {
    summary: 'a row per node: value, local gradients, gradient (the default)',
    summaryKo: '노드마다 한 행: 값, 국소 그래디언트, 그래디언트 (기본)',
    shows: ALL,
    rounds: true,
    warningsInside: false,
    draws: false,
    extensions: NO_FILES,
    render: thenSections(renderTable),
  },
  json: {
    summary: 'one JSON document (schema 1), for scripts (also --json)',
    summaryKo: 'JSON 문서 하나 (schema 1), 스크립트용 (--json도 같음)',
    shows: ALL,
    rounds: false,
    warningsInside: true,
    draws: false,
    extensions: ['.json'],
    render: (report, _options, write) => writeJson(report, write),
  },
  explain: {
    summary: 'the forward and the backward pass step by step, as a lecture says it (also --explain)',
    summaryKo: '순전파와 역전파를 강의처럼 단계별로 (--explain도 같음)',
    shows: ALL,
    rounds: true,
    warningsInside: false,
    draws: false,
    extensions: NO_FILES,
    render: thenSections(renderExplain),
  },
  dot: {
    summary: 'the graph in Graphviz DOT: values on the edges, gradients in red',
    summaryKo: 'Graphviz DOT 그래프: 간선에 값, 그래디언트는 빨간색',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    draws: true,
    extensions: ['.dot', '.gv'],
    render: renderDot,
  },
  mermaid: {
    summary: 'the graph as a Mermaid flowchart, for Markdown that GitHub draws',
    summaryKo: 'Mermaid 순서도 그래프, GitHub가 그려 주는 Markdown용',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    draws: true,
    extensions: ['.mmd', '.mermaid'],
    render: renderMermaid,
  },
  svg: {
    summary: 'the graph laid out as SVG by Graphviz (built in, no install)',
    summaryKo: 'Graphviz로 배치한 SVG 그래프 (내장, 설치 필요 없음)',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    draws: true,
    extensions: ['.svg'],
    opened: 'graph.svg',
    render: async (report, options, write) => write(await renderSvg(report, options)),
  },
  html: {
    summary: 'one self-contained page: the graph, the table, and the backward pass step by step (use --out page.html)',
    summaryKo: '그 자체로 완결된 페이지 하나: 그래프, 표, 단계별 역전파 (--out page.html과 함께)',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    draws: true,
    extensions: ['.html', '.htm'],
    opened: 'page.html',
    render: async (report, options, write) => write(await renderHtml(report, options)),
  },
  markdown: {
    summary: 'the table as GitHub-flavoured Markdown, for write-ups and issue threads',
    summaryKo: 'GitHub 방식 Markdown 표, 과제 보고서와 이슈 글용',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    draws: false,
    extensions: ['.md', '.markdown'],
    render: renderMarkdown,
  },
  latex: {
    summary: 'a LaTeX tabular of the nodes and an align* of the backward steps',
    summaryKo: 'LaTeX: 노드의 tabular와 역전파 단계의 align*',
    shows: NONE,
    rounds: true,
    warningsInside: false,
    draws: false,
    extensions: ['.tex'],
    render: renderLatex,
  },
} satisfies Record<Format, Renderer>;

export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

export const isFormat = (name: string): name is Format => Object.hasOwn(FORMATS, name);

/** The format whose file names end in `extension` (lower case, with its dot), if one does. */
export const formatOfExtension = (extension: string): Format | undefined => FORMAT_NAMES.find((f) => FORMATS[f].extensions.includes(extension));
