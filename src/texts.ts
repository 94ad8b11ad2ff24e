// The text of every error, in each language, in one place. An error is
// thrown with a key and its parameters; its English text is its message (and
// the JSON's), and the CLI says it in the user's language.
import { shapeNoun, type Shape } from './graph/tensor.js';

export type Lang = 'en' | 'ko';

/** A text by its key: why shapes do not fit, said inside a larger message. */
export interface Reason {
  readonly key: TextKey;
  readonly params?: Params;
}

/** Parameters of a message: numbers, strings, lists of names, shapes, or a reason within it. */
export type Params = Readonly<Record<string, string | number | boolean | readonly string[] | Shape | readonly Shape[] | Reason | undefined>>;

const s = (p: Params, k: string): string => String(p[k] ?? '');
const list = (p: Params, k: string): readonly string[] => (p[k] as readonly string[] | undefined) ?? [];
const shape = (p: Params, k: string): Shape => (p[k] as Shape | undefined) ?? [];

/** A shape in Korean words: 스칼라, 원소 3개의 벡터, 2×3 행렬. */
export const koNoun = (x: Shape): string => (x.length === 0 ? '스칼라' : x.length === 1 ? `원소 ${x[0]}개의 벡터` : `${x.join('×')} 행렬`);

const EN = {
  // the expression
  emptyExpression: () => 'the expression is empty',
  tooDeepToParse: () => 'the expression is nested too deeply to parse',
  tooDeep: (p: Params) => `the expression is nested ${s(p, 'depth')} levels deep; at most ${s(p, 'max')} are supported`,
  notParsed: (p: Params) => `the expression could not be parsed: ${s(p, 'reason')}`,
  cannotReadNumber: (p: Params) => `cannot read the number ${s(p, 'text')}`,
  cannotParse: (p: Params) => `cannot parse the expression: ${s(p, 'reason')}`,
  syntaxAt: (p: Params) => `syntax error at character ${s(p, 'position')}: ${s(p, 'reason')}`,
  matrixRows: () => 'a matrix literal needs rows of equal length, of numbers',
  matrixOnly: () => 'only vectors and matrices of numbers are supported',
  cannotDifferentiate: (p: Params) => `${p.kind === 'strings' ? 'strings' : `the value ${s(p, 'value')}`} cannot be differentiated`,
  operator: (p: Params) => `the operator ${s(p, 'op')} (${s(p, 'fn')}) is not part of the language`,
  namedOnly: () => 'only named functions can be called',
  unknownFunction: (p: Params) => `unknown function ${s(p, 'name')}(); the functions are: ${list(p, 'known').join(', ')}`,
  arity: (p: Params) => {
    const arities = list(p, 'arities');
    const plural = arities.join() === '1' ? '' : 's';
    return `${s(p, 'name')}() takes ${arities.join(' or ')} argument${plural}, not ${s(p, 'count')}${p.list ? `; ${s(p, 'name')} of a list or a vector is not supported` : ''}`;
  },
  properties: () => 'properties (a.b) are not part of the language',
  rangesInIndex: () => 'ranges in an index (a[1:2]) are not supported; index one element at a time',
  assignment: () => 'assignment is not part of the language; bind variables on the command line: --x=2',
  block: () => 'write one expression, not several separated by ; or a new line',
  conditional: () => 'conditionals (a ? b : c) are not part of the language',
  comparison: () => 'comparisons are not part of the language',
  ranges: () => 'ranges (a:b) are not part of the language',
  objects: () => 'objects are not part of the language',
  nodeType: (p: Params) => `${s(p, 'type')} is not part of the language`,
  // values
  unbound: (p: Params) => {
    const names = list(p, 'names');
    const one = names.length === 1;
    return `no value for ${one ? 'the variable' : 'the variables'} ${names.join(', ')}; bind ${one ? 'it' : 'them'} like --${names[0]}=1.5`;
  },
  valueNotTensor: (p: Params) => `the value of ${s(p, 'name')} is not a number, a vector or a matrix`,
  valueRagged: (p: Params) => `the value of ${s(p, 'name')} is not a vector or a matrix of numbers with rows of equal length`,
  valueTooLarge: (p: Params) => `the value of ${s(p, 'name')} is too large: ${s(p, 'text')}`,
  valueNotNumber: (p: Params) => `the value of ${s(p, 'name')} is not a number: ${s(p, 'text')}`,
  valueNotMatrix: (p: Params) => `the value of ${s(p, 'name')} is not a vector or a matrix: ${s(p, 'text')}`,
  valueNotNumbers: (p: Params) => `the value of ${s(p, 'name')} must be written with numbers only: ${s(p, 'text')}`,
  varsNotJson: (p: Params) => `${s(p, 'source')} is not JSON: ${s(p, 'reason')}`,
  varsNotObject: (p: Params) => `${s(p, 'source')} must hold a JSON object such as {"x": 2, "W": [[1, 2], [3, 4]]}`,
  notVariableName: (p: Params) => `${s(p, 'where')}: ${s(p, 'name')} is not a variable name`,
  // shapes and indices
  shapes: (p: Params) => {
    const shapes = (p.shapes ?? []) as readonly Shape[];
    const what = shapes.length === 1 ? `a ${shapes[0]!.join('×') || 'scalar'} value` : `shapes ${shapes.map((x) => x.join('×') || 'scalar').join(' and ')}`;
    return `${s(p, 'node')} (${s(p, 'op')}) on ${what}: ${s(p, 'why')}`;
  },
  matmulShapes: (p: Params) => `the columns of the left (${s(p, 'left')}) must equal the rows of the right (${s(p, 'right')})`,
  dotShapes: () => 'dot takes two vectors of the same length',
  vectorOnly: (p: Params) => `${s(p, 'name')} takes a vector; apply it to each row or column separately`,
  spectralNorm: () => 'norm of a matrix is the spectral norm in mathjs; write sqrt(sum(A.^2)) for the Frobenius norm',
  inverse: () => 'mathjs would multiply by a matrix inverse here; write ./ to divide elementwise',
  matrixPower: () => 'mathjs would take a matrix power here; write .^ for an elementwise power',
  indexNumber: () => 'an index must be a number',
  indexCount: (p: Params) => `a ${shape(p, 'shape').join('×') || 'scalar'} value takes ${s(p, 'rank')} ${p.rank === 1 ? 'index' : 'indices'}, not ${s(p, 'count')}`,
  matrixElements: () => 'the elements of a matrix literal must be numbers',
  elementwiseShapes: () => 'elementwise operations take equal shapes, or a scalar on either side',
  indexRange: (p: Params) => `the index ${s(p, 'index')} is not a whole number from 1 to ${s(p, 'extent')} (indices count from 1, as in mathjs)`,
  seedShape: (p: Params) => `--seed is ${shapeNoun(shape(p, 'given'))} but the output is ${shapeNoun(shape(p, 'want'))}`,
  jacobianTooLarge: (p: Params) => `--jacobian takes one backward pass per output entry; ${s(p, 'outputs')} are more than ${s(p, 'limit')}`,
  // checks
  expectSyntax: (p: Params) => `--expect takes NAME=VALUE, such as x=-0.53 or value=0.73, not ${s(p, 'spec')}`,
  expectNoVariable: (p: Params) =>
    `--expect ${s(p, 'variable')}: the expression has no variable ${s(p, 'variable')} (its variables: ${list(p, 'names').join(', ') || 'none'}; f itself is value=…)`,
  expectShape: (p: Params) => `--expect ${s(p, 'text')}: the answer is ${shapeNoun(shape(p, 'answer'))} but ${s(p, 'what')} is ${shapeNoun(shape(p, 'actual'))}`,
  symbolicScalar: () => '--symbolic is for scalar expressions: every variable and every value a number',
  symbolicTooLarge: (p: Params) => `--symbolic takes expressions of up to ${s(p, 'max')} nodes, not ${s(p, 'size')}`,
  // batches
  lineNotJson: (p: Params) => `line ${s(p, 'line')} is not JSON: ${s(p, 'reason')}`,
  lineNotObject: (p: Params) => `line ${s(p, 'line')} must be a JSON object such as {"vars": {"x": 2}}`,
  lineNoExpr: (p: Params) => `line ${s(p, 'line')} has no "expr", and the command line gives none`,
  fieldNotObject: (p: Params) => `"${s(p, 'field')}" must be an object`,
  // the command line
  commander: (p: Params) => s(p, 'message'),
  needsValue: (p: Params) => `${s(p, 'arg')} needs a value, as in ${s(p, 'arg')}=2`,
  unknownOption: (p: Params) => `unknown option ${s(p, 'arg')}; put -- before an expression that starts with a minus sign`,
  cannotRead: (p: Params) => `cannot read ${s(p, 'what')} ${p.path === '-' ? 'from standard input' : s(p, 'path')}: ${s(p, 'reason')}`,
  cannotWrite: (p: Params) => `cannot write ${s(p, 'path')}: ${s(p, 'reason')}`,
  positive: (p: Params) => `${s(p, 'option')} takes a positive number, not ${s(p, 'text')}`,
  precision: (p: Params) => `--precision takes a whole number from 1 to 17, not ${s(p, 'text')}`,
  afterDashDash: (p: Params) => `${s(p, 'option')} comes after --, which ends the options: put it before --`,
  oneExpression: (p: Params) => `expected one expression, got ${s(p, 'count')}: ${list(p, 'given').join(' ')}; quote an expression that has spaces`,
  oneStdin: () => 'only one of the expression, --vars and --batch can come from standard input',
  lang: (p: Params) => `--lang takes en or ko, not ${s(p, 'value')}`,
  noExpression: () => 'no expression given; try: backprop "(x+y)*z" --x=-2 --y=5 --z=-4',
  format: (p: Params) => `--format takes ${list(p, 'choices').join(', ')}, not ${s(p, 'value')}`,
};

