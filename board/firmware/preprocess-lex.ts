// Translation phases 1-3 (C11 5.1.1.2): line splicing, comment removal and decomposition into
// preprocessing tokens (C11 6.4). Positions are kept as the physical line and GCC's display
// column of each token's first character so diagnostics and line maps point at the source.

export type PpTokenKind =
  'identifier' | 'number' | 'char' | 'string' | 'punctuator' | 'header' | 'other' | 'eof';

export interface PpToken {
  kind: PpTokenKind;
  /** The spelling, exactly as written (after splicing). */
  text: string;
  /** Physical 1-based line of the first character. */
  line: number;
  /** 1-based display column of the first character (tabs to multiples of 8, as GCC 11+). */
  column: number;
  /** First token of a logical line: a `#` here starts a directive (C11 6.10p2). */
  atLineStart: boolean;
  /** White space (or a comment) precedes the token; stringizing and spacing depend on it. */
  spaceBefore: boolean;
  /** For a quote with no closing quote on its line: which quote (GCC: missing terminating). */
  unterminated?: '"' | "'" | undefined;
}

export interface LexProblem {
  line: number;
  column: number;
  message: string;
}

export interface LexResult {
  tokens: PpToken[];
  /** Physical lines in the file, so output can keep one line per source line. */
  lineCount: number;
  /** For each physical line (1-based), the display column of its end, where GCC points for
   * what is missing at the end of a directive. */
  lineEnds: number[];
  problems: LexProblem[];
}

// C11 6.4.6 punctuators, longest first so that maximal munch (C11 6.4p4) is a first-match scan.
const PUNCTUATORS = [
  '%:%:',
  '...',
  '<<=',
  '>>=',
  '->',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '*=',
  '/=',
  '%=',
  '+=',
  '-=',
  '&=',
  '^=',
  '|=',
  '##',
  '<:',
  ':>',
  '<%',
  '%>',
  '%:',
];
const SINGLE_PUNCTUATORS = new Set('[](){}.&*+-~!/%<>^|?:;=,#');

/** Multi-character punctuators by first character, longest first, so lexing tries few. */
const PUNCTUATORS_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATORS) {
  const list = PUNCTUATORS_BY_FIRST.get(p[0]!) ?? [];
  list.push(p);
  PUNCTUATORS_BY_FIRST.set(p[0]!, list);
}

/** Digraphs (C11 6.4.6p3) behave exactly as the tokens they stand for. */
const DIGRAPHS: Record<string, string> = {
  '<:': '[',
  ':>': ']',
  '<%': '{',
  '%>': '}',
  '%:': '#',
  '%:%:': '##',
};

/** The punctuator a token stands for, digraphs resolved; '' for non-punctuators. */
export function punctuatorOf(token: PpToken): string {
  if (token.kind !== 'punctuator') return '';
  return DIGRAPHS[token.text] ?? token.text;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface Spliced {
  chars: string;
  line: Int32Array;
  column: Int32Array;
  lineCount: number;
}

/**
 * Phase 2: deletes each backslash-newline, remembering for every remaining character its
 * physical line and display column. CR LF and lone CR count as newlines (phase 1).
 */
function splice(source: string): Spliced {
  // GCC skips a UTF-8 byte order mark, which Windows editors put at the start of files.
  const unmarked = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  const n = text.length;
  const out: string[] = [];
  const line = new Int32Array(n + 2);
  const column = new Int32Array(n + 2);
  let physLine = 1;
  let physColumn = 1;
  let k = 0;
  let runStart = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && text.charCodeAt(i + 1) === 10) {
      out.push(text.slice(runStart, i));
      runStart = i + 2;
      i++;
      physLine++;
      physColumn = 1;
      continue;
    }
    line[k] = physLine;
    column[k] = physColumn;
    k++;
    if (c === 10) {
      physLine++;
      physColumn = 1;
    } else if (c === 9) {
      physColumn = Math.floor((physColumn - 1) / 8 + 1) * 8 + 1;
    } else {
      physColumn++;
    }
  }
  out.push(text.slice(runStart));
  let chars = out.join('');
  // A file that does not end in a newline behaves as if it did (GCC accepts it silently).
  const lineCount = text.length === 0 ? 0 : text.endsWith('\n') ? physLine - 1 : physLine;
  if (!chars.endsWith('\n')) {
    line[k] = physLine;
    column[k] = physColumn;
    chars += '\n';
  }
  return { chars, line, column, lineCount };
}

const INCLUDE_NAMES = new Set(['include', 'include_next', 'import']);

