/**
 * Runs a linked program: compiles it to JavaScript once (compile.ts), loads its image into memory
 * through the Bus, and runs threads (one per simulated CPU) in slices of N statements. Between
 * slices the host (the board) may push an interrupt handler onto a thread: it runs on a fresh
 * frame with IRQs masked, as an ARM IRQ exception does, and the interrupted code resumes after it.
 */
import { BusFault, hex32, type Bus } from './bus.ts';
import { MATH_RUNTIME } from './cmath.ts';
import { SHIFTS } from './shifts.ts';
import { compileProgram } from './compile.ts';
import type { Program } from './link.ts';
import { createMemory, type Memory } from './memory.ts';
import type { SourceLoc } from './report.ts';
import { alignUp } from './types.ts';

/** What the board provides for the intrinsics (all optional: the defaults do nothing). */
export interface Hooks {
  /** `__host_putchar(c)`: a test and debugging console outside the simulated devices. */
  putchar?(cpu: number, c: number): void;
  /** `wfi`: return true to put the thread to sleep until `wake` or an interrupt. */
  wfi?(cpu: number): boolean;
  /** `wfe`: return true to sleep until `wake` (an event, e.g. another CPU's `sev`). */
  wfe?(cpu: number): boolean;
  sev?(cpu: number): void;
  barrier?(cpu: number, kind: 'dmb' | 'dsb' | 'isb'): void;
  /** CPSR written (msr, cpsie/cpsid); bit 7 (I) masks IRQs. */
  cpsr?(cpu: number, value: number): void;
  exit?(cpu: number, code: number): void;
}

export type ThreadState = 'running' | 'waiting' | 'exited' | 'faulted';

export interface StackEntry extends SourceLoc {
  readonly function: string;
}

/** A fault of the simulated program: where, why, and the C call stack (innermost first). */
export class RuntimeFault extends Error {
  readonly kind: string;
  readonly loc: SourceLoc;
  private readonly calls: StackEntry[];
  /** What the bus or device threw: a BusFault with its DFSR-like details, or another error. */
  readonly origin: unknown;
  constructor(kind: string, message: string, stack: StackEntry[], origin?: unknown) {
    super(message);
    this.kind = kind;
    this.origin = origin;
    this.calls = stack;
    this.loc = stack[0] ?? { file: '<unknown>', line: 0, column: 0 };
  }
  get callStack(): readonly StackEntry[] {
    return this.calls;
  }
  /** `main.c:12:5: runtime error: ...` followed by `  at f (main.c:12)` lines. */
  format(): string {
    const head = `${this.loc.file}:${this.loc.line}:${this.loc.column}: runtime error: ${this.message}`;
    return [head, ...this.calls.map((s) => `    at ${s.function} (${s.file}:${s.line})`)].join(
      '\n',
    );
  }
}

/** Errors the engine itself raises at run time (before they get a location). */
class EngineFault extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface FunctionInfo {
  readonly index: number;
  readonly name: string;
  readonly address: number;
  readonly lines: SourceLoc[];
  readonly params: number;
  /** Returned frames kept for reuse by the next call. */
  readonly pool: Frame[];
  step: (th: Thread, fr: Frame) => void;
  mk: (th: Thread, ...args: unknown[]) => Frame;
}

export interface Frame {
  readonly fn: FunctionInfo;
  pc: number;
  readonly caller: Frame | null;
  readonly osp: number;
  readonly fp: number;
  isr: boolean;
  saved: unknown;
  scpsr: number;
}

export class Thread {
  readonly id: number;
  readonly cpu: number;
  state: ThreadState = 'running';
  top: Frame | null = null;
  depth = 0;
  sp: number;
  readonly stackLimit: number;
  /** Steps left in the current slice (the compiled code counts it down). */
  b = 0;
  /** How many C calls are nested on the JS stack right now (compile.ts bounds it). */
  nest = 0;
  /** Return value register of the last call. */
  rv: unknown = 0;
  /** SVC/SYS mode with IRQ and FIQ masked, as the Xilinx boot code leaves it for main. */
  cpsr = 0xdf;
  exitCode: number | null = null;
  fault: RuntimeFault | null = null;
  constructor(id: number, cpu: number, stackTop: number, stackSize: number) {
    this.id = id;
    this.cpu = cpu;
    this.sp = stackTop;
    this.stackLimit = stackTop - stackSize;
  }
  get irqMasked(): boolean {
    return (this.cpsr & 0x80) !== 0;
  }
}

