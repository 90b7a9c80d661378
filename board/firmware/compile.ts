/**
 * Compiles each linked C function to JavaScript source, once, as a resumable state machine:
 * `for (;;) switch (pc)` over statement labels. Straight-line statements fall through from one
 * case to the next for free; every statement starts with a budget check, so a slice can stop
 * before any statement and resume there. A call saves the caller's state (pc and its JS locals)
 * into its frame object, pushes the callee's frame and returns to the dispatcher (machine.ts), so
 * C recursion never grows the JS stack and the host can push an interrupt frame between any two
 * statements.
 *
 * Values: integers up to 32 bits are JS numbers normalized to their type (int `|0`, unsigned
 * `>>>0`, short `<<16>>16`, ...), 64-bit integers are BigInts, float is Math.fround'ed, pointers
 * are unsigned numbers, structs and unions are the address where they live. Locals whose address
 * is never taken (and that are not aggregates) live in JS variables; the rest live in the frame's
 * stack memory, reached through the Memory fast path like globals.
 */
import type { CaseStmt, Expr, FunctionDef, Init, Stmt, VarSym } from './ast.ts';
import type { LinkedFunction, Program } from './link.ts';
import type { SourceLoc } from './report.ts';
import { alignOf, alignUp, sizeOf, type CType, type Field } from './types.ts';

/** The representation of a C value in JavaScript. */
type Rep =
  | 'i32'
  | 'u32'
  | 'i16'
  | 'u16'
  | 'i8'
  | 'u8'
  | 'bool'
  | 'i64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'rec'
  | 'void';

export function rep(t: CType): Rep {
  switch (t.kind) {
    case 'int':
      if (t.name === '_Bool') return 'bool';
      if (t.size === 8) return t.signed ? 'i64' : 'u64';
      if (t.size === 4) return t.signed ? 'i32' : 'u32';
      if (t.size === 2) return t.signed ? 'i16' : 'u16';
      return t.signed ? 'i8' : 'u8';
    case 'float':
      return t.size === 4 ? 'f32' : 'f64';
    case 'pointer':
    case 'function':
      return 'u32';
    case 'record':
    case 'array':
      return 'rec';
    case 'void':
      return 'void';
  }
}

const is64 = (r: Rep): boolean => r === 'i64' || r === 'u64';
const isFloatRep = (r: Rep): boolean => r === 'f32' || r === 'f64';

function norm(r: Rep, s: string): string {
  switch (r) {
    case 'i32':
      return `((${s})|0)`;
    case 'u32':
      return `((${s})>>>0)`;
    case 'i16':
      return `((${s})<<16>>16)`;
    case 'u16':
      return `((${s})&65535)`;
    case 'i8':
      return `((${s})<<24>>24)`;
    case 'u8':
      return `((${s})&255)`;
    case 'bool':
      return `((${s})!==0?1:0)`;
    case 'i64':
      return `BigInt.asIntN(64,${s})`;
    case 'u64':
      return `BigInt.asUintN(64,${s})`;
    case 'f32':
      return `Math.fround(${s})`;
    default:
      return s;
  }
}

function literal(v: number | bigint, r: Rep): string {
  if (is64(r)) {
    const b = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
    return b < 0n ? `(${b}n)` : `${b}n`;
  }
  const n = Number(v);
  if (Number.isNaN(n)) return 'NaN';
  if (Object.is(n, -0)) return '(-0)';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '(-Infinity)';
  return n < 0 ? `(${n})` : String(n);
}

/** C conversion of JS value `s` from type `from` to type `to` (C11 6.3; float to int saturates as VCVT does). */
export function convert(s: string, from: CType, to: CType): string {
  const f = rep(from);
  const t = rep(to);
  if (t === 'void' || t === 'rec' || f === t) return s;
  if (t === 'bool') return is64(f) ? `((${s})!==0n?1:0)` : `((${s})!==0?1:0)`;
  if (is64(t)) {
    if (is64(f)) return norm(t, s);
    if (isFloatRep(f)) return `rt.f2l(${s},${t === 'i64'})`;
    return t === 'u64' && (f === 'i32' || f === 'i16' || f === 'i8')
      ? `BigInt.asUintN(64,BigInt(${s}))`
      : `BigInt(${s})`;
  }
  if (isFloatRep(t)) {
    const n = is64(f) ? `Number(${s})` : s;
    return t === 'f32' ? `Math.fround(${n})` : n;
  }
  // t is a 32-bit-or-narrower integer
  if (is64(f))
    return t === 'u32'
      ? `Number(BigInt.asUintN(32,${s}))`
      : norm(t, `Number(BigInt.asIntN(32,${s}))`);
  if (isFloatRep(f)) {
    const unsigned = t === 'u32' || t === 'u16' || t === 'u8';
    const whole = unsigned ? `rt.f2u(${s})` : `rt.f2i(${s})`;
    return t === 'u32' || t === 'i32' ? whole : norm(t, whole);
  }
  // integer to integer, both in 32-bit JS numbers
  const widening: Record<string, Rep[]> = {
    i32: ['i16', 'i8', 'u16', 'u8', 'bool'],
    u32: ['u16', 'u8', 'bool'],
    i16: ['i8', 'u8', 'bool'],
    u16: ['u8', 'bool'],
    i8: ['bool'],
    u8: ['bool'],
  };
  if (widening[t]?.includes(f)) return s;
  return norm(t, s);
}

const CMP: Record<string, string> = {
  '==': '===',
  '!=': '!==',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>=',
};

