// The command line's words: the options as data (the commander program,
// --help and the README's table come from this list), and the split of the
// arguments into options, bindings and the expression (SPEC §2).
import { type BackpropError, fail } from '../errors.js';
import { NAME, parseValue } from '../language/bindings.js';
import { lookalikeIn } from '../language/lookalikes.js';
import { FORMAT_NAMES, FORMATS } from '../render/formats.js';
import { clip, quote } from '../quote.js';
import { closest, editDistance } from '../spelling.js';
import type { Lang } from '../texts.js';

export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  /** The description in Korean, for --help with --lang ko. */
  readonly descriptionKo: string;
  readonly repeatable?: true;
}

/** The formats with what each is, for --help: from the renderer record, like the choices themselves. */
export const formatsHelp = (lang: Lang): string =>
  `\n${lang === 'ko' ? '형식' : 'Formats'} (--format NAME):\n${FORMAT_NAMES.map((name) => `  ${name.padEnd(8)} ${lang === 'ko' ? FORMATS[name].summaryKo : FORMATS[name].summary}`).join('\n')}\n`;

/** The options, as data: the commander program and the README table come from this. */
export const OPTIONS = [
  { flags: '--format <name>', description: `the output, one of ${FORMAT_NAMES.join(', ')} (default: table; see Formats below)`, descriptionKo: `출력 형식, ${FORMAT_NAMES.join(', ')} 중 하나 (기본: table; 아래 형식 참고)` },
  { flags: '--json', description: 'the same as --format json: one JSON document (schema 1)', descriptionKo: '--format json과 같습니다: JSON 문서 하나 (schema 1)' },
  { flags: '--explain', description: 'the same as --format explain: the forward and the backward pass step by step', descriptionKo: '--format explain과 같습니다: 순전파와 역전파를 단계별로' },
  { flags: '--plain-gates', description: 'draw every constant as a leaf of its own, not folded into its gate as the lecture draws it (+1, *-1, 1/x)', descriptionKo: '상수를 강의처럼 게이트에 접어 넣지 않고 (+1, *-1, 1/x) 각각 따로 잎 노드로 그립니다' },
  { flags: '--lang <en|ko>', description: 'the language of the output and the messages (ko-KR, ko_KR.UTF-8 too; default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, as gettext reads them)', descriptionKo: '출력과 메시지의 언어 (ko-KR, ko_KR.UTF-8도 됩니다; 기본: gettext처럼 LANGUAGE, LC_ALL, LC_MESSAGES 또는 LANG에서)' },
  { flags: '--precision <digits>', description: 'print numbers with this many significant digits (1–17) instead of the lecture’s rounding', descriptionKo: '수를 강의식 반올림 대신 이 유효 숫자 개수(1–17)로 출력합니다' },
  { flags: '--vars <file>', description: 'read bindings from a JSON object in a file ("-" for standard input)', descriptionKo: '바인딩을 파일의 JSON 객체에서 읽습니다 ("-"는 표준 입력)' },
  { flags: '--file <path>', description: 'read the expression from a file ("-" for standard input)', descriptionKo: '식을 파일에서 읽습니다 ("-"는 표준 입력)' },
  { flags: '--max-input <MiB>', description: 'the largest input (--file, --vars, --batch, standard input) to read, in MiB (default 64, at most 512)', descriptionKo: '읽을 입력(--file, --vars, --batch, 표준 입력)의 최대 크기, MiB 단위 (기본 64, 최대 512)' },
  { flags: '--seed <value>', description: 'the upstream gradient the backward pass starts from, of the output\'s shape (default: ones; a number scales a scalar output\'s gradients)', descriptionKo: '역전파가 시작하는 업스트림 그래디언트, 출력과 같은 모양 (기본: 모두 1; 수 하나는 스칼라 출력의 그래디언트를 그만큼 곱합니다)' },
  { flags: '--jacobian', description: 'also give the full Jacobian of a tensor output: one backward pass per entry', descriptionKo: '텐서 출력의 야코비안 전체도 구합니다: 원소마다 역전파 한 번' },
  { flags: '--expand', description: 'show composite functions (sigmoid, tanh, softmax, norm, …) as their primitive graphs', descriptionKo: '합성 함수(sigmoid, tanh, softmax, norm, …)를 기본 연산의 그래프로 펼쳐 보입니다' },
  { flags: '--symbolic', description: 'also give ∂f/∂v in closed form (mathjs derivative), for a scalar expression', descriptionKo: '스칼라 식의 ∂f/∂v를 닫힌 형태로도 구합니다 (mathjs derivative)' },
  { flags: '--check', description: 'check every gradient entry against a central difference; exit 1 if one is wrong', descriptionKo: '모든 그래디언트 원소를 중심 차분과 비교합니다; 하나라도 틀리면 종료 코드 1' },
  { flags: '--step <h>', description: 'the step h of --check, below 1 (default 1e-5)', descriptionKo: '--check의 간격 h, 1보다 작게 (기본 1e-5)' },
  { flags: '--expect <answer>', description: 'NAME=VALUE: expect ∂f/∂NAME (or f, for value=…) to be VALUE; repeatable; exit 1 if not', descriptionKo: 'NAME=VALUE: ∂f/∂NAME(value=…이면 f)이 VALUE이길 기대합니다; 여러 번 쓸 수 있습니다; 아니면 종료 코드 1', repeatable: true },
  { flags: '--tol <tolerance>', description: 'how far an --expect answer may be (default: half a unit in its last written decimal)', descriptionKo: '--expect의 답이 벗어나도 되는 범위 (기본: 마지막으로 쓴 자릿수의 반 단위)' },
  { flags: '--batch <file>', description: 'run each line of a JSON Lines file ("-" for standard input) as a case; JSON Lines out (or --format csv, a row a case)', descriptionKo: 'JSON Lines 파일의 각 줄을 한 사례로 실행합니다 ("-"는 표준 입력); 출력은 JSON Lines (또는 --format csv, 사례마다 한 행)' },
  { flags: '--fields <keys>', description: 'keep only these keys of the JSON document, comma-separated (value,gradients,…); a batch line keeps id, line and ok too', descriptionKo: 'JSON 문서에서 이 키들만 남깁니다, 쉼표로 구분 (value,gradients,…); 배치의 줄은 id, line, ok도 남깁니다' },
  { flags: '--out <file>', description: 'write the output to this file, whole, once the run has succeeded (never over an input); without --format its name picks one (graph.svg, page.html, f.json)', descriptionKo: '실행이 성공하면 출력을 이 파일에 통째로 씁니다 (입력 파일 위에는 절대 쓰지 않습니다); --format이 없으면 이름이 형식을 정합니다 (graph.svg, page.html, f.json)' },
  { flags: '--no-color', description: 'no colour even on a terminal (so do NO_COLOR=1 and FORCE_COLOR=0)', descriptionKo: '터미널에서도 색을 쓰지 않습니다 (NO_COLOR=1, FORCE_COLOR=0도 마찬가지)' },
] as const satisfies readonly OptionSpec[];

