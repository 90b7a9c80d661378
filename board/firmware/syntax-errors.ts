/**
 * Syntax errors in GCC 12's words and places (gcc/c/c-parser.cc), read off tree-sitter's ERROR
 * and MISSING nodes: only the first, as GCC's first message says it. tree-sitter recovers
 * differently from GCC, so each rule below names the shape it recognises and the message GCC
 * gives for it; board/firmware/gcc-diagnostics.test.ts holds the cases, each checked against
 * arm-none-eabi-gcc 12.2.
 */
import type { Node } from 'web-tree-sitter';
import { fromExpansion } from './preprocess-output.ts';
import { SIMPLE_ESCAPES } from './preprocess-expr.ts';
import type { Diagnostic, LineMap } from './report.ts';
import { locate, locateDiagnostic } from './report.ts';

/**
 * Reports the first syntax error only, as GCC's first message says it. After it GCC recovers its
 * own way and tree-sitter another, so any later message could be one GCC never prints.
 */
export function collectSyntaxErrors(node: Node, lineMap: LineMap, out: Diagnostic[]): void {
  const broken = node.hasError ? firstSyntaxError(node) : null;
  const word = strayWordInString(node);
  const first = word && (!broken || word.startIndex < broken.startIndex) ? word : broken;
  if (!first) return;
  const inFunction = enclosingFunction(first);
  const context = inFunction ? { inFunction } : {};
  const error = first === word ? describeStrayWord(word) : describe(first, node);
  const at = afterMacro(node, error.at, lineMap);
  // A '}' missing above a function makes that function a nested one (GNU C), which GCC reports
  // before the end of input when it is `main` or static (c-decl.cc, start_function and
  // grokdeclarator).
  if (error.message.endsWith('at end of input')) {
    for (const nested of node.descendantsOfType('function_definition')) {
      if (!nested?.parent || nested.parent.type === 'translation_unit') continue;
      const name = declaredName(nested);
      if (!name) continue;
      const where = { ...locate(lineMap, name.startPosition.row, name.startPosition.column) };
      const inOuter = enclosingFunction(nested);
      const outer = inOuter ? { inFunction: inOuter } : {};
      const isStatic = nested.children.some(
        (c) => c?.type === 'storage_class_specifier' && c.text === 'static',
      );
      if (isStatic)
        out.push({
          ...where,
          severity: 'error',
          message: `invalid storage class for function '${name.text}'`,
          ...outer,
        });
      else if (name.text === 'main')
        out.push({
          ...where,
          severity: 'warning',
          message: "'main' is normally a non-static function [-Wmain]",
          ...outer,
        });
    }
  }
  // At a token from a macro expansion, GCC reports where it is spelled, with notes on the
  // expansions (macro-trace.ts).
  const placed = locateDiagnostic(lineMap, at.row, at.column);
  out.push({
    ...placed.at,
    severity: error.severity ?? 'error',
    message: error.message,
    ...context,
  });
  for (const note of placed.notes) out.push({ ...note, severity: 'note', ...context });
}

/**
 * A missing token is placed right after the token before it, unless that token came out of a
 * macro expansion: then GCC has no place to insert it and points at the next token instead
 * (c-common.cc, maybe_suggest_missing_token_insertion).
 */
function afterMacro(root: Node, at: Point, lineMap: LineMap): Point {
  if (!lineMap.columnMap) return at;
  const tokens = leaves(root);
  const same = (p: Point): boolean => p.row === at.row && p.column === at.column;
  const k = tokens.findIndex((t) => same(t.endPosition) && !same(t.startPosition));
  const previous = tokens[k];
  if (!previous) return at;
  const next = tokens.slice(k + 1).find((t) => t.startIndex >= previous.endIndex);
  if (!next) return at;
  const { row, column } = previous.startPosition;
  return fromExpansion({ columnMap: lineMap.columnMap }, row, column) ? next.startPosition : at;
}

/**
 * A name inside a string concatenation (`"0123" <newline> char out[4]` after a missing ';'):
 * tree-sitter-c accepts macro names between strings, but after preprocessing none is left, so
 * the name is where GCC stopped.
 */