/** `l op r` in representation r (operands already converted); comparisons yield a JS boolean. */
function binop(op: string, r: Rep, l: string, rr: string): string {
  if (CMP[op]) return `(${l}${CMP[op]}${rr})`;
  if (is64(r)) {
    if (op === '/') return `rt.ldiv(${l},${rr},${r === 'i64'})`;
    if (op === '%') return `rt.lrem(${l},${rr},${r === 'i64'})`;
    if (op === '<<') return norm(r, `(${l}<<BigInt((${rr})&63))`);
    if (op === '>>') return `(${l}>>BigInt((${rr})&63))`;
    return norm(r, `(${l}${op}${rr})`);
  }
  if (isFloatRep(r)) return r === 'f32' ? `Math.fround(${l}${op}${rr})` : `(${l}${op}${rr})`;
  const unsigned = r === 'u32';
  // A constant non-zero divisor cannot fault: divide inline.
  const constDivisor = /^\(?-?\d+\)?$/.test(rr) && Number(rr.replace(/[()]/g, '')) !== 0;
  if (constDivisor && (op === '/' || op === '%')) {
    return unsigned ? `((${l}${op}${rr})>>>0)` : `((${l}${op}${rr})|0)`;
  }
  switch (op) {
    case '+':
    case '-':
      return unsigned ? `((${l}${op}${rr})>>>0)` : `((${l}${op}${rr})|0)`;
    case '*':
      return unsigned ? `(Math.imul(${l},${rr})>>>0)` : `Math.imul(${l},${rr})`;
    case '/':
      return unsigned ? `rt.udiv(${l},${rr})` : `rt.idiv(${l},${rr})`;
    case '%':
      return unsigned ? `rt.urem(${l},${rr})` : `rt.irem(${l},${rr})`;
    case '<<':
      return unsigned ? `((${l}<<${rr})>>>0)` : `(${l}<<${rr})`;
    case '>>':
      return unsigned ? `(${l}>>>${rr})` : `(${l}>>${rr})`;
    default:
      return unsigned ? `((${l}${op}${rr})>>>0)` : `(${l}${op}${rr})`;
  }
}

/** AAPCS 5.5: argument words in order, 8-byte types 8-aligned, each rounded up to 4 bytes. */
export function argumentLayout(types: readonly CType[]): {
  offsets: number[];
  size: number;
  end: number;
} {
  let off = 0;
  const offsets = types.map((t) => {
    off = alignUp(off, alignOf(t) >= 8 ? 8 : 4);
    const at = off;
    off += alignUp(sizeOf(t), 4);
    return at;
  });
  return { offsets, size: alignUp(off, 8), end: off };
}

type Lvalue =
  | { kind: 'reg'; name: string }
  | { kind: 'mem'; addr: string }
  | { kind: 'bit'; addr: string; field: Field };

interface Loop {
  readonly breakTo: number;
  readonly continueTo: number | null;
}

export interface CompiledSource {
  /** JavaScript for the whole program: a factory `(rt, M, D) => void` filling D[i].step/.mk. */
  readonly source: string;
  /** Per function, the source location of each pc label. */
  readonly lines: SourceLoc[][];
  readonly frameSizes: number[];
}

export function compileProgram(program: Program): CompiledSource {
  const parts: string[] = [];
  const lines: SourceLoc[][] = [];
  const frameSizes: number[] = [];
  const indexOf = new Map<string, number>();
  for (const f of program.functions) {
    // Calls bind to the definition the linker chose (not inline-only or overridden weak ones).
    if (program.symbols.get(f.def.sym.linkName) === f.address)
      indexOf.set(f.def.sym.linkName, f.index);
  }
  for (const f of program.functions) {
    const c = new FunctionCompiler(f, program, indexOf);
    parts.push(c.compile());
    lines.push(c.lines);
    frameSizes.push(c.frameSize);
  }
  const header = [
    '"use strict";',
    'const {r8,r8s,r16,r16s,r32,r64,r64s,rf32,rf64,w8,w16,w32,w64,wf32,wf64} = M;',
    ...program.functions.map(
      (f) => `const D${f.index} = D[${f.index}], P${f.index} = D${f.index}.pool;`,
    ),
    // Return: pop the frame, pass the value (an interrupt frame restores rv and CPSR instead).
    'function RET(th,fr,v){th.sp=fr.osp;th.top=fr.caller;th.depth--;' +
      'if(fr.isr){th.rv=fr.saved;th.cpsr=fr.scpsr;}else th.rv=v;' +
      "if(th.top===null){th.state='exited';th.exitCode=typeof v==='number'?v:0;}" +
      'fr.caller=null;const p=fr.fn.pool;if(p.length<64)p.push(fr);}',
  ];
  const footer = program.functions.map(
    (f) => `D${f.index}.step = st${f.index}; D${f.index}.mk = mk${f.index};`,
  );
  return { source: [...header, ...parts, ...footer].join('\n'), lines, frameSizes };
}

class FunctionCompiler {
  readonly lines: SourceLoc[] = [];
  frameSize = 0;
  private readonly out: string[] = [];
  private readonly def: FunctionDef;
  private readonly fn: LinkedFunction;
  private readonly program: Program;
  private readonly indexOf: Map<string, number>;
  private readonly memOffset = new Map<VarSym, number>();
  private regCount = 0;
  private scratchCount = 0;
  private labelCount = 0;
  private currentLoc: SourceLoc;
  private readonly loops: Loop[] = [];
  private readonly caseLabels = new Map<CaseStmt, number>();
  private readonly gotoLabels = new Map<string, number>();
  private readonly hasCallMemo = new WeakMap<Expr, boolean>();
  private readonly regTypes: Rep[] = [];
  private frameEnd = 0;
  /** The frame pointer's alignment: 8 (AAPCS), more for `aligned` locals. */
  private frameAlign = 8;
  private readonly variadic: boolean;
  private readonly paramOffsets: number[];
  private readonly structReturn: boolean;

