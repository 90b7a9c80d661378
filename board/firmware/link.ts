/**
 * The link step over several translation units, as GNU ld does it for a Vitis application:
 * external names resolve across units, statics stay private, and the image is laid out from
 * 0x00100000 (.text, .rodata, .data, .bss, then heap and stack as Vitis' lscript.ld orders them).
 * Errors are printed in ld's words, e.g.
 *   ld: main.o: in function `main':
 *   main.c:(.text+0x14): undefined reference to `Xil_Out32'
 *   collect2: error: ld returned 1 exit status
 */
import type { Expr, FunctionDef, GlobalDef, Stmt, TranslationUnit } from './ast.ts';
import { alignOf, alignUp, sizeOf, type CType } from './types.ts';
import { convertValue, type Value } from './values.ts';
import {
  LD_EXIT_STATUS,
  formatMultipleDefinition,
  formatUndefinedReferences,
  type LinkSite,
  type UndefinedReference,
} from './diagnostics.ts';

export interface LinkOptions {
  /** Where .text starts; Vitis applications link at 0x00100000 (Vitis' generated lscript.ld). */
  readonly textBase?: number;
  /** Vitis' lscript.ld defaults: _STACK_SIZE = 0x2000, _HEAP_SIZE = 0x2000. */
  readonly stackSize?: number;
  readonly heapSize?: number;
  /** The symbol crt0's `_start` calls. */
  readonly entry?: string;
  /**
   * The memory region everything is placed in, as lscript.ld's MEMORY command names it; by
   * default `ps7_ddr_0` from textBase to the end of the board's 512 MiB of DDR (Vitis' script for
   * such a board: ORIGIN = 0x100000, LENGTH = 0x1FF00000).
   */
  readonly region?: { readonly name: string; readonly end: number };
}

/** The end of DDR on the simulated board (board/zynq.ts DDR_DEFAULT_SIZE, UG585 table 4-1). */
export const DDR_END = 0x20000000;

export interface LinkedFunction {
  readonly def: FunctionDef;
  readonly address: number;
  readonly size: number;
  readonly unit: number;
  /** Index in Program.functions. */
  readonly index: number;
}

export interface Layout {
  readonly textStart: number;
  readonly rodataStart: number;
  readonly dataStart: number;
  readonly bssStart: number;
  readonly bssEnd: number;
  readonly heapStart: number;
  readonly heapEnd: number;
  readonly stackBottom: number;
  readonly stackTop: number;
}

export interface Program {
  readonly functions: LinkedFunction[];
  /** Link name to address, for functions and data. */
  readonly symbols: Map<string, number>;
  /** String literal addresses: strings[unit][id]. */
  readonly strings: number[][];
  /** Initial memory contents from textStart to bssEnd. */
  readonly image: Uint8Array;
  readonly layout: Layout;
  readonly entry: LinkedFunction | null;
}

export interface LinkResult {
  readonly program: Program | null;
  /** ld's messages, one line each, ending with collect2's line when linking failed. */
  readonly errors: string[];
}