export function strayWordInString(root: Node): Node | null {
  for (const s of root.descendantsOfType('concatenated_string')) {
    const word = s?.namedChildren.find((c) => c?.type === 'identifier' && c.previousSibling);
    if (word) return word;
  }
  return null;
}

function describeStrayWord(word: Node): Described {
  const before = `before ${tokenName(word.text.slice(0, 30))}`;
  const previous = word.previousSibling!;
  if (inDeclaration(word))
    return { at: word.startPosition, message: `expected ',' or ';' ${before}` };
  let n: Node | null = word.parent;
  while (n && n.type !== 'argument_list' && !n.type.endsWith('_statement')) n = n.parent;
  if (n?.type === 'argument_list')
    return { at: previous.endPosition, message: `expected ')' ${before}` };
  return { at: previous.endPosition, message: `expected ';' ${before}` };
}

interface Described {
  readonly at: Point;
  readonly message: string;
  readonly severity?: 'error' | 'warning';
}

/** The first MISSING or ERROR node, in text order. */
function firstSyntaxError(node: Node): Node | null {
  if (node.isMissing || node.isError) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing)) {
      const found = firstSyntaxError(child);
      if (found) return found;
    }
  }
  return null;
}

interface Point {
  readonly row: number;
  readonly column: number;
}

/**
 * GCC 12's words and place for the error at `node` (gcc/c/c-parser.cc: c_parser_require and the
 * callers that name what they expected). A missing ';' after a statement is placed right after
 * the previous token (where it would be inserted); every other message at the next token.
 */