/** An option's long name, without dashes: `format`, `no-color`. */
const nameOf = (o: OptionSpec): string => o.flags.split(' ')[0]!.slice(2);

/** Long option names that are ours, and whether each takes a value; any other --NAME is a binding. */
export const KNOWN: ReadonlyMap<string, boolean> = new Map([
  ...OPTIONS.map((o) => [nameOf(o), o.flags.includes('<')] as const),
  ['help', false],
  ['version', false],
]);

const REPEATABLE = new Set(OPTIONS.filter((o) => 'repeatable' in o).map(nameOf));

/** A binding written as an option, --NAME=VALUE or --NAME VALUE: a typo of an option unless NAME is a variable. */
export interface Dashed {
  readonly name: string;
  /** As the user wrote it, for messages. */
  readonly arg: string;
  /** Undefined for --NAME with nothing after it to take as a value. */
  readonly value?: string;
}

/** The options as given: a value option's text, true for a flag; --expect's every answer. */
export interface Options {
  format?: string;
  json?: boolean;
  explain?: boolean;
  lang?: string;
  precision?: string;
  vars?: string;
  file?: string;
  maxInput?: string;
  seed?: string;
  jacobian?: boolean;
  expand?: boolean;
  plainGates?: boolean;
  symbolic?: boolean;
  check?: boolean;
  step?: string;
  expect: string[];
  tol?: string;
  batch?: string;
  fields?: string;
  out?: string;
  /** False with --no-color. */
  color: boolean;
}

/** `max-input` → `maxInput`: an option's key in Options. */
const keyOf = (name: string): string => name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