  constructor(fn: LinkedFunction, program: Program, indexOf: Map<string, number>) {
    this.fn = fn;
    this.def = fn.def;
    this.program = program;
    this.indexOf = indexOf;
    this.currentLoc = fn.def.loc;
    const type = fn.def.sym.type;
    this.variadic = type.variadic;
    this.paramOffsets = argumentLayout(fn.def.params.map((p) => p.type)).offsets;
    this.structReturn = type.ret.kind === 'record';
  }

  // ---- frame layout -----------------------------------------------------------------------

  private layoutFrame(): void {
    let off = 0;
    for (const v of this.def.locals) {
      if (v.storage === 'param' && this.variadic) continue; // lives in the caller's argument block
      if (!v.inMemory) {
        v.slot = this.newReg(rep(v.type));
        continue;
      }
      const align = Math.max(alignOf(v.type), v.align ?? 1);
      this.frameAlign = Math.max(this.frameAlign, align);
      off = alignUp(off, align);
      this.memOffset.set(v, off);
      off += Math.max(sizeOf(v.type), 1);
    }
    this.frameEnd = off;
  }

  /** Reserves frame memory for a temporary (a struct returned by a call). */
  private frameTemp(t: CType): number {
    this.frameEnd = alignUp(this.frameEnd, alignOf(t));
    const at = this.frameEnd;
    this.frameEnd += sizeOf(t);
    return at;
  }

  private newReg(r: Rep): number {
    this.regTypes.push(r);
    return this.regCount++;
  }

  private reg(r: Rep): string {
    return `v${this.newReg(r)}`;
  }

  private scratch(): string {
    return `t${this.scratchCount++}`;
  }

  // ---- emission ---------------------------------------------------------------------------

  private emit(code: string): void {
    this.out.push(code);
  }

  private newLabel(): number {
    return this.labelCount++;
  }

  private place(label: number): void {
    this.lines[label] = this.currentLoc;
    this.emit(`case ${label}:`);
  }

  private jump(label: number): void {
    this.emit(`pc=${label};continue L;`);
  }

  /** A statement boundary: a resumable point that costs one step of the budget. */
  private statementStart(loc: SourceLoc): void {
    this.currentLoc = loc;
    const n = this.newLabel();
    this.place(n);
    this.emit(`if(--b<0){b=0;pc=${n};break L;}s=${n};`);
  }

  compile(): string {
    this.layoutFrame();
    const i = this.fn.index;
    const entry = this.newLabel();
    this.place(entry);
    this.statement(this.def.body);
    this.emit(`th.b=b;RET(th,fr,${this.defaultReturn()});return;`);
    this.frameSize = alignUp(this.frameEnd, 8) + 8; // + the saved fp/lr pair of an ARM frame
    const regs = this.regTypes.map((_, k) => `v${k}`);
    const scratch = Array.from({ length: this.scratchCount }, (_, k) => `t${k}`);
    const body = [
      `function st${i}(th,fr){`,
      `let pc=fr.pc,b=th.b,s=pc;const fp=fr.fp,ab=fr.ab;`,
      regs.length ? `let ${regs.map((r) => `${r}=fr.${r}`).join(',')};` : '',
      scratch.length ? `let ${scratch.join(',')};` : '',
      `try{L:for(;;){switch(pc){`,
      ...this.out,
      `default:throw new Error('bad pc '+pc);}}}catch(e){throw rt.fault(e,th,fr,s);}`,
      `fr.pc=pc;${regs.map((r) => `fr.${r}=${r};`).join('')}th.b=b;}`,
      this.makeFunction(),
    ];
    return body.join('\n');
  }

  private defaultReturn(): string {
    const r = rep(this.def.sym.type.ret);
    return r === 'rec' ? 'fr.ra' : is64(r) ? '0n' : '0';
  }

  /** `mkN(th, [ra,] args...)`: allocates the callee's stack frame and pushes its frame object. */
  private makeFunction(): string {
    const i = this.fn.index;
    const params = this.def.params;
    const args = this.variadic ? ['block'] : params.map((_, k) => `a${k}`);
    const sig = ['th', ...(this.structReturn ? ['ra'] : []), ...args].join(',');
    const init: string[] = [];
    const regInit = this.regTypes.map((r, k) => `v${k}:${is64(r) ? '0n' : '0'}`);
    const lines = [
      `function mk${i}(${sig}){`,
      `const osp=th.sp;const fp=(osp-${this.frameSize})&~${this.frameAlign - 1};`,
      `if(fp<th.stackLimit)rt.stackOverflow(th,fp);`,
    ];
    if (!this.variadic) {
      params.forEach((p, k) => {
        if (!p.inMemory) {
          regInit[p.slot] = `v${p.slot}:a${k}`;
          return;
        }
        const at = `fp+${this.memOffset.get(p)!}`;
        init.push(
          p.type.kind === 'record'
            ? `M.copy(${at},a${k},${sizeOf(p.type)});`
            : this.storeCode({ kind: 'mem', addr: at }, p.type, `a${k}`) + ';',
        );
      });
    }
    // Frames are recycled per function (a pool filled by RET): C calls allocate nothing in steady state.
    const reuse = [
      'fr.pc=0;fr.caller=th.top;fr.osp=osp;fr.fp=fp;fr.isr=false;',
      this.variadic ? 'fr.ab=block;' : '',
      this.structReturn ? 'fr.ra=ra;' : '',
      ...params.map((p, k) => (!this.variadic && !p.inMemory ? `fr.v${p.slot}=a${k};` : '')),
    ].join('');
    lines.push(
      `let fr=P${i}.pop();`,
      `if(fr===undefined)fr={fn:D${i},pc:0,caller:th.top,osp,fp,ab:${this.variadic ? 'block' : '0'},ra:${this.structReturn ? 'ra' : '0'},isr:false,saved:0,scpsr:0,${regInit.join(',')}};`,
      `else{${reuse}}`,
      `th.sp=fp;`,
      ...init,
      `th.top=fr;th.depth++;return fr;}`,
    );
    return lines.join('\n');
  }

