// The words of --explain, per language: English, and Korean with the
// lecture's own terms (역전파, 국소 그래디언트, 업스트림 그래디언트, 연쇄 법칙).
import type { GatePattern } from '../ops.js';

export type Lang = 'en' | 'ko';

export interface Phrases {
  readonly forward: string;
  readonly backward: string;
  seed(root: string): string;
  seedTensor(root: string, seed: string): string;
  readonly gate: Readonly<Record<GatePattern, string>>;
  upstream(node: string, g: string): string;
  upstreamSum(node: string, parts: readonly string[], total: string): string;
  kink(detail: string): string;
  /** An elementwise (or scalar) edge: the local gradient, its formula and the inputs it reads, and the product sent. */
  local(to: string, node: string, formula: string, at: readonly string[], local: string, upstream: string, sent: string, elementwise: boolean): string;
  rule(to: string, rule: string, shapes: string | undefined, sent: string): string;
  broadcast(to: string, rule: string, sent: string): string;
  toIndex(to: string): string;
  readonly gradients: string;
  copyGate(parts: readonly string[], total: string, uses: number): string;
  noGradient(name: string): string;
}

/** ∂n10/∂n9 = -1 / n10² at n10 = 1.37 = -0.53, with the language's way of saying "at". */
const localText = (node: string, to: string, formula: string, at: readonly string[], local: string, atText: (at: string) => string): string =>
  `∂${node}/∂${to} = ${formula ? `${formula}${at.length ? atText(at.join(', ')) : ''} = ` : ''}${local}`;

const EN: Phrases = {
  forward: 'Forward pass: each node from its inputs, in order.',
  backward:
    'Backward pass (backpropagation), from f back to the inputs. By the chain rule, what a node sends to an input is its upstream gradient times its local gradient.',
  seed: (root) => `∂f/∂f = 1: the upstream gradient of ${root}, the output.`,
  seedTensor: (root, seed) => `f is a tensor: the backward pass starts from ${seed} as the upstream gradient of ${root}.`,
  gate: {
    distributes: 'an add gate: it distributes the upstream gradient to its inputs unchanged',
    swaps: "a multiply gate: each input's local gradient is the other input's value (the gate swaps them)",
    'routes-larger': 'a max gate: it routes the upstream gradient to the larger input',
    'routes-smaller': 'a min gate: it routes the upstream gradient to the smaller input',
    negates: 'a minus gate: it sends the upstream gradient back negated',
  },
  upstream: (node, g) => `upstream gradient ∂f/∂${node} = ${g}`,
  upstreamSum: (node, parts, total) => `upstream gradient ∂f/∂${node} = ${parts.join(' + ')} = ${total}: ${node} is used ${parts.length} times, and the gradients from its uses add up`,
  kink: (detail) => `not differentiable here: ${detail}`,
  local: (to, node, formula, at, local, upstream, sent, elementwise) =>
    `to ${to}: local gradient ${localText(node, to, formula, at, local, (a) => ` at ${a}`)}; it sends ${upstream} ${elementwise ? '⊙' : '×'} ${local} = ${sent}`,
  rule: (to, rule, shapes, sent) => `to ${to}: ∂f/∂${to} = ${rule}${shapes ? `: ${shapes}` : ''} = ${sent}`,
  broadcast: (to, rule, sent) => `to ${to}, a scalar used for every entry: it collects ${rule} = ${sent}`,
  toIndex: (to) => `to ${to}: nothing, an index takes no gradient`,
  gradients: 'Gradients of f:',
  copyGate: (parts, total, uses) => `${parts.join(' + ')} = ${total} (used ${uses} times: a copy gate adds the gradients of its uses)`,
  noGradient: (name) => `∂f/∂${name}: none, ${name} is used only as an index`,
};

const KO: Phrases = {
  forward: '순전파 (forward pass): 각 노드를 입력에서 차례로 계산합니다.',
  backward:
    '역전파 (backpropagation): f에서 입력 쪽으로 거꾸로 갑니다. 연쇄 법칙 (chain rule)에 따라, 노드가 입력에 보내는 값은 업스트림 그래디언트 (upstream gradient) × 국소 그래디언트 (local gradient)입니다.',
  seed: (root) => `∂f/∂f = 1: 출력 ${root}의 업스트림 그래디언트입니다.`,
  seedTensor: (root, seed) => `f는 텐서입니다: 역전파는 ${root}의 업스트림 그래디언트 ${seed}에서 시작합니다.`,
  gate: {
    distributes: '덧셈 게이트: 업스트림 그래디언트를 그대로 각 입력에 분배합니다',
    swaps: '곱셈 게이트: 각 입력의 국소 그래디언트는 다른 입력의 값입니다 (값을 서로 바꿉니다)',
    'routes-larger': 'max 게이트: 업스트림 그래디언트를 더 큰 입력으로 보냅니다',
    'routes-smaller': 'min 게이트: 업스트림 그래디언트를 더 작은 입력으로 보냅니다',
    negates: '부호 게이트: 업스트림 그래디언트의 부호를 바꿔 보냅니다',
  },
  upstream: (node, g) => `업스트림 그래디언트 ∂f/∂${node} = ${g}`,
  upstreamSum: (node, parts, total) => `업스트림 그래디언트 ∂f/∂${node} = ${parts.join(' + ')} = ${total}: ${node}은(는) ${parts.length}번 쓰였고, 각 사용에서 온 그래디언트가 더해집니다`,
  kink: (detail) => `여기서는 미분 불가능합니다: ${detail}`,
  local: (to, node, formula, at, local, upstream, sent, elementwise) =>
    `${to}에게: 국소 그래디언트 ${localText(node, to, formula, at, local, (a) => ` (${a}일 때)`)}; 보내는 값 ${upstream} ${elementwise ? '⊙' : '×'} ${local} = ${sent}`,
  rule: (to, rule, shapes, sent) => `${to}에게: ∂f/∂${to} = ${rule}${shapes ? `: ${shapes}` : ''} = ${sent}`,
  broadcast: (to, rule, sent) => `${to}에게 (모든 원소에 쓰인 스칼라): ${rule} = ${sent}`,
  toIndex: (to) => `${to}에게: 없음, 인덱스는 그래디언트를 받지 않습니다`,
  gradients: 'f의 그래디언트:',
  copyGate: (parts, total, uses) => `${parts.join(' + ')} = ${total} (${uses}번 쓰였습니다: 복사 게이트는 각 사용의 그래디언트를 더합니다)`,
  noGradient: (name) => `∂f/∂${name}: 없음, ${name}은(는) 인덱스로만 쓰였습니다`,
};

export const PHRASES: Readonly<Record<Lang, Phrases>> = { en: EN, ko: KO };

/** The language from --lang, or else LC_ALL, LC_MESSAGES, LANG (ko_KR.UTF-8 → ko). */
export function languageOf(option: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  const wanted = option ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? 'en';
  return wanted.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