export interface Split {
  readonly options: Options;
  /** -h or --help, -V or --version: answered by commander, loaded only for them. */
  readonly help: boolean;
  readonly version: boolean;
  /** The expression, if one is on the command line (or "-"). */
  readonly expression?: string;
  /** NAME=VALUE and --NAME=VALUE bindings, in order. */
  readonly bindings: readonly (readonly [string, string])[];
  /** The bindings written --NAME, which must name a variable of the expression. */
  readonly dashed: readonly Dashed[];
}

const BINDING = /^([^=]+)=(?!=)([\s\S]*)$/;

/** Whether a positional NAME=VALUE is a binding: VALUE must read as a number or a tensor (else "f=x*2" is an expression). */
function positionalBinding(arg: string): readonly [string, string] | undefined {
  const m = BINDING.exec(arg);
  if (!m || !NAME.test(m[1]!)) return undefined;
  try {
    parseValue(m[1]!, m[2]!);
    return [m[1]!, m[2]!];
  } catch {
    return undefined;
  }
}

const isOptionWord = (arg: string | undefined): boolean => arg !== undefined && (arg.startsWith('--') || arg === '-h' || arg === '-V');

/** Separates bindings (--x=-2, --x -2, x=-2) from our options and the expression. */
export function splitArgs(argv: readonly string[]): Split {
  const options: Options = { expect: [], color: true };
  let help = false;
  let version = false;
  const positionals: string[] = [];
  const bindings: (readonly [string, string])[] = [];
  const dashed: Dashed[] = [];
  const given = new Set<string>();
  const bindDashed = (name: string, arg: string, value: string | undefined): void => {
    // --x＝1 (a full-width =) is no name: the message says which character is not what it looks like.
    if (!NAME.test(name)) throw fail('unknownOption', { arg: arg.split('=')[0]!, suggestion: closestOption(name), odd: lookalikeIn(name) });
    dashed.push(value === undefined ? { name, arg } : { name, arg, value });
    if (value !== undefined) bindings.push([name, value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      // No options after --, but bindings still read as bindings.
      for (const rest of argv.slice(i + 1)) {
        const m = rest.startsWith('--') ? BINDING.exec(rest.slice(2)) : null;
        const binding = positionalBinding(rest);
        if (m && NAME.test(m[1]!) && !KNOWN.has(m[1]!)) bindDashed(m[1]!, rest, m[2]!);
        else if (rest.startsWith('--') && KNOWN.has(rest.slice(2).split('=')[0]!)) throw fail('afterDashDash', { option: rest.split('=')[0]! });
        else if (binding) bindings.push(binding);
        else positionals.push(rest);
      }
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const takesValue = KNOWN.get(name);
      if (takesValue !== undefined) {
        if (takesValue && !REPEATABLE.has(name)) {
          if (given.has(name)) throw fail('twice', { option: `--${name}` });
          given.add(name);
        }
        if (!takesValue) {
          if (eq >= 0) throw fail('flagValue', { option: `--${name}` });
          if (name === 'help') help = true;
          else if (name === 'version') version = true;
          else if (name === 'no-color') options.color = false;
          else Object.assign(options, { [keyOf(name)]: true });
          continue;
        }
        const needsValue = (): BackpropError => fail('needsValue', { arg: `--${name}`, example: OPTIONS.find((o) => nameOf(o) === name)!.flags });
        let text: string;
        if (eq >= 0) text = arg.slice(eq + 1);
        // A value is never taken from a word that is an option: --precision --json lacks one.
        else if (i + 1 >= argv.length || isOptionWord(argv[i + 1])) throw needsValue();
        else text = argv[++i]!;
        // --out "" (an unset shell variable) names no file: said as such, not as "cannot write : no such file".
        if (text.trim() === '') throw needsValue();
        // --expect is the one option given again and again.
        if (REPEATABLE.has(name)) options.expect.push(text);
        else Object.assign(options, { [keyOf(name)]: text });
      } else if (eq >= 0) {
        bindDashed(name, arg, arg.slice(eq + 1));
      } else {
        const next = argv[i + 1];
        bindDashed(name, arg, next === undefined || isOptionWord(next) ? undefined : argv[++i]!);
      }
      continue;
    }
    // A word that starts with a minus but holds what no option has (-x^2, -log(p)) is the expression, as is -2*x;
    // one that could be a mistyped option (-json, -x) is not guessed at.
    if (arg.startsWith('-') && arg !== '-' && !/^-\d/.test(arg) && !/[()*/^+[\]\s.!']/.test(arg)) {
      if (arg === '-h' || arg === '-V') {
        if (arg === '-h') help = true;
        else version = true;
        continue;
      }
      // -json for --json, -x=2 for --x=2: one dash too few.
      const name = /^-([^=]+)/.exec(arg)?.[1] ?? '';
      const meant = KNOWN.has(name) || arg.includes('=') ? `-${arg}` : undefined;
      throw fail('leadingMinus', { arg: clip(arg, 40), ...(meant === undefined ? {} : { meant: clip(meant, 40) }) });
    }
    const binding = positionalBinding(arg);
    if (binding) bindings.push(binding);
    else positionals.push(arg);
  }
  if (positionals.length > 1) {
    // A later NAME=VALUE was meant as a binding: its value is what is wrong.
    for (const p of positionals.slice(1)) {
      const m = BINDING.exec(p);
      if (m && NAME.test(m[1]!)) parseValue(m[1]!, m[2]!);
    }
    // x＝1 typed with a Korean input method's full-width =: not a binding, and the message says why.
    const odd = positionals.slice(1).map(lookalikeIn).find((l) => l !== undefined);
    throw fail('oneExpression', { count: positionals.length, given: positionals.map((p) => JSON.stringify(p)), odd });
  }
  // --x=2 … --x=3: a variable bound twice on one command line is a typo for another as often as not (options
  // given twice are refused alike); the same text twice is harmless. --vars is still overridden (SPEC §2).
  const first = new Map<string, string>();
  for (const [name, text] of bindings) {
    const seen = first.get(name);
    if (seen === undefined) first.set(name, text);
    else if (seen.trim() !== text.trim()) throw fail('boundTwice', { name, first: quote(seen, 40), second: quote(text, 40) });
  }
  return { options, help, version, bindings, dashed, ...(positionals[0] === undefined ? {} : { expression: positionals[0] }) };
}

/** The option closest to a mistyped one (--tl → --tol), if any is close enough to be what was meant. */
export function closestOption(name: string): string | undefined {
  const best = closest(name, KNOWN.keys());
  return best === undefined ? undefined : `--${best}`;
}

/** The variable closest to a mistyped one, only for names long enough that one edit is a typo. */
function closestVariable(name: string, variables: readonly string[]): string | undefined {
  if (name.length < 3) return undefined;
  const close = variables.filter((v) => editDistance(name, v) === 1);
  return close.length === 1 ? `--${close[0]}` : undefined;
}

/**
 * The --NAME bindings, checked against the expression's variables (SPEC §2):
 * one that is neither an option nor a variable is almost always a typo.
 */
export function checkDashed(dashed: readonly Dashed[], variables: readonly string[]): void {
  const known = new Set(variables);
  for (const d of dashed) {
    if (!known.has(d.name)) {
      throw fail('unknownName', { arg: d.arg.split('=')[0]!, suggestion: closestOption(d.name) ?? closestVariable(d.name, variables), variables });
    }
    if (d.value === undefined) throw fail('needsValue', { arg: d.arg, example: `${d.arg}=2` });
  }
}

/** Whether `name` stands in `text` as a word of its own (w1 in "w1*x", not in "w12*x"). */
function mentions(text: string, name: string): boolean {
  const word = /[\p{L}\p{N}_$]/u;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!word.test(text[at - 1] ?? ' ') && !word.test(text[at + name.length] ?? ' ')) return true;
  }
  return false;
}

/**
 * In a batch, lines may bring their own expressions, so a --NAME need not be a variable of the command
 * line's; only a near miss of an option that the command line's expression does not mention is known to
 * be a typo (--tl 3 for --tol 3), and a --NAME without a value binds nothing.
 */
export function checkDashedInBatch(dashed: readonly Dashed[], expression: string | undefined): void {
  for (const d of dashed) {
    const suggestion = closestOption(d.name);
    if (suggestion !== undefined && !(expression !== undefined && mentions(expression, d.name))) throw fail('unknownOption', { arg: d.arg.split('=')[0]!, suggestion });
    if (d.value === undefined) throw fail('needsValue', { arg: d.arg, example: `${d.arg}=2` });
  }
}
