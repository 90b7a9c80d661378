/**
 * The state of compiling one function: its frame layout (which locals are JS variables, which
 * live at an offset from the frame pointer), the labels of its `switch (pc)` state machine, the
 * code emitted so far, and the spill registers that carry values across a call. The statement,
 * expression and call modules (compile-stmt.ts, compile-expr.ts, compile-call.ts) emit through
 * it, and reach each other's handlers only through its dispatch methods (`cx.value(e)`,
 * `cx.statement(s)`, `cx.call(e)`, ...), which compile.ts wires to them; so none of the three
 * imports another. compile.ts wraps the result into the function's step and frame constructor.
 */
import type { CaseStmt, Expr, FunctionDef, Stmt, VarSym } from './ast.ts';
import { rep, type Rep } from './compile-values.ts';
import type { LinkedFunction, Program } from './link.ts';
import type { SourceLoc } from './report.ts';
import { alignOf, alignUp, sizeOf, type CType } from './types.ts';

/**
 * Before a volatile access (a device register, in practice) the thread's step count is made
 * current, so the board can bring its clock up to this statement (runner.ts reads `th.b`).
 */
export const SYNC_BUDGET = 'th.b=b';

/** C calls run nested on the JS stack up to this depth; deeper ones go through the dispatcher. */
export const MAX_JS_NESTING = 100;

/** Intrinsics that may stop the thread (sleep until an event or interrupt, or exit). */
export const SUSPENDING = new Set(['__wfi', '__wfe', '__host_exit']);

/**
 * GCC at -O0 lets block-scope variables share stack slots only when they are at least this many
 * bytes (`--param min-size-for-stack-sharing`, default 32; gcc/cfgexpand.cc
 * defer_stack_allocation: smaller ones and those of the function's outermost block are allocated
 * at once, each its own slot).
 */
export const STACK_SHARING_MIN_SIZE = 32;

/**
 * GCC's stack-slot partitions (cfgexpand.cc partition_stack_vars): largest first, each variable
 * joins the first partition holding no variable whose block overlaps its own (at -O0 a variable
 * lives from its block's start to the clobber at its end).
 */
export function stackPartitions(
  vars: readonly VarSym[],
  dead: ReadonlySet<VarSym> = new Set(),
): VarSym[][] {
  const sorted = [...vars].sort((a, b) => sizeOf(b.type) - sizeOf(a.type));
  const overlaps = (a: VarSym, b: VarSym): boolean => {
    // A variable declared in code that cannot run is never live: GCC removes unreachable blocks
    // even at -O0, so nothing conflicts with it.
    if (dead.has(a) || dead.has(b)) return false;
    const x = a.scope!;
    const y = b.scope!;
    return (x.open <= y.open && y.close <= x.close) || (y.open <= x.open && x.close <= y.close);
  };
  const partitions: VarSym[][] = [];
  for (const v of sorted) {
    const home = partitions.find((p) => p.every((w) => !overlaps(v, w)));
    if (home) home.push(v);
    else partitions.push([v]);
  }
  return partitions;
}

/**
 * The locals declared where control cannot reach: after a `return`, `break`, `continue` or `goto`
 * in the same block with no label in between, or in a switch body before its first case.
 */
export function unreachableDeclarations(body: Stmt): Set<VarSym> {
  const dead = new Set<VarSym>();
  // A goto may enter a block below a declaration that is unreachable from above: then the
  // object is live after all. Functions with labels get no such analysis.
  let labels = false;
  // Returns whether control can fall out of `s`, given whether it can enter it.
  const walk = (s: Stmt, live: boolean): boolean => {
    switch (s.k) {
      case 'decl':
        if (!live) dead.add(s.sym);
        return live;
      case 'block':
        for (const c of s.body) live = walk(c, live);
        return live;
      case 'if': {
        // GCC folds a constant condition and drops the arm that cannot run, even at -O0.
        const truth = constantTruth(s.test);
        const then = walk(s.then, live && truth !== false);
        const other = s.else ? walk(s.else, live && truth !== true) : live && truth !== true;
        return then || other;
      }
      case 'while':
      case 'do':
        walk(s.body, live);
        return live;
      case 'for':
        for (const i of s.init) live = walk(i, live);
        walk(s.body, live);
        return live;
      case 'switch':
        walk(s.body, false);
        return live;
      case 'case':
        return true;
      case 'label':
        labels = true;
        return walk(s.body, true);
      case 'return':
      case 'break':
      case 'continue':
      case 'goto':
        return false;
      default:
        return live;
    }
  };
  walk(body, true);
  return labels ? new Set() : dead;
}

/**
 * Whether a condition is a constant GCC folds: integer constants, the address of a global object
 * or function compared with a null pointer (never equal), `!`, and `&&`/`||` decided by a constant
 * operand. Undefined when it is not known.
 */
