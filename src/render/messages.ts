// Warnings in prose: the one place that turns a Warning's code into words.
import { tensorOf, type Trace, type Warning } from '../graph/graph.js';
import { OPS } from '../graph/ops.js';
import type { NoForm } from '../homework/symbolic.js';
import { formatNumber } from './number.js';
import { PHRASES, type Lang } from './phrases.js';
import { formatTensor } from './table.js';
import type { Names } from '../graph/names.js';

const SHOWN = 5;

function listNodes(nodes: readonly number[], describe: (i: number) => string, lang: Lang): string {
  const shown = nodes.slice(0, SHOWN).map(describe).join(', ');
  return nodes.length > SHOWN ? `${shown}${PHRASES[lang].andMore(nodes.length - SHOWN)}` : shown;
}

const show = (t: Parameters<typeof formatTensor>[0]): string => formatTensor(t, (x) => formatNumber(x));

export function warningText(w: Warning, trace: Trace, names: Names, lang: Lang = 'en'): string {
  const say = PHRASES[lang];
  const id = (i: number): string => names.ids[i]!;
  switch (w.code) {
    case 'unused-binding':
      return say.unused(w.names ?? []);
    case 'unused-statement':
      return say.unusedStatements(
        trace.graph.unusedStatements.slice(0, SHOWN).map((u) => ({ ...u, text: names.labels[u.node]! })),
        Math.max(0, trace.graph.unusedStatements.length - SHOWN),
      );
    case 'kink':
      return say.kinkWarning(w.op ?? '', listNodes(w.nodes, id, lang), say.convention(w.op ?? '', w.convention ?? 'zero'));
    case 'non-finite-value': {
      const mend = w.nodes.map((i) => logOfSoftmax(trace, names, i)).find((m) => m !== undefined);
      return say.nonFiniteValue(listNodes(w.nodes, (i) => `${id(i)} = ${names.labels[i]} = ${show(tensorOf(trace, i))}`, lang)) + (mend ? say.logSoftmax(mend) : '');
    }
    case 'non-finite-gradient':
      return say.nonFiniteGradient(listNodes(w.nodes, (i) => `${id(i)} (${show(tensorOf(trace, i, trace.grad))})`, lang));
  }
}

/**
 * The same number, written so that it stays finite, for a log of a softmax
 * (or of one of its entries) that is not: a probability below about 1e-308
 * is 0, and its log -Infinity, though s[k] - logsumexp(s) is an ordinary
 * number (the softmax loss of CS231n at large scores). Said with the scores'
 * id, as the table shows them.
 */
function logOfSoftmax(trace: Trace, names: Names, i: number): string | undefined {
  const { graph } = trace;
  const op = (n: number): string => OPS[graph.op[n]!]!.name;
  if (op(i) !== 'log') return undefined;
  let p = graph.args[graph.first[i]!]!;
  let entry = '';
  if (op(p) === 'index') {
    const softmax = graph.args[graph.first[p]!]!;
    if (!names.labels[p]!.startsWith(names.labels[softmax]!)) return undefined;
    entry = names.labels[p]!.slice(names.labels[softmax]!.length);
    p = softmax;
  }
  if (op(p) !== 'softmax') return undefined;
  const scores = graph.args[graph.first[p]!]!;
  const [s, label] = [names.ids[scores]!, names.labels[scores]!];
  return `${s}${entry} - logsumexp(${s})${label === s ? '' : ` (${s} = ${label})`}`;
}

/** Why a variable has no closed form, as a warning (JSON) or a line (the table). */
export const symbolicNote = (name: string, why: NoForm, out: string, lang: Lang = 'en'): string => PHRASES[lang].noClosedForm(name, why, out);