const objectName = (file: string): string => file.replace(/^.*\//, '').replace(/\.c$/, '') + '.o';
const baseName = (file: string): string => file.replace(/^.*\//, '');
/** The linker's name in messages: Vitis runs arm-none-eabi-gcc, whose collect2 calls this ld. */
const LD = 'ld';

export function link(units: readonly TranslationUnit[], options: LinkOptions = {}): LinkResult {
  const textBase = options.textBase ?? 0x00100000;
  const entryName = options.entry ?? 'main';
  const errors: string[] = [];

  // .text: every function gets an address; sizes are an estimate from its statement count.
  const functions: LinkedFunction[] = [];
  const symbols = new Map<string, number>();
  const defined = new Map<string, LinkSite>();
  const weakDefinitions = new Set<string>();
  const unitTextOffset: number[] = [];
  const fnOffsets = new Map<FunctionDef, number>();
  let addr = textBase;
  units.forEach((u, ui) => {
    unitTextOffset.push(addr);
    for (const def of u.functions) {
      const size = alignUp(16 + 8 * countStatements(def.body), 4);
      fnOffsets.set(def, addr - unitTextOffset[ui]!);
      const name = def.sym.linkName;
      const prev = defined.get(name);
      const site: LinkSite = {
        object: objectName(u.file),
        source: baseName(u.file),
        section: '.text',
        offset: addr - unitTextOffset[ui]!,
        function: def.sym.name,
      };
      if (def.sym.inlineDefinitionOnly) {
        // An inline definition (C11 6.7.4p7) exports nothing; calls go to the external one.
      } else if (prev && def.sym.weak) {
        // A weak definition never replaces one already there.
      } else if (prev && !weakDefinitions.has(name)) {
        errors.push(...formatMultipleDefinition(def.sym.name, site, prev, LD));
      } else {
        // The first definition, or a strong one overriding a weak one (as the BSP's stubs are).
        if (def.sym.weak) weakDefinitions.add(name);
        else weakDefinitions.delete(name);
        defined.set(name, site);
        symbols.set(name, addr);
      }
      functions.push({ def, address: addr, size, unit: ui, index: functions.length });
      addr += size;
    }
  });

  // .rodata: string literals.
  const rodataStart = alignUp(addr, 8);
  addr = rodataStart;
  const strings: number[][] = units.map((u) =>
    u.strings.map((s) => {
      const a = addr;
      addr += s.length;
      return a;
    }),
  );

  // .data then .bss (C11 6.7.9p10: objects without an initializer are zero).
  const objectSectionStart = new Map<string, number>();
  const place = (g: GlobalDef, ui: number, section: string): void => {
    addr = alignUp(addr, Math.max(alignOf(g.sym.type), 4, g.sym.align ?? 1));
    const name = g.sym.linkName;
    const prev = defined.get(name);
    // ld names offsets within this object's own section.
    const key = `${ui}${section}`;
    if (!objectSectionStart.has(key)) objectSectionStart.set(key, addr);
    const site: LinkSite = {
      object: objectName(units[ui]!.file),
      section,
      offset: addr - objectSectionStart.get(key)!,
    };
    if (prev) {
      errors.push(...formatMultipleDefinition(g.sym.name, site, prev, LD));
      return;
    }
    defined.set(name, site);
    symbols.set(name, addr);
    addr += Math.max(sizeOf(g.sym.type), 1);
  };
  const dataStart = alignUp(addr, 8);
  addr = dataStart;
  units.forEach((u, ui) => u.globals.forEach((g) => g.init && place(g, ui, '.data')));
  const bssStart = alignUp(addr, 8);
  addr = bssStart;
  units.forEach((u, ui) => u.globals.forEach((g) => !g.init && place(g, ui, '.bss')));
  const bssEnd = alignUp(addr, 8);

  // lscript.ld's symbols for the heap and stack, after .bss.
  const heapStart = bssEnd;
  const heapEnd = heapStart + alignUp(options.heapSize ?? 0x2000, 8);
  const stackBottom = heapEnd;
  const stackTop = stackBottom + alignUp(options.stackSize ?? 0x2000, 8);
  const linkerSymbols: Record<string, number> = {
    _heap_start: heapStart,
    _heap_end: heapEnd,
    _stack_end: stackBottom,
    _stack: stackTop,
  };
  for (const [name, value] of Object.entries(linkerSymbols))
    if (!symbols.has(name)) symbols.set(name, value);

  // Every section must fit in the region (GNU ld manual, "MEMORY Command"): ld names the first
  // section that does not and by how much the region overflowed, then fails the link.
  const region = options.region ?? { name: 'ps7_ddr_0', end: DDR_END };
  if (stackTop > region.end) {
    const sections: [string, number][] = [
      ['.text', rodataStart],
      ['.rodata', dataStart],
      ['.data', bssStart],
      ['.bss', bssEnd],
      ['.heap', heapEnd],
      ['.stack', stackTop],
    ];
    const section = sections.find(([, end]) => end > region.end)![0];
    errors.push(`${LD}: a.out section \`${section}' will not fit in region \`${region.name}'`);
    errors.push(`${LD}: region \`${region.name}' overflowed by ${stackTop - region.end} bytes`);
  }

  // Undefined references, grouped per function as ld prints them.
  const undefinedRefs: UndefinedReference[] = [];
  units.forEach((u) => {
    for (const ref of u.refs) {
      if (symbols.has(ref.name)) continue;
      const fn = u.functions.find((f) => f.sym.name === ref.inFunction);
      const fnStart = fn ? (fnOffsets.get(fn) ?? 0) : 0;
      // An estimate of the call's offset in .text: a few instructions per source line.
      const offset = fn ? fnStart + 8 + 4 * Math.max(0, ref.loc.line - fn.loc.line) : 0;
      undefinedRefs.push({
        symbol: ref.name.replace(/@\d+$/, ''),
        site: {
          object: objectName(u.file),
          source: baseName(u.file),
          section: ref.inFunction ? '.text' : '.data',
          offset,
          ...(ref.inFunction ? { function: ref.inFunction } : {}),
        },
      });
    }
  });
  errors.push(...formatUndefinedReferences(undefinedRefs, LD));
  const entry =
    functions.find((f) => f.def.sym.linkName === entryName && !f.def.sym.inlineDefinitionOnly) ??
    null;
  if (!entry) {
    errors.push(`${LD}: crt0.o: in function \`_start':`);
    errors.push(`(.text+0x64): undefined reference to \`${entryName}'`);
  }
  if (errors.length > 0) {
    errors.push(LD_EXIT_STATUS);
    return { program: null, errors };
  }

  const layout: Layout = {
    textStart: textBase,
    rodataStart,
    dataStart,
    bssStart,
    bssEnd,
    heapStart,
    heapEnd,
    stackBottom,
    stackTop,
  };

  const image = new Uint8Array(bssEnd - textBase);
  const view = new DataView(image.buffer);
  units.forEach((u, ui) =>
    u.strings.forEach((s, si) => image.set(s, strings[ui]![si]! - textBase)),
  );
  const program: Program = { functions, symbols, strings, image, layout, entry };
  units.forEach((u, ui) => {
    for (const g of u.globals) {
      if (!g.init) continue;
      const base = symbols.get(g.sym.linkName)!;
      for (const item of g.init.items) {
        const value = constantValue(item.expr, program, ui);
        const at = base + item.offset - textBase;
        if (item.bitField?.bitWidth !== undefined) {
          const f = item.bitField;
          const size = sizeOf(f.type);
          const old = readInt(view, at, size);
          const mask = (2 ** f.bitWidth! - 1) * 2 ** f.bitOffset!;
          const bits = (Number(value) * 2 ** f.bitOffset!) % 2 ** (size * 8);
          writeValue(view, at, f.type, (old & ~mask) | (bits & mask));
        } else writeValue(view, at, item.type, value);
      }
    }
  });
  return { program, errors: [] };
}

/** Names referenced but defined by no unit (what an archive member could still provide). */
export function undefinedNames(units: readonly TranslationUnit[]): Set<string> {
  const defined = new Set<string>();
  for (const u of units) {
    for (const f of u.functions) if (!f.sym.inlineDefinitionOnly) defined.add(f.sym.linkName);
    for (const g of u.globals) defined.add(g.sym.linkName);
  }
  const missing = new Set<string>();
  for (const u of units) for (const r of u.refs) if (!defined.has(r.name)) missing.add(r.name);
  return missing;
}

function readInt(view: DataView, at: number, size: number): number {
  return size === 1
    ? view.getUint8(at)
    : size === 2
      ? view.getUint16(at, true)
      : view.getUint32(at, true);
}

function writeValue(view: DataView, at: number, type: CType, value: Value): void {
  if (type.kind === 'float') {
    if (type.size === 4) view.setFloat32(at, Number(value), true);
    else view.setFloat64(at, Number(value), true);
    return;
  }
  const size = sizeOf(type);
  if (size === 8) view.setBigUint64(at, BigInt.asUintN(64, BigInt(value)), true);
  else if (size === 4) view.setUint32(at, Number(value) >>> 0, true);
  else if (size === 2) view.setUint16(at, Number(value) & 0xffff, true);
  else view.setUint8(at, Number(value) & 0xff);
}

/** Evaluates a constant or address-constant initializer with the final addresses. */
export function constantValue(e: Expr, program: Program, unit: number): Value {
  switch (e.k) {
    case 'const':
      return e.value;
    case 'cast':
      return convertValue(constantValue(e.arg, program, unit), e.type);
    case 'decay':
    case 'addr':
      return staticAddress(e.arg, program, unit);
    case 'func':
    case 'str':
    case 'var':
      return staticAddress(e, program, unit);
    case 'ptradd': {
      const p = Number(constantValue(e.ptr, program, unit));
      const i = Number(constantValue(e.index, program, unit));
      return (p + (e.negate ? -i : i) * e.scale) >>> 0;
    }
    default:
      throw new Error(`not a constant initializer: ${e.k}`);
  }
}

function staticAddress(e: Expr, program: Program, unit: number): number {
  switch (e.k) {
    case 'var':
    case 'func': {
      const a = program.symbols.get(e.sym.linkName);
      if (a === undefined) throw new Error(`unresolved ${e.sym.linkName}`);
      return a;
    }
    case 'str':
      return program.strings[unit]![e.id]!;
    case 'member':
      return staticAddress(e.obj, program, unit) + e.field.offset;
    case 'deref':
      return Number(constantValue(e.arg, program, unit));
    default:
      throw new Error(`not an address constant: ${e.k}`);
  }
}

function countStatements(s: Stmt): number {
  switch (s.k) {
    case 'block':
      return s.body.reduce((n, c) => n + countStatements(c), 0);
    case 'if':
      return 1 + countStatements(s.then) + (s.else ? countStatements(s.else) : 0);
    case 'while':
    case 'do':
    case 'switch':
    case 'label':
      return 1 + countStatements(s.body);
    case 'for':
      return 2 + s.init.length + countStatements(s.body);
    default:
      return 1;
  }
}
