// The words of --explain, per language: English, and Korean with the
// lecture's own terms (역전파, 국소 그래디언트, 업스트림 그래디언트, 연쇄 법칙).
import type { Convention, GatePattern, RulePhrase } from '../graph/ops.js';
import type { Good, Unchecked, Verdict } from '../homework/check.js';
import type { NoForm } from '../homework/symbolic.js';
import { SYMBOLIC_LIMITS } from '../limits.js';
import type { Shape } from '../graph/tensor.js';
import { koNoun, type Lang, shapeNoun } from '../texts.js';

export type { Lang } from '../texts.js';

export interface PagePhrases {
  /** What the stepping buttons show; their longer names above are what a screen reader says. */
  readonly buttons: { readonly start: string; readonly previous: string; readonly next: string; readonly end: string; readonly play: string; readonly pause: string };
  readonly variables: string;
  readonly steps: string;
  readonly start: string;
  readonly previous: string;
  readonly next: string;
  readonly end: string;
  readonly play: string;
  readonly pause: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly fit: string;
  readonly overview: string;
  stepOf(k: number, n: number): string;
  readonly graph: string;
  readonly table: string;
  slider(name: string): string;
  readonly tensorsFixed: string;
  /** On a variable's field that does not read as a number. */
  readonly notANumber: string;
  readonly large: string;
}

/** The inputs a run reads from a file or standard input, as messages name them. */
export type Input = 'the expression' | '--vars' | '--batch';

export interface Phrases {
  /** What --format latex needs besides amsmath to typeset this language (a comment at its top), or ''. */
  readonly latexNeeds: string;
  readonly forward: string;
  backward(out: string): string;
  seed(root: string, out: string): string;
  seedTensor(root: string, seed: string, out: string): string;
  /** A scalar output's --seed other than 1. */
  seedScalar(root: string, seed: string, out: string): string;
  readonly gate: Readonly<Record<GatePattern, string>>;
  upstream(node: string, g: string, out: string): string;
  upstreamSum(node: string, parts: readonly string[], total: string, uses: number, out: string): string;
  kink(detail: string): string;
  /** An elementwise (or scalar) edge: the local gradient, its formula and the inputs it reads, and the product sent. */
  local(to: string, node: string, formula: string, at: readonly string[], local: string, upstream: string, sent: string, elementwise: boolean): string;
  rule(to: string, rule: string, shapes: string | undefined, sent: string, out: string): string;
  broadcast(to: string, rule: string, sent: string): string;
  toIndex(to: string): string;
  gradients(out: string): string;
  copyGate(parts: readonly string[], total: string, uses: number): string;
  indexOnly(name: string, out: string): string;
  /** A rule's words around its formula: "g, to every element". */
  readonly rulePhrase: Readonly<Record<RulePhrase, (formula: string) => string>>;
  /** Why nothing flows along an edge. */
  noGradient(why: 'index' | 'constant'): string;

