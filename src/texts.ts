// Every error in one catalogue: its key, its code (which fixes its exit
// status), its typed parameters, its words in English and Korean, the JSON
// details it carries, and, for the command line only, a hint on what to type
// (the library never words an error as command-line advice). Reasons are
// texts said inside another (why two shapes do not fit).
import type { Lookalike } from './language/lookalikes.js';
import type { JsonSlip } from './language/bindings.js';
import { type ListProblem, type Shape, shapeText } from './graph/tensor.js';
import { LIMITS } from './limits.js';
import { clip } from './quote.js';

export type Lang = 'en' | 'ko';

/** What kind of trouble: the JSON error's `code`. Every one is exit 2 (SPEC §5). */
export type ErrorCode =
  | 'syntax' // the expression does not parse
  | 'unknown-function' // a function name not in the op table
  | 'unsupported' // a construct the language refuses (strings, ranges, …)
  | 'arity' // a known function called with the wrong number of arguments
  | 'name' // a statement's name used before it is assigned, twice, or also bound
  | 'unbound' // free variables without a value
  | 'bad-value' // a binding's value does not parse
  | 'shape' // shapes that do not fit, or that an op refuses
  | 'index' // an index that is not a whole number in range
  | 'too-deep' // nested beyond what even the big-stack parser takes
  | 'limit' // an input too large to read, or work beyond its bound
  | 'usage' // the command line itself is wrong
  | 'io'; // a file that cannot be read, an output that cannot be written

type Say<P> = (p: P) => string;

interface Entry<P> {
  readonly code: ErrorCode;
  readonly en: Say<P>;
  readonly ko: Say<P>;
  /** Added on the command line: what to type instead. */
  readonly hint?: { readonly en: Say<P>; readonly ko: Say<P> };
  /** Fields of the JSON error document besides code and message. */
  readonly details?: (p: P) => Record<string, unknown>;
}

// P is inferred from the English text's parameter; the Korean must take the same.
const lookalikeEn = (p: Lookalike): string =>
  p.instead === '' ? `${p.char} (${p.code}), an invisible character, is not part of the language: delete it` : `${p.char} (${p.code}) is not part of the language: type ${p.instead === ' ' ? 'a space' : p.instead} instead`;
const lookalikeKo = (p: Lookalike): string =>
  p.instead === '' ? `${p.char} (${p.code})는 보이지 않는 문자로, 이 언어에 없습니다: 지우세요` : `${p.char} (${p.code})는 이 언어에 없습니다: 대신 ${p.instead === ' ' ? '공백을' : `${p.instead}를`} 입력하세요`;
/** A --vars file as a message names it: standard input for -. */
const sourceOf = (source: string, lang: Lang): string => (source !== '-' ? source : lang === 'ko' ? '표준 입력' : 'standard input');

/** What a value most likely meant, written another way (see valueSlip in bindings.ts). */
export type ValueSlip = 'fraction' | 'decimalComma' | 'brackets' | 'commas' | 'constant' | 'nonFinite' | 'quoted';
/** A value that does not read, and the look-alike in it, if there is one (−2 for -2), or the slip it is and what to write. */
interface BadValue {
  readonly name: string;
  readonly text: string;
  readonly odd?: Lookalike | undefined;
  /** What was meant, and for an ambiguous slip (0,39) the other reading. */
  readonly slip?: { readonly kind: ValueSlip; readonly instead: string; readonly or?: string } | undefined;
}
const SLIPS_EN: Readonly<Record<ValueSlip, string>> = {
  fraction: 'a value is written as a decimal',
  decimalComma: 'a decimal is written with a point, a vector in brackets',
  brackets: 'a vector is written in brackets',
  commas: 'entries are separated by commas',
  constant: 'a value is a number (pi and e belong in the expression)',
  nonFinite: 'a value is a finite number',
  quoted: 'a value in JSON has no quotes',
};
const SLIPS_KO: Readonly<Record<ValueSlip, string>> = {
  fraction: '값은 소수로 씁니다',
  decimalComma: '소수는 점으로, 벡터는 대괄호로 씁니다',
  brackets: '벡터는 대괄호로 씁니다',
  commas: '원소는 쉼표로 구분합니다',
  constant: '값은 수입니다 (pi와 e는 식 안에 씁니다)',
  nonFinite: '값은 유한한 수입니다',
  quoted: 'JSON의 값에는 따옴표가 없습니다',
};
const oddEn = (p: BadValue): string =>
  p.odd ? `; ${lookalikeEn(p.odd)}` : p.slip ? `; ${SLIPS_EN[p.slip.kind]}${p.slip.instead ? `: write ${p.slip.instead}${p.slip.or ? ` or ${p.slip.or}` : ''} instead` : ''}` : '';
const oddKo = (p: BadValue): string =>
  p.odd ? `; ${lookalikeKo(p.odd)}` : p.slip ? `; ${SLIPS_KO[p.slip.kind]}${p.slip.instead ? `: 대신 이렇게 쓰세요: ${p.slip.instead}${p.slip.or ? ` 또는 ${p.slip.or}` : ''}` : ''}` : '';

/** What is wrong with the shape of nested lists (see listProblem), said of `what`. */
function listEn(what: string, p: ListProblem): string {
  switch (p.kind) {
    case 'empty':
      return p.row === undefined ? `${what} is empty ([]): a vector needs at least one entry` : `${what} has an empty row (row ${p.row}): a row needs at least one entry`;
    case 'deep':
      return `${what} has more than two dimensions: a value is a number, a vector or a matrix`;
    case 'mixed':
      return `${what} mixes numbers and rows: a vector is written [1, 2], a matrix [[1, 2], [3, 4]]`;
    case 'rows':
      return `${what} has rows of different lengths: row 1 has ${entries(p.first)}, row ${p.row} has ${entries(p.length)}`;
  }
}
const entries = (n: number): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;
/** The same in Korean, `topic` ending in its topic particle (x의 값은). */
function listKo(topic: string, p: ListProblem): string {
  switch (p.kind) {
    case 'empty':
      return p.row === undefined ? `${topic} 비어 있습니다 ([]): 벡터에는 항목이 하나 이상 있어야 합니다` : `${topic} ${p.row}행이 비어 있습니다: 행에는 항목이 하나 이상 있어야 합니다`;
    case 'deep':
      return `${topic} 2차원보다 많습니다: 값은 수, 벡터, 행렬 중 하나입니다`;
    case 'mixed':
      return `${topic} 수와 행이 섞여 있습니다: 벡터는 [1, 2], 행렬은 [[1, 2], [3, 4]]로 씁니다`;
    case 'rows':
      return `${topic} 행의 길이가 다릅니다: 1행은 항목 ${p.first}개, ${p.row}행은 ${p.length}개입니다`;
  }
}
/** Where an entry is: entry 2, or row 1, entry 3. */
const entryEn = (at: readonly number[]): string => (at.length === 1 ? `entry ${at[0]}` : `row ${at[0]}, entry ${at[1]}`);
const entryKo = (at: readonly number[]): string => (at.length === 1 ? `항목 ${at[0]}` : `${at[0]}행 항목 ${at[1]}`);

/** What a call with the wrong number of arguments most likely meant, as mathjs reads it, in each language; '' for none. */
function arityHint(p: { name: string; count: number }, lang: Lang): string {
  const { name, count } = p;
  const ko = lang === 'ko';
  // mathjs's norm(v, p) takes the order p, not a dimension.
  if (name === 'norm' && count === 2) return ko ? '; 차수 p를 주는 norm(v, p)는 이 언어에 없습니다: norm(v)는 2-노름이고, 1-노름은 sum(abs(v))로 씁니다' : '; norm(v, p) with an order p is not part of the language: norm(v) is the 2-norm, and the 1-norm is written sum(abs(v))';
  if (count === 2 && ['sum', 'mean', 'softmax', 'logsumexp'].includes(name)) {
    return ko ? `; 한 차원을 따라 가는 ${name}(A, dim)은 이 언어에 없고, ${name}(A)는 모든 원소에 대해 계산합니다` : `; ${name}(A, dim) along one dimension is not part of the language, ${name}(A) takes every entry`;
  }
  if (count > 2 && (name === 'max' || name === 'min')) return ko ? `; 셋 이상은 겹쳐 씁니다: ${name}(${name}(a, b), c)` : `; for three or more, nest them: ${name}(${name}(a, b), c)`;
  return '';
}

