/**
 * Runs the firmware engine's CPU threads against the board's clock. Time moves in quanta: in each
 * one every awake CPU runs the statements that fit (CYCLES_PER_STATEMENT each, plus what its device
 * accesses cost), then the clock catches up and devices act. Between slices, an unmasked IRQ the
 * GIC signals enters the IRQ handler on that CPU, as the exception would between instructions.
 *
 * CPU0 starts at `main`. CPU1 sits in the boot ROM loop until an address appears at 0xFFFFFFF0 and
 * an SEV wakes it; it then starts at the function at that address, in its own program when it has
 * one (linked at 0x02000000), else in CPU0's.
 *
 * The engine reaches the board through `FirmwareBus` (its `Bus` over the board's bus; a BusFault
 * the board raises is the engine's own type, so it reaches the RuntimeFault as its `origin`) and
 * `firmwareHooks` (WFI, WFE, SEV and barriers over the GIC and the CPU event registers).
 *
 * Reference: ARM ARM v7-A B1.8 (exceptions are taken between instructions; WFI and WFE wake-up
 * events); embeddedsw `lib/bsp/standalone/src/arm/cortexa9/gcc/asm_vectors.S` and
 * `vectors.c` (the BSP's IRQ path: IRQHandler -> IRQInterrupt -> the registered handler; its
 * default abort handlers spin forever); UG585 6.1.10 (CPU1 waits in the boot ROM for an address at
 * 0xFFFFFFF0 and an SEV).
 */
import { hex32, type Width } from './bus.ts';
import { CYCLES_PER_STATEMENT, deviceAccessCycles } from './clock.ts';
import { Ram } from './devices/ram.ts';
import {
  BusFault,
  type Access,
  type Bus,
  type Hooks,
  type Machine,
  type RamRegion,
  type RuntimeFault,
  type Thread,
} from './firmware/index.ts';
import { DDR_APPLICATION_BASE, type ZynqBoard } from './zynq.ts';

export type CpuState =
  | 'parked' // CPU1 in the boot ROM loop
  | 'running'
  | 'sleeping' // WFI or WFE
  | 'returned' // main returned (on hardware the BSP's _exit then spins)
  | 'aborted' // a data abort: the BSP's default handler spins forever
  | 'stalled' // an AXI access that never completes
  | 'crashed'; // an error of the program the engine reports (bad call, stack overflow, ...)

export interface CpuReport {
  readonly cpu: number;
  readonly state: CpuState;
  readonly exitCode: number | null;
  /** The board's description of a bus fault (kind, address, width, memory type). */
  readonly busFault: BusFault | null;
  /** The engine's fault with file:line and the C call stack. */
  readonly fault: RuntimeFault | null;
}

export interface RunnerOptions {
  /**
   * Function entered for an IRQ (default the BSP's `IRQInterrupt`); interrupts stay pending in a
   * program without it.
   */
  irqHandler?: string;
  /** Cycles per quantum: the longest an unmasked interrupt waits (default 4000, 6 us). */
  quantum?: number;
  /** CPU1's stack when it starts in CPU0's program (default: the top 64 KB of DDR). */
  cpu1StackTop?: number;
  cpu1StackSize?: number;
}

interface Cpu {
  readonly id: number;
  machine: Machine | null;
  thread: Thread | null;
  parked: boolean;
  busFault: BusFault | null;
  badEntry: string | null;
  /** The cycle its thread returned from main or faulted; null while it runs. */
  endedAt: number | null;
}

export class BoardRunner {
  readonly board: ZynqBoard;
  private readonly fbus: FirmwareBus;
  private readonly programs: readonly (Machine | undefined)[];
  private readonly cpus: Cpu[];
  private readonly irqHandler: string;
  private readonly quantum: number;
  private readonly cpu1Stack: { top: number; size: number };
  /** The cycle the running CPU has reached inside its slice, for device accesses to catch up to. */
  private sliceStart = 0;
  private sliceSteps = 0;
  private current: Cpu | null = null;

  constructor(
    board: ZynqBoard,
    fbus: FirmwareBus,
    machines: { cpu0: Machine; cpu1?: Machine },
    options: RunnerOptions = {},
  ) {
    this.board = board;
    this.fbus = fbus;
    this.programs = [machines.cpu0, machines.cpu1];
    this.irqHandler = options.irqHandler ?? 'IRQInterrupt';
    this.quantum = options.quantum ?? 4000;
    this.cpu1Stack = {
      top: options.cpu1StackTop ?? board.ddr.size,
      size: options.cpu1StackSize ?? 0x10000,
    };
    const cpu0Thread = machines.cpu0.spawn({ cpu: 0 });
    this.cpus = [
      {
        id: 0,
        machine: machines.cpu0,
        thread: cpu0Thread,
        parked: false,
        busFault: null,
        badEntry: null,
        endedAt: null,
      },
      {
        id: 1,
        machine: null,
        thread: null,
        parked: true,
        busFault: null,
        badEntry: null,
        endedAt: null,
      },
    ];
    fbus.beforeDeviceAccess = (cpu) => this.catchUp(cpu);
    board.gic.onIrqLineChange = (cpu, asserted) => {
      // WFI wakes on an interrupt whether or not CPSR.I masks it. WFE should wake only on an
      // unmasked one; the runner wakes it either way and the program's loop sleeps again.
      const c = this.cpus[cpu];
      if (asserted && c?.thread && c.machine && c.thread.state === 'waiting') {
        board.events.awake(cpu);
        c.machine.wake(c.thread);
      }
    };
    board.events.wakeOnEvent(0, () => this.wakeFromWfe(this.cpus[0]!));
    board.events.wakeOnEvent(1, () => {
      const cpu1 = this.cpus[1]!;
      if (cpu1.parked) this.leaveBootRom(cpu1);
      else this.wakeFromWfe(cpu1);
    });
    this.leaveBootRom(this.cpus[1]!);
  }