  // The table, the warnings and the checks.
  headings(out: string): readonly [node: string, expression: string, op: string, shape: string, value: string, local: string, gradient: string];
  shapeNoun(shape: Shape): string;
  seededWithOnes(noun: string, out: string): string;
  seededWith(noun: string, seed: string, out: string): string;
  seededScalar(seed: string, out: string): string;
  readonly indexOnlyCell: string;
  readonly variableHeading: string;
  readonly none: string;
  jacobian(name: string, rows: number, cols: number, shape: string, out: string): string;
  convention(op: string, c: Convention): string;
  unused(names: readonly string[]): string;
  /** The first few unused statements, and how many more there are. */
  unusedStatements(statements: readonly { readonly name?: string; readonly index: number; readonly text: string }[], more: number): string;
  kinkWarning(op: string, nodes: string, convention: string): string;
  nonFiniteValue(list: string): string;
  /** After nonFiniteValue, for a log of a softmax: the same number written to stay finite. */
  logSoftmax(mend: string): string;
  nonFiniteGradient(list: string): string;
  andMore(n: number): string;
  readonly warning: string;
  /** `out`: what the output is called (f, or its statement's name). */
  checkTitle(h: string, out: string): string;
  readonly checkHeadings: readonly string[];
  readonly verdicts: Readonly<Record<Verdict, string>>;
  /** Why an entry was not checked. */
  readonly unchecked: Readonly<Record<Unchecked, (out: string) => string>>;
  /** Why an entry is good where its relative error alone does not show it. */
  readonly good: Readonly<Record<Good, (out: string) => string>>;
  checkSummary(ok: boolean, counts: Readonly<Record<Verdict, number>>, skipped: readonly string[]): string;
  sampled(checked: number, of: number): string;
  /** After a verdict judged on Richardson's extrapolation. */
  readonly refined: string;
  expectOk(text: string, what: string, actual: string): string;
  expectWrong(text: string, what: string, actual: string, tolerance: number): string;
  expectWrongExact(text: string, what: string, actual: string, expected: string): string;
  expectWrongEntries(text: string, what: string, actual: string, entries: readonly { index: string; actual: string; expected: string; tolerance: number; exact: boolean }[]): string;
  expectIndexOnly(text: string, name: string): string;
  readonly symbolicTitle: string;
  noClosedForm(name: string, why: NoForm, out: string): string;
  batchSummary(cases: number, ok: number, failed: number, unusable: number): string;
  /** Said when standard input is a terminal, which would otherwise wait without a word. */
  readingTerminal(what: Input): string;
  /** The page's own words. */
  readonly page: PagePhrases;
  /** A case in the batch's summary: its id and its line, or its line. */
  batchWho(id: string | undefined, line: number): string;
  batchFailed(who: string, what: string): string;
  batchUnusable(who: string, why: string): string;
  readonly batchCheckFailed: string;
  /** A case's gradient check that judged no entry (kinks, estimates that would not settle). */
  readonly batchCheckNothing: string;
}

/** ∂n10/∂n9 = -1 / n10² at n10 = 1.37 = -0.53, with the language's way of saying "at". */
const localText = (node: string, to: string, formula: string, at: readonly string[], local: string, atText: (at: string) => string): string =>
  `∂${node}/∂${to} = ${formula ? `${formula}${at.length ? atText(at.join(', ')) : ''} = ` : ''}${local}`;