  // ---- statements -------------------------------------------------------------------------

  private statement(s: Stmt): void {
    switch (s.k) {
      case 'block':
        for (const c of s.body) this.statement(c);
        return;
      case 'empty':
        return;
      case 'expr':
        this.statementStart(s.loc);
        this.effect(s.expr);
        return;
      case 'decl':
        if (!s.init && (!s.sym.inMemory || s.sym.storage === 'param')) {
          // C leaves it indeterminate; a JS local starts at 0 each time its declaration runs.
          if (!s.sym.inMemory) this.emit(`v${s.sym.slot}=${is64(rep(s.sym.type)) ? '0n' : '0'};`);
          return;
        }
        if (!s.init) return;
        this.statementStart(s.loc);
        this.initialize(s.sym, s.init);
        return;
      case 'if': {
        this.statementStart(s.loc);
        const elseLabel = this.newLabel();
        const cond = this.condition(s.test);
        this.emit(`if(!${cond}){pc=${elseLabel};continue L;}`);
        this.statement(s.then);
        if (s.else) {
          const end = this.newLabel();
          this.jump(end);
          this.place(elseLabel);
          this.statement(s.else);
          this.place(end);
        } else this.place(elseLabel);
        return;
      }
      case 'while': {
        const top = this.newLabel();
        const end = this.newLabel();
        this.currentLoc = s.loc;
        this.place(top);
        this.emit(`if(--b<0){b=0;pc=${top};break L;}s=${top};`);
        this.emit(`if(!${this.condition(s.test)}){pc=${end};continue L;}`);
        this.loops.push({ breakTo: end, continueTo: top });
        this.statement(s.body);
        this.loops.pop();
        this.jump(top);
        this.place(end);
        return;
      }
      case 'do': {
        const top = this.newLabel();
        const test = this.newLabel();
        const end = this.newLabel();
        this.currentLoc = s.loc;
        this.place(top);
        this.loops.push({ breakTo: end, continueTo: test });
        this.statement(s.body);
        this.loops.pop();
        this.currentLoc = s.test.loc;
        this.place(test);
        this.emit(`if(--b<0){b=0;pc=${test};break L;}s=${test};`);
        this.emit(`if(${this.condition(s.test)}){pc=${top};continue L;}`);
        this.place(end);
        return;
      }
      case 'for': {
        for (const i of s.init) this.statement(i);
        const top = this.newLabel();
        const next = this.newLabel();
        const end = this.newLabel();
        this.currentLoc = s.loc;
        this.place(top);
        if (s.test) {
          this.emit(`if(--b<0){b=0;pc=${top};break L;}s=${top};`);
          this.emit(`if(!${this.condition(s.test)}){pc=${end};continue L;}`);
        }
        this.loops.push({ breakTo: end, continueTo: next });
        this.statement(s.body);
        this.loops.pop();
        this.currentLoc = s.loc;
        this.place(next);
        if (s.update) {
          this.emit(`if(--b<0){b=0;pc=${next};break L;}s=${next};`);
          this.effect(s.update);
        } else if (!s.test) this.emit(`if(--b<0){b=0;pc=${next};break L;}`); // `for(;;);` still costs steps
        this.jump(top);
        this.place(end);
        return;
      }
      case 'switch': {
        this.statementStart(s.loc);
        const end = this.newLabel();
        for (const c of s.cases) this.caseLabels.set(c, this.newLabel());
        const value = this.scratch();
        this.emit(`${value}=${this.value(s.test)};`);
        const r = rep(s.test.type);
        let fallback = end;
        // A JS switch on the value: V8 compiles dense integer cases to a jump table.
        const arms: string[] = [];
        for (const c of s.cases) {
          if (c.value === null) fallback = this.caseLabels.get(c)!;
          else arms.push(`case ${literal(c.value, r)}:pc=${this.caseLabels.get(c)};continue L;`);
        }
        this.emit(`switch(${value}){${arms.join('')}default:pc=${fallback};continue L;}`);
        this.loops.push({
          breakTo: end,
          continueTo: this.loops[this.loops.length - 1]?.continueTo ?? null,
        });
        this.statement(s.body);
        this.loops.pop();
        this.place(end);
        return;
      }
      case 'case': {
        const label = this.caseLabels.get(s);
        if (label !== undefined) this.place(label);
        return;
      }
      case 'break':
        this.statementStart(s.loc);
        this.jump(this.loops[this.loops.length - 1]!.breakTo);
        return;
      case 'continue':
        this.statementStart(s.loc);
        this.jump(this.loops[this.loops.length - 1]!.continueTo!);
        return;
      case 'return': {
        this.statementStart(s.loc);
        if (!s.value) {
          this.emit(`th.b=b;RET(th,fr,${this.defaultReturn()});return;`);
          return;
        }
        const v = this.value(s.value);
        if (this.structReturn) {
          this.emit(
            `M.copy(fr.ra,${v},${sizeOf(this.def.sym.type.ret)});th.b=b;RET(th,fr,fr.ra);return;`,
          );
        } else if (s.value.type.kind === 'void') this.emit(`${v};th.b=b;RET(th,fr,0);return;`);
        else this.emit(`th.b=b;RET(th,fr,${v});return;`);
        return;
      }
      case 'goto':
        this.statementStart(s.loc);
        this.jump(this.gotoLabel(s.label));
        return;
      case 'label':
        this.currentLoc = s.loc;
        this.place(this.gotoLabel(s.name));
        this.statement(s.body);
        return;
    }
  }