/** Phases 1-3 for one file. */
export function lex(source: string): LexResult {
  const { chars, line, column, lineCount } = splice(source);
  const tokens: PpToken[] = [];
  const problems: LexProblem[] = [];
  const lineEnds: number[] = [];
  const n = chars.length;
  let atLineStart = true;
  let spaceBefore = false;
  // Index in `tokens` of the first token of the current logical line, to spot `#include <`.
  let lineFirst = 0;
  let i = 0;

  function push(kind: PpTokenKind, start: number, end: number): PpToken {
    const token: PpToken = {
      kind,
      text: chars.slice(start, end),
      line: line[start]!,
      column: column[start]!,
      atLineStart,
      spaceBefore,
      unterminated: undefined,
    };
    if (atLineStart) lineFirst = tokens.length;
    tokens.push(token);
    atLineStart = false;
    spaceBefore = false;
    return token;
  }

  function afterIncludeDirective(): boolean {
    return (
      tokens.length - lineFirst === 2 &&
      punctuatorOf(tokens[lineFirst]!) === '#' &&
      INCLUDE_NAMES.has(tokens[lineFirst + 1]!.text)
    );
  }

  // Scans a character constant or string literal whose opening quote is at `quoteAt`.
  function quoted(start: number, quoteAt: number): void {
    const quote = chars.charCodeAt(quoteAt);
    let j = quoteAt + 1;
    while (j < n) {
      const c = chars.charCodeAt(j);
      if (c === quote) break;
      if (c === 10) break;
      j += c === 92 && chars.charCodeAt(j + 1) !== 10 ? 2 : 1;
    }
    if (j < n && chars.charCodeAt(j) === quote) {
      push(quote === 34 ? 'string' : 'char', start, j + 1);
      i = j + 1;
      return;
    }
    // C11 6.4p3 makes a lone quote undefined; GCC turns the rest of the line into one token and
    // complains only if that token is used outside a skipped group, so the complaint waits.
    const token = push('other', start, j);
    token.unterminated = quote === 34 ? '"' : "'";
    i = j;
  }

  while (i < n) {
    const c = chars.charCodeAt(i);
    if (c === 10) {
      lineEnds[line[i]!] = column[i]!;
      atLineStart = true;
      spaceBefore = false;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 11 || c === 13) {
      spaceBefore = true;
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      const next = chars.charCodeAt(i + 1);
      if (next === 47) {
        // C11 6.4.9p2: a line comment runs to, not including, the newline.
        const end = chars.indexOf('\n', i);
        i = end < 0 ? n : end;
        spaceBefore = true;
        continue;
      }
      if (next === 42) {
        // C11 6.4.9p1 / 5.1.1.2p3: a block comment becomes one space, even across lines.
        const end = chars.indexOf('*/', i + 2);
        if (end < 0) {
          problems.push({ line: line[i]!, column: column[i]!, message: 'unterminated comment' });
          i = n;
        } else {
          i = end + 2;
        }
        spaceBefore = true;
        continue;
      }
    }
    const start = i;
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(chars.charCodeAt(j))) j++;
      const q = chars.charCodeAt(j);
      // Encoding prefixes (C11 6.4.4.4, 6.4.5): L'x', u'x', U'x', L"s", u"s", U"s", u8"s".
      if (q === 34 || q === 39) {
        const prefix = chars.slice(i, j);
        if (prefix === 'L' || prefix === 'u' || prefix === 'U' || (prefix === 'u8' && q === 34)) {
          quoted(start, j);
          continue;
        }
      }
      push('identifier', start, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(chars.charCodeAt(i + 1)))) {
      // C11 6.4.8 pp-number: digits, letters, '_', '.', and e+ e- E+ E- p+ p- P+ P-.
      let j = i + 1;
      while (j < n) {
        const d = chars.charCodeAt(j);
        const prev = chars.charCodeAt(j - 1) | 0x20; // lower-cased
        if ((d === 43 || d === 45) && (prev === 101 || prev === 112)) j++;
        else if (isIdentChar(d) || d === 46) j++;
        else break;
      }
      push('number', start, j);
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      quoted(start, i);
      continue;
    }
    if (c === 60 /* < */ && afterIncludeDirective()) {
      // C11 6.4.7: a header name is recognised only within an #include directive.
      const close = chars.indexOf('>', i);
      const eol = chars.indexOf('\n', i);
      if (close >= 0 && close < eol) {
        push('header', start, close + 1);
        i = close + 1;
        continue;
      }
    }
    let matched = '';
    for (const p of PUNCTUATORS_BY_FIRST.get(chars[i]!) ?? []) {
      if (chars.startsWith(p, i)) {
        matched = p;
        break;
      }
    }
    if (matched === '' && SINGLE_PUNCTUATORS.has(chars[i]!)) matched = chars[i]!;
    if (matched !== '') {
      push('punctuator', start, i + matched.length);
      i += matched.length;
      continue;
    }
    // C11 6.4p1: any other non-white-space character is a token of its own (`@`, `\`, '`').
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    push('other', start, i + width);
    i += width;
  }
  // The end of file sits at the end of the last line, where GCC reports what it cut short.
  tokens.push({
    kind: 'eof',
    text: '',
    line: line[n - 1]!,
    column: column[n - 1]!,
    atLineStart: true,
    spaceBefore: false,
  });
  return { tokens, lineCount, lineEnds, problems };
}

/**
 * Whether printing `right` straight after `left` with no space would lex differently, as GCC's
 * avoid_paste does for -E output: `-` `-` must not become `--`, nor `/` `/` a comment.
 */
export function wouldPaste(left: PpToken, right: PpToken): boolean {
  const l = left.text;
  const r = right.text;
  if (l === '' || r === '') return false;
  const lastL = l.charCodeAt(l.length - 1);
  const firstR = r.charCodeAt(0);
  if (left.kind === 'identifier' || left.kind === 'number') {
    if (isIdentChar(firstR)) return true;
    if (left.kind === 'number') {
      if (firstR === 46) return true;
      if ((firstR === 43 || firstR === 45) && /[eEpP]$/.test(l)) return true;
    }
    // An identifier followed by a quote could read as an encoding prefix (L"x").
    if (left.kind === 'identifier' && (right.kind === 'string' || right.kind === 'char'))
      return true;
    return false;
  }
  if (left.kind === 'punctuator' || left.kind === 'other') {
    if (lastL === 46 && isDigit(firstR)) return true;
    if (right.kind !== 'punctuator' && right.kind !== 'other') return false;
    const joined = l + r.slice(0, 3);
    if (joined.startsWith(`${l}/`) && l.endsWith('/')) return true;
    if (l.endsWith('/') && r.startsWith('*')) return true;
    for (const p of PUNCTUATORS) {
      if (p.length > l.length && joined.startsWith(p) && p.startsWith(l)) return true;
    }
    // `..` followed by `.` would become `...`.
    if (l === '.' && r.startsWith('..')) return true;
  }
  return false;
}