export type TextKey = keyof typeof EN;

const KO: Readonly<Record<TextKey, (p: Params) => string>> = {
  emptyExpression: () => '식이 비어 있습니다',
  tooDeepToParse: () => '식이 너무 깊이 중첩되어 파싱할 수 없습니다',
  tooDeep: (p) => `식이 ${s(p, 'depth')}단계로 중첩되어 있습니다; 최대 ${s(p, 'max')}단계까지 지원합니다`,
  notParsed: (p) => `식을 파싱할 수 없습니다: ${s(p, 'reason')}`,
  cannotReadNumber: (p) => `수 ${s(p, 'text')}을(를) 읽을 수 없습니다`,
  cannotParse: (p) => `식을 파싱할 수 없습니다: ${s(p, 'reason')}`,
  syntaxAt: (p) => `${s(p, 'position')}번째 문자에서 구문 오류: ${s(p, 'reason')}`,
  matrixRows: () => '행렬 리터럴의 행은 길이가 같아야 하고, 수로 되어 있어야 합니다',
  matrixOnly: () => '수로 된 벡터와 행렬만 지원합니다',
  cannotDifferentiate: (p) => `${p.kind === 'strings' ? '문자열' : `값 ${s(p, 'value')}`}은(는) 미분할 수 없습니다`,
  operator: (p) => `연산자 ${s(p, 'op')} (${s(p, 'fn')})은(는) 이 언어에 없습니다`,
  namedOnly: () => '이름이 있는 함수만 호출할 수 있습니다',
  unknownFunction: (p) => `알 수 없는 함수 ${s(p, 'name')}(); 쓸 수 있는 함수: ${list(p, 'known').join(', ')}`,
  arity: (p) =>
    `${s(p, 'name')}()의 인자는 ${list(p, 'arities').join('개 또는 ')}개입니다 (${s(p, 'count')}개가 아니라)${p.list ? `; 리스트나 벡터의 ${s(p, 'name')}은(는) 지원하지 않습니다` : ''}`,
  properties: () => '속성 (a.b)은 이 언어에 없습니다',
  rangesInIndex: () => '인덱스의 범위 (a[1:2])는 지원하지 않습니다; 원소를 하나씩 인덱싱하세요',
  assignment: () => '대입은 이 언어에 없습니다; 변수의 값은 명령줄에서 주세요: --x=2',
  block: () => '식은 하나만 쓰세요 (; 나 줄바꿈으로 여러 개를 쓰지 말고)',
  conditional: () => '조건식 (a ? b : c)은 이 언어에 없습니다',
  comparison: () => '비교는 이 언어에 없습니다',
  ranges: () => '범위 (a:b)는 이 언어에 없습니다',
  objects: () => '객체는 이 언어에 없습니다',
  nodeType: (p) => `${s(p, 'type')}은(는) 이 언어에 없습니다`,
  unbound: (p) => {
    const names = list(p, 'names');
    return `변수 ${names.join(', ')}의 값이 없습니다; --${names[0]}=1.5처럼 값을 주세요`;
  },
  valueNotTensor: (p) => `${s(p, 'name')}의 값이 수, 벡터, 행렬 중 어느 것도 아닙니다`,
  valueRagged: (p) => `${s(p, 'name')}의 값이 길이가 같은 행으로 된 수의 벡터나 행렬이 아닙니다`,
  valueTooLarge: (p) => `${s(p, 'name')}의 값이 너무 큽니다: ${s(p, 'text')}`,
  valueNotNumber: (p) => `${s(p, 'name')}의 값이 수가 아닙니다: ${s(p, 'text')}`,
  valueNotMatrix: (p) => `${s(p, 'name')}의 값이 벡터나 행렬이 아닙니다: ${s(p, 'text')}`,
  valueNotNumbers: (p) => `${s(p, 'name')}의 값은 수로만 써야 합니다: ${s(p, 'text')}`,
  varsNotJson: (p) => `${s(p, 'source')}은(는) JSON이 아닙니다: ${s(p, 'reason')}`,
  varsNotObject: (p) => `${s(p, 'source')}에는 {"x": 2, "W": [[1, 2], [3, 4]]} 같은 JSON 객체가 있어야 합니다`,
  notVariableName: (p) => `${s(p, 'where')}: ${s(p, 'name')}은(는) 변수 이름이 아닙니다`,
  shapes: (p) => {
    const shapes = (p.shapes ?? []) as readonly Shape[];
    return `${s(p, 'node')} (${s(p, 'op')}): 모양 ${shapes.map(koNoun).join(', ')}에는 쓸 수 없습니다: ${s(p, 'why')}`;
  },
  matmulShapes: (p) => `왼쪽의 열 수 (${s(p, 'left')})가 오른쪽의 행 수 (${s(p, 'right')})와 같아야 합니다`,
  dotShapes: () => 'dot에는 길이가 같은 벡터 두 개를 써야 합니다',
  vectorOnly: (p) => `${s(p, 'name')}은(는) 벡터에 씁니다; 행이나 열마다 따로 적용하세요`,
  spectralNorm: () => '행렬의 norm은 mathjs에서 스펙트럴 노름입니다; 프로베니우스 노름은 sqrt(sum(A.^2))로 쓰세요',
  inverse: () => 'mathjs는 여기서 역행렬을 곱합니다; 원소별 나눗셈은 ./로 쓰세요',
  matrixPower: () => 'mathjs는 여기서 행렬 거듭제곱을 합니다; 원소별 거듭제곱은 .^로 쓰세요',
  indexNumber: () => '인덱스는 수여야 합니다',
  indexCount: (p) => `${koNoun(shape(p, 'shape'))}에는 인덱스가 ${s(p, 'rank')}개 필요합니다 (${s(p, 'count')}개가 아니라)`,
  matrixElements: () => '행렬 리터럴의 원소는 수여야 합니다',
  elementwiseShapes: () => '원소별 연산에는 같은 모양이나, 한쪽에 스칼라를 써야 합니다',
  indexRange: (p) => `인덱스 ${s(p, 'index')}은(는) 1부터 ${s(p, 'extent')}까지의 정수가 아닙니다 (mathjs처럼 인덱스는 1부터 셉니다)`,
  seedShape: (p) => `--seed는 ${koNoun(shape(p, 'given'))}이지만 출력은 ${koNoun(shape(p, 'want'))}입니다`,
  jacobianTooLarge: (p) => `--jacobian은 출력 원소마다 역전파를 한 번 합니다; 원소 ${s(p, 'outputs')}개는 ${s(p, 'limit')}개보다 많습니다`,
  expectSyntax: (p) => `--expect에는 x=-0.53이나 value=0.73처럼 이름=값을 써야 합니다 (${s(p, 'spec')}가 아니라)`,
  expectNoVariable: (p) =>
    `--expect ${s(p, 'variable')}: 식에 변수 ${s(p, 'variable')}이(가) 없습니다 (변수: ${list(p, 'names').join(', ') || '없음'}; f 자체는 value=…)`,
  expectShape: (p) => `--expect ${s(p, 'text')}: 답은 ${koNoun(shape(p, 'answer'))}인데 ${s(p, 'what')}은(는) ${koNoun(shape(p, 'actual'))}입니다`,
  symbolicScalar: () => '--symbolic은 스칼라 식에만 씁니다: 모든 변수와 값이 수여야 합니다',
  symbolicTooLarge: (p) => `--symbolic은 노드 ${s(p, 'max')}개까지의 식에 씁니다 (${s(p, 'size')}개가 아니라)`,
  lineNotJson: (p) => `${s(p, 'line')}번째 줄은 JSON이 아닙니다: ${s(p, 'reason')}`,
  lineNotObject: (p) => `${s(p, 'line')}번째 줄은 {"vars": {"x": 2}} 같은 JSON 객체여야 합니다`,
  lineNoExpr: (p) => `${s(p, 'line')}번째 줄에 "expr"이 없고, 명령줄에도 식이 없습니다`,
  fieldNotObject: (p) => `"${s(p, 'field')}"은(는) 객체여야 합니다`,
  commander: (p) => s(p, 'message'),
  needsValue: (p) => `${s(p, 'arg')}에는 값이 필요합니다 (예: ${s(p, 'arg')}=2)`,
  unknownOption: (p) => `알 수 없는 옵션 ${s(p, 'arg')}; 빼기 부호로 시작하는 식 앞에는 --를 쓰세요`,
  cannotRead: (p) => `${p.path === '-' ? '표준 입력' : s(p, 'path')}을(를) 읽을 수 없습니다: ${s(p, 'reason')}`,
  cannotWrite: (p) => `${s(p, 'path')}에 쓸 수 없습니다: ${s(p, 'reason')}`,
  positive: (p) => `${s(p, 'option')}에는 양수를 써야 합니다 (${s(p, 'text')}가 아니라)`,
  precision: (p) => `--precision에는 1부터 17까지의 정수를 써야 합니다 (${s(p, 'text')}가 아니라)`,
  afterDashDash: (p) => `${s(p, 'option')}이(가) 옵션의 끝을 뜻하는 -- 뒤에 있습니다: -- 앞으로 옮기세요`,
  oneExpression: (p) => `식은 하나여야 하는데 ${s(p, 'count')}개입니다: ${list(p, 'given').join(' ')}; 공백이 있는 식은 따옴표로 감싸세요`,
  oneStdin: () => '식, --vars, --batch 중 하나만 표준 입력에서 읽을 수 있습니다',
  lang: (p) => `--lang에는 en이나 ko를 써야 합니다 (${s(p, 'value')}가 아니라)`,
  noExpression: () => '식이 없습니다. 예: backprop "(x+y)*z" --x=-2 --y=5 --z=-4',
  format: (p) => `--format에는 ${list(p, 'choices').join(', ')} 중 하나를 써야 합니다 (${s(p, 'value')}가 아니라)`,
};

export const TEXTS: Readonly<Record<Lang, Readonly<Record<TextKey, (p: Params) => string>>>> = { en: EN, ko: KO };

const isReason = (v: unknown): v is Reason => typeof v === 'object' && v !== null && 'key' in v;

/** A text in a language, with any reason among its parameters said in the same language first. */
export function render(lang: Lang, key: TextKey, params: Params = {}): string {
  const said = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isReason(v) ? render(lang, v.key, v.params) : v]));
  return TEXTS[lang][key](said);
}