  private gotoLabel(name: string): number {
    let l = this.gotoLabels.get(name);
    if (l === undefined) {
      l = this.newLabel();
      this.gotoLabels.set(name, l);
    }
    return l;
  }

  private initialize(sym: VarSym, init: Init): void {
    if (!sym.inMemory) {
      const item = init.items[0];
      this.emit(`v${sym.slot}=${item ? this.value(item.expr) : is64(rep(sym.type)) ? '0n' : '0'};`);
      return;
    }
    const base = this.address(sym);
    const single =
      init.items.length === 1 &&
      init.items[0]!.offset === 0 &&
      init.items[0]!.type.kind === 'record' &&
      !init.items[0]!.bitField;
    if (single) {
      const v = this.value(init.items[0]!.expr);
      this.emit(`M.copy(${base},${v},${sizeOf(sym.type)});`);
      return;
    }
    this.emit(`M.fill(${base},0,${init.size});`);
    for (const item of init.items) {
      const v = this.value(item.expr);
      const addr = `${base}+${item.offset}`;
      if (item.bitField)
        this.emit(this.storeCode({ kind: 'bit', addr, field: item.bitField }, item.type, v) + ';');
      else if (item.type.kind === 'record') this.emit(`M.copy(${addr},${v},${sizeOf(item.type)});`);
      else this.emit(this.storeCode({ kind: 'mem', addr }, item.type, v) + ';');
    }
  }

  // ---- addresses and lvalues ----------------------------------------------------------------

  private address(sym: VarSym): string {
    if (sym.storage === 'global' || sym.storage === 'static')
      return String(this.program.symbols.get(sym.linkName)!);
    if (sym.storage === 'param' && this.variadic)
      return `(ab+${this.paramOffsets[this.def.params.indexOf(sym)]})`;
    return `(fp+${this.memOffset.get(sym)})`;
  }

  private lvalue(e: Expr): Lvalue {
    switch (e.k) {
      case 'var':
        if (!e.sym.inMemory && e.sym.storage !== 'global' && e.sym.storage !== 'static')
          return { kind: 'reg', name: `v${e.sym.slot}` };
        return { kind: 'mem', addr: this.address(e.sym) };
      case 'deref':
        return { kind: 'mem', addr: this.spillIfCall(e.arg, this.value(e.arg)) };
      case 'member': {
        const base =
          e.obj.k === 'var' || e.obj.k === 'deref' || e.obj.k === 'member' || e.obj.k === 'str'
            ? this.addressOf(e.obj)
            : this.value(e.obj);
        const addr = /^\d+$/.test(base)
          ? String(Number(base) + e.field.offset)
          : e.field.offset
            ? `(${base}+${e.field.offset})`
            : base;
        if (e.field.bitWidth !== undefined) return { kind: 'bit', addr, field: e.field };
        return { kind: 'mem', addr };
      }
      case 'str':
        return { kind: 'mem', addr: String(this.program.strings[this.fn.unit]![e.id]) };
      case 'stmtexpr':
        if (
          e.result &&
          (e.result.k === 'var' || e.result.k === 'deref' || e.result.k === 'member')
        ) {
          // A compound literal: run its initialization, then it is its object.
          for (const st of e.body) this.statement(st);
          return this.lvalue(e.result);
        }
        return { kind: 'mem', addr: this.value(e) };
      default:
        // An rvalue struct (call result, assignment, ?:): its value is its address.
        return { kind: 'mem', addr: this.value(e) };
    }
  }

  private addressOf(e: Expr): string {
    const lv = this.lvalue(e);
    if (lv.kind !== 'mem') throw new Error('address of a register or bit-field');
    return lv.addr;
  }

  private loadCode(lv: Lvalue, t: CType): string {
    if (lv.kind === 'reg') return lv.name;
    if (lv.kind === 'bit') {
      const f = lv.field;
      const size = sizeOf(f.type);
      const word =
        size === 4 ? `(r32(${lv.addr})>>>0)` : size === 2 ? `r16(${lv.addr})` : `r8(${lv.addr})`;
      const signed = f.type.kind === 'int' && f.type.signed;
      const w = f.bitWidth!;
      const shifted = `(${word}>>>${f.bitOffset})`;
      return signed
        ? `((${shifted}<<${32 - w})>>${32 - w})`
        : w === 32
          ? `(${shifted}>>>0)`
          : `(${shifted}&${2 ** w - 1})`;
    }
    const a = lv.addr;
    switch (rep(t)) {
      case 'i32':
        return `r32(${a})`;
      case 'u32':
        return `(r32(${a})>>>0)`;
      case 'i16':
        return `r16s(${a})`;
      case 'u16':
        return `r16(${a})`;
      case 'i8':
        return `r8s(${a})`;
      case 'u8':
      case 'bool':
        return `r8(${a})`;
      case 'i64':
        return `r64s(${a})`;
      case 'u64':
        return `r64(${a})`;
      case 'f32':
        return `rf32(${a})`;
      case 'f64':
        return `rf64(${a})`;
      default:
        return a;
    }
  }