const EN: Phrases = {
  latexNeeds: '',
  forward: 'Forward pass: each node from its inputs, in order.',
  backward: (out) =>
    `Backward pass (backpropagation), from ${out} back to the inputs. By the chain rule, what a node sends to an input is its upstream gradient times its local gradient.`,
  seed: (root, out) => `∂${out}/∂${out} = 1: the upstream gradient of ${root}, the output.`,
  seedTensor: (root, seed, out) => `${out} is a tensor: the backward pass starts from ${seed} as the upstream gradient of ${root}.`,
  seedScalar: (root, seed, out) => `The backward pass starts from the seed ${seed} (--seed), not ∂${out}/∂${out} = 1, as the upstream gradient of ${root}: each gradient is ${seed} × ∂${out}/∂….`,
  gate: {
    distributes: 'an add gate: it distributes the upstream gradient to its inputs unchanged',
    swaps: "a multiply gate: each input's local gradient is the other input's value (the gate swaps them)",
    'routes-larger': 'a max gate: it routes the upstream gradient to the larger input',
    'routes-smaller': 'a min gate: it routes the upstream gradient to the smaller input',
    negates: 'a minus gate: it sends the upstream gradient back negated',
    passes: 'a new name: its local gradient is 1, so it passes the upstream gradient on unchanged',
  },
  upstream: (node, g, out) => `upstream gradient ∂${out}/∂${node} = ${g}`,
  upstreamSum: (node, parts, total, uses, out) => `upstream gradient ∂${out}/∂${node} = ${parts.join(' + ')} = ${total}: ${node} is used ${uses} times, and the gradients from its uses add up`,
  kink: (detail) => `not differentiable here: ${detail}`,
  local: (to, node, formula, at, local, upstream, sent, elementwise) =>
    `to ${to}: local gradient ${localText(node, to, formula, at, local, (a) => ` at ${a}`)}; it sends ${upstream} ${elementwise ? '⊙' : '×'} ${local} = ${sent}`,
  rule: (to, rule, shapes, sent, out) => `to ${to}: ∂${out}/∂${to} = ${rule}${shapes ? `: ${shapes}` : ''} = ${sent}`,
  broadcast: (to, rule, sent) => `to ${to}, a scalar used for every entry: it collects ${rule} = ${sent}`,
  toIndex: (to) => `to ${to}: nothing, an index takes no gradient`,
  gradients: (out) => `Gradients of ${out}:`,
  copyGate: (parts, total, uses) => `${parts.join(' + ')} = ${total} (used ${uses} times: a copy gate adds the gradients of its uses)`,
  indexOnly: (name, out) => `∂${out}/∂${name}: none, ${name} is used only as an index`,
  rulePhrase: {
    toEvery: (f) => `${f}, to every element`,
    atIndex: (f) => `${f} at the index, 0 elsewhere`,
    atLargest: (f) => `${f} at the largest entry, 0 elsewhere`,
    atSmallest: (f) => `${f} at the smallest entry, 0 elsewhere`,
  },
  noGradient: (why) => (why === 'index' ? 'none: an index takes no gradient' : 'none: a constant takes no gradient'),

  headings: (out) => ['node', 'expression', 'op', 'shape', 'value', 'local gradient ∂node/∂input', `gradient ∂${out}/∂node`],
  shapeNoun,
  seededWithOnes: (noun, out) => `${out} is ${noun}: the backward pass started from ones, the gradient of the sum of its entries (--seed gives another)`,
  seededWith: (noun, seed, out) => `${out} is ${noun}: the backward pass started from the seed ${seed}`,
  seededScalar: (seed, out) => `the backward pass started from the seed ${seed} (--seed), not 1: each gradient below is ${seed} × ∂${out}/∂…`,
  indexOnlyCell: 'none (used only as an index)',
  variableHeading: 'variable',
  none: 'none',
  jacobian: (name, rows, cols, shape, out) =>
    `Jacobian ∂${out}/∂${name}: a row for ${rows === 1 ? 'the one entry' : `each of the ${rows} entries`} of ${out}, a column for ${cols === 1 ? 'the one' : `each of the ${cols}`} of ${name} (${shape}, row by row)`,
  convention: (op, c) =>
    c === 'zero'
      ? `${op}'(0) = 0 (as PyTorch does)`
      : c === 'half'
        ? 'a tie: each input gets half the upstream gradient (as PyTorch does)'
        : 'a tie: the tied entries share the upstream gradient evenly (as PyTorch does)',
  unused: (names) => `${listed(names, 'en')} ${names.length === 1 ? 'is' : 'are'} bound but not used in the expression`,
  unusedStatements: (list, more) =>
    list.map((s) => (s.name === undefined ? `statement ${s.index} (${s.text}) is not used` : `${s.name} is assigned but not used`)).join('; ') +
    `${more > 0 ? `; and ${more} more` : ''}: nothing after ${list.length + more === 1 ? 'it reads its value' : 'them reads their values'}`,
  kinkWarning: (op, nodes, convention) => `${op} is not differentiable at ${nodes}: ${convention}`,
  nonFiniteValue: (list) => `not finite: ${list}`,
  logSoftmax: (mend) => `; a probability below about 1e-308 is 0 in a softmax, and its log -Infinity: ${mend} is the same number, and stays finite`,
  nonFiniteGradient: (list) => `the gradient is not finite at ${list}`,
  andMore: (n) => ` and ${n} more`,
  warning: 'warning',
  checkTitle: (h, out) => `Gradient check: central differences (${out}(x + h) - ${out}(x - h)) / 2h with h = ${h}, relative error |a - n| / max(|a|, |n|)`,
  checkHeadings: ['variable', 'entry', 'analytic', 'numeric', 'relative error', 'verdict'],
  verdicts: { good: 'good', kink: 'crosses a kink: not judged', doubtful: 'doubtful: acceptable only near a kink', wrong: 'WRONG', unchecked: 'not checked' },
  good: {
    absolute: () => 'the two differ by less than 1e-9, where a relative error says nothing',
    noise: (out) => `the two differ by no more than ${out}'s rounding lets a difference show`,
  },
  unchecked: {
    step: () => 'the step h is lost in the rounding of this value (try a larger --step)',
    rounding: (out) => `${out}'s rounding swamps the change this entry makes`,
    notFinite: (out) => `${out} or its gradient is not finite within a step of this value (a pole, or the edge of its domain)`,
    unsettled: () => 'the numeric estimate changes with the step (a pole or a steep stretch within it; try a smaller --step)',
  },
  checkSummary: (ok, n, skipped) => {
    const counts = `${n.good} good, ${n.wrong} wrong, ${n.doubtful} doubtful, ${n.kink} across a kink, ${n.unchecked} not checkable`;
    const index = skipped.length ? `; not checked (used only as an index): ${skipped.join(', ')}` : '';
    if (n.good === 0 && n.wrong === 0 && n.doubtful === 0) return `gradient check: NOTHING COULD BE CHECKED (${counts})${index}`;
    return `gradient check ${ok ? 'passed' : 'FAILED'}: ${counts}${index}`;
  },
  sampled: (checked, of) => `checked ${checked} of the ${of} entries, chosen at random: checking every one would take too long`,
  refined: "judged by Richardson's extrapolation from h and 2h (the plain difference's own error was larger)",
  expectOk: (text, what, actual) => `expect ${text}: ok (${what} = ${actual})`,
  expectWrong: (text, what, actual, tolerance) => `expect ${text}: WRONG: ${what} = ${actual}, more than ${tolerance} away`,
  expectWrongExact: (text, what, actual, expected) => `expect ${text}: WRONG: ${what} = ${actual}, not exactly ${expected} (an answer without decimals is exact)`,
  expectWrongEntries: (text, what, actual, entries) =>
    `expect ${text}: WRONG: ${what} = ${actual}; ${entries
      .map((e) => `entry ${e.index} is ${e.actual}, ${e.exact ? `not exactly ${e.expected}` : `more than ${e.tolerance} from ${e.expected}`}`)
      .join('; ')}`,
  expectIndexOnly: (text, name) => `expect ${text}: WRONG: ${name} is used only as an index and has no gradient`,
  symbolicTitle: 'Closed form (mathjs derivative), next to the numbers:',
  noClosedForm: (name, why, out) =>
    `∂${out}/∂${name}: no closed form (${
      'mathjs' in why
        ? why.mathjs
        : why.bound === 'size'
          ? `the expression has more than ${SYMBOLIC_LIMITS.nodes} nodes`
          : why.bound === 'length'
            ? `it is longer than ${SYMBOLIC_LIMITS.length} characters`
            : `mathjs found none within ${SYMBOLIC_LIMITS.ms / 1000} s`
    }); the number stands`,
  readingTerminal: (what) => `reading ${what === 'the expression' ? 'the expression' : `${what}'s text`} from the terminal: type it, then Ctrl-D at the start of a line (Ctrl-Z and Enter on Windows)`,
  batchSummary: (cases, ok, failed, unusable) =>
    `batch of ${cases}: ${ok} ok, ${failed} with an expectation or a check that failed, ${unusable} that could not be used`,
  batchWho: (id, line) => (id === undefined ? `line ${line}` : `${id} (line ${line})`),
  batchFailed: (who, what) => `failed: ${who}: ${what}`,
  page: {
    buttons: { start: '⇤ Start', previous: '◀ Back', next: 'Next ▶', end: 'Whole graph', play: 'Play', pause: 'Pause' },
    variables: 'Variables',
    steps: 'Step by step',
    start: 'To the start',
    previous: 'Previous step (←)',
    next: 'Next step (→)',
    end: 'The whole graph',
    play: 'Play',
    pause: 'Pause',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit the graph',
    overview: 'The whole graph: the value forward on each edge in green, the gradient back in red. → steps through the forward pass, then the backward pass.',
    stepOf: (k, n) => `step ${k} of ${n}`,
    graph: 'The computational graph',
    table: 'Every node',
    slider: (name) => `${name}, slider`,
    tensorsFixed: 'Vectors and matrices keep the values they were given.',
    notANumber: 'Not a number: the page shows the last value that was one.',
    large: 'A graph this large is drawn without the numbers on its edges: the table has them all. Scroll to zoom, drag to move.',
  },
  batchUnusable: (who, why) => `could not be used: ${who}: ${why}`,
  batchCheckFailed: 'the gradient check failed',
  batchCheckNothing: 'the gradient check could judge no entry (a kink, or an estimate that would not settle)',
};