/** Why a file could not be read or written, by the system's code, in each language; any other reason as it came. */
export const IO_REASONS: Record<Lang, Readonly<Record<string, string>>> = {
  en: {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'the file is too large',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'no such file or directory',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory',
    EROFS: 'the file system is read-only',
    EIO: 'an input/output error',
    EPIPE: 'the reader has gone',
    ELOOP: 'too many symbolic links in a row',
  },
  ko: {
    ENOSPC: '장치에 남은 공간이 없습니다',
    EDQUOT: '디스크 할당량을 다 썼습니다',
    EFBIG: '파일이 너무 큽니다',
    EACCES: '권한이 없습니다',
    EPERM: '권한이 없습니다',
    ENOENT: '그런 파일이나 디렉터리가 없습니다',
    ENOTDIR: '경로의 한 부분이 디렉터리가 아닙니다',
    EISDIR: '디렉터리입니다',
    EROFS: '읽기 전용 파일 시스템입니다',
    EIO: '입출력 오류입니다',
    EPIPE: '읽는 쪽이 떠났습니다',
    ELOOP: '심볼릭 링크가 너무 많이 이어집니다',
  },
};
const ioReason = (lang: Lang, reason: string): string => IO_REASONS[lang][reason] ?? reason;
/** The streams, as a message names them. */
const STREAMS_KO: Readonly<Record<string, string>> = { 'standard output': '표준 출력', 'standard error': '표준 오류', 'standard input': '표준 입력' };

/** What JSON.parse said, where, and the slip it likely is (see jsonProblem). */
interface JsonProblem {
  readonly reason: string;
  readonly where: string;
  readonly slip: JsonSlip | '';
}

const JSON_SLIPS: Record<Lang, Record<JsonSlip, string>> = {
  en: {
    trailingComma: 'JSON allows no comma before } or ]',
    singleQuotes: 'JSON strings take double quotes',
    nonFinite: 'JSON has no NaN or Infinity: a value must be a finite number',
    leadingDot: 'JSON writes 0.5, not .5',
    bareKey: 'JSON keys take double quotes: {"x": 1}',
    comment: 'JSON has no comments: delete the // or /* */ text',
    twoValues: 'another JSON value follows the first: --vars takes one object, {"x": 1, "y": 2}, and --batch one object a line',
    assignments: 'bindings are written as a JSON object: {"x": 1, "y": 2}',
    lineAssignments: 'a batch line is a JSON object: {"vars": {"x": 1, "y": 2}}',
  },
  ko: {
    trailingComma: 'JSON에서는 } 나 ] 앞에 쉼표를 쓸 수 없습니다',
    singleQuotes: 'JSON 문자열은 큰따옴표로 감쌉니다',
    nonFinite: 'JSON에는 NaN이나 Infinity가 없습니다: 값은 유한한 수여야 합니다',
    leadingDot: 'JSON에서는 .5가 아니라 0.5로 씁니다',
    bareKey: 'JSON의 키는 큰따옴표로 감쌉니다: {"x": 1}',
    comment: 'JSON에는 주석이 없습니다: // 나 /* */ 부분을 지우세요',
    twoValues: '첫 JSON 값 뒤에 값이 또 있습니다: --vars에는 객체 하나({"x": 1, "y": 2})를, --batch에는 한 줄에 객체 하나를 씁니다',
    assignments: '바인딩은 JSON 객체로 씁니다: {"x": 1, "y": 2}',
    lineAssignments: '배치의 한 줄은 JSON 객체입니다: {"vars": {"x": 1, "y": 2}}',
  },
};

/** JSON.parse's reasons (V8's words), said in Korean; any other as V8 says it. */
const JSON_KO: readonly [RegExp, (...m: string[]) => string][] = [
  [/^Unexpected end of JSON input$/, () => 'JSON이 중간에 끝났습니다'],
  [/^Unexpected token '(.+)'$/, (_, t) => `여기에 '${t}'이(가) 올 수 없습니다`],
  [/^Expected double-quoted property name$/, () => '큰따옴표로 감싼 키가 와야 합니다'],
  [/^Expected property name or '}'$/, () => "키나 '}'가 와야 합니다"],
  [/^Expected ',' or '}' after property value$/, () => "값 뒤에는 ',' 나 '}'가 와야 합니다"],
  [/^Expected ',' or ']' after array element$/, () => "원소 뒤에는 ',' 나 ']'가 와야 합니다"],
  [/^Expected ':' after property name$/, () => "키 뒤에는 ':'가 와야 합니다"],
  [/^Unexpected non-whitespace character after JSON$/, () => 'JSON이 끝난 뒤에 다른 문자가 있습니다'],
  [/^Bad control character in string literal$/, () => '문자열 안에 제어 문자가 있습니다'],
  [/^Unterminated string$/, () => '문자열이 닫히지 않았습니다'],
  [/^Bad escaped character$/, () => '문자열 안의 이스케이프가 올바르지 않습니다'],
  [/^No number after minus sign$/, () => '빼기 부호 뒤에 수가 없습니다'],
  [/^Exponent part is missing a number$/, () => '지수에 수가 없습니다'],
  [/^Unterminated fractional number$/, () => '소수점 뒤에 수가 없습니다'],
];
const jsonKo = (reason: string): string => translated(JSON_KO, reason);

/** mathjs's syntax errors, said in Korean (a message in Korean should not stop in English halfway); any other as mathjs says it. */
const MATHJS_KO: readonly [RegExp, (...m: string[]) => string][] = [
  [/^Unexpected end of expression$/, () => '식이 중간에 끝났습니다'],
  [/^Value expected$/, () => '값이 와야 합니다'],
  [/^Parenthesis \) expected$/, () => '닫는 괄호 )가 와야 합니다'],
  [/^Parenthesis \] expected$/, () => '닫는 ]가 와야 합니다'],
  [/^End of matrix \] expected$/, () => '행렬을 닫는 ]가 와야 합니다'],
  [/^End of string (.) expected$/, (_, q) => `문자열을 닫는 ${q}가 와야 합니다`],
  [/^Unexpected operator (.*)$/, (_, op) => `여기에 연산자 ${op}이(가) 올 수 없습니다`],
  [/^Unexpected part "(.*)"$/, (_, part) => `여기에 "${part}"이(가) 올 수 없습니다`],
  [/^Syntax error in part "(.*)"$/, (_, part) => `"${part}" 부분의 구문 오류`],
  [/^Invalid left hand side of assignment operator =$/, () => '= 왼쪽에는 이름이 와야 합니다'],
];
const mathjsKo = (reason: string): string => translated(MATHJS_KO, reason);

/** A library's own English message in Korean, by the first pattern of `table` it matches; as it was if none does. */
function translated(table: readonly [RegExp, (...m: string[]) => string][], reason: string): string {
  for (const [pattern, say] of table) {
    const m = pattern.exec(reason);
    if (m) return say(...m);
  }
  return reason;
}

/** A name that is the rest of a number grouped with _ (1_000 is 1 times _000). */
const grouped = (name: string): boolean => /^_\d+$/.test(name);

const entry = <P extends object = Record<never, never>>(code: ErrorCode, en: Say<P>, ko: Say<P>, more: Pick<Entry<P>, 'hint' | 'details'> = {}): Entry<P> => ({ code, en, ko, ...more });

// Reasons: a text said inside an error (why shapes do not fit, what to write instead).
const REASONS = {
  matmulShapes: { en: (p: { left: number; right: number }) => `the columns of the left (${p.left}) must equal the rows of the right (${p.right})`, ko: (p: { left: number; right: number }) => `왼쪽의 열 수 (${p.left})가 오른쪽의 행 수 (${p.right})와 같아야 합니다` },
  dotShapes: { en: () => 'dot takes two vectors of the same length', ko: () => 'dot에는 길이가 같은 벡터 두 개를 써야 합니다' },
  vectorOnly: { en: (p: { name: string }) => `${p.name} takes a vector; apply it to each row or column separately`, ko: (p: { name: string }) => `${p.name}은(는) 벡터에 씁니다; 행이나 열마다 따로 적용하세요` },
  spectralNorm: { en: () => 'norm of a matrix is the spectral norm in mathjs; write sqrt(sum(A.^2)) for the Frobenius norm', ko: () => '행렬의 norm은 mathjs에서 스펙트럴 노름입니다; 프로베니우스 노름은 sqrt(sum(A.^2))로 쓰세요' },
  inverse: { en: () => 'mathjs would multiply by a matrix inverse here; write ./ to divide elementwise', ko: () => 'mathjs는 여기서 역행렬을 곱합니다; 원소별 나눗셈은 ./로 쓰세요' },
  matrixPower: { en: () => 'mathjs would take a matrix power here; write .^ for an elementwise power', ko: () => 'mathjs는 여기서 행렬 거듭제곱을 합니다; 원소별 거듭제곱은 .^로 쓰세요' },
  indexNumber: { en: () => 'an index must be a number', ko: () => '인덱스는 수여야 합니다' },
  indexCount: {
    en: (p: { shape: Shape; count: number }) => `a ${shapeText(p.shape)} value takes ${p.shape.length} ${p.shape.length === 1 ? 'index' : 'indices'}, not ${p.count}`,
    ko: (p: { shape: Shape; count: number }) => `${koNoun(p.shape)}에는 인덱스가 ${p.shape.length}개 필요합니다 (${p.count}개가 아니라)`,
  },
  matrixElements: { en: () => 'the elements of a matrix literal must be numbers', ko: () => '행렬 리터럴의 원소는 수여야 합니다' },
  elementwiseShapes: { en: () => 'elementwise operations take equal shapes, or a scalar on either side', ko: () => '원소별 연산에는 같은 모양이나, 한쪽에 스칼라를 써야 합니다' },
} satisfies Record<string, { en: Say<never>; ko: Say<never> }>;