  /** Code storing JS value `v` (already of type t) into lv; an expression without a useful value. */
  private storeCode(lv: Lvalue, t: CType, v: string): string {
    if (lv.kind === 'reg') return `${lv.name}=${v}`;
    if (lv.kind === 'bit') {
      const f = lv.field;
      const size = sizeOf(f.type);
      const mask = ((2 ** f.bitWidth! - 1) * 2 ** f.bitOffset!) >>> 0;
      const rd = size === 4 ? 'r32' : size === 2 ? 'r16' : 'r8';
      const wr = size === 4 ? 'w32' : size === 2 ? 'w16' : 'w8';
      return `${wr}(${lv.addr},(${rd}(${lv.addr})&${~mask})|((${v}<<${f.bitOffset})&${mask | 0}))`;
    }
    const a = lv.addr;
    switch (rep(t)) {
      case 'i32':
      case 'u32':
        return `w32(${a},${v})`;
      case 'i16':
      case 'u16':
        return `w16(${a},${v})`;
      case 'i8':
      case 'u8':
      case 'bool':
        return `w8(${a},${v})`;
      case 'i64':
      case 'u64':
        return `w64(${a},${v})`;
      case 'f32':
        return `wf32(${a},${v})`;
      case 'f64':
        return `wf64(${a},${v})`;
      case 'rec':
        return `M.copy(${a},${v},${sizeOf(t)})`;
      default:
        return v;
    }
  }

  // ---- expressions --------------------------------------------------------------------------

  /** Whether evaluating `e` may suspend the function (a call, wfi/wfe, exit). */
  private hasCall(e: Expr): boolean {
    const memo = this.hasCallMemo.get(e);
    if (memo !== undefined) return memo;
    let r: boolean;
    switch (e.k) {
      case 'call':
      case 'stmtexpr':
        r = true;
        break;
      case 'intrinsic':
        r = SUSPENDING.has(e.name) || e.args.some((a) => this.hasCall(a));
        break;
      case 'const':
      case 'str':
      case 'var':
      case 'func':
        r = false;
        break;
      case 'unary':
      case 'deref':
      case 'addr':
      case 'cast':
      case 'decay':
        r = this.hasCall(e.arg);
        break;
      case 'member':
        r = this.hasCall(e.obj);
        break;
      case 'binary':
      case 'logical':
      case 'ptrdiff':
      case 'comma':
        r = this.hasCall(e.left) || this.hasCall(e.right);
        break;
      case 'ptradd':
        r = this.hasCall(e.ptr) || this.hasCall(e.index);
        break;
      case 'assign':
      case 'compound':
        r = this.hasCall(e.target) || this.hasCall(e.value);
        break;
      case 'incdec':
        r = this.hasCall(e.target);
        break;
      case 'cond':
        r = this.hasCall(e.test) || this.hasCall(e.then) || this.hasCall(e.else);
        break;
    }
    this.hasCallMemo.set(e, r);
    return r;
  }

  /** Saves a computed value into a frame register when later parts of the statement may suspend. */
  private spill(v: string, t: CType): string {
    if (/^(v\d+|\(?-?\d+n?\)?)$/.test(v)) return v;
    const r = this.reg(rep(t));
    this.emit(`${r}=${v};`);
    return r;
  }

  private spillIfCall(e: Expr, v: string): string {
    return this.hasCall(e) ? this.spill(v, e.type) : v;
  }

  /** Evaluates `e` for its side effects only. */
  private effect(e: Expr): void {
    switch (e.k) {
      case 'assign': {
        const v = this.value(e.value);
        const vv = this.hasCall(e.target) ? this.spill(v, e.value.type) : v;
        if (e.target.type.isVolatile) this.emit(`${SYNC_BUDGET};`);
        this.emit(this.storeCode(this.lvalue(e.target), e.target.type, vv) + ';');
        return;
      }
      case 'incdec':
      case 'compound':
        this.emit(this.update(e, false) + ';');
        return;
      case 'comma':
        this.effect(e.left);
        this.effect(e.right);
        return;
      case 'cast':
        if (e.type.kind === 'void') return this.effect(e.arg);
        break;
      case 'call':
        this.call(e);
        return;
      case 'const':
      case 'var':
        return;
    }
    const v = this.value(e);
    if (!/^(v\d+|\(?-?[\d.]+n?\)?)$/.test(v)) this.emit(`${v};`);
  }

  /** A JS boolean expression for a scalar condition. */
  private condition(e: Expr): string {
    if (e.k === 'binary' && CMP[e.op]) {
      const l = this.spillIfCall(e.right, this.value(e.left));
      return binop(e.op, rep(e.opType), l, this.value(e.right));
    }
    if (e.k === 'unary' && e.op === '!') return `!${this.condition(e.arg)}`;
    if (e.k === 'logical' && !this.hasCall(e.right)) {
      return `(${this.condition(e.left)}${e.op}${this.condition(e.right)})`;
    }
    const v = this.value(e);
    return is64(rep(e.type)) ? `(${v}!==0n)` : `(${v}!==0)`;
  }