function describe(node: Node, root: Node): Described {
  if (node.isMissing) return describeMissing(node, root);
  // `} else` with its '}' deleted, read as a declaration of type `else`.
  let declaration: Node | null = node.parent;
  while (declaration && declaration.type !== 'declaration') declaration = declaration.parent;
  if (declaration?.child(0)?.text === 'else') return strayElse(declaration.child(0)!);
  const first = firstToken(node);
  const next = nodeAfter(node);
  const nextLeaf = next ? firstLeaf(next) : null;
  // A character constant's first leaf is its opening quote: GCC names the whole constant.
  const token = (leaf: Node): string =>
    leaf.type === "'" && leaf.parent?.type === 'char_literal' ? leaf.parent.text : leaf.text;
  const before = (leaf: Node | null): string =>
    leaf ? `before ${tokenName(token(leaf).slice(0, 30))}` : 'at end of input';
  const last = node.lastChild;
  const statement = inDeclaration(node) ? null : statementOf(node);
  // `f(n) <newline> n++;` read as a declaration of type `f(n)`: tree-sitter's macro type, which
  // preprocessed C never has, is a call whose ';' is missing.
  const call = macroTypeCall(node);
  if (call)
    return {
      at: call.endPosition,
      message: `expected ';' ${before(firstLeaf(call.nextSibling!))}`,
    };
  // `unsigend int m = 3;`: a name, then a keyword: to GCC an expression statement (the name
  // undeclared, which the checker reports), and a ';' missing after the name.
  const misspelt = misspeltSpecifier(node);
  if (misspelt)
    return { at: misspelt.name.endPosition, message: `expected ';' ${before(misspelt.keyword)}` };
  // A stray `else` (its if's '}' deleted, or no if at all).
  const firstLeafNode = leaves(node)[0];
  if (firstLeafNode?.text === 'else') return strayElse(firstLeafNode);
  // `{1, 2 3}`: GCC ends the braced list where a ',' is missing.
  if (node.parent?.type === 'initializer_list' && first)
    return { at: node.startPosition, message: `expected '}' before ${tokenName(first)}` };
  // `for (...; i++ {`: a statement's condition never closed; GCC wants the ')' at the first
  // token that cannot continue it.
  const unclosed = unclosedCondition(node);
  if (unclosed?.empty)
    return {
      at: unclosed.token.startPosition,
      message: `expected expression ${before(unclosed.token)}`,
    };
  if (unclosed) return { at: unclosed.gap, message: `expected ')' ${before(unclosed.token)}` };
  // `int square(int v) <newline> return ...`: no '{' after a function's declarator, so GCC reads
  // old-style parameter declarations, which start with declaration specifiers.
  const declarator = node.namedChild(0);
  const params =
    declarator?.type === 'function_declarator' ? declarator.childForFieldName('parameters') : null;
  if (params?.type === 'parameter_list' && !params.hasError) {
    const after = leaves(node).find((t) => t.startIndex >= params.endIndex);
    if (after && !SPECIFIER_KEYWORDS.has(after.text) && !/^[{;,=]$/.test(after.text))
      return {
        at: after.startPosition,
        message: `expected declaration specifiers ${before(after)}`,
      };
  }
  // `if x > 0 {`: the '(' after if, while or switch. An opening token is expected at the next
  // token, not at the gap.
  const tokens = leaves(node);
  if (tokens.length === 1 && /^(if|while|switch)$/.test(tokens[0]!.type) && nextLeaf)
    return { at: nextLeaf.startPosition, message: `expected '(' ${before(nextLeaf)}` };
  // `int x == 1;`, `int i = 0, i < 8;`: a declarator, then a token that cannot follow it.
  if (
    node.parent?.type === 'declaration' &&
    node.previousSibling?.type === 'identifier' &&
    tokens.length > 0 &&
    !/^[A-Za-z_]/.test(tokens[0]!.text)
  ) {
    return {
      at: node.startPosition,
      message: `expected '=', ',', ';', 'asm' or '__attribute__' ${before(tokens[0]!)}`,
    };
  }
  // `f(1 2)` read the other way: the first argument, then the ERROR holding the second.
  const argBefore = node.previousSibling;
  if (
    (node.parent?.type === 'argument_list' || node.parent?.type === 'parenthesized_expression') &&
    argBefore &&
    argBefore.isNamed &&
    isExpression(argBefore) &&
    tokens.length > 0
  )
    return { at: argBefore.endPosition, message: `expected ')' ${before(tokens[0]!)}` };
  // `for (...; i < 10 i++)`, `f(1) <newline> buf[n] = 0;`: an expression complete, then a name
  // where its ';' belongs (tree-sitter made the name an ERROR inside a longer expression).
  if (
    argBefore?.isNamed &&
    isExpression(argBefore) &&
    /^[A-Za-z_]/.test(tokens[0]?.text ?? '') &&
    (inForHeader(node) || (statement !== null && !inDeclaration(node)))
  )
    return { at: argBefore.endPosition, message: `expected ';' ${before(tokens[0]!)}` };
  // `f(1 2)`, `(a b)`: an argument or a parenthesized expression complete, then another one: the
  // ')' is missing (GCC ends the list there), at the gap.
  if (
    (node.parent?.type === 'argument_list' || node.parent?.type === 'parenthesized_expression') &&
    last &&
    last.isNamed &&
    isExpression(last) &&
    nextLeaf
  )
    return { at: node.endPosition, message: `expected ')' ${before(nextLeaf)}` };
  // `w(;`: an argument list opened, then the end of the statement: GCC wants an expression.
  if (tokens.length === 1 && tokens[0]!.type === '(' && nextLeaf)
    return { at: nextLeaf.startPosition, message: `expected expression ${before(nextLeaf)}` };
  // `x = 1 +;`: an operator with no operand after it.
  const lastToken = tokens[tokens.length - 1];
  if (lastToken && BINARY_OPERATORS.has(lastToken.type) && nextLeaf && tokens.length === 1)
    return { at: nextLeaf.startPosition, message: `expected expression ${before(nextLeaf)}` };
  // `int n <newline> n = 1;`: a declarator with no initializer, then another name.
  if (
    node.parent?.type === 'declaration' &&
    last?.type === 'identifier' &&
    node.namedChildCount === 1 &&
    nextLeaf
  ) {
    return {
      at: nextLeaf.startPosition,
      message: `expected '=', ',', ';', 'asm' or '__attribute__' ${before(nextLeaf)}`,
    };
  }
  // A complete expression, then a token that cannot continue it: the ';' (or the ',' of a
  // declaration) is missing between them. `int n = 0 <newline> Xil_Out32(...)`.
  if (last && last.isNamed && isExpression(last) && nextLeaf) {
    if (inDeclaration(node))
      return { at: nextLeaf.startPosition, message: `expected ',' or ';' ${before(nextLeaf)}` };
    if (statement || node.parent?.type === 'compound_statement')
      return { at: node.endPosition, message: `expected ';' ${before(nextLeaf)}` };
  }
  // `struct s { ... } <newline> int main(...)`: the ';' after a struct body is missing.
  const previous = node.previousSibling;
  if (previous && isRecordBody(previous)) {
    return {
      at: node.startPosition,
      message: `expected ';', identifier or '(' ${before(firstLeaf(node))}`,
    };
  }
  // `int main(void {` after other declarations: a function declarator's list never closed.
  if (node.parent?.type === 'translation_unit') {
    const open = tokens.findIndex(
      (t, i) => t.type === '(' && i > 0 && /^[A-Za-z_]\w*$/.test(tokens[i - 1]!.text),
    );
    if (open > 0) {
      const from = tokens[open]!.startIndex;
      const stop = parameterListEnd(leaves(root).filter((t) => t.startIndex > from));
      if (stop) return { at: stop.token.startPosition, message: stop.message };
    }
  }
  // A token GCC cannot start anything with: at file scope it wanted a declarator.
  if (node.parent?.type === 'translation_unit') {
    return {
      at: node.startPosition,
      message: `expected identifier or '(' ${before(firstLeaf(node))}`,
    };
  }
  // A stray token ends the declaration or statement (`f(1));`).
  if (first && /^[)\]}]$/.test(first)) {
    if (inDeclaration(node))
      return { at: node.startPosition, message: `expected ',' or ';' ${before(firstLeaf(node))}` };
    if (statement)
      return { at: node.startPosition, message: `expected ';' ${before(firstLeaf(node))}` };
  }
  return {
    at: node.startPosition,
    message: first
      ? `expected expression or declaration before ${tokenName(first)}`
      : 'syntax error',
  };
}