export type ReasonKey = keyof typeof REASONS;

/** A reason and its parameters: made by reason(), which types them by the key. */
export interface Reason {
  readonly key: ReasonKey;
  readonly params: unknown;
}

export const reason = <K extends ReasonKey>(key: K, ...params: Parameters<(typeof REASONS)[K]['en']>): Reason => ({ key, params: params[0] ?? {} });

function sayReason(lang: Lang, r: Reason): string {
  const text = REASONS[r.key][lang] as Say<unknown>;
  return text(sanitize(r.params, lang));
}

/** A shape in words: "a vector of 3 entries", "a 2×3 matrix". */
export const shapeNoun = (s: Shape): string =>
  s.length === 0 ? 'a scalar' : s.length === 1 ? `a vector of ${s[0]} ${s[0] === 1 ? 'entry' : 'entries'}` : `a ${shapeText(s)} matrix`;

/** A shape in Korean words: 스칼라, 원소 3개의 벡터, 2×3 행렬. */
export const koNoun = (x: Shape): string => (x.length === 0 ? '스칼라' : x.length === 1 ? `원소 ${x[0]}개의 벡터` : `${x.join('×')} 행렬`);

/** At most this many names of a list are said. */
const LISTED = 20;
const listed = (names: readonly string[], lang: Lang): string =>
  names.length <= LISTED ? names.join(', ') : `${names.slice(0, LISTED).join(', ')}${lang === 'ko' ? ` 외 ${names.length - LISTED}개` : ` and ${names.length - LISTED} more`}`;
const en = (names: readonly string[]): string => listed(names, 'en');
/** Where an answer was written: --expect, or a batch line's "expect". */
export const answerSource = (p: { readonly line: boolean }): string => (p.line ? '"expect"' : '--expect');
const ko = (names: readonly string[]): string => listed(names, 'ko');
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

