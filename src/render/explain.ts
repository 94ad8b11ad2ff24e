// --explain: the forward pass, then the backward pass node by node in
// reverse, each step as a teacher says it at the blackboard: the node, its
// upstream gradient, its local gradient with formula and value, and what it
// sends to each input. The words come from a phrase book per language; the
// numbers keep two decimals when rounded (-0.20), as the lecture says them.
import { tensorOf } from '../graph/graph.js';
import { stepText } from '../graph/names.js';
import { OPS } from '../graph/ops.js';
import { shapeText, type Tensor } from '../graph/tensor.js';
import { edgesOf, ruleText } from './edges.js';
import { formatNumber } from './number.js';
import { PHRASES } from './phrases.js';
import type { RenderOptions, Report } from './report.js';
import { formatTensor } from './table.js';

export function renderExplain(report: Report, options: RenderOptions): string {
  const { trace, names } = report;
  const { lang, precision } = options;
  const say = PHRASES[lang];
  const { graph, shape, grad, local, localOffset, sent, sentOffset } = trace;
  const { ids, labels } = names;
  const num = (x: number): string => formatNumber(x, precision, true);
  const show = (t: Tensor): string => formatTensor(t, num) + (t.shape.length ? ` (${shapeText(t.shape)})` : '');
  const valueOf = (i: number): string => show(tensorOf(trace, i));
  const gradOf = (i: number): string => show(tensorOf(trace, i, grad));
  const isLeaf = (i: number): boolean => graph.first[i] === graph.first[i + 1];
  const root = graph.size - 1;

  // Who uses each node: a node used more than once adds what each use sends (a copy gate).
  const users: number[][] = Array.from({ length: graph.size }, () => []);
  for (let i = 0; i < graph.size; i++) {
    if (!trace.hasGradient[i]) continue;
    const index = OPS[graph.op[i]!]!.indexInput;
    for (let e = graph.first[i]!; e < graph.first[i + 1]!; e++) if (!index?.(e - graph.first[i]!)) users[graph.args[e]!]!.push(e);
  }
  const sentOn = (e: number): Tensor => ({ shape: shape[graph.args[e]!]!, data: sent.subarray(sentOffset[e]!, sentOffset[e + 1]!) });
  const kinks = new Map<number, string>();
  for (const w of trace.warnings) {
    if (w.code === 'kink') for (const i of w.nodes) kinks.set(i, say.convention(w.op ?? '', w.convention ?? 'zero'));
  }

  const out: string[] = [say.forward];
  for (let i = 0; i < graph.size; i++) if (!isLeaf(i)) out.push(`  ${ids[i]} = ${stepText(graph, names, i)} = ${valueOf(i)}`);
  out.push(`  f = ${ids[root] === 'f' ? '' : `${ids[root]} = `}${valueOf(root)}`, '', say.backward);
  out.push(`  ${trace.seed ? say.seedTensor(ids[root]!, show({ shape: shape[root]!, data: trace.seed })) : say.seed(ids[root]!)}`);

  for (let i = root; i >= 0; i--) {
    if (isLeaf(i) || !trace.hasGradient[i]) continue;
    const o = OPS[graph.op[i]!]!;
    const edges = edgesOf(trace, names, i);
    // A gate's pattern holds for numbers and elementwise: a matrix product follows its rule instead.
    const gate = o.gate && !edges.some((e) => e.kind === 'rule') ? ` — ${say.gate[o.gate]}` : '';
    out.push('', `  ${ids[i]} = ${stepText(graph, names, i)}${gate}`);
    const upstream = gradOf(i);
    const uses = users[i]!;
    out.push(`    ${uses.length > 1 ? say.upstreamSum(ids[i]!, uses.map((e) => show(sentOn(e))), upstream) : say.upstream(ids[i]!, upstream)}`);
    if (kinks.has(i)) out.push(`    ${say.kink(kinks.get(i)!)}`);
    edges.forEach((edge, j) => {
      const e = graph.first[i]! + j;
      const c = graph.args[e]!;
      const to = isLeaf(c) ? labels[c]! : ids[c]!;
      if (edge.constant) return; // a constant needs no gradient: the lecture's +1 gate has one input
      if (edge.kind === 'none') return edge.phrase === 'index' ? out.push(`    ${say.toIndex(to)}`) : undefined;
      if (edge.kind === 'rule') {
        const ruleShapes = o.tensor?.ruleShapes?.(j, Array.from(graph.args.subarray(graph.first[i]!, graph.first[i + 1]!), (x) => shape[x]!), shape[i]!);
        return out.push(`    ${say.rule(to, ruleText(edge, lang), ruleShapes, show(sentOn(e)))}`);
      }
      if (edge.kind === 'broadcast') return out.push(`    ${say.broadcast(to, edge.text, show(sentOn(e)))}`);
      const l: Tensor = { shape: shape[c]!, data: local.subarray(localOffset[e]!, localOffset[e + 1]!) };
      // "-1 / n10² at n10 = 1.37": the values the formula reads, where it reads any.
      const reads = [...new Set([...graph.args.subarray(graph.first[i]!, graph.first[i + 1]!), i])].filter(
        (x) => !isLeaf(x) || graph.variables.some((v) => v.node === x),
      );
      const at = reads
        .map((x) => (isLeaf(x) ? labels[x]! : ids[x]!))
        .filter((name) => new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(edge.text) && edge.text !== name)
        .map((name) => `${name} = ${valueOf(reads.find((x) => (isLeaf(x) ? labels[x] : ids[x]) === name)!)}`);
      const formula = /^-?\d+(\.\d+)?$/.test(edge.text) ? '' : edge.text;
      out.push(`    ${say.local(to, ids[i]!, formula, at, show(l), upstream, show(sentOn(e)), l.shape.length > 0)}`);
    });
  }

  out.push('', say.gradients);
  for (const { name, node } of graph.variables) {
    if (!trace.hasGradient[node]) {
      out.push(`  ${say.indexOnly(name)}`);
      continue;
    }
    const uses = users[node]!;
    const total = gradOf(node);
    out.push(`  ∂f/∂${name} = ${uses.length > 1 ? say.copyGate(uses.map((e) => show(sentOn(e))), total, uses.length) : total}`);
  }
  return `${out.join('\n')}\n`;
}
