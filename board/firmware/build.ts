/**
 * The toolchain pipeline, as `arm-none-eabi-gcc a.c b.c` runs it: for each source, preprocess
 * (preprocess.ts), parse (tree-sitter), check (check.ts); then link (link.ts). Diagnostics come back
 * in GCC's shape, link errors as ld's lines.
 */
import type { Parser } from 'web-tree-sitter';
import type { TranslationUnit } from './ast.ts';
import { parseC } from './c-parser.ts';
import { checkUnit } from './check/index.ts';
import { hasErrors, type Diagnostic, type IncludeSite } from './diagnostics.ts';
import { COMPILER_HEADERS, COMPILER_INCLUDE_DIR } from './headers.ts';
import { LIBC, LIBC_HEADERS } from './libc.ts';
import { link, undefinedNames, type LinkOptions, type Program } from './link.ts';
import { preprocess, type PreprocessOptions } from './preprocess.ts';
import { checkBracketDepth, internalLimit } from './limits.ts';
import { identityLineMap, withColumns, type LineMap } from './report.ts';
import { createVfs } from './vfs.ts';

export interface BuildResult {
  readonly diagnostics: Diagnostic[];
  readonly linkErrors: string[];
  readonly program: Program | null;
  readonly units: TranslationUnit[];
}

export interface BuildOptions {
  /** Extra `<...>` directories (the BSP's include directory), searched before the compiler's. */
  readonly systemDirs?: readonly string[];
  readonly preprocessor?: PreprocessOptions;
  readonly link?: LinkOptions;
  /** Skip the preprocessor: sources are plain C (tests of the compiler alone). */
  readonly raw?: boolean;
  /** Units compiled before (the BSP's, board/bsp/cache.ts), linked after the sources' units. */
  readonly units?: readonly TranslationUnit[];
  /** Compile only: no libc, no link (`program` is null); for units to pass as `units` later. */
  readonly compileOnly?: boolean;
  /** The first unit number (statics link as `name@unit`), so separately compiled units differ. */
  readonly unitBase?: number;
}

/** Compiles one translation unit from text that needs no preprocessing. */
export function compileText(
  parser: Parser,
  file: string,
  text: string,
  unitId = 0,
  lineMap?: LineMap,
  macros: readonly string[] = [],
): { unit: TranslationUnit; diagnostics: Diagnostic[] } {
  const map = lineMap ?? identityLineMap(file, text);
  const empty: TranslationUnit = { file, functions: [], globals: [], strings: [], refs: [] };
  const brackets = checkBracketDepth(text, map);
  if (brackets.length > 0) return { unit: empty, diagnostics: brackets };
  const parsed = parseC(parser, text, map);
  let checked: ReturnType<typeof checkUnit>;
  try {
    if (parsed.tooDeep) return { unit: empty, diagnostics: parsed.diagnostics };
    checked = checkUnit(parsed.tree, map, file, unitId, { ...parsed, macros });
  } catch (e) {
    return { unit: empty, diagnostics: [internalLimit(file, e)] };
  } finally {
    parsed.tree.delete();
  }
  // GCC reports as it parses: the checker's messages come in that order already (-Wall's
  // unused variables when a function ends, as GCC's), and the parser's one syntax error goes
  // before the first message of the same file placed after it, never between a message and
  // its notes.
  const diagnostics = [...checked.diagnostics];
  for (const s of parsed.diagnostics) {
    const at = (d: Diagnostic): number => d.line * 10000 + d.column;
    const i = diagnostics.findIndex(
      (d) => d.severity !== 'note' && d.file === s.file && at(d) > at(s),
    );
    diagnostics.splice(i < 0 ? diagnostics.length : i, 0, s);
  }
  // GCC reports unused statics when the unit ends, after everything else.
  diagnostics.sort((a, b) => Number(isEndOfUnit(a)) - Number(isEndOfUnit(b)));
  return { unit: checked.unit, diagnostics };
}

/**
 * Where each header line was included from, innermost includer first, reconstructed from the
 * line map: entering a file not on the stack is an #include on the previous output line;
 * reaching one on the stack returns to it.
 */