  /** A JS expression for the value of `e`; code that must run first (calls) is emitted. */
  private value(e: Expr): string {
    switch (e.k) {
      case 'const':
        return literal(e.value, rep(e.type));
      case 'str':
        return String(this.program.strings[this.fn.unit]![e.id]);
      case 'var':
      case 'deref':
      case 'member': {
        if (e.type.kind === 'array' || e.type.kind === 'function') return this.addressOf(e);
        const lv = this.lvalue(e);
        return lv.kind !== 'reg' && e.type.isVolatile
          ? `(${SYNC_BUDGET},${this.loadCode(lv, e.type)})`
          : this.loadCode(lv, e.type);
      }
      case 'func':
      case 'decay': {
        const inner = e.k === 'decay' ? e.arg : e;
        if (inner.k === 'func') return String(this.program.symbols.get(inner.sym.linkName)!);
        return this.addressOf(inner);
      }
      case 'addr':
        return this.addressOf(e.arg);
      case 'unary': {
        if (e.op === '!') return `(${this.condition(e.arg)}?0:1)`;
        const r = rep(e.type);
        const a = this.value(e.arg);
        if (e.op === '~')
          return is64(r) ? norm(r, `(~${a})`) : r === 'u32' ? `(~${a}>>>0)` : `(~${a})`;
        if (isFloatRep(r)) return `(-${a})`;
        return is64(r) ? norm(r, `(-${a})`) : r === 'u32' ? `((-${a})>>>0)` : `((-${a})|0)`;
      }
      case 'binary': {
        const l = this.spillIfCall(e.right, this.value(e.left));
        const rv = this.value(e.right);
        const code = binop(e.op, rep(e.opType), l, rv);
        return CMP[e.op] ? `(${code}?1:0)` : code;
      }
      case 'ptradd': {
        const p = this.spillIfCall(e.index, this.value(e.ptr));
        const i = this.value(e.index);
        const scaled = e.scale === 1 ? i : `${i}*${e.scale}`;
        return `((${p}${e.negate ? '-' : '+'}${scaled})>>>0)`;
      }
      case 'ptrdiff': {
        const l = this.spillIfCall(e.right, this.value(e.left));
        const r = this.value(e.right);
        return e.scale === 1 ? `((${l}-${r})|0)` : `((((${l}-${r})|0)/${e.scale})|0)`;
      }
      case 'logical': {
        if (!this.hasCall(e.right)) return `(${this.condition(e)}?1:0)`;
        const result = this.reg('i32');
        const end = this.newLabel();
        const l = this.condition(e.left);
        this.emit(
          `${result}=${e.op === '&&' ? 0 : 1};if(${e.op === '&&' ? '!' : ''}${l}){pc=${end};continue L;}`,
        );
        this.emit(`${result}=${this.condition(e.right)}?1:0;`);
        this.place(end);
        return result;
      }
      case 'cond': {
        if (!this.hasCall(e.then) && !this.hasCall(e.else)) {
          return `(${this.condition(e.test)}?${this.value(e.then)}:${this.value(e.else)})`;
        }
        const result = this.reg(rep(e.type));
        const elseLabel = this.newLabel();
        const end = this.newLabel();
        this.emit(`if(!${this.condition(e.test)}){pc=${elseLabel};continue L;}`);
        this.emit(`${result}=${this.value(e.then)};pc=${end};continue L;`);
        this.place(elseLabel);
        this.emit(`${result}=${this.value(e.else)};`);
        this.place(end);
        return result;
      }
      case 'comma':
        this.effect(e.left);
        return this.value(e.right);
      case 'assign': {
        const v = this.spill(this.value(e.value), e.value.type);
        if (e.type.kind === 'record') {
          const dst = this.spill(this.addressOf(e.target), e.value.type);
          this.emit(`M.copy(${dst},${v},${sizeOf(e.type)});`);
          return dst;
        }
        const lv = this.lvalue(e.target);
        if (!this.hasCall(e.target) && lv.kind === 'reg') return `(${lv.name}=${v})`;
        const t = this.scratch();
        const sync = e.target.type.isVolatile ? `${SYNC_BUDGET},` : '';
        return `(${t}=${v},${sync}${this.storeCode(lv, e.target.type, t)},${t})`;
      }
      case 'compound':
      case 'incdec':
        return this.update(e, true);
      case 'cast': {
        const a = this.value(e.arg);
        if (e.type.kind === 'void') return `(${a},0)`;
        return convert(a, e.arg.type, e.type);
      }
      case 'call':
        return this.call(e);
      case 'intrinsic':
        return this.intrinsic(e);
      case 'stmtexpr': {
        for (const st of e.body) this.statement(st);
        if (!e.result) return '0';
        return this.spill(this.value(e.result), e.result.type);
      }
    }
  }