function describeMissing(node: Node, root: Node): Described {
  const nextLeaf = leaves(root).find((t) => t.startIndex >= node.endIndex && t.text !== '') ?? null;
  const before = nextLeaf ? `before ${tokenName(nextLeaf.text.slice(0, 30))}` : 'at end of input';
  // A block still open at the end of the file: GCC wanted another block item, and places the
  // end of input at the first token of the last line that has one.
  if (node.type === '}' && !nextLeaf) {
    return {
      at: lastLineStart(root),
      message: 'expected declaration or statement at end of input',
    };
  }
  // `else {` with no if: tree-sitter reads `else` as a name and misses a ';' after it.
  const previous = node.previousSibling;
  if (node.type === ';' && previous?.type === 'identifier' && previous.text === 'else')
    return strayElse(previous);
  // A struct member without its ';': before the '}' only a pedantic warning, else an error
  // (c-parser.cc, c_parser_struct_or_union_specifier).
  if (node.type === ';' && node.parent?.type === 'field_declaration' && nextLeaf) {
    if (nextLeaf.type === '}')
      return {
        at: nextLeaf.startPosition,
        message: 'no semicolon at end of struct or union',
        severity: 'warning',
      };
    return {
      at: nextLeaf.startPosition,
      message: `expected ':', ',', ';', '}' or '__attribute__' ${before}`,
    };
  }
  // `outbyte(*p) <newline> p++;` read as a declaration of `*p` with type `outbyte`: a call.
  if (
    node.type === ';' &&
    node.parent?.type === 'declaration' &&
    previous?.type === 'parenthesized_declarator' &&
    nextLeaf
  )
    return { at: node.startPosition, message: `expected ';' ${before}` };
  // `for (;)`: the condition's place, empty.
  if (node.type === ';' && node.parent?.type === 'for_statement' && nextLeaf?.type === ')')
    return { at: nextLeaf.startPosition, message: `expected expression ${before}` };
  if (node.type === ';' && node.parent?.type === 'declaration' && nextLeaf) {
    // After an initializer GCC expects "',' or ';'" at the next token. After a bare declarator
    // it expects just ';' (at the gap) when declaration specifiers follow (`int x <newline>
    // static int y;`), and also '=' or an attribute otherwise (c_parser_declaration_or_fndef).
    const declarator = previous?.type === ',' ? null : previous;
    if (!declarator || declarator.type === 'init_declarator')
      return { at: nextLeaf.startPosition, message: `expected ',' or ';' ${before}` };
    if (startsDeclarationSpecifiers(nextLeaf))
      return { at: node.startPosition, message: `expected ';' ${before}` };
    return {
      at: nextLeaf.startPosition,
      message: `expected '=', ',', ';', 'asm' or '__attribute__' ${before}`,
    };
  }
  // An unclosed parameter list: GCC reads on, a ';' starting GNU forward parameter
  // declarations (GCC manual, "Arrays of Variable Length"), until a token that cannot continue.
  if (node.type === ')' && node.parent?.type === 'parameter_list' && nextLeaf) {
    const open = node.parent.startIndex; // the list's '('
    const stop = parameterListEnd(leaves(root).filter((t) => t.startIndex > open));
    if (stop) return { at: stop.token.startPosition, message: stop.message };
    return { at: nextLeaf.startPosition, message: `expected ';', ',' or ')' ${before}` };
  }
  // A missing operand is reported at the token found instead (c_parser_postfix_expression).
  if (/^[a-z_]+$/.test(node.type))
    return {
      at: nextLeaf?.startPosition ?? node.startPosition,
      message: `expected expression ${before}`,
    };
  return { at: node.startPosition, message: `expected '${node.type}' ${before}` };
}