const ERRORS = {
  // the expression
  emptyExpression: entry('usage', () => 'the expression is empty', () => '식이 비어 있습니다'),
  tooDeepToParse: entry('too-deep', () => 'the expression is nested too deeply to parse', () => '식이 너무 깊이 중첩되어 파싱할 수 없습니다'),
  batchParses: entry(
    'limit',
    (p: { parses: number; tokens: number }) =>
      `this batch has parsed all the expressions one batch may (${p.parses} distinct ones, ${p.tokens} tokens in all): run the rest in another batch; lines that share an expression parse it once`,
    (p) => `이 배치는 한 배치가 파싱할 수 있는 식(서로 다른 식 ${p.parses}개, 모두 합해 토큰 ${p.tokens}개)을 다 파싱했습니다: 나머지는 다른 배치로 실행하세요; 같은 식을 쓰는 줄들은 그 식을 한 번만 파싱합니다`,
  ),
  batchEmpty: entry(
    'bad-value',
    (p: { source: string }) => `${sourceOf(p.source, 'en')} has no lines to run: a batch is a JSON object a line, {"vars": {"x": 2}}`,
    (p) => `${sourceOf(p.source, 'ko')}에 실행할 줄이 없습니다: 배치는 한 줄에 JSON 객체 하나입니다, {"vars": {"x": 2}}`,
  ),
  batchTooLong: entry(
    'limit',
    (p: { lines: number; max: number }) => `the batch has ${p.lines} lines; one batch takes at most ${p.max}: split the file (split -l ${p.max} FILE)`,
    (p) => `배치에 줄이 ${p.lines}개 있습니다; 한 배치는 최대 ${p.max}줄입니다: 파일을 나누세요 (split -l ${p.max} FILE)`,
  ),
  batchDeep: entry(
    'too-deep',
    (p: { depth: number; max: number }) => `the expression is nested ${p.depth} levels deep, more than is left of the ${p.max} levels of deep nesting a batch may parse in all (as much as one run); run it alone`,
    (p) => `식이 ${p.depth}단계로 중첩되어 있어, 한 배치가 모두 합해 파싱할 수 있는 깊은 중첩 ${p.max}단계(한 번의 실행만큼) 중 남은 것보다 많습니다; 이 식은 따로 실행하세요`,
  ),
  tooDeep: entry(
    'too-deep',
    (p: { depth: number; max: number }) => `the expression is nested ${p.depth} levels deep; at most ${p.max} are supported`,
    (p) => `식이 ${p.depth}단계로 중첩되어 있습니다; 최대 ${p.max}단계까지 지원합니다`,
  ),
  tooLong: entry(
    'limit',
    (p: { tokens: number; max: number }) => `the expression has about ${p.tokens} tokens; at most ${p.max} are supported`,
    (p) => `식에 토큰이 약 ${p.tokens}개 있습니다; 최대 ${p.max}개까지 지원합니다`,
  ),
  notParsed: entry('too-deep', (p: { reason: string }) => `the expression could not be parsed: ${p.reason}`, (p) => `식을 파싱할 수 없습니다: ${p.reason}`),
  numberTooLarge: entry(
    'syntax',
    (p: { text: string }) => `the number ${p.text} is too large: a double holds at most about 1.8e308`,
    (p) => `수 ${p.text}은(는) 너무 큽니다: double은 약 1.8e308까지 담습니다`,
  ),
  cannotReadNumber: entry('syntax', (p: { text: string }) => `cannot read the number ${p.text}`, (p) => `수 ${p.text}을(를) 읽을 수 없습니다`),
  cannotParse: entry('syntax', (p: { reason: string }) => `cannot parse the expression: ${p.reason}`, (p) => `식을 파싱할 수 없습니다: ${p.reason}`),
  syntaxAt: entry(
    'syntax',
    (p: { position: number; reason: string }) => `syntax error at character ${p.position}: ${p.reason}`,
    (p) => `${p.position}번째 문자에서 구문 오류: ${mathjsKo(p.reason)}`,
    { details: (p) => ({ position: p.position }) },
  ),
  lookalike: entry(
    'syntax',
    // Where mathjs made a name of it (x×y), the caret says where, without a position.
    (p: Lookalike & { position?: number }) =>
      `${p.position === undefined ? '' : `syntax error at character ${p.position}: `}${lookalikeEn(p)}`,
    (p) => `${p.position === undefined ? '' : `${p.position}번째 문자에서 구문 오류: `}${lookalikeKo(p)}`,
    { details: (p) => (p.position === undefined ? {} : { position: p.position }) },
  ),
  pythonPower: entry(
    'syntax',
    (p: { position: number }) => `syntax error at character ${p.position}: ** is Python's power; write ^ instead (x^2)`,
    (p) => `${p.position}번째 문자에서 구문 오류: **는 Python의 거듭제곱입니다; 대신 ^를 쓰세요 (x^2)`,
    { details: (p) => ({ position: p.position }) },
  ),
  colonEquals: entry(
    'syntax',
    (p: { position: number }) => `syntax error at character ${p.position}: := is not an assignment in mathjs; name a node with = (q = x + y)`,
    (p) => `${p.position}번째 문자에서 구문 오류: :=는 mathjs의 대입이 아닙니다; 노드의 이름은 =로 붙입니다 (q = x + y)`,
    { details: (p) => ({ position: p.position }) },
  ),
  topComma: entry(
    'syntax',
    (p: { position: number }) => `syntax error at character ${p.position}: a comma separates a function's arguments or a matrix's entries; separate statements with ; or a new line (q = x + y; f = q * z)`,
    (p) => `${p.position}번째 문자에서 구문 오류: 쉼표는 함수의 인수나 행렬의 원소를 나눕니다; 문장은 ;나 줄바꿈으로 나누세요 (q = x + y; f = q * z)`,
    { details: (p) => ({ position: p.position }) },
  ),
  bindingsInExpression: entry(
    'syntax',
    (p: { position: number; instead: string }) => `syntax error at character ${p.position}: the values of the variables are not part of the expression`,
    (p) => `${p.position}번째 문자에서 구문 오류: 변수의 값은 식의 일부가 아닙니다`,
    {
      details: (p) => ({ position: p.position }),
      hint: { en: (p) => `write them after it, outside its quotes: ${p.instead}`, ko: (p) => `식 뒤에, 따옴표 밖에 쓰세요: ${p.instead}` },
    },
  ),
  nameLetter: entry(
    'syntax',
    (p: { position: number; char: string }) => `syntax error at character ${p.position}: ${p.char} cannot be part of a name; names are Latin or Greek letters, digits and _ (x, w1, θ)`,
    (p) => `${p.position}번째 문자에서 구문 오류: ${p.char}는 이름에 쓸 수 없습니다; 이름은 라틴 문자나 그리스 문자, 숫자, _로 씁니다 (x, w1, θ)`,
    { details: (p) => ({ position: p.position }) },
  ),
  matrixShape: entry('shape', (p: { problem: ListProblem }) => listEn('a matrix literal', p.problem), (p) => listKo('행렬 리터럴은', p.problem)),
  cannotDifferentiate: entry(
    'unsupported',
    (p: { strings: boolean; value: string }) => `${p.strings ? 'strings' : `the value ${p.value}`} cannot be differentiated`,
    (p) => `${p.strings ? '문자열' : `값 ${p.value}`}은(는) 미분할 수 없습니다`,
  ),
  operator: entry(
    'unsupported',
    // mathjs's name for it, where it says more than the symbol: % (mod), but not mod (mod).
    (p: { op: string; fn: string }) => `the operator ${p.op}${p.fn === p.op ? '' : ` (${p.fn})`} is not part of the language`,
    (p) => `연산자 ${p.op}${p.fn === p.op ? '' : ` (${p.fn})`}은(는) 이 언어에 없습니다`,
  ),
  namedOnly: entry('unsupported', () => 'only named functions can be called', () => '이름이 있는 함수만 호출할 수 있습니다'),
  callOfValue: entry(
    'unknown-function',
    (p: { name: string; args: string }) => `${p.name}(${p.args}) calls ${p.name} as a function (a name before a parenthesis is a call); for a product write ${p.name}*(${p.args})`,
    (p) => `${p.name}(${p.args})는 ${p.name}을(를) 함수로 부릅니다 (괄호 앞의 이름은 호출입니다); 곱이라면 ${p.name}*(${p.args})로 쓰세요`,
    { details: (p) => ({ name: p.name }) },
  ),
  qualifiedCall: entry(
    'unknown-function',
    (p: { call: string; instead: string }) => `${p.call}() is not part of the language: a function is called by its name alone; write ${p.instead}`,
    (p) => `${p.call}()은(는) 이 언어에 없습니다: 함수는 이름만으로 부릅니다; ${p.instead}을(를) 쓰세요`,
    { details: (p) => ({ name: p.call }) },
  ),
  unknownFunction: entry(
    'unknown-function',
    (p: { name: string; suggestion?: string | undefined; known: readonly string[] }) =>
      `unknown function ${p.name}()${p.suggestion ? ` (did you mean ${p.suggestion}()?)` : ''}; the functions are: ${p.known.join(', ')}`,
    (p) => `알 수 없는 함수 ${p.name}()${p.suggestion ? ` (${p.suggestion}()을(를) 뜻했나요?)` : ''}; 쓸 수 있는 함수: ${p.known.join(', ')}`,
    { details: (p) => (p.suggestion ? { name: p.name, suggestion: p.suggestion } : { name: p.name }) },
  ),
  arity: entry(
    'arity',
    (p: { name: string; arities: readonly number[]; count: number }) =>
      `${p.name}() takes ${[...p.arities].sort().join(' or ')} ${plural(p.arities.length === 1 ? p.arities[0]! : 2, 'argument', 'arguments')}, not ${p.count}${arityHint(p, 'en')}`,
    (p) => `${p.name}()의 인자는 ${[...p.arities].sort().join('개 또는 ')}개입니다 (${p.count}개가 아니라)${arityHint(p, 'ko')}`,
    { details: (p) => ({ name: p.name }) },
  ),
  properties: entry('unsupported', () => 'properties (a.b) are not part of the language', () => '속성 (a.b)은 이 언어에 없습니다'),
  numpyTranspose: entry(
    'unsupported',
    (p: { name: string }) => `${p.name}.T is NumPy's transpose, not part of the language; write ${p.name}' or transpose(${p.name})`,
    (p) => `${p.name}.T는 NumPy의 전치이고 이 언어에는 없습니다; ${p.name}' 또는 transpose(${p.name})로 쓰세요`,
  ),
  latexInput: entry(
    'syntax',
    (p: { position: number; command: string }) => `syntax error at character ${p.position}: ${p.command} is LaTeX; write the expression in mathjs syntax (x / y, sqrt(x), exp(x))`,
    (p) => `${p.position}번째 문자에서 구문 오류: ${p.command}는 LaTeX입니다; 식은 mathjs 문법으로 씁니다 (x / y, sqrt(x), exp(x))`,
  ),
  braces: entry(
    'syntax',
    (p: { position: number }) => `syntax error at character ${p.position}: braces { } make an object in mathjs; group with parentheses instead (e^(x), not e^{x})`,
    (p) => `${p.position}번째 문자에서 구문 오류: 중괄호 { }는 mathjs에서 객체를 만듭니다; 대신 괄호로 묶으세요 (e^{x}가 아니라 e^(x))`,
  ),
  absBars: entry(
    'syntax',
    (p: { position: number }) => `syntax error at character ${p.position}: |x| is not part of the language; write abs(x), or norm(v) for a vector`,
    (p) => `${p.position}번째 문자에서 구문 오류: |x|는 이 언어에 없습니다; abs(x)로, 벡터는 norm(v)로 쓰세요`,
  ),
  pythonMatmul: entry(
    'syntax',
    (p: { position: number }) => `syntax error at character ${p.position}: @ is Python's matrix product; write * instead (W*x)`,
    (p) => `${p.position}번째 문자에서 구문 오류: @는 Python의 행렬 곱입니다; 대신 *를 쓰세요 (W*x)`,
    { details: (p) => ({ position: p.position }) },
  ),
  endInIndex: entry(
    'unsupported',
    () => 'end in an index (a[end], mathjs for the last position) is not supported; write the position, as in a[3]',
    () => '인덱스의 end (a[end], mathjs에서 마지막 위치)는 지원하지 않습니다; a[3]처럼 위치를 쓰세요',
  ),
  rangesInIndex: entry('unsupported', () => 'ranges in an index (a[1:2]) are not supported; index one element at a time', () => '인덱스의 범위 (a[1:2])는 지원하지 않습니다; 원소를 하나씩 인덱싱하세요'),
  assignment: entry(
    'unsupported',
    () => 'an assignment inside an expression is not part of the language; name a node by a statement of its own: q = x + y; f = q * z',
    () => '식 안의 대입은 이 언어에 없습니다; 노드의 이름은 따로 된 문장으로 지으세요: q = x + y; f = q * z',
  ),
  functionDefinition: entry(
    'unsupported',
    (p: { name: string; body: string }) => `${p.name}(…) = … defines a function, which is not part of the language; name a node instead, ${p.name} = ${p.body}, its variables bound (--x=…)`,
    (p) => `${p.name}(…) = …는 함수 정의이며 이 언어에 없습니다; 대신 노드에 이름을 붙이세요: ${p.name} = ${p.body} (변수에는 --x=…로 값을 줍니다)`,
  ),
  assignIndex: entry('unsupported', () => 'only a name can be assigned (q = …), not an entry or a property', () => '이름에만 대입할 수 있습니다 (q = …); 원소나 속성에는 안 됩니다'),
  block: entry('unsupported', () => 'statements stand at the top level, not inside brackets', () => '문장은 괄호 안이 아니라 맨 바깥에 써야 합니다'),
  usedBeforeAssigned: entry(
    'name',
    (p: { name: string }) => `${p.name} is used before it is assigned; assign it in an earlier statement`,
    (p) => `${p.name}이(가) 대입되기 전에 쓰였습니다; 앞선 문장에서 대입하세요`,
    { details: (p) => ({ name: p.name }) },
  ),
  assignedTwice: entry(
    'name',
    (p: { name: string }) => `${p.name} is assigned twice; a name stands for one node`,
    (p) => `${p.name}에 두 번 대입했습니다; 이름 하나는 노드 하나를 뜻합니다`,
    { details: (p) => ({ name: p.name }) },
  ),
  nameBound: entry(
    'name',
    (p: { name: string }) => `${p.name} is assigned by a statement and also bound as a variable; rename one of them`,
    (p) => `${p.name}은(는) 문장에서 대입되면서 변수로도 값이 주어졌습니다; 둘 중 하나의 이름을 바꾸세요`,
    { details: (p) => ({ name: p.name }) },
  ),
  conditional: entry('unsupported', () => 'conditionals (a ? b : c) are not part of the language', () => '조건식 (a ? b : c)은 이 언어에 없습니다'),
  comparison: entry('unsupported', () => 'comparisons are not part of the language', () => '비교는 이 언어에 없습니다'),
  ranges: entry('unsupported', () => 'ranges (a:b) are not part of the language', () => '범위 (a:b)는 이 언어에 없습니다'),
  objects: entry('unsupported', () => 'objects are not part of the language', () => '객체는 이 언어에 없습니다'),
  nodeType: entry('unsupported', (p: { type: string }) => `${p.type} is not part of the language`, (p) => `${p.type}은(는) 이 언어에 없습니다`),

  // values
  unbound: entry(
    'unbound',
    (p: { names: readonly string[]; calls?: readonly string[]; products?: readonly string[] }) => `no value for ${plural(p.names.length, 'the variable', 'the variables')} ${en(p.names)}`,
    (p) => `변수 ${ko(p.names)}의 값이 없습니다`,
    {
      // π is a name to mathjs, not the constant: a student who writes 2πr means pi. And Python's 1_000 is to
      // mathjs 1 times a variable _000.
      hint: {
        en: (p) =>
          p.calls?.length
            ? `${en(p.calls)} ${plural(p.calls.length, 'is a function', 'are functions')}: write ${p.calls[0]}(x), the argument in parentheses (without them, ${p.calls[0]} is read as a variable)`
            : p.names.some(grouped)
            ? 'a number is written without _ (1000, not 1_000, which reads as 1 times a variable _000)'
            : p.products?.length
            ? `a name of several letters is one variable: for the product write ${en(p.products)}`
            : `bind ${plural(p.names.length, 'it', 'them')} like --${p.names[0]}=1.5${p.names.includes('π') ? ', or write pi for the constant π' : ''}`,
        ko: (p) =>
          p.calls?.length
            ? `${ko(p.calls)}은(는) 함수입니다: ${p.calls[0]}(x)처럼 인수를 괄호 안에 쓰세요 (괄호가 없으면 ${p.calls[0]}은(는) 변수로 읽힙니다)`
            : p.names.some(grouped)
            ? '수는 _ 없이 씁니다 (1_000이 아니라 1000: 1_000은 1 곱하기 변수 _000으로 읽힙니다)'
            : p.products?.length
            ? `여러 글자로 된 이름은 변수 하나입니다: 곱은 ${ko(p.products)}처럼 씁니다`
            : `--${p.names[0]}=1.5처럼 값을 주세요${p.names.includes('π') ? '; 상수 π는 pi로 씁니다' : ''}`,
      },
      details: (p) => ({ names: p.names }),
    },
  ),
  valueString: entry('bad-value', (p: BadValue) => `the value of ${p.name} is a string, ${p.text}, not a number, a vector or a matrix${oddEn(p)}`, (p) => `${p.name}의 값이 문자열 ${p.text}입니다 (수, 벡터, 행렬이 아니라)${oddKo(p)}`, { details: (p) => ({ name: p.name }) }),
  valueNotTensor: entry('bad-value', (p: { name: string }) => `the value of ${p.name} is not a number, a vector or a matrix`, (p) => `${p.name}의 값이 수, 벡터, 행렬 중 어느 것도 아닙니다`, { details: (p) => ({ name: p.name }) }),
  valueShape: entry('bad-value', (p: { name: string; problem: ListProblem }) => listEn(`the value of ${p.name}`, p.problem), (p) => listKo(`${p.name}의 값은`, p.problem), { details: (p) => ({ name: p.name }) }),
  valueEntry: entry(
    'bad-value',
    (p: { name: string; at: readonly number[]; text: string; quoted: boolean }) =>
      `the value of ${p.name} has ${p.text} as ${entryEn(p.at)}, not a number${p.quoted ? '; a number in JSON has no quotes' : ''}`,
    (p) => `${p.name}의 값에 수가 아닌 항목이 있습니다: ${p.text} (${entryKo(p.at)})${p.quoted ? '; JSON의 수에는 따옴표가 없습니다' : ''}`,
    { details: (p) => ({ name: p.name }) },
  ),
  valueRagged: entry(
    'bad-value',
    (p: { name: string }) => `the value of ${p.name} is not a vector or a matrix of numbers with rows of equal length`,
    (p) => `${p.name}의 값이 길이가 같은 행으로 된 수의 벡터나 행렬이 아닙니다`,
    { details: (p) => ({ name: p.name }) },
  ),
  valueTooLarge: entry('bad-value', (p: { name: string; text: string }) => `the value of ${p.name} is too large: ${p.text}`, (p) => `${p.name}의 값이 너무 큽니다: ${p.text}`, { details: (p) => ({ name: p.name }) }),
  valueNotNumber: entry('bad-value', (p: BadValue) => `the value of ${p.name} is not a number: ${p.text}${oddEn(p)}`, (p) => `${p.name}의 값이 수가 아닙니다: ${p.text}${oddKo(p)}`, { details: (p) => ({ name: p.name }) }),
  valueNotMatrix: entry('bad-value', (p: BadValue) => `the value of ${p.name} is not a vector or a matrix: ${p.text}${oddEn(p)}`, (p) => `${p.name}의 값이 벡터나 행렬이 아닙니다: ${p.text}${oddKo(p)}`, { details: (p) => ({ name: p.name }) }),
  valueNotNumbers: entry('bad-value', (p: BadValue) => `the value of ${p.name} must be written with numbers only: ${p.text}${oddEn(p)}`, (p) => `${p.name}의 값은 수로만 써야 합니다: ${p.text}${oddKo(p)}`, { details: (p) => ({ name: p.name }) }),
  varsNotJson: entry(
    'bad-value',
    (p: JsonProblem & { source: string }) => `${sourceOf(p.source, 'en')}${p.where ? `:${p.where}` : ''} is not JSON: ${p.reason}${p.slip ? `; ${JSON_SLIPS.en[p.slip]}` : ''}`,
    (p) => `${sourceOf(p.source, 'ko')}${p.where ? `:${p.where}` : ''}은(는) JSON이 아닙니다: ${jsonKo(p.reason)}${p.slip ? `; ${JSON_SLIPS.ko[p.slip]}` : ''}`,
  ),
  runExpression: entry('usage', (p: { type: string }) => `run: the expression must be a string, not ${p.type}`, (p) => `run: 식은 문자열이어야 합니다 (${p.type}이(가) 아니라)`),
  runBindings: entry('bad-value', (p: { type: string }) => `run: the bindings must be an object or a Map of names to values, not ${p.type}`, (p) => `run: 바인딩은 이름에서 값으로 가는 객체나 Map이어야 합니다 (${p.type}이(가) 아니라)`),
  runOptions: entry(
    'usage',
    (p: { given: string }) => `run: the options are an object with seed (a value) and expand (true or false), not ${p.given}`,
    (p) => `run: 옵션은 seed(값)와 expand(true 또는 false)를 담은 객체입니다 (${p.given}이(가) 아니라)`,
  ),
  varsBatchLine: entry(
    'bad-value',
    (p: { source: string }) => `${sourceOf(p.source, 'en')} holds {"vars": …}, a --batch line: a --vars file is the bindings themselves, {"x": 2, "W": [[1, 2], [3, 4]]} (or run it with --batch)`,
    (p) => `${sourceOf(p.source, 'ko')}에는 --batch의 한 줄인 {"vars": …}가 있습니다: --vars 파일에는 바인딩 자체를 씁니다, {"x": 2, "W": [[1, 2], [3, 4]]} (또는 --batch로 실행하세요)`,
  ),
  varsEmpty: entry('bad-value', (p: { source: string }) => `${sourceOf(p.source, 'en')} is empty: it must hold a JSON object such as {"x": 2, "W": [[1, 2], [3, 4]]}`, (p) => `${sourceOf(p.source, 'ko')}이(가) 비어 있습니다: {"x": 2, "W": [[1, 2], [3, 4]]} 같은 JSON 객체가 있어야 합니다`),
  varsTwice: entry(
    'bad-value',
    (p: { source: string; name: string }) => `${sourceOf(p.source, 'en')} binds ${p.name} twice: a name is bound once (JSON would keep the last in silence)`,
    (p) => `${sourceOf(p.source, 'ko')}에 ${p.name}이(가) 두 번 있습니다: 이름마다 한 번만 씁니다 (JSON은 말없이 마지막 것을 씁니다)`,
  ),
  varsNotObject: entry('bad-value', (p: { source: string }) => `${sourceOf(p.source, 'en')} must hold a JSON object such as {"x": 2, "W": [[1, 2], [3, 4]]}`, (p) => `${sourceOf(p.source, 'ko')}에는 {"x": 2, "W": [[1, 2], [3, 4]]} 같은 JSON 객체가 있어야 합니다`),
  notVariableName: entry('bad-value', (p: { where: string; name: string }) => `${p.where}: ${p.name} is not a variable name`, (p) => `${p.where}: ${p.name}은(는) 변수 이름이 아닙니다`),

  // shapes and indices
  shapes: entry(
    'shape',
    (p: { node: string; id: string; op: string; shapes: readonly Shape[]; why: Reason }) =>
      `${p.node} (${p.op}) on ${p.shapes.length === 1 ? `a ${shapeText(p.shapes[0]!)} value` : `shapes ${p.shapes.map(shapeText).join(' and ')}`}: ${p.why}`,
    (p) => `${p.node} (${p.op}): 모양 ${p.shapes.map(koNoun).join(', ')}에는 쓸 수 없습니다: ${p.why}`,
    { details: (p) => ({ node: p.id, op: p.op, shapes: p.shapes.map((s) => [...s]) }) },
  ),
  indexRange: entry(
    'index',
    (p: { index: number; extent: number }) => `the index ${p.index} is not a whole number from 1 to ${p.extent} (indices count from 1, as in mathjs)`,
    (p) => `인덱스 ${p.index}은(는) 1부터 ${p.extent}까지의 정수가 아닙니다 (mathjs처럼 인덱스는 1부터 셉니다)`,
  ),
  seedShape: entry(
    'shape',
    (p: { given: Shape; want: Shape }) => `the seed (the output's upstream gradient) is ${shapeNoun(p.given)} but the output is ${shapeNoun(p.want)}`,
    (p) => `시드 (출력의 업스트림 그래디언트)는 ${koNoun(p.given)}이지만 출력은 ${koNoun(p.want)}입니다`,
  ),
  tooMuchWork: entry(
    'limit',
    (p: { what: string; passes: number; size: number; cost: number; max: number }) =>
      `${p.what} would take ${p.passes} passes over the graph, ${p.size} steps each (${p.cost.toExponential(1)} in all); at most ${p.max.toExponential(1)} are allowed`,
    (p) => `${p.what}에는 그래프를 ${p.passes}번, 한 번에 ${p.size}단계씩 지나야 합니다 (모두 ${p.cost.toExponential(1)}단계); 최대 ${p.max.toExponential(1)}단계까지 허용합니다`,
  ),

  tooLargeToDraw: entry(
    'limit',
    (p: { nodes: number; max: number }) => `the picture would have ${p.nodes} nodes, more than Graphviz lays out in reasonable time (${p.max})`,
    (p) => `그림의 노드가 ${p.nodes}개로, Graphviz가 적당한 시간에 배치할 수 있는 수 (${p.max})보다 많습니다`,
    { hint: { en: () => '--format dot writes the graph for a Graphviz of your own', ko: () => '--format dot으로 그래프를 써서 직접 Graphviz로 그리세요' } },
  ),
  layoutTime: entry(
    'limit',
    (p: { nodes: number; seconds: number }) => `Graphviz did not lay out the picture of ${p.nodes} nodes within ${p.seconds} s`,
    (p) => `Graphviz가 노드 ${p.nodes}개의 그림을 ${p.seconds}초 안에 배치하지 못했습니다`,
    { hint: { en: () => '--format dot writes the graph for a Graphviz of your own', ko: () => '--format dot으로 그래프를 써서 직접 Graphviz로 그리세요' } },
  ),
  layoutFailed: entry(
    'limit',
    (p: { nodes: number; reason: string }) => `Graphviz could not lay out the picture of ${p.nodes} nodes: ${p.reason}`,
    (p) => `Graphviz가 노드 ${p.nodes}개의 그림을 배치하지 못했습니다: ${p.reason}`,
    { hint: { en: () => '--format dot writes the graph for a Graphviz of your own', ko: () => '--format dot으로 그래프를 써서 직접 Graphviz로 그리세요' } },
  ),

  // checks and answers
  expectSyntax: entry(
    'usage',
    (p: { spec: string; line: boolean }) => (p.line ? `an answer in "expect" is "NAME": VALUE, such as {"x": -0.53}, not ${p.spec}` : `--expect takes NAME=VALUE, such as x=-0.53 or value=0.73, not ${p.spec}`),
    (p) => (p.line ? `"expect"의 답은 {"x": -0.53}처럼 "이름": 값으로 씁니다 (${p.spec}가 아니라)` : `--expect에는 x=-0.53이나 value=0.73처럼 이름=값을 써야 합니다 (${p.spec}가 아니라)`),
  ),
  expectNoName: entry(
    'usage',
    (p: { text: string; name: string; names: readonly string[]; meant?: string | undefined; output: string; line: boolean }) =>
      `${answerSource(p)} ${p.text}: the expression has no variable and no named node ${p.name} (its names: ${en(p.names) || 'none'}; ${p.output} itself is value=…)${p.meant ? `; for ∂${p.output}/∂${p.meant} write ${p.meant}=…` : ''}`,
    (p) => `${answerSource(p)} ${p.text}: 식에 ${p.name}이라는 변수도, 이름 붙은 노드도 없습니다 (이름: ${ko(p.names) || '없음'}; ${p.output} 자체는 value=…)${p.meant ? `; ∂${p.output}/∂${p.meant}는 ${p.meant}=…로 씁니다` : ''}`,
  ),
  expectOf: entry(
    'usage',
    (p: { text: string; of: string; output: string; name: string; line: boolean }) => `${answerSource(p)} ${p.text}: an answer is about the output ${p.output} (∂${p.output}/∂${p.name}, written ${p.name}=…), and ${p.of} is not the output`,
    (p) => `${answerSource(p)} ${p.text}: 답은 출력 ${p.output}에 대한 것입니다 (∂${p.output}/∂${p.name}, ${p.name}=…로 씀). ${p.of}는 출력이 아닙니다`,
  ),
  expectPlusMinus: entry(
    'usage',
    (p: { spec: string; answer: string; tol: string; line: boolean }) =>
      `${answerSource(p)} ${p.spec}: a tolerance is given by --tol: write ${p.line ? `${p.answer} in "expect", and --tol ${p.tol} on the command line` : `--expect ${p.answer} --tol ${p.tol}`}`,
    (p) => `${answerSource(p)} ${p.spec}: 허용 오차는 --tol로 줍니다: ${p.line ? `"expect"에는 ${p.answer}, 명령줄에는 --tol ${p.tol}` : `--expect ${p.answer} --tol ${p.tol}`}처럼 쓰세요`,
  ),
  expectOneEach: entry(
    'usage',
    (p: { spec: string; first: string; second: string; line: boolean }) =>
      p.line
        ? `an answer in "expect" is one answer, not two as in ${p.spec}: give each its own name in "expect" (${p.first}, then ${p.second})`
        : `--expect takes one answer, not two in ${p.spec}: write --expect ${p.first} --expect ${p.second}`,
    (p) =>
      p.line
        ? `"expect"의 답 하나에는 값 하나를 씁니다 (${p.spec}에는 둘): "expect"에 이름마다 따로 쓰세요 (${p.first}, ${p.second})`
        : `--expect 하나에는 답 하나를 씁니다 (${p.spec}에는 둘): --expect ${p.first} --expect ${p.second}처럼 쓰세요`,
  ),
  expectShape: entry(
    'shape',
    (p: { text: string; answer: Shape; what: string; actual: Shape; line: boolean }) => `${answerSource(p)} ${p.text}: the answer is ${shapeNoun(p.answer)} but ${p.what} is ${shapeNoun(p.actual)}`,
    (p) => `${answerSource(p)} ${p.text}: 답은 ${koNoun(p.answer)}인데 ${p.what}은(는) ${koNoun(p.actual)}입니다`,
  ),
  symbolicScalar: entry('usage', () => '--symbolic is for scalar expressions: every variable and every value a number', () => '--symbolic은 스칼라 식에만 씁니다: 모든 변수와 값이 수여야 합니다'),

  // batches
  lineNotJson: entry(
    'bad-value',
    // The line is said beside the message (its document's "line", the summary's "line 6:", the CSV's column).
    (p: JsonProblem) => `not JSON${p.where ? ` (at column ${p.where.split(':')[1]})` : ''}: ${p.reason}${p.slip ? `; ${JSON_SLIPS.en[p.slip]}` : ''}`,
    (p) => `JSON이 아닙니다${p.where ? ` (${p.where.split(':')[1]}번째 칸)` : ''}: ${jsonKo(p.reason)}${p.slip ? `; ${JSON_SLIPS.ko[p.slip]}` : ''}`,
  ),
  batchCheckWork: entry(
    'limit',
    (p: { max: number; lines: number }) =>
      `--check took ${p.max.toExponential()} steps over the batch's first ${p.lines} checked lines, as many as one batch may: this line is not run; split the batch (split -l ${Math.max(1, p.lines)}) and check each part`,
    (p) => `--check가 배치의 처음 ${p.lines}줄에서 한 배치의 한도인 ${p.max.toExponential()}단계를 다 썼습니다: 이 줄은 실행하지 않습니다; 배치를 나누어 (split -l ${Math.max(1, p.lines)}) 따로 검사하세요`,
  ),
  lineNotObject: entry('bad-value', () => 'not a JSON object: a line is one such as {"vars": {"x": 2}}', () => 'JSON 객체가 아닙니다: 한 줄은 {"vars": {"x": 2}} 같은 객체입니다'),
  lineNoExpr: entry('usage', () => 'no "expr" on this line, and the command line gives no expression', () => '이 줄에 "expr"이 없고, 명령줄에도 식이 없습니다'),
  fieldNotObject: entry('bad-value', (p: { field: string }) => `"${p.field}" must be an object`, (p) => `"${p.field}"은(는) 객체여야 합니다`),

  // the command line: its options
  needsValue: entry(
    'usage',
    (p: { arg: string; example: string }) => `${p.arg} needs a value, as in ${p.example}`,
    (p) => `${p.arg}에는 값이 필요합니다 (예: ${p.example})`,
  ),
  unknownOption: entry(
    'usage',
    (p: { arg: string; suggestion: string | undefined; odd?: Lookalike | undefined }) =>
      `unknown option ${p.arg}${p.suggestion ? `; did you mean ${p.suggestion}?` : p.odd ? `; ${lookalikeEn(p.odd)}` : ''}`,
    (p) => `알 수 없는 옵션 ${p.arg}${p.suggestion ? `; ${p.suggestion}을(를) 뜻했나요?` : p.odd ? `; ${lookalikeKo(p.odd)}` : ''}`,
  ),
  unknownName: entry(
    'usage',
    (p: { arg: string; suggestion: string | undefined; variables: readonly string[] }) =>
      `${p.arg} is neither an option nor a variable of the expression${p.suggestion ? `; did you mean ${p.suggestion}?` : ''} (its variables: ${en(p.variables) || 'none'})`,
    (p) => `${p.arg}은(는) 옵션도 아니고 식의 변수도 아닙니다${p.suggestion ? `; ${p.suggestion}을(를) 뜻했나요?` : ''} (변수: ${ko(p.variables) || '없음'})`,
  ),
  leadingMinus: entry(
    'usage',
    (p: { arg: string; meant?: string }) => (p.meant ? `unknown option ${p.arg}: did you mean ${p.meant}?` : `unknown option ${p.arg}; put -- before an expression that starts with a minus sign`),
    (p) => (p.meant ? `알 수 없는 옵션 ${p.arg}: ${p.meant}을(를) 뜻했나요?` : `알 수 없는 옵션 ${p.arg}; 빼기 부호로 시작하는 식 앞에는 --를 쓰세요`),
  ),
  flagValue: entry('usage', (p: { option: string }) => `${p.option} takes no value`, (p) => `${p.option}에는 값을 쓰지 않습니다`),
  boundTwice: entry(
    'usage',
    (p: { name: string; first: string; second: string }) => `${p.name} is bound twice, to ${p.first} and to ${p.second}: give it once`,
    (p) => `${p.name}에 값이 두 번 주어졌습니다 (${p.first}, ${p.second}): 한 번만 쓰세요`,
  ),
  twice: entry('usage', (p: { option: string }) => `${p.option} is given twice; give it once`, (p) => `${p.option}이(가) 두 번 주어졌습니다; 한 번만 쓰세요`),
  twoModes: entry(
    'usage',
    (p: { first: string; second: string }) => `${p.first} and ${p.second} are two outputs; choose one`,
    (p) => `${p.first}와(과) ${p.second}는 서로 다른 출력입니다; 하나만 고르세요`,
  ),
  needs: entry(
    'usage',
    (p: { option: string; needed: string; or?: string }) => `${p.option} means nothing without ${p.needed}${p.or ? ` or ${p.or}` : ''}`,
    (p) => `${p.option}은(는) ${p.needed}${p.or ? ` 또는 ${p.or}` : ''} 없이는 뜻이 없습니다`,
  ),
  maxInputNothing: entry(
    'usage',
    () => '--max-input limits what is read from a file or standard input (--file, --vars, --batch, -), and this run reads none',
    () => '--max-input은 파일이나 표준 입력에서 읽는 것(--file, --vars, --batch, -)의 크기를 제한하는데, 이 실행은 아무것도 읽지 않습니다',
  ),
  notInFormat: entry(
    'usage',
    (p: { option: string; asked: string; formats: readonly string[] }) => `${p.option} is not shown by ${p.asked}; ${p.formats.length === 1 ? `--format ${p.formats[0]} shows` : `these formats show`} it${p.formats.length === 1 ? '' : `: ${p.formats.join(', ')}`}`,
    (p) => `${p.option}은(는) ${p.asked}에 나오지 않습니다; ${p.formats.join(', ')}에 나옵니다`,
  ),
  precisionInJson: entry(
    'usage',
    (p: { asked: string }) => `--precision means nothing to ${p.asked}, which writes every digit`,
    (p) => `--precision은 모든 자릿수를 쓰는 ${p.asked}에는 뜻이 없습니다`,
  ),
  fields: entry(
    'usage',
    (p: { given: string; fields: readonly string[]; lineKey: boolean }) =>
      `--fields takes keys of the JSON document, ${p.fields.join(', ')}, not ${p.given}${p.lineKey ? ': id and line are a --batch line\'s' : ''}`,
    (p) => `--fields에는 JSON 문서의 키 (${p.fields.join(', ')})를 써야 합니다 (${p.given}가 아니라)${p.lineKey ? ': id와 line은 --batch 줄의 키입니다' : ''}`,
  ),
  openedOnTerminal: entry(
    'usage',
    (p: { asked: string; file: string }) => `${p.asked} writes a file to open in a browser, not text for the terminal: add --out ${p.file} (--out - writes it here anyway)`,
    (p) => `${p.asked}은(는) 터미널에서 읽을 글이 아니라 브라우저에서 열 파일을 씁니다: --out ${p.file}을(를) 붙이세요 (--out -이면 그래도 여기에 씁니다)`,
  ),
  outName: entry(
    'usage',
    (p: { path: string; named: string; flag: string; writes: string; rename: string }) =>
      `--out ${p.path} by its name asks for ${p.named}, but ${p.flag} writes ${p.writes}: name the file ${p.rename}${p.flag === '--batch' ? '' : `, or leave out ${p.flag}`}`,
    (p) => `--out ${p.path}은(는) 이름으로 ${p.named}을(를) 뜻하지만 ${p.flag}은(는) ${p.writes}을(를) 씁니다: 파일 이름을 ${p.rename}(으)로 하세요${p.flag === '--batch' ? '' : ` (또는 ${p.flag}를 빼세요)`}`,
  ),
  outImage: entry(
    'usage',
    (p: { path: string; kind: string; svg: string }) =>
      `backprop writes no ${p.kind} file (--out ${p.path}): --format svg --out ${p.svg} writes the picture as SVG, which rsvg-convert or Inkscape turn into ${p.kind}`,
    (p) => `backprop은 ${p.kind} 파일을 쓰지 않습니다 (--out ${p.path}): --format svg --out ${p.svg}로 그림을 SVG로 쓴 뒤 rsvg-convert나 Inkscape로 ${p.kind}로 바꾸세요`,
  ),
  csvOut: entry('usage', (p: { path: string }) => `--out ${p.path} by its name asks for csv, which is for --batch: a row a case`, (p) => `--out ${p.path}은(는) 이름으로 csv를 뜻하는데, csv는 --batch에 씁니다: 경우마다 한 행`),
  csvOnlyBatch: entry('usage', () => '--format csv is for --batch: a row a case', () => '--format csv는 --batch에 씁니다: 경우마다 한 행'),
  notInBatch: entry('usage', (p: { option: string }) => `${p.option} cannot be used with --batch, which writes one JSON line per case (or with --format csv one spreadsheet row)`, (p) => `${p.option}은(는) 경우마다 JSON 한 줄(--format csv이면 표 한 행)을 쓰는 --batch와 함께 쓸 수 없습니다`),
  positive: entry('usage', (p: { option: string; text: string }) => `${p.option} takes a positive number, not ${p.text}`, (p) => `${p.option}에는 양수를 써야 합니다 (${p.text}가 아니라)`),
  stepTooLarge: entry(
    'usage',
    (p: { text: string }) => `--step takes a small number such as 1e-5 (the default), below 1, not ${p.text}: a step that large measures a secant, not the derivative`,
    (p) => `--step에는 1e-5(기본값) 같은 1보다 작은 수를 써야 합니다 (${p.text}가 아니라): 그렇게 큰 간격은 도함수가 아니라 할선의 기울기를 잽니다`,
  ),
  nonNegative: entry(
    'usage',
    (p: { option: string; text: string }) =>
      `${p.option} takes a number of 0 or more, not ${p.text}${/%\s*$/.test(p.text) ? ': a tolerance is absolute, so 1% of an answer of 4 is --tol 0.04' : ''}`,
    (p) => `${p.option}에는 0 이상의 수를 써야 합니다 (${p.text}가 아니라)${/%\s*$/.test(p.text) ? ': 허용 오차는 절대값이라, 답 4의 1%는 --tol 0.04입니다' : ''}`,
  ),
  maxInput: entry(
    'usage',
    (p: { text: string; max: number }) => `--max-input takes a size in MiB up to ${p.max} (the longest text a run can hold), not ${p.text}`,
    (p) => `--max-input에는 ${p.max} 이하의 MiB 크기를 써야 합니다 (한 번에 담을 수 있는 가장 긴 텍스트); ${p.text}가 아니라`,
  ),
  precision: entry('usage', (p: { text: string }) => `--precision takes a whole number from 1 to 17, not ${p.text}`, (p) => `--precision에는 1부터 17까지의 정수를 써야 합니다 (${p.text}가 아니라)`),
  afterDashDash: entry('usage', (p: { option: string }) => `${p.option} comes after --, which ends the options: put it before --`, (p) => `${p.option}이(가) 옵션의 끝을 뜻하는 -- 뒤에 있습니다: -- 앞으로 옮기세요`),
  oneExpression: entry(
    'usage',
    (p: { count: number; given: readonly string[]; odd?: Lookalike | undefined }) =>
      `expected one expression, got ${p.count}: ${p.given.join(' ')}; ${p.odd ? lookalikeEn(p.odd) : 'quote an expression that has spaces'}`,
    (p) => `식은 하나여야 하는데 ${p.count}개입니다: ${p.given.join(' ')}; ${p.odd ? lookalikeKo(p.odd) : '공백이 있는 식은 따옴표로 감싸세요'}`,
  ),
  fileAndExpression: entry(
    'usage',
    (p: { file: string; expression: string }) => `--file ${p.file} gives the expression, and so does ${p.expression}: give one of them (a binding is NAME=VALUE)`,
    (p) => `--file ${p.file}도 식을 주고 ${p.expression}도 식을 줍니다: 하나만 주세요 (값은 NAME=VALUE로 줍니다)`,
  ),
  oneStdin: entry('usage', () => 'only one of the expression, --vars and --batch can come from standard input', () => '식, --vars, --batch 중 하나만 표준 입력에서 읽을 수 있습니다'),
  lang: entry('usage', (p: { value: string }) => `--lang takes en or ko (or a locale such as ko_KR), not ${p.value}`, (p) => `--lang에는 en이나 ko(또는 ko_KR 같은 로캘)를 써야 합니다 (${p.value}가 아니라)`),
  noExpression: entry(
    'usage',
    () => 'no expression given; try: backprop "(x+y)*z" --x=-2 --y=5 --z=-4 (or - to read it from standard input, --file PATH from a file; --help lists every option)',
    () => '식이 없습니다. 예: backprop "(x+y)*z" --x=-2 --y=5 --z=-4 (표준 입력에서 읽으려면 -, 파일에서 읽으려면 --file PATH; 모든 옵션은 --help)',
  ),
  format: entry(
    'usage',
    (p: { choices: readonly string[]; value: string }) => `--format takes ${p.choices.join(', ')}, not ${p.value}`,
    (p) => `--format에는 ${p.choices.join(', ')} 중 하나를 써야 합니다 (${p.value}가 아니라)`,
    { details: (p) => ({ choices: p.choices }) },
  ),

  // the command line: its files and streams
  cannotRead: entry(
    'io',
    (p: { what: string; path: string; reason: string }) => `cannot read ${p.what} ${p.path === '-' ? 'from standard input' : p.path}: ${ioReason('en', p.reason)}`,
    (p) => `${p.path === '-' ? '표준 입력' : p.path}을(를) 읽을 수 없습니다: ${ioReason('ko', p.reason)}`,
  ),
  inputTooLarge: entry(
    'limit',
    (p: { what: string; path: string; limit: number }) => `${p.what} ${p.path === '-' ? 'on standard input' : p.path} is larger than ${p.limit} MiB`,
    (p) => `${p.path === '-' ? '표준 입력' : p.path}이(가) ${p.limit} MiB보다 큽니다`,
    {
      hint: {
        en: (p) => (p.limit < LIMITS.maxInputMiB ? `--max-input raises the limit (up to ${LIMITS.maxInputMiB})` : 'the most a run can read'),
        ko: (p) => (p.limit < LIMITS.maxInputMiB ? `--max-input으로 한도를 올릴 수 있습니다 (${LIMITS.maxInputMiB}까지)` : '한 번에 읽을 수 있는 최대 크기입니다'),
      },
    },
  ),
  notText: entry(
    'io',
    (p: { what: string; path: string }) => `${p.what} ${p.path === '-' ? 'on standard input' : p.path} is not text (UTF-8, or UTF-16 with a byte-order mark)`,
    (p) => `${p.path === '-' ? '표준 입력' : p.path}은(는) 텍스트(UTF-8, 또는 바이트 순서 표시가 있는 UTF-16)가 아닙니다`,
  ),
  outIsInput: entry(
    'usage',
    (p: { path: string; input: string }) => `--out ${p.path} is ${p.input}, an input of this run; write the output elsewhere`,
    (p) => `--out ${p.path}은(는) 이 실행의 입력 ${p.input}입니다; 출력은 다른 곳에 쓰세요`,
  ),
  cannotWrite: entry(
    'io',
    (p: { path: string; reason: string }) => `cannot write ${p.path}: ${ioReason('en', p.reason)}`,
    (p) => `${STREAMS_KO[p.path] ?? p.path}에 쓸 수 없습니다: ${ioReason('ko', p.reason)}`,
  ),
};