  /** `x op= v`, `++x`, `x--`: the lvalue is evaluated once (C11 6.5.16.2p3). */
  private update(e: Expr & { k: 'compound' | 'incdec' }, wantValue: boolean): string {
    const t = e.target.type;
    const r = rep(t);
    if (t.isVolatile) this.emit(`${SYNC_BUDGET};`);
    let lv = this.lvalue(e.target);
    let value = '';
    if (e.k === 'compound') value = this.spill(this.value(e.value), e.value.type);
    if (lv.kind !== 'reg' && !/^\d+$/.test(lv.addr)) {
      const a = this.scratch();
      this.emit(`${a}=${lv.addr};`);
      lv = { ...lv, addr: a };
    }
    const old = this.loadCode(lv, t);
    let next: string;
    if (e.k === 'incdec') {
      const step = is64(r) ? `${e.step}n` : String(e.step);
      next =
        t.kind === 'pointer' ? `((${old}${e.op}${step})>>>0)` : norm(r, `${old}${e.op}${step}`);
      if (t.kind === 'int' && (r === 'i32' || r === 'u32'))
        next = r === 'i32' ? `((${old}${e.op}1)|0)` : `((${old}${e.op}1)>>>0)`;
    } else if (e.scale !== 1 || t.kind === 'pointer') {
      next = `((${old}${e.op}${value}*${e.scale})>>>0)`;
    } else {
      next = convert(binop(e.op, rep(e.opType), convert(old, t, e.opType), value), e.opType, t);
    }
    if (!wantValue) return this.storeCode(lv, t, next);
    const tmp = this.scratch();
    if (e.k === 'incdec' && !e.prefix) {
      const o = this.scratch();
      return `(${o}=${old},${tmp}=${next.split(old).join(o)},${this.storeCode(lv, t, tmp)},${o})`;
    }
    return `(${tmp}=${next},${this.storeCode(lv, t, tmp)},${tmp})`;
  }

  private call(e: Expr & { k: 'call' }): string {
    const ft = e.fnType;
    const direct = e.callee.k === 'decay' && e.callee.arg.k === 'func' ? e.callee.arg.sym : null;
    const anyCall = e.args.some((a) => this.hasCall(a)) || this.hasCall(e.callee);
    let target: string;
    let step = '';
    if (direct) {
      const idx = this.indexOf.get(direct.linkName);
      target =
        idx === undefined
          ? `rt.fnAt(th,${this.program.symbols.get(direct.linkName)}).mk`
          : `mk${idx}`;
      if (idx !== undefined) step = `st${idx}(th,th.top)`;
    } else {
      const addr = this.spill(this.value(e.callee), e.callee.type);
      target = `rt.fnAt(th,${addr}).mk`;
    }
    const args = e.args.map((a) => (anyCall ? this.spill(this.value(a), a.type) : this.value(a)));
    const pass: string[] = ['th'];
    if (ft.ret.kind === 'record') pass.push(`fp+${this.frameTemp(ft.ret)}`);
    if (ft.variadic) {
      // AAPCS: the caller lays out every argument as r0-r3 and the stack would hold them.
      const { offsets, size } = argumentLayout(e.args.map((a) => a.type));
      const block = this.scratch();
      this.emit(`${block}=(th.sp-${size})&~7;th.sp=${block};`);
      e.args.forEach((a, k) => {
        const at = `${block}+${offsets[k]}`;
        this.emit(this.storeCode({ kind: 'mem', addr: at }, a.type, args[k]!) + ';');
      });
      pass.push(block);
    } else pass.push(...args);
    const resume = this.newLabel();
    if (!step) {
      const callee = this.scratch();
      step = `(${callee}=th.top).fn.step(th,${callee})`;
    }
    // Run the callee right here on the JS stack (bounded nesting); if it suspends (budget, WFI,
    // exit), unwind to the dispatcher, which resumes the innermost frame later.
    this.emit(
      `pc=${resume};fr.pc=${resume};${target}(${pass.join(',')});` +
        `if(th.nest<${MAX_JS_NESTING}){th.b=b;th.nest++;${step};th.nest--;b=th.b;if(th.top!==fr)break L;}else break L;`,
    );
    this.place(resume);
    if (ft.variadic) this.emit('th.sp=fp;');
    if (e.type.kind === 'void') return '0';
    const r = this.reg(rep(e.type));
    this.emit(`${r}=th.rv;`);
    return r;
  }

  private intrinsic(e: Expr & { k: 'intrinsic' }): string {
    const args = e.args.map((a) => this.spillIfCall(a, this.value(a)));
    if (SUSPENDING.has(e.name)) {
      const resume = this.newLabel();
      this.emit(
        `pc=${resume};if(rt.${e.name.slice(2)}(th${args.map((a) => ',' + a).join('')})){break L;}`,
      );
      this.place(resume);
      return '0';
    }
    switch (e.name) {
      case '__builtin_va_start':
        return `w32(${args[0]},ab+${argumentLayout(this.def.params.map((p) => p.type)).end})`;
      case '__builtin_va_end':
        return '0';
      case '__builtin_va_arg_ptr':
        return `rt.vaArg(${args[0]},${args[1]},${args[2]})`;
      case '__get_cpsr':
        return `(th.cpsr>>>0)`;
      case '__cpu_id':
        return `th.cpu`;
      default:
        return `rt.${e.name.slice(2)}(th${args.map((a) => ',' + a).join('')})`;
    }
  }
}

/**
 * Before a volatile access (a device register, in practice) the thread's step count is made
 * current, so the board can bring its clock up to this statement (runner.ts reads `th.b`).
 */
const SYNC_BUDGET = 'th.b=b';

/** C calls run nested on the JS stack up to this depth; deeper ones go through the dispatcher. */
const MAX_JS_NESTING = 100;

/** Intrinsics that may stop the thread (sleep until an event or interrupt, or exit). */
const SUSPENDING = new Set(['__wfi', '__wfe', '__host_exit']);

export type { Rep };
