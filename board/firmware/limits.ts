/**
 * The compiler's nesting limits, checked on the text and the syntax tree before anything walks
 * the tree recursively (the checker, the compiler and the generated JavaScript all recurse once
 * per level), so hostile nesting becomes a diagnostic instead of a JavaScript stack overflow.
 *
 * - Brackets: 256 levels of `(`, `[` and `{` together, clang's default `-fbracket-depth`
 *   ("bracket nesting level exceeded maximum of 256", clang's Compiler User's Manual). GCC has no
 *   such limit; C11 5.2.4.1 only asks for 63 nested parenthesized expressions and 127 nested
 *   blocks, so 256 is far above what real code writes.
 * - Syntax tree depth: 450 levels, for nesting without brackets (`x+x+...+x` chains,
 *   `if (a) if (b) ...`, `- - - x`); C11 5.2.4.1 asks for 63 nested conditional statements. The
 *   bound is what the run-time compiler's JavaScript can take: V8 parses the generated code with
 *   its own recursion, and a 700-term chain already overflows its stack in Node's main thread
 *   (measured); 450 leaves room below the 256 brackets plus the statements around them.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Diagnostic } from './diagnostics.ts';
import { locate, type LineMap } from './report.ts';

export const BRACKET_DEPTH_LIMIT = 256;
/**
 * Replacement tokens one translation unit's macros may produce, all expansions together. The
 * BSP's largest unit (xscugic.c) expands 2,853 (measured), a 2,000-line register-macro file about
 * 40,000; a doubling macro bomb reaches the bound in about half a second.
 */
export const MACRO_EXPANSION_LIMIT = 1_000_000;
export const TREE_DEPTH_LIMIT = 450;

/** The first place `text` nests brackets deeper than the limit, as clang reports it. */
export function checkBracketDepth(
  text: string,
  lineMap: LineMap,
  limit = BRACKET_DEPTH_LIMIT,
): Diagnostic[] {
  let depth = 0;
  let row = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      row++;
      lineStart = i + 1;
    } else if (c === 40 || c === 91 || c === 123) {
      if (++depth > limit) {
        const at = locate(lineMap, row, i - lineStart);
        return [
          {
            ...at,
            severity: 'error',
            message: `bracket nesting level exceeded maximum of ${limit}`,
          },
          {
            ...at,
            severity: 'note',
            message: 'use -fbracket-depth=N to increase maximum nesting level',
          },
        ];
      }
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 34 || c === 39) {
      // A string or character literal: skip to its closing quote (brackets inside do not count).
      for (i++; i < text.length && text.charCodeAt(i) !== c && text.charCodeAt(i) !== 10; i++)
        if (text.charCodeAt(i) === 92) i++;
      if (text.charCodeAt(i) === 10) i--;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++)
        if (text.charCodeAt(k) === 10) {
          row++;
          lineStart = k + 1;
        }
      i = stop - 1;
    }
  }
  return [];
}

/** The first node nested deeper than the limit, found without recursion (a tree cursor). */
export function checkTreeDepth(
  tree: Tree,
  lineMap: LineMap,
  limit = TREE_DEPTH_LIMIT,
): Diagnostic[] {
  const cursor = tree.walk();
  // An `else if` counts a quarter of a level: long chains are ordinary dispatch code. The checker
  // and compiler recurse once per branch and overflowed Node's stack at 3,000 in one of two runs
  // (measured), so a chain may have about 1,800 branches.
  const types: string[] = [cursor.nodeType];
  const weight = (): number => {
    const type = cursor.nodeType;
    const parent = types[types.length - 2];
    if (type === 'else_clause') return 1 / 4;
    return type === 'if_statement' && parent === 'else_clause' ? 0 : 1;
  };
  const weights: number[] = [];
  let depth = 0;
  try {
    for (;;) {
      if (depth > limit) return [tooDeep(cursor.currentNode, lineMap)];
      if (cursor.gotoFirstChild()) {
        types.push(cursor.nodeType);
        weights.push(weight());
        depth += weights[weights.length - 1]!;
        continue;
      }
      for (;;) {
        depth -= weights.pop() ?? 0;
        types.pop();
        if (cursor.gotoNextSibling()) {
          types.push(cursor.nodeType);
          weights.push(weight());
          depth += weights[weights.length - 1]!;
          break;
        }
        if (!cursor.gotoParent()) return [];
      }
    }
  } finally {
    cursor.delete();
  }
}

function tooDeep(node: Node, lineMap: LineMap): Diagnostic {
  return {
    ...locate(lineMap, node.startPosition.row, node.startPosition.column),
    severity: 'error',
    message: `expression or statement nesting exceeds maximum of ${TREE_DEPTH_LIMIT}`,
  };
}

/**
 * The last resort: a JavaScript stack overflow (or another internal error) anywhere in a pass
 * becomes one diagnostic at the top of the file, as GCC's "internal compiler error" does, never a
 * stack trace.
 */
export function internalLimit(file: string, e: unknown): Diagnostic {
  const what =
    e instanceof RangeError
      ? 'program too deeply nested for this compiler (internal stack limit)'
      : `internal compiler error: ${e instanceof Error ? e.message : String(e)}`;
  return { file, line: 0, column: 0, severity: 'error', message: what };
}
