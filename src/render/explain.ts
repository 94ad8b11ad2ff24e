// --explain: the forward pass, then the backward pass node by node in
// reverse, each step as a teacher says it at the blackboard: the node, its
// upstream gradient, its local gradient with formula and value, and what it
// sends to each input. The words come from a phrase book per language; the
// numbers keep two decimals when rounded (-0.20), as the lecture says them.
// The explanation is a list of steps, each about one node: the text joins
// them, and the page walks through them one at a time.
import { sentOn, tensorOf } from '../graph/graph.js';
import { outputName, stepText } from '../graph/names.js';
import { OPS } from '../graph/ops.js';
import type { Tensor } from '../graph/tensor.js';
import { edgesOf, ruleText } from './edges.js';
import { formatNumber } from './number.js';
import { PHRASES } from './phrases.js';
import { lineWriter, type RenderOptions, type Report, type Write } from './report.js';
import { elided, formatTensor } from './table.js';
import { wrapLine } from '../quote.js';

/** One step of the explanation: a node's forward value, or its backward step; the first and last say what the pass is. */
export interface Step {
  readonly phase: 'forward' | 'backward' | 'gradients';
  /** The node the step is about (undefined for the passes' headings and the gradients of f). */
  readonly node?: number;
  /** Its lines, as --explain prints them (without their indentation). */
  readonly lines: readonly string[];
}

/** Writes the explanation a step at a time: a million nodes' never waits whole in memory. */
export function renderExplain(report: Report, options: Pick<RenderOptions, 'lang' | 'precision' | 'columns'>, write: Write): void {
  const lines = lineWriter(write);
  // On a terminal, broken at spaces to its width (a step's sentence is longer than a phone's 50 columns).
  const { columns } = options;
  const out = columns === undefined ? lines : { line: (s: string) => wrapLine(s, columns).forEach(lines.line), end: lines.end };
  let phase: Step['phase'] | undefined;
  for (const step of explanationSteps(report, options)) {
    // A pass's heading stands alone; a backward step is a paragraph of its own.
    if (step.phase !== phase && phase !== undefined) out.line('');
    if (step.phase === 'backward' && step.node !== undefined) out.line('');
    const heading = step.node === undefined && step.phase !== phase;
    phase = step.phase;
    step.lines.forEach((line, k) => out.line(heading && k === 0 ? line : `${step.node !== undefined && k > 0 ? '    ' : '  '}${line}`));
  }
  out.end();
}

const WORD = /\w/;

/** Whether `text` reads `name` as a whole word (n1 is not in n12); a RegExp a name made --explain of a big graph slow. */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!WORD.test(text[at - 1] ?? '') && !WORD.test(text[at + name.length] ?? '')) return true;
  }
  return false;
}

/** A sum over a node's uses shows this many terms at most: a variable used 375,000 times is one line, not 375,000 numbers. */
const SUM_TERMS = 8;

/** The explanation as steps: the forward pass node by node, then the backward pass from f, then the gradients of f. */
export const explanation = (report: Report, options: Pick<RenderOptions, 'lang' | 'precision'>): Step[] => [...explanationSteps(report, options)];