export function constantTruth(e: Expr): boolean | undefined {
  switch (e.k) {
    case 'const':
      return Number(e.value) !== 0;
    case 'cast':
      return constantTruth(e.arg);
    case 'unary': {
      if (e.op !== '!') return undefined;
      const t = constantTruth(e.arg);
      return t === undefined ? undefined : !t;
    }
    case 'logical': {
      const l = constantTruth(e.left);
      const r = constantTruth(e.right);
      if (e.op === '||')
        return l === true || r === true ? true : l === false && r === false ? false : undefined;
      return l === false || r === false ? false : l === true && r === true ? true : undefined;
    }
    case 'binary': {
      if (e.op !== '==' && e.op !== '!=') return undefined;
      const pair =
        (isGlobalAddress(e.left) && isNull(e.right)) ||
        (isGlobalAddress(e.right) && isNull(e.left));
      return pair ? e.op === '!=' : undefined;
    }
    default:
      return isGlobalAddress(e) ? true : undefined;
  }
}

function isNull(e: Expr): boolean {
  if (e.k === 'cast') return isNull(e.arg);
  return e.k === 'const' && Number(e.value) === 0;
}

function isGlobalAddress(e: Expr): boolean {
  if (e.k === 'cast') return isGlobalAddress(e.arg);
  if (e.k === 'func') return true;
  if (e.k !== 'addr' && e.k !== 'decay') return false;
  const a = e.arg;
  return (
    a.k === 'func' || (a.k === 'var' && (a.sym.storage === 'global' || a.sym.storage === 'static'))
  );
}

/** Where `break` and `continue` jump inside the innermost loop or switch. */
export interface Loop {
  readonly breakTo: number;
  readonly continueTo: number | null;
}

/**
 * The argument block as the AAPCS lays it out (Procedure Call Standard for the Arm Architecture,
 * "Parameter Passing"): argument words in order, 8-byte types 8-aligned, each rounded up to 4
 * bytes; the whole block keeps the stack 8-aligned.
 */
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

/**
 * The node handlers the context dispatches to: compile.ts fills this in from compile-stmt.ts,
 * compile-expr.ts and compile-call.ts.
 */
export interface Handlers {
  statement(cx: FunctionContext, s: Stmt): void;
  value(cx: FunctionContext, e: Expr): string;
  effect(cx: FunctionContext, e: Expr): void;
  condition(cx: FunctionContext, e: Expr): string;
  call(cx: FunctionContext, e: Expr & { k: 'call' }): string;
  intrinsic(cx: FunctionContext, e: Expr & { k: 'intrinsic' }): string;
}

export class FunctionContext {
  /** Per pc label, the source location of the statement it starts. */
  readonly lines: SourceLoc[] = [];
  readonly out: string[] = [];
  readonly def: FunctionDef;
  readonly fn: LinkedFunction;
  readonly program: Program;
  /** Function index by link name, for the definitions the linker chose. */
  readonly indexOf: Map<string, number>;
  /** Frame-pointer offsets of the locals that live in memory. */
  readonly memOffset = new Map<VarSym, number>();
  /** The representation of each JS local `vN` (locals and spill registers). */
  readonly regTypes: Rep[] = [];
  scratchCount = 0;
  private labelCount = 0;
  currentLoc: SourceLoc;
  readonly loops: Loop[] = [];
  readonly caseLabels = new Map<CaseStmt, number>();
  private readonly gotoLabels = new Map<string, number>();
  private readonly hasCallMemo = new WeakMap<Expr, boolean>();
  frameEnd = 0;
  /** The frame pointer's alignment: 8 (AAPCS), more for `aligned` locals. */
  frameAlign = 8;
  readonly variadic: boolean;
  readonly paramOffsets: number[];
  readonly structReturn: boolean;
  private readonly handlers: Handlers;

  constructor(
    fn: LinkedFunction,
    program: Program,
    indexOf: Map<string, number>,
    handlers: Handlers,
  ) {
    this.fn = fn;
    this.handlers = handlers;
    this.def = fn.def;
    this.program = program;
    this.indexOf = indexOf;
    this.currentLoc = fn.def.loc;
    const type = fn.def.sym.type;
    this.variadic = type.variadic;
    this.paramOffsets = argumentLayout(fn.def.params.map((p) => p.type)).offsets;
    this.structReturn = type.ret.kind === 'record';
  }

  // ---- dispatch ----------------------------------------------------------------------------

  /** Emits the code of statement `s` (compile-stmt.ts). */
  statement(s: Stmt): void {
    this.handlers.statement(this, s);
  }

  /** A JS expression for the value of `e`, emitting what must run first (compile-expr.ts). */
  value(e: Expr): string {
    return this.handlers.value(this, e);
  }

  /** Evaluates `e` for its side effects only (compile-expr.ts). */
  effect(e: Expr): void {
    this.handlers.effect(this, e);
  }

  /** A JS boolean expression for the scalar condition `e` (compile-expr.ts). */
  condition(e: Expr): string {
    return this.handlers.condition(this, e);
  }