export interface RunResult {
  readonly executed: number;
  readonly state: ThreadState;
}

export interface SpawnOptions {
  readonly cpu?: number;
  /** A function name, or a code address (CPU1's start address word at 0xFFFFFFF0 holds one, UG585 6.1.10). */
  readonly entry?: string | number;
  readonly stackTop?: number;
  readonly stackSize?: number;
  readonly args?: readonly number[];
}

export class Machine {
  readonly program: Program;
  readonly bus: Bus;
  readonly memory: Memory;
  readonly threads: Thread[] = [];
  private readonly functions: FunctionInfo[];
  private readonly byAddress = new Map<number, FunctionInfo>();
  private readonly hooks: Hooks;

  constructor(program: Program, bus: Bus, hooks: Hooks = {}) {
    this.program = program;
    this.bus = bus;
    this.hooks = hooks;
    this.memory = createMemory(bus);
    // Nothing here may throw at the caller: a program that cannot be compiled to JavaScript (V8's
    // own limits) or loaded (an image past the end of RAM) starts as a faulted thread instead.
    let compiled: ReturnType<typeof compileProgram> | null = null;
    try {
      compiled = compileProgram(program);
    } catch (e) {
      this.startFault = this.entryFault(e, 'internal');
    }
    this.functions = program.functions.map((f, i) => ({
      index: i,
      name: f.def.sym.name,
      address: f.address,
      lines: compiled?.lines[i] ?? [],
      params: f.def.params.length,
      pool: [],
      step: () => undefined,
      mk: () => {
        throw new Error('not compiled');
      },
    }));
    for (const f of this.functions) this.byAddress.set(f.address, f);
    try {
      if (compiled) {
        const factory = new Function('rt', 'M', 'D', compiled.source) as (
          rt: unknown,
          m: Memory,
          d: FunctionInfo[],
        ) => void;
        factory(this.runtime(), this.memory, this.functions);
      }
    } catch (e) {
      this.startFault = this.entryFault(e, 'internal');
    }
    try {
      if (!this.startFault) this.load();
    } catch (e) {
      this.startFault = this.entryFault(e, 'load');
    }
  }

  /** Why the program could not start, if it could not: every thread spawned starts faulted. */
  private startFault: RuntimeFault | null = null;

  /** An error outside any statement as a fault at the entry function's definition. */
  private entryFault(e: unknown, kind: string, entry?: FunctionInfo): RuntimeFault {
    if (e instanceof RuntimeFault) return e;
    const def = entry ? this.program.functions[entry.index]?.def : this.program.entry?.def;
    const where = def
      ? [{ function: def.sym.name, file: def.loc.file, line: def.loc.line, column: def.loc.column }]
      : [];
    if (e instanceof BusFault) return new RuntimeFault(e.kind, e.message, where, e);
    if (e instanceof EngineFault) return new RuntimeFault(e.kind, e.message, where);
    const message =
      e instanceof RangeError
        ? 'program too complex for the simulator (JavaScript stack limit)'
        : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return new RuntimeFault(kind, message, where, e);
  }

  /** Writes .text/.rodata/.data and zeroes .bss, through the bus (fast when it is RAM). */
  private load(): void {
    const { image, layout } = this.program;
    const base = layout.textStart;
    for (let i = 0; i < image.length; i++) this.memory.w8(base + i, image[i]!);
  }

  /** Starts a thread at `entry` (main by default) on its own stack. */
  spawn(options: SpawnOptions = {}): Thread {
    const layout = this.program.layout;
    const stackTop = options.stackTop ?? layout.stackTop;
    const stackSize = options.stackSize ?? layout.stackTop - layout.stackBottom;
    const th = new Thread(
      this.threads.length,
      options.cpu ?? this.threads.length,
      alignUp(stackTop, 8) - (alignUp(stackTop, 8) === stackTop ? 0 : 8),
      stackSize,
    );
    const fn = this.resolve(options.entry ?? 'main');
    const args = Array.from({ length: fn.params }, (_, i) => options.args?.[i] ?? 0);
    this.threads.push(th);
    try {
      if (this.startFault) throw this.startFault;
      // Allocating the entry's frame can already overflow the stack (a local array bigger than
      // the stack): a fault at the function, as one inside a call would be.
      fn.mk(th, ...args);
    } catch (e) {
      th.state = 'faulted';
      th.fault = this.entryFault(e, 'internal', fn);
    }
    return th;
  }

