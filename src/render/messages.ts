// Warnings in prose: the one place that turns a Warning's code into words.
import { tensorOf, type Trace, type Warning } from '../graph.js';
import { formatNumber } from './number.js';
import { formatTensor } from './table.js';
import type { Names } from './labels.js';

const SHOWN = 5;

function listNodes(nodes: readonly number[], describe: (i: number) => string): string {
  const shown = nodes.slice(0, SHOWN).map(describe).join(', ');
  return nodes.length > SHOWN ? `${shown} and ${nodes.length - SHOWN} more` : shown;
}

const show = (t: Parameters<typeof formatTensor>[0]): string => formatTensor(t, (x) => formatNumber(x));

export function warningText(w: Warning, trace: Trace, names: Names): string {
  const id = (i: number): string => names.ids[i]!;
  switch (w.code) {
    case 'unused-binding': {
      const list = (w.names ?? []).join(', ');
      return `${list} ${(w.names ?? []).length === 1 ? 'is' : 'are'} bound but not used in the expression`;
    }
    case 'kink':
      return `${w.op} is not differentiable at ${listNodes(w.nodes, id)}: ${w.detail}`;
    case 'non-finite-value':
      return `not finite: ${listNodes(w.nodes, (i) => `${id(i)} = ${names.labels[i]} = ${show(tensorOf(trace, i))}`)}`;
    case 'non-finite-gradient':
      return `the gradient is not finite at ${listNodes(w.nodes, (i) => `${id(i)} (${show(tensorOf(trace, i, trace.grad))})`)}`;
  }
}