/**
 * Whether `token` starts declaration specifiers: a keyword that does, or (without a symbol table)
 * a name followed by another name, as a typedef name before a declarator is.
 */
function startsDeclarationSpecifiers(token: Node): boolean {
  if (SPECIFIER_KEYWORDS.has(token.text) || token.text === 'typedef') return true;
  if (!/^[A-Za-z_]\w*$/.test(token.text)) return false;
  let root: Node = token;
  while (root.parent) root = root.parent;
  const after = leaves(root).find((t) => t.startIndex >= token.endIndex);
  return after !== undefined && /^[A-Za-z_]\w*$/.test(after.text);
}

/**
 * An `else` where a statement should be: inside the block of an if (its '}' forgotten) GCC
 * expects that '}'; anywhere else the else has no if (c_parser_compound_statement_nondecl).
 */
function strayElse(token: Node): { at: Point; message: string } {
  for (let n = token.parent; n; n = n.parent) {
    if (n.type === 'if_statement') {
      const body = n.childForFieldName('consequence');
      if (body && body.startIndex <= token.startIndex && token.startIndex < body.endIndex)
        return { at: token.startPosition, message: "expected '}' before 'else'" };
    }
  }
  return { at: token.startPosition, message: "'else' without a previous 'if'" };
}

/**
 * The declaration `node` is in, when it starts with a name (a type_identifier to tree-sitter)
 * directly followed by a keyword such as `int`: the name and that keyword.
 */
function misspeltSpecifier(node: Node): { name: Node; keyword: Node } | null {
  let declaration: Node | null = node.parent;
  while (declaration && declaration.type !== 'declaration') declaration = declaration.parent;
  const name = declaration?.child(0);
  if (!declaration || name?.type !== 'type_identifier') return null;
  const after = leaves(declaration).find((t) => t.startIndex >= name.endIndex);
  return after && SPECIFIER_KEYWORDS.has(after.text) ? { name, keyword: after } : null;
}

const BINARY_OPERATORS = new Set(
  '+ - * / % & | ^ << >> && || == != < > <= >= = += -= *= /= %= &= |= ^= <<= >>='.split(' '),
);

const SPECIFIER_KEYWORDS = new Set(
  'int char short long float double void signed unsigned _Bool const volatile struct union enum static extern register auto inline restrict'.split(
    ' ',
  ),
);

/** The tokens of `node`, in order. */
function leaves(node: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    if (n.childCount === 0) {
      if (!n.isMissing && n.type !== 'comment') out.push(n);
      return;
    }
    for (const c of n.children) if (c) walk(c);
  };
  walk(node);
  return out;
}

/**
 * In an ERROR that starts `if (`, `while (`, `switch (` or `for (`: the first token inside the
 * parentheses that cannot continue the condition (a `{`, or a `;` beyond those `for` has), when
 * the ')' never comes.
 */