/**
 * A name with the particle that follows it as it is read aloud: f는 (에프), L은 (엘), x2는 (이),
 * L이나, f나; a name ending in anything else takes both, 은(는), as the other messages write it.
 */
function particle(name: string, afterConsonant: string, afterVowel: string): string {
  const last = name[name.length - 1] ?? '';
  // The Latin letters and the digits whose Korean names end in a consonant: 엘 엠 엔 알; 영 일 삼 육 칠 팔.
  if (/[A-Za-z0-9]/.test(last)) return `${name}${/[lmnrLMNR013678]/.test(last) ? afterConsonant : afterVowel}`;
  return `${name}${afterConsonant}(${afterVowel})`;
}
const topic = (name: string): string => particle(name, '은', '는');

const KO: Phrases = {
  latexNeeds: '한글이 있어 amsmath 외에 \\usepackage{kotex}가 필요합니다 (XeLaTeX에서는 한글 글꼴)',
  forward: '순전파 (forward pass): 각 노드를 입력에서 차례로 계산합니다.',
  backward: (out) =>
    `역전파 (backpropagation): ${out}에서 입력 쪽으로 거꾸로 갑니다. 연쇄 법칙 (chain rule)에 따라, 노드가 입력에 보내는 값은 업스트림 그래디언트 (upstream gradient) × 국소 그래디언트 (local gradient)입니다.`,
  seed: (root, out) => `∂${out}/∂${out} = 1: 출력 ${root}의 업스트림 그래디언트입니다.`,
  seedTensor: (root, seed, out) => `${topic(out)} 텐서입니다: 역전파는 ${root}의 업스트림 그래디언트 ${seed}에서 시작합니다.`,
  seedScalar: (root, seed, out) => `역전파는 ∂${out}/∂${out} = 1이 아니라 시드 ${seed}(--seed)를 ${root}의 업스트림 그래디언트로 삼아 시작합니다: 모든 그래디언트는 ${seed} × ∂${out}/∂…입니다.`,
  gate: {
    distributes: '덧셈 게이트: 업스트림 그래디언트를 그대로 각 입력에 분배합니다',
    swaps: '곱셈 게이트: 각 입력의 국소 그래디언트는 다른 입력의 값입니다 (값을 서로 바꿉니다)',
    'routes-larger': 'max 게이트: 업스트림 그래디언트를 더 큰 입력으로 보냅니다',
    'routes-smaller': 'min 게이트: 업스트림 그래디언트를 더 작은 입력으로 보냅니다',
    negates: '부호 게이트: 업스트림 그래디언트의 부호를 바꿔 보냅니다',
    passes: '새 이름: 국소 그래디언트가 1이므로 업스트림 그래디언트를 그대로 넘깁니다',
  },
  upstream: (node, g, out) => `업스트림 그래디언트 ∂${out}/∂${node} = ${g}`,
  upstreamSum: (node, parts, total, uses, out) => `업스트림 그래디언트 ∂${out}/∂${node} = ${parts.join(' + ')} = ${total}: ${node}은(는) ${uses}번 쓰였고, 각 사용에서 온 그래디언트가 더해집니다`,
  kink: (detail) => `여기서는 미분 불가능합니다: ${detail}`,
  local: (to, node, formula, at, local, upstream, sent, elementwise) =>
    `${to}에게: 국소 그래디언트 ${localText(node, to, formula, at, local, (a) => ` (${a}일 때)`)}; 보내는 값 ${upstream} ${elementwise ? '⊙' : '×'} ${local} = ${sent}`,
  rule: (to, rule, shapes, sent, out) => `${to}에게: ∂${out}/∂${to} = ${rule}${shapes ? `: ${shapes}` : ''} = ${sent}`,
  broadcast: (to, rule, sent) => `${to}에게 (모든 원소에 쓰인 스칼라): ${rule} = ${sent}`,
  toIndex: (to) => `${to}에게: 없음, 인덱스는 그래디언트를 받지 않습니다`,
  gradients: (out) => `${out}의 그래디언트:`,
  copyGate: (parts, total, uses) => `${parts.join(' + ')} = ${total} (${uses}번 쓰였습니다: 복사 게이트는 각 사용의 그래디언트를 더합니다)`,
  indexOnly: (name, out) => `∂${out}/∂${name}: 없음, ${name}은(는) 인덱스로만 쓰였습니다`,
  rulePhrase: {
    toEvery: (f) => `${f}, 모든 원소에`,
    atIndex: (f) => `인덱스 위치에 ${f}, 나머지는 0`,
    atLargest: (f) => `가장 큰 원소에 ${f}, 나머지는 0`,
    atSmallest: (f) => `가장 작은 원소에 ${f}, 나머지는 0`,
  },
  noGradient: (why) => (why === 'index' ? '없음: 인덱스는 그래디언트를 받지 않습니다' : '없음: 상수는 그래디언트를 받지 않습니다'),

  headings: (out) => ['노드', '식', '연산', '모양', '값', '국소 그래디언트 ∂node/∂input', `그래디언트 ∂${out}/∂node`],
  shapeNoun: koNoun,
  seededWithOnes: (noun, out) => `${topic(out)} ${noun}입니다: 역전파는 1로 채운 시드(원소 합의 그래디언트)에서 시작했습니다 (--seed로 바꿀 수 있습니다)`,
  seededWith: (noun, seed, out) => `${topic(out)} ${noun}입니다: 역전파는 시드 ${seed}에서 시작했습니다`,
  seededScalar: (seed, out) => `역전파는 1이 아니라 시드 ${seed}(--seed)에서 시작했습니다: 아래 그래디언트는 모두 ${seed} × ∂${out}/∂…입니다`,
  indexOnlyCell: '없음 (인덱스로만 쓰임)',
  variableHeading: '변수',
  none: '없음',
  jacobian: (name, rows, cols, shape, out) => `야코비안 ∂${out}/∂${name}: ${out}의 원소 ${rows}개마다 한 행, ${name}의 원소 ${cols}개마다 한 열 (${shape}, 행 순서)`,
  convention: (op, c) =>
    c === 'zero'
      ? `${op}'(0) = 0 (PyTorch와 같이)`
      : c === 'half'
        ? '동점: 각 입력이 업스트림 그래디언트의 절반을 받습니다 (PyTorch와 같이)'
        : '동점: 같은 값의 원소들이 업스트림 그래디언트를 똑같이 나눠 받습니다 (PyTorch와 같이)',
  unused: (names) => `${listed(names, 'ko')}은(는) 값이 주어졌지만 식에서 쓰이지 않습니다`,
  unusedStatements: (list, more) =>
    list.map((s) => (s.name === undefined ? `${s.index}번째 문장 (${s.text})은(는) 쓰이지 않습니다` : `${s.name}은(는) 대입되었지만 쓰이지 않습니다`)).join('; ') +
    `${more > 0 ? `; 외 ${more}개` : ''}: 뒤의 어떤 문장도 그 값을 읽지 않습니다`,
  kinkWarning: (op, nodes, convention) => `${op}은(는) ${nodes}에서 미분 불가능합니다: ${convention}`,
  nonFiniteValue: (list) => `유한하지 않은 값: ${list}`,
  logSoftmax: (mend) => `; softmax에서 약 1e-308보다 작은 확률은 0이 되고, 그 log는 -Infinity입니다: 같은 값인 ${mend}은(는) 유한합니다`,
  nonFiniteGradient: (list) => `그래디언트가 유한하지 않습니다: ${list}`,
  andMore: (n) => ` 외 ${n}개`,
  warning: '경고',
  checkTitle: (h, out) => `그래디언트 검사: 중심 차분 (${out}(x + h) - ${out}(x - h)) / 2h, h = ${h}, 상대 오차 |a - n| / max(|a|, |n|)`,
  checkHeadings: ['변수', '원소', '해석적', '수치적', '상대 오차', '판정'],
  verdicts: { good: '좋음', kink: '꺾인 점을 지남: 판정하지 않음', doubtful: '의심: 꺾인 점 근처에서만 허용', wrong: '틀림', unchecked: '검사할 수 없음' },
  good: {
    absolute: () => '두 값의 차이가 1e-9보다 작습니다 (이 크기에서는 상대 오차가 의미가 없습니다)',
    noise: (out) => `두 값의 차이가 ${out}의 반올림 오차 안에 있습니다`,
  },
  unchecked: {
    step: () => '스텝 h가 이 값의 반올림에 묻힙니다 (더 큰 --step을 써 보세요)',
    rounding: (out) => `${out}의 반올림 오차가 이 원소가 만드는 변화보다 큽니다`,
    notFinite: (out) => `이 값에서 스텝 하나 안에 ${particle(out, '이나', '나')} 그래디언트가 유한하지 않습니다 (극점이나 정의역의 끝)`,
    unsettled: () => '수치 추정값이 스텝에 따라 달라집니다 (스텝 안에 극점이나 가파른 구간; 더 작은 --step을 써 보세요)',
  },
  checkSummary: (ok, n, skipped) => {
    const counts = `좋음 ${n.good}, 틀림 ${n.wrong}, 의심 ${n.doubtful}, 꺾인 점 ${n.kink}, 검사할 수 없음 ${n.unchecked}`;
    const index = skipped.length ? `; 검사하지 않음 (인덱스로만 쓰임): ${skipped.join(', ')}` : '';
    if (n.good === 0 && n.wrong === 0 && n.doubtful === 0) return `그래디언트 검사: 아무것도 검사할 수 없었습니다 (${counts})${index}`;
    return `그래디언트 검사 ${ok ? '통과' : '실패'}: ${counts}${index}`;
  },
  sampled: (checked, of) => `원소 ${of}개 중 무작위로 고른 ${checked}개를 검사했습니다: 모두 검사하면 너무 오래 걸립니다`,
  refined: 'h와 2h에서 리처드슨 외삽으로 판정 (보통의 차분은 자체 오차가 더 컸습니다)',
  expectOk: (text, what, actual) => `기대 ${text}: 맞음 (${what} = ${actual})`,
  expectWrong: (text, what, actual, tolerance) => `기대 ${text}: 틀림: ${what} = ${actual}, ${tolerance}보다 더 차이 납니다`,
  expectWrongExact: (text, what, actual, expected) => `기대 ${text}: 틀림: ${what} = ${actual}, 정확히 ${expected}이(가) 아닙니다 (소수점이 없는 답은 정확한 값입니다)`,
  expectWrongEntries: (text, what, actual, entries) =>
    `기대 ${text}: 틀림: ${what} = ${actual}; ${entries
      .map((e) => `원소 ${e.index}은(는) ${e.actual}로, ${e.exact ? `정확히 ${e.expected}가 아닙니다` : `${e.expected}와 ${e.tolerance}보다 더 차이 납니다`}`)
      .join('; ')}`,
  expectIndexOnly: (text, name) => `기대 ${text}: 틀림: ${name}은(는) 인덱스로만 쓰여 그래디언트가 없습니다`,
  symbolicTitle: '닫힌 형태 (mathjs derivative), 수치와 나란히:',
  noClosedForm: (name, why, out) =>
    `∂${out}/∂${name}: 닫힌 형태 없음 (${
      'mathjs' in why
        ? why.mathjs
        : why.bound === 'size'
          ? `식의 노드가 ${SYMBOLIC_LIMITS.nodes}개보다 많습니다`
          : why.bound === 'length'
            ? `${SYMBOLIC_LIMITS.length}자보다 깁니다`
            : `mathjs가 ${SYMBOLIC_LIMITS.ms / 1000}초 안에 찾지 못했습니다`
    }); 수치는 그대로입니다`,
  readingTerminal: (what) => `${what === 'the expression' ? '식을' : `${what}의 내용을`} 터미널에서 읽습니다: 입력한 뒤 줄 맨 앞에서 Ctrl-D를 누르세요 (Windows에서는 Ctrl-Z, Enter)`,
  batchSummary: (cases, ok, failed, unusable) => `배치 ${cases}건: 맞음 ${ok}, 기대나 검사가 틀린 것 ${failed}, 쓸 수 없는 것 ${unusable}`,
  batchWho: (id, line) => (id === undefined ? `${line}번째 줄` : `${id} (${line}번째 줄)`),
  batchFailed: (who, what) => `틀림: ${who}: ${what}`,
  page: {
    buttons: { start: '⇤ 처음', previous: '◀ 이전', next: '다음 ▶', end: '그래프 전체', play: '재생', pause: '멈춤' },
    variables: '변수',
    steps: '단계별로',
    start: '처음으로',
    previous: '이전 단계 (←)',
    next: '다음 단계 (→)',
    end: '그래프 전체',
    play: '재생',
    pause: '멈춤',
    zoomIn: '확대',
    zoomOut: '축소',
    fit: '그래프 맞추기',
    overview: '그래프 전체: 각 간선 위의 초록색은 순전파의 값, 빨간색은 역전파의 그래디언트입니다. →를 누르면 순전파, 이어서 역전파를 단계별로 봅니다.',
    stepOf: (k, n) => `${n}단계 중 ${k}단계`,
    graph: '계산 그래프',
    table: '모든 노드',
    slider: (name) => `${name}, 슬라이더`,
    tensorsFixed: '벡터와 행렬은 주어진 값 그대로입니다.',
    notANumber: '수가 아닙니다: 페이지는 마지막으로 읽은 값을 보여 줍니다.',
    large: '그래프가 커서 간선 위의 수는 그리지 않았습니다: 표에 모두 있습니다. 스크롤로 확대하고 끌어서 옮기세요.',
  },
  batchUnusable: (who, why) => `쓸 수 없음: ${who}: ${why}`,
  batchCheckFailed: '그래디언트 검사 실패',
  batchCheckNothing: '그래디언트 검사로 판정한 원소가 없음 (꺾이는 점이거나, 추정값이 안정되지 않음)',
};