  report(cpu: number): CpuReport {
    const c = this.cpus[cpu]!;
    const th = c.thread;
    let state: CpuState;
    if (c.parked) state = 'parked';
    else if (c.badEntry !== null || !th) state = 'crashed';
    else if (th.state === 'exited') state = 'returned';
    else if (th.state === 'waiting') state = 'sleeping';
    else if (th.state === 'running') state = 'running';
    else if (c.busFault?.stallsForever) state = 'stalled';
    else if (c.busFault) state = 'aborted';
    else state = 'crashed';
    return {
      cpu,
      state,
      exitCode: th?.exitCode ?? null,
      busFault: c.busFault,
      fault: th?.fault ?? null,
    };
  }

  /**
   * The cycle `cpu` returned from main or faulted (to within a statement), null while it runs: a
   * run reports this time, not the end of the quantum or of the UART's drain.
   */
  endedAt(cpu: number): number | null {
    return this.cpus[cpu]!.endedAt;
  }

  /** Why CPU1 could not start, if it jumped somewhere no function begins. */
  badEntry(cpu: number): string | null {
    return this.cpus[cpu]!.badEntry;
  }

  /** Runs for `cycles` of simulated time, or until `until()` holds after a quantum. */
  run(cycles: number, until: () => boolean = () => false): void {
    const end = this.board.cycles + cycles;
    while (this.board.cycles < end) {
      this.wakeFromWfi();
      let target = Math.min(end, this.board.cycles + this.quantum);
      // With every CPU asleep (or done) nothing happens before the next device event.
      if (!this.cpus.some((c) => c.thread?.state === 'running'))
        target = Math.max(target, Math.min(end, this.board.clock.nextEventAt() ?? end));
      const start = this.board.cycles;
      for (const c of this.cpus) this.runCpu(c, start, target);
      if (target > this.board.cycles) this.board.advance(target - this.board.cycles);
      if (until()) return;
    }
  }

  /** Runs until CPU0 leaves `main` (returns, faults or stalls) or `cycles` pass. */
  runMain(cycles: number): CpuReport {
    this.run(cycles, () => {
      const s = this.report(0).state;
      return s !== 'running' && s !== 'sleeping';
    });
    return this.report(0);
  }

  private runCpu(c: Cpu, start: number, target: number): void {
    let local = start;
    while (local < target && c.thread && c.machine && c.thread.state === 'running') {
      this.maybeInterrupt(c);
      const steps = Math.max(1, Math.ceil((target - local) / CYCLES_PER_STATEMENT));
      this.fbus.deviceCycles[c.id] = 0;
      this.current = c;
      this.sliceStart = local;
      this.sliceSteps = steps;
      const r = c.machine.run(c.thread, steps);
      this.current = null;
      local += r.executed * CYCLES_PER_STATEMENT + this.fbus.deviceCycles[c.id]!;
      if (r.state === 'faulted') {
        const origin = c.thread.fault?.origin;
        c.busFault = origin instanceof BusFault ? origin : null;
      }
      if (r.state === 'faulted' || r.state === 'exited') c.endedAt = Math.min(local, target);
      if (r.executed === 0) break;
    }
  }

  /** Brings the clock up to the statement `cpu` is executing, before it touches a device. */
  private catchUp(cpu: number): void {
    const c = this.current;
    if (!c || c.id !== cpu || !c.thread) return;
    const executed = this.sliceSteps - Math.max(c.thread.b, 0);
    const now = this.sliceStart + executed * CYCLES_PER_STATEMENT + this.fbus.deviceCycles[cpu]!;
    if (now > this.board.cycles) this.board.advance(now - this.board.cycles);
  }

  private maybeInterrupt(c: Cpu): void {
    const th = c.thread;
    if (!th || !c.machine || th.irqMasked) return;
    if (!this.board.gic.pendingFor(c.id)) return;
    // A program without the handler has no IRQ vector to go to: the interrupt stays pending.
    if (!c.machine.program.symbols.has(this.irqHandler)) return;
    c.machine.interrupt(th, this.irqHandler);
  }