function unclosedCondition(node: Node): { token: Node; gap: Point; empty?: boolean } | null {
  const tokens = leaves(node);
  const keyword = tokens[0]?.type;
  if (!keyword || !['if', 'while', 'switch', 'for'].includes(keyword)) return null;
  if (tokens[1]?.type !== '(') return null;
  let depth = 0;
  let semicolons = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const stop =
      depth === 1 &&
      (t.type === '{' || (t.type === ';' && (keyword !== 'for' || ++semicolons > 2)));
    // GCC places a missing closing token right after the token before it (c-common.cc,
    // maybe_suggest_missing_token_insertion).
    if (stop) {
      // `for (;; {`: no increment expression at all, so GCC wants an expression there.
      const empty = keyword === 'for' && semicolons === 2 && tokens[i - 1]!.type === ';';
      return { token: t, gap: tokens[i - 1]!.endPosition, empty };
    }
    if (t.type === '(') depth++;
    else if (t.type === ')' && --depth === 0) return null;
  }
  return null;
}

/**
 * Where GCC gives up on a parameter list that was never closed, reading `tokens` (from the first
 * one after the last parameter) as c_parser_parms_list_declarator does: parameter declarations
 * (words, `*`, bracketed groups) separated by ',' or ';'. Null when a ')' closes it after all.
 */
function parameterListEnd(tokens: Node[]): { token: Node; message: string } | null {
  let i = 0;
  let start = false; // whether the next token must start a parameter declaration
  let typed = false; // a type specifier seen (a keyword, or a first name: a typedef name)
  let named = false; // the declarator's name seen: no other word may follow
  let tag = false; // after struct, union or enum: the next name is the tag
  const expected = (t: Node): { token: Node; message: string } => ({
    token: t,
    message: `expected ';', ',' or ')' before ${tokenName(t.text)}`,
  });
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.type === ')') return null;
    if (t.type === ',' || t.type === ';') {
      start = true;
      typed = named = tag = false;
      i++;
      continue;
    }
    const word = /^[A-Za-z_]\w*$/.test(t.text);
    if (start && !word)
      return {
        token: t,
        message: `expected declaration specifiers or '...' before ${tokenName(t.text)}`,
      };
    start = false;
    if (word) {
      if (named) return expected(t);
      if (DECLARATION_WORDS.has(t.text)) {
        tag = /^(struct|union|enum)$/.test(t.text);
        typed ||= !tag && !/^(const|volatile|restrict|register)$/.test(t.text);
      } else if (tag || !typed) {
        tag = false;
        typed = true;
      } else named = true;
      i++;
      continue;
    }
    if (t.type === '*') {
      i++;
      continue;
    }
    if (t.type === '(' || t.type === '[') {
      // A declarator's parameter list or array size, or `(*fp)`: skip it whole.
      if (t.type === '(' && typed) named = true;
      let depth = 0;
      for (; i < tokens.length; i++) {
        const b = tokens[i]!.type;
        if (b === '(' || b === '[') depth++;
        else if ((b === ')' || b === ']') && --depth === 0) break;
      }
      i++;
      continue;
    }
    return expected(t);
  }
  return null;
}

/** Keywords that may appear in a parameter declaration's specifiers. */
const DECLARATION_WORDS = new Set(
  'void char short int long float double signed unsigned _Bool const volatile restrict register struct union enum'.split(
    ' ',
  ),
);

const EXPRESSIONS = new Set([
  'identifier',
  'number_literal',
  'string_literal',
  'concatenated_string',
  'char_literal',
  'true',
  'false',
  'null',
]);

function isExpression(node: Node): boolean {
  return EXPRESSIONS.has(node.type) || node.type.endsWith('_expression');
}

function isRecordBody(node: Node): boolean {
  return (
    /^(struct|union|enum)_specifier$/.test(node.type) &&
    node.children.some((c) => c?.type === 'field_declaration_list' || c?.type === 'enumerator_list')
  );
}

/** The `f(x)` that tree-sitter read as a macro type at the start of `node`'s declaration. */
export function macroTypeCall(node: Node): Node | null {
  let declaration: Node | null = node.parent;
  while (declaration && declaration.type !== 'declaration') declaration = declaration.parent;
  const type = declaration?.child(0);
  return type?.type === 'macro_type_specifier' && type.nextSibling ? type : null;
}

/** Whether `node` is inside the parentheses of a for statement. */
function inForHeader(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'for_statement') {
      const body = n.childForFieldName('body');
      return !body || node.startIndex < body.startIndex;
    }
    if (n.type === 'compound_statement') return false;
  }
  return false;
}