export const PHRASES: Readonly<Record<Lang, Phrases>> = { en: EN, ko: KO };

/** Names in a list, at most ten of them. */
function listed(names: readonly string[], lang: Lang): string {
  if (names.length <= 10) return names.join(', ');
  return `${names.slice(0, 10).join(', ')}${lang === 'ko' ? ` 외 ${names.length - 10}개` : ` and ${names.length - 10} more`}`;
}

/** The language a --lang value names: en or ko, written as a locale or a language tag too (KO, ko-KR, en_US.UTF-8); undefined for any other. */
export function langOption(value: string): Lang | undefined {
  const m = /^(en|ko)(?:[_.@-]|$)/i.exec(value);
  return m ? (m[1]!.toLowerCase() as Lang) : undefined;
}

/** The language from --lang (a value langOption reads), or else LC_ALL, LC_MESSAGES, LANG (ko_KR.UTF-8 → ko). */
export function languageOf(option: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (option !== undefined) return langOption(option) ?? 'en';
  // As POSIX and gettext read them: an empty variable is unset; the first of LC_ALL, LC_MESSAGES and LANG is the
  // locale, and under any locale but C, GNU's LANGUAGE (ko:en, a list) comes first.
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? 'C';
  const preferred = locale === 'C' || locale === 'POSIX' ? [] : (env.LANGUAGE ?? '').split(':').filter((l) => l !== '');
  return isKorean(preferred[0] ?? locale) ? 'ko' : 'en';
}

/** ko, ko_KR.UTF-8, ko-KR: Korean; kok (Konkani) is not. */
const isKorean = (tag: string): boolean => /^ko(?:[_.@-]|$)/i.test(tag);