  /** A call: emits it with its resume label and returns its result (compile-call.ts). */
  call(e: Expr & { k: 'call' }): string {
    return this.handlers.call(this, e);
  }

  /** An intrinsic `__name(args)` (compile-call.ts). */
  intrinsic(e: Expr & { k: 'intrinsic' }): string {
    return this.handlers.intrinsic(this, e);
  }

  // ---- frame layout -----------------------------------------------------------------------

  layoutFrame(): void {
    let off = 0;
    const shared: VarSym[] = [];
    for (const v of this.def.locals) {
      if (v.storage === 'param' && this.variadic) continue; // lives in the caller's argument block
      if (!v.inMemory) {
        v.slot = this.newReg(rep(v.type));
        continue;
      }
      if (v.scope && sizeOf(v.type) >= STACK_SHARING_MIN_SIZE) {
        shared.push(v);
        continue;
      }
      off = this.placeAt(off, [v]);
    }
    const dead = unreachableDeclarations(this.def.body);
    for (const partition of stackPartitions(shared, dead)) off = this.placeAt(off, partition);
    this.frameEnd = off;
  }

  /** Gives every variable of `vars` the same frame offset, at or after `off`; returns the end. */
  private placeAt(off: number, vars: readonly VarSym[]): number {
    const align = Math.max(...vars.map((v) => Math.max(alignOf(v.type), v.align ?? 1)));
    this.frameAlign = Math.max(this.frameAlign, align);
    const at = alignUp(off, align);
    for (const v of vars) this.memOffset.set(v, at);
    return at + Math.max(...vars.map((v) => Math.max(sizeOf(v.type), 1)));
  }

  /** Reserves frame memory for a temporary (a struct returned by a call). */
  frameTemp(t: CType): number {
    this.frameEnd = alignUp(this.frameEnd, alignOf(t));
    const at = this.frameEnd;
    this.frameEnd += sizeOf(t);
    return at;
  }

  newReg(r: Rep): number {
    this.regTypes.push(r);
    return this.regTypes.length - 1;
  }

  /** A new JS local saved in the frame object across suspensions. */
  reg(r: Rep): string {
    return `v${this.newReg(r)}`;
  }

  /** A JS temporary used within one statement (never live across a suspension). */
  scratch(): string {
    return `t${this.scratchCount++}`;
  }

  /** Where a memory-resident variable lives: its linked address, the argument block, or the frame. */
  address(sym: VarSym): string {
    if (sym.storage === 'global' || sym.storage === 'static')
      return String(this.program.symbols.get(sym.linkName)!);
    if (sym.storage === 'param' && this.variadic)
      return `(ab+${this.paramOffsets[this.def.params.indexOf(sym)]})`;
    return `(fp+${this.memOffset.get(sym)})`;
  }

  // ---- emission ---------------------------------------------------------------------------

  emit(code: string): void {
    this.out.push(code);
  }

  newLabel(): number {
    return this.labelCount++;
  }

  place(label: number): void {
    this.lines[label] = this.currentLoc;
    this.emit(`case ${label}:`);
  }

  jump(label: number): void {
    this.emit(`pc=${label};continue L;`);
  }

  /** A statement boundary: a resumable point that costs one step of the budget. */
  statementStart(loc: SourceLoc): void {
    this.currentLoc = loc;
    const n = this.newLabel();
    this.place(n);
    this.emit(`if(--b<0){b=0;pc=${n};break L;}s=${n};`);
  }

  gotoLabel(name: string): number {
    let l = this.gotoLabels.get(name);
    if (l === undefined) {
      l = this.newLabel();
      this.gotoLabels.set(name, l);
    }
    return l;
  }

  // ---- suspension ---------------------------------------------------------------------------

  /** Whether evaluating `e` may suspend the function (a call, wfi/wfe, exit). */
  hasCall(e: Expr): boolean {
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

  /**
   * Compiles `f` as an inline expression: when compiling it emits no statement, its result;
   * otherwise the emitted code is taken back and the result is null, so the caller compiles the
   * operand again behind a branch. Only for operands without calls (hasCall false): they place no
   * label that anything else refers to.
   */
  inline<R>(key: Expr, f: () => R): R | null {
    // Remembered per node: compiling a nested operand twice at every level would be exponential.
    if (this.emitting.has(key)) return null;
    const mark = this.out.length;
    const r = f();
    if (this.out.length === mark) return r;
    this.out.length = mark;
    this.emitting.add(key);
    return null;
  }

  private readonly emitting = new WeakSet<Expr>();

  /** Saves a computed value into a frame register when later parts of the statement may suspend. */
  spill(v: string, t: CType): string {
    if (/^(v\d+|\(?-?\d+n?\)?)$/.test(v)) return v;
    const r = this.reg(rep(t));
    this.emit(`${r}=${v};`);
    return r;
  }

  /** Spills `v` (the value of an earlier operand) when evaluating `e` after it may suspend. */
  spillIfCall(e: Expr, v: string): string {
    return this.hasCall(e) ? this.spill(v, e.type) : v;
  }
}