  /** Runs up to `steps` statements of `th`; stops early when it sleeps, exits or faults. */
  run(th: Thread, steps: number): RunResult {
    if (th.state !== 'running') return { executed: 0, state: th.state };
    this.memory.cpu = th.cpu;
    th.b = steps;
    th.nest = 0;
    try {
      while (th.b > 0 && th.state === 'running') {
        const fr = th.top;
        if (!fr) break;
        fr.fn.step(th, fr);
      }
    } catch (e) {
      th.state = 'faulted';
      th.fault = e instanceof RuntimeFault ? e : new RuntimeFault('internal', String(e), []);
    }
    return { executed: steps - Math.max(th.b, 0), state: th.state };
  }

  /**
   * Enters `handler(args...)` on `th` before its next statement, as an IRQ would: IRQs are masked
   * while it runs and CPSR is restored when it returns; a sleeping (WFI) thread wakes up.
   */
  interrupt(th: Thread, handler: string | number, args: readonly number[] = []): void {
    if (th.state === 'exited' || th.state === 'faulted') return;
    const fn = this.resolve(handler);
    const saved = th.rv;
    const cpsr = th.cpsr;
    let fr: Frame;
    try {
      fr = fn.mk(th, ...Array.from({ length: fn.params }, (_, i) => args[i] ?? 0));
    } catch (e) {
      th.state = 'faulted';
      th.fault = this.entryFault(e, 'internal', fn);
      return;
    }
    fr.isr = true;
    fr.saved = saved;
    fr.scpsr = cpsr;
    th.cpsr = (cpsr | 0x80) >>> 0;
    th.state = 'running';
  }

  /** Wakes a thread sleeping in WFI/WFE. */
  wake(th: Thread): void {
    if (th.state === 'waiting') th.state = 'running';
  }

  /** The function at a code address or with a link name. */
  resolve(handler: string | number): FunctionInfo {
    const address = typeof handler === 'number' ? handler : this.program.symbols.get(handler);
    const fn = address === undefined ? undefined : this.byAddress.get(address);
    if (!fn)
      throw new Error(`no function ${typeof handler === 'number' ? hex32(handler) : handler}`);
    return fn;
  }