export type ErrorKey = keyof typeof ERRORS;
export type ParamsOf<K extends ErrorKey> = Parameters<(typeof ERRORS)[K]['en']>[0];
/** The parameters of an error, which may be left out when it has none. */
export type ArgsOf<K extends ErrorKey> = Record<never, never> extends ParamsOf<K> ? [params?: ParamsOf<K>] : [params: ParamsOf<K>];

export const codeOf = (key: ErrorKey): ErrorCode => ERRORS[key].code;

const isReason = (v: unknown): v is Reason => typeof v === 'object' && v !== null && !Array.isArray(v) && 'key' in v;

/** Parameters as said: strings clipped and escaped (they may be the user's bytes), lists too. */
function sanitize<P>(params: P, lang: Lang = 'en'): P {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = clip(v, 120);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.map((x: string) => clip(x, 60));
    else if (isReason(v)) out[k] = sayReason(lang, v);
    else out[k] = v;
  }
  return out as P;
}

/** An error's text in a language; with `cli`, its hint for the command line too. */
export function say<K extends ErrorKey>(lang: Lang, key: K, params: ParamsOf<K>, cli = false): string {
  const e = ERRORS[key] as Entry<ParamsOf<K>>;
  const p = sanitize(params, lang);
  const text = e[lang](p);
  return cli && e.hint ? `${text}; ${e.hint[lang](p)}` : text;
}

/** The JSON details of an error, with long strings and lists cut short. */
export function detailsOf<K extends ErrorKey>(key: K, params: ParamsOf<K>): Record<string, unknown> {
  const e = ERRORS[key] as Entry<ParamsOf<K>>;
  const d = e.details?.(params) ?? {};
  return Object.fromEntries(
    Object.entries(d).map(([k, v]) => [k, typeof v === 'string' ? clip(v) : Array.isArray(v) ? v.slice(0, 1000).map((x: unknown) => (typeof x === 'string' ? clip(x) : x)) : v]),
  );
}

/** Every key with its texts, for the tests: each exists in every language. */
export const CATALOGUE: Readonly<Record<ErrorKey, Entry<never>>> = ERRORS;