  /**
   * A CPU in WFI with its IRQ line asserted wakes, masked or not (ARM ARM v7-A B1.8.13: a pending
   * interrupt is a WFI wake-up event even with CPSR.I set), and loops back to WFI if the program
   * says so. The hook put it to sleep; it wakes here, at the start of the next quantum (at most
   * 6 us later), so \`while (!flag) wfi();\` with a masked interrupt pending costs one pass per
   * quantum, not one per few cycles: simulated time keeps its pace and a run ends at its limit.
   * (A CPU in WFE sleeps on: a masked interrupt is not a WFE wake-up event.)
   */
  private wakeFromWfi(): void {
    for (const c of this.cpus) {
      const th = c.thread;
      if (!th || !c.machine || th.state !== 'waiting') continue;
      if (this.board.events.isSleeping(c.id) || !this.board.gic.pendingFor(c.id)) continue;
      c.machine.wake(th);
    }
  }

  private wakeFromWfe(c: Cpu): void {
    if (c.thread && c.machine) c.machine.wake(c.thread);
  }

  private leaveBootRom(c: Cpu): void {
    const entry = this.board.cpu1BootRom.step();
    if (entry === null) return;
    c.parked = false;
    const own = this.programs[c.id];
    const machine = own ?? this.programs[0]!;
    const { program } = machine;
    // CPU1's own program starts at its load address with the BSP's boot code, which ends in main
    // (its link entry); otherwise the address must be where a function starts.
    const fn =
      own && entry === program.layout.textStart
        ? program.entry
        : program.functions.find((f) => f.address === entry);
    if (!fn) {
      c.badEntry = `CPU${c.id} jumped to ${hex32(entry)}, where no function of its program starts`;
      c.endedAt = this.board.cycles;
      return;
    }
    c.machine = machine;
    c.thread = machine.spawn(
      own
        ? { cpu: c.id, entry: fn.def.sym.linkName }
        : {
            cpu: c.id,
            entry: fn.def.sym.linkName,
            stackTop: this.cpu1Stack.top,
            stackSize: this.cpu1Stack.size,
          },
    );
  }
}

export class FirmwareBus implements Bus {
  /**
   * DDR from 0x00100000 up: the engine reads and writes it straight through the typed arrays.
   * (That fast path skips the MMU attributes, which for DDR stay Normal unless a program remaps
   * it with Xil_SetTlbAttributes.)
   */
  readonly ram: readonly RamRegion[];
  /** Called before each device access, so the runner can bring the clock up to this statement. */
  beforeDeviceAccess: ((cpu: number) => void) | null = null;
  /** Extra cycles device accesses cost each CPU since the runner last took them (clock.ts). */
  readonly deviceCycles: number[];
  private readonly board: ZynqBoard;

  constructor(board: ZynqBoard) {
    this.board = board;
    const cpus = board.events.cpus;
    this.deviceCycles = new Array<number>(cpus).fill(0);
    this.ram = [
      { base: DDR_APPLICATION_BASE, bytes: board.ddr.bytes.subarray(DDR_APPLICATION_BASE) },
    ];
  }

  read8(addr: number, access: Access): number {
    return this.read(addr, 1, access.cpu);
  }
  read16(addr: number, access: Access): number {
    return this.read(addr, 2, access.cpu);
  }
  read32(addr: number, access: Access): number {
    return this.read(addr, 4, access.cpu);
  }
  write8(addr: number, value: number, access: Access): void {
    this.write(addr, value, 1, access.cpu);
  }
  write16(addr: number, value: number, access: Access): void {
    this.write(addr, value, 2, access.cpu);
  }
  write32(addr: number, value: number, access: Access): void {
    this.write(addr, value, 4, access.cpu);
  }

  private read(addr: number, width: Width, cpu: number): number {
    this.charge(addr, cpu);
    return this.board.bus.read(addr, width, cpu);
  }

  private write(addr: number, value: number, width: Width, cpu: number): void {
    this.charge(addr, cpu);
    this.board.bus.write(addr, value, width, cpu);
  }

  private charge(addr: number, cpu: number): void {
    const region = this.board.bus.regionAt(addr);
    if (region?.device instanceof Ram) return;
    this.deviceCycles[cpu] = (this.deviceCycles[cpu] ?? 0) + deviceAccessCycles(addr);
    this.beforeDeviceAccess?.(cpu);
  }
}

/**
 * The engine's intrinsics on this board: WFI always sleeps; an IRQ line that rises wakes it at once
 * and one already asserted wakes it at the next quantum (BoardRunner.wakeFromWfi; WFI wakes on an
 * interrupt even with CPSR.I set, ARM ARM v7-A B1.8.13); WFE and SEV use the event registers;
 * barriers need nothing (the board's bus is in order). `extra` adds or overrides hooks.
 */
export function firmwareHooks(board: ZynqBoard, extra: Hooks = {}): Hooks {
  return {
    wfi: () => true,
    wfe: (cpu) => board.events.wfe(cpu),
    sev: (cpu) => board.events.sev(cpu),
    barrier: () => undefined,
    ...extra,
  };
}