  private runtime(): Record<string, unknown> {
    const hooks = this.hooks;
    const mem = (): Memory => this.memory;
    const byAddress = this.byAddress;
    return {
      ...MATH_RUNTIME,
      fault(e: unknown, th: Thread, fr: Frame, s: number): RuntimeFault {
        if (e instanceof RuntimeFault) return e;
        const stack: StackEntry[] = [];
        const at = (f: Frame, pc: number): StackEntry => ({
          function: f.fn.name,
          ...(f.fn.lines[pc] ?? { file: '<unknown>', line: 0, column: 0 }),
        });
        stack.push(at(fr, s));
        for (let f = fr.caller; f; f = f.caller) stack.push(at(f, f.pc));
        if (e instanceof BusFault) return new RuntimeFault(e.kind, e.message, stack, e);
        if (e instanceof EngineFault) return new RuntimeFault(e.kind, e.message, stack);
        return new RuntimeFault(
          'internal',
          `internal error: ${e instanceof Error ? e.message : String(e)}`,
          stack,
        );
      },
      stackOverflow(th: Thread, fp: number): never {
        throw new EngineFault(
          'stack-overflow',
          `stack overflow (sp ${hex32(fp)} below the stack's end ${hex32(th.stackLimit)}, depth ${th.depth})`,
        );
      },
      fnAt(_th: Thread, addr: number): FunctionInfo {
        const f = byAddress.get(addr >>> 0);
        if (!f)
          throw new EngineFault(
            'bad-call',
            `call through a pointer to ${hex32(addr)}, which is not a function`,
          );
        return f;
      },
      // A Cortex-A9 has no divide instruction: GCC calls libgcc's __aeabi_idiv/uidiv/idivmod
      // (and __aeabi_ldivmod/uldivmod), which on a zero divisor return through __aeabi_idiv0
      // without trapping (libgcc config/arm/lib1funcs.S): the quotient saturates by the
      // dividend's sign (0 for 0), the remainder is 0. Measured with arm-none-eabi-gcc 12 under
      // qemu-arm: 5/0 = 2147483647, -5/0 = -2147483648, 0/0 = 0, 7u/0 = 4294967295, x%0 = 0.
      idiv(a: number, b: number): number {
        if (b === 0) return a > 0 ? 2147483647 : a < 0 ? -2147483648 : 0;
        return (a / b) | 0;
      },
      irem(a: number, b: number): number {
        if (b === 0) return 0;
        return (a % b) | 0;
      },
      udiv(a: number, b: number): number {
        if (b === 0) return a !== 0 ? 4294967295 : 0;
        return (a / b) >>> 0;
      },
      urem(a: number, b: number): number {
        if (b === 0) return 0;
        return a % b;
      },
      ldiv(a: bigint, b: bigint, signed: boolean): bigint {
        if (b === 0n) {
          if (a === 0n) return 0n;
          if (!signed) return 0xffffffffffffffffn;
          return a > 0n ? 0x7fffffffffffffffn : -0x8000000000000000n;
        }
        return signed ? BigInt.asIntN(64, a / b) : a / b;
      },
      lrem(a: bigint, b: bigint): bigint {
        if (b === 0n) return 0n;
        return a % b;
      },
      ...SHIFTS,
      // VCVT saturates out-of-range values and turns NaN into 0 (ARM ARM A8.8.306).
      f2i(x: number): number {
        if (Number.isNaN(x)) return 0;
        if (x >= 2147483647) return 2147483647;
        if (x <= -2147483648) return -2147483648;
        return Math.trunc(x) | 0;
      },
      f2u(x: number): number {
        if (!(x > 0)) return 0;
        if (x >= 4294967295) return 4294967295;
        return Math.trunc(x) >>> 0;
      },
      f2l(x: number, signed: boolean): bigint {
        if (Number.isNaN(x)) return 0n;
        const lo = signed ? -(2 ** 63) : 0;
        const hi = signed ? 2 ** 63 - 1 : 2 ** 64 - 1;
        const clamped = Math.min(Math.max(Math.trunc(x), lo), hi);
        return signed ? BigInt.asIntN(64, BigInt(clamped)) : BigInt.asUintN(64, BigInt(clamped));
      },
      vaArg(pp: number, size: number, align: number): number {
        const m = mem();
        let p = m.r32(pp) >>> 0;
        if (align >= 8) p = ((p + 7) & ~7) >>> 0;
        m.w32(pp, p + alignUp(size, 4));
        return p;
      },
      host_putchar(th: Thread, c: number): number {
        hooks.putchar?.(th.cpu, c & 0xff);
        return c;
      },
      host_exit(th: Thread, code: number): boolean {
        th.state = 'exited';
        th.exitCode = code;
        hooks.exit?.(th.cpu, code);
        return true;
      },
      wfi(th: Thread): boolean {
        if (hooks.wfi?.(th.cpu)) {
          th.state = 'waiting';
          return true;
        }
        return false;
      },
      wfe(th: Thread): boolean {
        if (hooks.wfe?.(th.cpu)) {
          th.state = 'waiting';
          return true;
        }
        return false;
      },
      sev(th: Thread): number {
        hooks.sev?.(th.cpu);
        return 0;
      },
      dmb(th: Thread): number {
        hooks.barrier?.(th.cpu, 'dmb');
        return 0;
      },
      dsb(th: Thread): number {
        hooks.barrier?.(th.cpu, 'dsb');
        return 0;
      },
      isb(th: Thread): number {
        hooks.barrier?.(th.cpu, 'isb');
        return 0;
      },
      nop(): number {
        return 0;
      },
      set_cpsr(th: Thread, v: number): number {
        th.cpsr = v >>> 0;
        hooks.cpsr?.(th.cpu, th.cpsr);
        return 0;
      },
    };
  }
}