function* explanationSteps(report: Report, options: Pick<RenderOptions, 'lang' | 'precision'>): Generator<Step> {
  const { trace, names } = report;
  const { lang, precision } = options;
  const say = PHRASES[lang];
  const { graph, shape, grad, local, localOffset } = trace;
  const { ids, labels } = names;
  const num = (x: number): string => formatNumber(x, precision, true);
  // A tensor shown whole shows its shape; one cut short says what it is, since the … hides how much is left out.
  const show = (t: Tensor): string => formatTensor(t, num) + (elided(t.shape) ? ` (${say.shapeNoun(t.shape)})` : '');
  const valueOf = (i: number): string => show(tensorOf(trace, i));
  const gradOf = (i: number): string => show(tensorOf(trace, i, grad));
  const isLeaf = (i: number): boolean => graph.first[i] === graph.first[i + 1];
  const root = graph.size - 1;
  const out = outputName(graph);
  const variableNodes = new Set(graph.variables.map((v) => v.node));

  // Who uses each node: a node used more than once adds what each use sends (a copy gate).
  const users: number[][] = Array.from({ length: graph.size }, () => []);
  for (let i = 0; i < graph.size; i++) {
    if (!trace.hasGradient[i]) continue;
    const index = OPS[graph.op[i]!]!.indexInput;
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) if (!index?.(e - graph.first[i]!)) users[graph.args[e]!]!.push(e);
  }
  const sentTensor = (e: number): Tensor => ({ shape: shape[graph.args[e]!]!, data: sentOn(trace, e) });
  const terms = (uses: readonly number[]): string[] =>
    uses.length <= SUM_TERMS ? uses.map((e) => show(sentTensor(e))) : [...uses.slice(0, SUM_TERMS - 1).map((e) => show(sentTensor(e))), '…'];
  const kinks = new Map<number, string>();
  for (const w of trace.warnings) {
    if (w.code === 'kink') for (const i of w.nodes) kinks.set(i, say.convention(w.op ?? '', w.convention ?? 'zero'));
  }

  yield { phase: 'forward', lines: [say.forward] };
  for (let i = 0; i < graph.size; i++) if (!isLeaf(i)) yield { phase: 'forward', node: i, lines: [`${ids[i]} = ${stepText(graph, names, i)} = ${valueOf(i)}`] };
  // An output a statement named has just been said (L = q * z = -12); any other is given its name, f.
  if (ids[root] !== out || isLeaf(root)) yield { phase: 'forward', lines: [`${out} = ${ids[root] === out ? '' : `${ids[root]} = `}${valueOf(root)}`] };
  yield {
    phase: 'backward',
    lines: [
      say.backward(out),
      !trace.seed ? say.seed(ids[root]!, out)
      : shape[root]!.length === 0 ? say.seedScalar(ids[root]!, show({ shape: [], data: trace.seed }), out)
      : say.seedTensor(ids[root]!, show({ shape: shape[root]!, data: trace.seed }), out),
    ],
  };

  for (let i = root; i >= 0; i--) {
    if (isLeaf(i) || !trace.hasGradient[i]) continue;
    const o = OPS[graph.op[i]!]!;
    const edges = edgesOf(trace, names, i);
    // A gate's pattern holds for numbers and elementwise: a matrix product follows its rule instead.
    const gate = o.gate && !edges.some((e) => e.kind === 'rule') ? ` — ${say.gate[o.gate]}` : '';
    const lines = [`${ids[i]} = ${stepText(graph, names, i)}${gate}`];
    const upstream = gradOf(i);
    const uses = users[i]!;
    lines.push(uses.length > 1 ? say.upstreamSum(ids[i]!, terms(uses), upstream, uses.length, out) : say.upstream(ids[i]!, upstream, out));
    if (kinks.has(i)) lines.push(say.kink(kinks.get(i)!));
    edges.forEach((edge, j) => {
      const e = graph.first[i]! + j;
      const c = graph.args[e]!;
      const to = isLeaf(c) ? labels[c]! : ids[c]!;
      if (edge.constant) return; // a constant needs no gradient: the lecture's +1 gate has one input
      if (edge.kind === 'none') return edge.phrase === 'index' ? lines.push(say.toIndex(to)) : undefined;
      if (edge.kind === 'rule') {
        const ruleShapes = o.tensor?.ruleShapes?.(j, Array.from(graph.args.subarray(graph.first[i]!, graph.first[i + 1]!), (x) => shape[x]!), shape[i]!);
        return lines.push(say.rule(to, ruleText(edge, lang), ruleShapes, show(sentTensor(e)), out));
      }
      if (edge.kind === 'broadcast') return lines.push(say.broadcast(to, edge.text, show(sentTensor(e))));
      const l: Tensor = { shape: shape[c]!, data: local.subarray(localOffset[e]!, localOffset[e + 1]!) };
      // "-1 / n10² at n10 = 1.37": the values the formula reads, where it reads any.
      const reads = [...new Set([...graph.args.subarray(graph.first[i]!, graph.first[i + 1]!), i])].filter(
        (x) => !isLeaf(x) || variableNodes.has(x),
      );
      const at = reads
        .map((x) => (isLeaf(x) ? labels[x]! : ids[x]!))
        .filter((name) => mentions(edge.text, name) && edge.text !== name)
        .map((name) => `${name} = ${valueOf(reads.find((x) => (isLeaf(x) ? labels[x] : ids[x]) === name)!)}`);
      const formula = /^-?\d+(\.\d+)?$/.test(edge.text) ? '' : edge.text;
      return lines.push(say.local(to, ids[i]!, formula, at, show(l), upstream, show(sentTensor(e)), l.shape.length > 0));
    });
    yield { phase: 'backward', node: i, lines };
  }

  const totals = [say.gradients(out)];
  for (const { name, node } of graph.variables) {
    if (!trace.hasGradient[node]) {
      totals.push(say.indexOnly(name, out));
      continue;
    }
    const uses = users[node]!;
    const total = gradOf(node);
    totals.push(`∂${out}/∂${name} = ${uses.length > 1 ? say.copyGate(terms(uses), total, uses.length) : total}`);
  }
  yield { phase: 'gradients', lines: totals };
}
