/**
 * Loads tree-sitter and the tree-sitter-c grammar (its own ABI-15 wasm, see
 * docs/toolchain-notes.md#grammar-abi) and parses preprocessed C text into a concrete syntax
 * tree. The loader is injectable so the browser can pass wasm URLs; Node resolves the files from
 * node_modules.
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { Diagnostic, LineMap } from './report.ts';
import { checkTreeDepth } from './limits.ts';
import { collectSyntaxErrors } from './syntax-errors.ts';

export interface ParserUrls {
  /** URL or path of web-tree-sitter.wasm (browser: from `?url` import); Node finds it itself. */
  readonly runtimeWasm?: string;
  /** URL or path of tree-sitter-c.wasm. */
  readonly grammarWasm: string;
}

let loading: Promise<Parser> | null = null;

/** The shared parser; `urls` only matters on the first call. */
export function loadCParser(urls?: ParserUrls): Promise<Parser> {
  loading ??= (async () => {
    const runtime = urls?.runtimeWasm;
    await Parser.init(runtime ? { locateFile: () => runtime } : undefined);
    const grammar = urls?.grammarWasm ?? (await nodeGrammarPath());
    const parser = new Parser();
    parser.setLanguage(await Language.load(grammar));
    return parser;
  })();
  return loading;
}

async function nodeGrammarPath(): Promise<string> {
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url).resolve('tree-sitter-c/tree-sitter-c.wasm');
}

export interface ParsedUnit {
  readonly tree: Tree;
  readonly diagnostics: Diagnostic[];
  /** The GNU attributes, blanked out of the text tree-sitter saw (see blankAttributes). */
  readonly attributes: Attribute[];
  /** The text tree-sitter parsed (attributes blanked); node offsets index into it. */
  readonly text: string;
  /** Nested past TREE_DEPTH_LIMIT (limits.ts): the diagnostics say so, and nothing may walk it. */
  readonly tooDeep?: boolean;
}

/** `__attribute__((...))` as written, at its offsets in the text. */
export interface Attribute {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * tree-sitter-c 0.24 rejects GCC attributes after a declarator (`u8 buf[64]
 * __attribute__((aligned(64)));`, as Xilinx's DMA examples write), so every attribute is replaced
 * by spaces (lines and columns stay put) and handed to the checker by position instead.
 */
export function blankAttributes(text: string): { text: string; attributes: Attribute[] } {
  const attributes: Attribute[] = [];
  const re = /\b__attribute(__)?\s*\(/g;
  let out = '';
  let copied = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0;
    let end = -1;
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) break;
    attributes.push({ start: m.index, end, text: text.slice(m.index, end) });
    out += text.slice(copied, m.index) + text.slice(m.index, end).replace(/[^\n]/g, ' ');
    copied = end;
    re.lastIndex = end;
  }
  return { text: out + text.slice(copied), attributes };
}

/** The member name given to unnamed bit-fields (a reserved identifier, C11 7.1.3). */
export const UNNAMED_BIT_FIELD = '__unnamed_bf';

const TYPE_WORDS = new Set(
  'void char short int long float double signed unsigned _Bool const volatile __signed__ __extension__'.split(
    ' ',
  ),
);

/**
 * tree-sitter-c 0.24 has no unnamed bit-field (`unsigned : 0;`, `signed : 4;`, C11 6.7.2.1p4), so
 * each gets the member name UNNAMED_BIT_FIELD before parsing, and the checker treats that name as
 * no name. The name is inserted before the `:`: columns after it on that line move right.
 * A `:` at the top level of a struct or union body is a bit-field's; it is unnamed when what
 * precedes it in its member declaration is only type keywords, or only one identifier (a typedef
 * name), or nothing after a comma.
 */
/** Whether the `{` at `brace` follows `struct`, `union`, `struct tag` or `union tag`. */
function opensRecordBody(text: string, brace: number): boolean {
  const isWord = (c: number): boolean =>
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
  let j = brace;
  for (let k = 0; k < 2; k++) {
    while (j > 0 && /\s/.test(text[j - 1]!)) j--;
    const end = j;
    while (j > 0 && isWord(text.charCodeAt(j - 1))) j--;
    if (end === j) return false;
    const word = text.slice(j, end);
    if (word === 'struct' || word === 'union') return true;
  }
  return false;
}

export function nameUnnamedBitFields(text: string): string {
  if (!text.includes(':')) return text;
  const records: boolean[] = []; // per open brace: is it a struct or union body
  let out = '';
  let copied = 0;
  let memberStart = 0;
  let parens = 0;
  let seenColon = false;
  let afterComma = false;
  // charCodeAt on the whole text: this runs over every unit's preprocessed text before parsing.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      // A string or character literal: skip to its closing quote.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === c || d === 10) break;
        if (d === 92) i++;
      }
      continue;
    }
    if (c === 123) {
      records.push(opensRecordBody(text, i));
      memberStart = i + 1;
      seenColon = false;
      afterComma = false;
      parens = 0;
    } else if (c === 125) {
      records.pop();
      memberStart = i + 1;
      seenColon = false;
      afterComma = false;
    } else if (c === 40 || c === 91) parens++;
    else if (c === 41 || c === 93) parens--;
    else if (!records[records.length - 1] || parens > 0) continue;
    else if (c === 59 || c === 44) {
      memberStart = i + 1;
      seenColon = false;
      afterComma = c === 44;
    } else if (c === 58 && !seenColon) {
      seenColon = true;
      const before = text.slice(memberStart, i).trim();
      const words = before ? before.split(/\s+/) : [];
      const unnamed = afterComma
        ? words.length === 0
        : words.length > 0 &&
          (words.every((w) => TYPE_WORDS.has(w)) ||
            (words.length === 1 && /^[A-Za-z_$][\w$]*$/.test(words[0]!)));
      if (unnamed) {
        out += text.slice(copied, i) + UNNAMED_BIT_FIELD + ' ';
        copied = i;
      }
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Parses one translation unit; syntax errors become diagnostics in GCC's wording where we can. */
export function parseC(parser: Parser, source: string, lineMap: LineMap): ParsedUnit {
  const { text, attributes } = blankAttributes(nameUnnamedBitFields(source));
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  // Too deep a tree is reported alone: the syntax-error walk below recurses, and tree-sitter's
  // parent links cost a walk from the root each, so a deep tree must not reach it.
  const tooDeep = checkTreeDepth(tree, lineMap);
  if (tooDeep.length > 0) return { tree, diagnostics: tooDeep, attributes, text, tooDeep: true };
  const diagnostics: Diagnostic[] = [];
  collectSyntaxErrors(tree.rootNode, lineMap, diagnostics);
  return { tree, diagnostics, attributes, text };
}

// Exported from here before syntax errors had their own module; kept for existing importers.
export { tokenName } from './syntax-errors.ts';