function includeChains(
  lineMap: readonly { file: string; line: number }[],
): Map<string, IncludeSite[]> {
  const chains = new Map<string, IncludeSite[]>();
  const stack: { file: string; from: IncludeSite | null }[] = [];
  let previous: { file: string; line: number } | null = null;
  for (const origin of lineMap) {
    const top = stack[stack.length - 1];
    if (!top || top.file !== origin.file) {
      const at = stack.findIndex((e) => e.file === origin.file);
      if (at >= 0) stack.length = at + 1;
      else
        stack.push({
          file: origin.file,
          from: previous ? { file: previous.file, line: previous.line } : null,
        });
    }
    const key = `${origin.file}:${origin.line}`;
    if (!chains.has(key)) {
      const chain: IncludeSite[] = [];
      for (let k = stack.length - 1; k >= 0; k--) {
        const from = stack[k]!.from;
        if (from) chain.push(from);
      }
      chains.set(key, chain);
    }
    previous = origin;
  }
  return chains;
}

function isEndOfUnit(d: Diagnostic): boolean {
  return d.message.includes('defined but not used');
}

/** Builds `sources` (paths into `files`) into a linked program, or diagnostics saying why not. */
export function build(
  parser: Parser,
  files: Record<string, string>,
  sources: readonly string[],
  options: BuildOptions = {},
): BuildResult {
  const all: Record<string, string> = { ...files };
  for (const [name, text] of Object.entries({ ...COMPILER_HEADERS, ...LIBC_HEADERS })) {
    all[`${COMPILER_INCLUDE_DIR}/${name}`] ??= text;
  }
  const vfs = createVfs(all, [...(options.systemDirs ?? []), COMPILER_INCLUDE_DIR]);
  const diagnostics: Diagnostic[] = [];
  const units: TranslationUnit[] = [];
  const base = options.unitBase ?? 0;
  sources.forEach((path, index) => {
    const i = base + index;
    if (options.raw) {
      const r = compileText(parser, path, files[path] ?? '', i);
      diagnostics.push(...r.diagnostics);
      units.push(r.unit);
      return;
    }
    let pp: ReturnType<typeof preprocess>;
    try {
      pp = preprocess(vfs, path, options.preprocessor);
    } catch (e) {
      diagnostics.push(internalLimit(path, e));
      return;
    }
    diagnostics.push(...pp.diagnostics);
    if (hasErrors(pp.diagnostics)) return;
    const r = compileText(parser, path, pp.text, i, withColumns(pp.lineMap, pp.columnMap), [
      ...pp.macros.keys(),
    ]);
    const chains = includeChains(pp.lineMap);
    for (const d of r.diagnostics) {
      const chain = chains.get(`${d.file}:${d.line}`);
      if (d.file !== path && chain && chain.length > 0 && !d.includedFrom) d.includedFrom = chain;
    }
    diagnostics.push(...r.diagnostics);
    units.push(r.unit);
  });
  if (hasErrors(diagnostics) || options.compileOnly)
    return { diagnostics, linkErrors: [], program: null, units };
  units.push(...(options.units ?? []));
  // Archive semantics: pull library members while they resolve something still undefined.
  const pulled = new Set<string>();
  for (;;) {
    const missing = undefinedNames(units);
    const member = LIBC.find((m) => !pulled.has(m.name) && m.defines.some((d) => missing.has(d)));
    if (!member) break;
    pulled.add(member.name);
    const r = compileText(parser, member.name.replace(/\.o$/, '.c'), member.source, units.length);
    if (hasErrors(r.diagnostics)) throw new Error(`libc member ${member.name} does not compile`);
    units.push(r.unit);
  }
  let linked: ReturnType<typeof link>;
  try {
    linked = link(units, options.link);
  } catch (e) {
    return { diagnostics: [internalLimit('ld', e)], linkErrors: [], program: null, units };
  }
  return { diagnostics, linkErrors: linked.errors, program: linked.program, units };
}