/** Whether `node` is in a declaration's declarator or initializer, not in a statement. */
function inDeclaration(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'declaration' || n.type === 'init_declarator') return true;
    if (n.type.endsWith('_statement') || n.type === 'function_definition') return false;
  }
  return false;
}

/** The statement `node` is in, if it is in one. */
function statementOf(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'compound_statement' || n.type === 'function_definition') return null;
    if (n.type.endsWith('_statement')) return n;
  }
  return null;
}

/**
 * Where GCC 12 places the end of input: the first token of the line that holds the last token
 * (libcpp gives CPP_EOF the location of that line's start, and GCC reports the first column
 * with a token on it).
 */
function lastLineStart(root: Node): Point {
  let last: Node | null = null;
  const walk = (n: Node): void => {
    for (const c of n.children) {
      if (!c || c.isMissing || c.type === 'comment') continue;
      if (c.childCount === 0) last = c;
      else walk(c);
    }
  };
  walk(root);
  if (!last) return { row: 0, column: 0 };
  const row = (last as Node).startPosition.row;
  let first: Node | null = null;
  const find = (n: Node): void => {
    for (const c of n.children) {
      if (first || !c) return;
      if (c.isMissing || c.type === 'comment') continue;
      if (c.endPosition.row < row) continue;
      if (c.childCount === 0) {
        if (c.startPosition.row === row) first = c;
      } else find(c);
    }
  };
  find(root);
  return (first as Node | null)?.startPosition ?? (last as Node).startPosition;
}

/** The identifier a function definition declares. */
function declaredName(definition: Node): Node | null {
  let d = definition.childForFieldName('declarator');
  while (d && d.type !== 'identifier') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  return d;
}

/** The name of the function a node is in, for GCC's "In function 'f':" context line. */
function enclosingFunction(node: Node): string | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type !== 'function_definition') continue;
    let d = n.childForFieldName('declarator');
    while (d && d.type !== 'identifier') d = d.childForFieldName('declarator') ?? d.namedChild(0);
    return d?.text;
  }
  return undefined;
}

function firstToken(node: Node): string | null {
  let n: Node | null = node;
  while (n && n.childCount > 0) n = n.child(0);
  return n ? n.text.slice(0, 30) : null;
}

/** The node that starts after `node` (whose first token GCC names in "before 'x'"). */
function nodeAfter(node: Node): Node | null {
  let n: Node | null = node;
  while (n) {
    const sib: Node | null = n.nextSibling;
    if (sib && !sib.isMissing) return sib;
    n = n.parent;
  }
  return null;
}

/** The first token of a node. */
export function firstLeaf(node: Node): Node {
  let n: Node = node;
  while (n.childCount > 0 && n.child(0)) n = n.child(0)!;
  return n;
}

/**
 * How GCC names a token in "expected X before ..." (gcc/c-family/c-common.cc c_parse_error): a
 * name or keyword in quotes, a number as "numeric constant", a string literal as "string
 * constant", a plain character constant by its value (`'c'`, or `'\xa'` for one that is no
 * graphic character), punctuation as "'x' token".
 */
export function tokenName(token: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(token)) return `'${token}'`;
  if (/^\.?[0-9]/.test(token)) return 'numeric constant';
  if (/^(u8|[uUL])?"/.test(token)) return 'string constant';
  if (/^[uUL]?'/.test(token)) return characterToken(token);
  return `'${token}' token`;
}

/** c_parse_error's `'%c'` for a graphic character (ISGRAPH), `'\x%x'` otherwise. */
function characterToken(token: string): string {
  const m = /^'(?:([ -~])|\\([ntr0abfv\\'"?]))'$/.exec(token);
  if (!m || m[1] === '\\' || m[1] === "'") return 'character constant';
  // '\0' is an octal escape (C11 6.4.4.4), not in the simple-escape table.
  const value = m[1] !== undefined ? m[1].charCodeAt(0) : m[2] === '0' ? 0 : SIMPLE_ESCAPES[m[2]!]!;
  return value > 0x20 && value < 0x7f
    ? `'${String.fromCharCode(value)}'`
    : `'\\x${value.toString(16)}'`;
}
