/**
 * The composition root: a Zynq-7000 board (two Cortex-A9 CPUs' worth of devices, as a Zybo or
 * ZedBoard-style Vivado design has them) wired onto one bus and one clock, with a host API for the
 * console, the CLI and tests. The CPUs themselves are the firmware engine's threads; see
 * `runner.ts` (FirmwareBus, firmwareHooks) for how they reach this board.
 *
 * Reference: UG585 table 4-1 (system address map) and section 7.2 (interrupt IDs, board/irq.ts);
 * embeddedsw `lib/bsp/standalone/src/arm/cortexa9/gcc/translation_table.S` (the BSP's default MMU
 * table).
 */
import { BootRomPark } from './boot-rom.ts';
import { Bus, banked } from './bus.ts';
import { Clock } from './clock.ts';
import { IRQ } from './irq.ts';
import { CpuEvents } from './cpu-events.ts';
import { AXI_BRAM_BASE, AXI_BRAM_SIZE, AxiBramController } from './devices/axi-bram.ts';
import {
  AXI_GPIO_BASE,
  AXI_GPIO_BUTTONS_BASE,
  AXI_GPIO_SIZE,
  AxiGpio,
} from './devices/axi-gpio.ts';
import { DCC_WINDOW_BASE, DCC_WINDOW_SIZE, Dcc } from './devices/dcc.ts';
import { GIC_CPU_INTERFACE_BASE, GIC_DISTRIBUTOR_BASE, Gic } from './devices/gic.ts';
import { GLOBAL_TIMER_BASE, GLOBAL_TIMER_SIZE, ScuGlobalTimer } from './devices/global-timer.ts';
import {
  MMU_TABLE_WINDOW_BASE,
  MMU_TABLE_WINDOW_SIZE,
  MmuTableWindow,
} from './devices/mmu-table.ts';
import { OCM_RAM_HI_AFTER_BOOT, Ocm } from './devices/ocm.ts';
import {
  PRIVATE_TIMER_BASE,
  PRIVATE_TIMER_SIZE,
  ScuPrivateTimer,
} from './devices/private-timer.ts';
import { Ram } from './devices/ram.ts';
import { SCU_BASE, SCU_SIZE, ScuControl } from './devices/scu.ts';
import { SIM_WAKE_BASE, SIM_WAKE_SIZE, SimWake } from './devices/sim-wake.ts';
import { PL_STALL_ADVICE, ProgrammableLogic } from './devices/pl.ts';
import { SLCR_BASE, SLCR_SIZE, Slcr } from './devices/slcr.ts';
import { CadenceUart, UART0_BASE, UART1_BASE, UART_SIZE } from './devices/uart.ts';

export const CPU_COUNT = 2;
export const DDR_BASE = 0x00000000;
/** 512 MB, as on the Zybo Z7-20 and the ZedBoard. */
export const DDR_DEFAULT_SIZE = 0x20000000;
/** Vitis applications link at 0x00100000: the first MB of DDR is shared with the low OCM. */
export const DDR_APPLICATION_BASE = 0x00100000;

export interface ZynqBoardOptions {
  ddrBytes?: number;
  /** OCM_CFG.RAM_HI (default 0b1000: banks 0-2 low, bank 3 high, as after the boot ROM). */
  ocmRamHi?: number;
  /** UART1 as the FSBL leaves it, 115200 8N1 and enabled (default true); false: hardware reset. */
  uartInitialized?: boolean;
  slcrLocked?: boolean;
  /** A bitstream is loaded in the PL (default true); false: the PL is unconfigured. */
  bitstream?: boolean;
  switches?: number;
  /** The push buttons held at reset (bit 0 BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU). */
  buttons?: number;
  onUartByte?: (byte: number) => void;
  onLeds?: (leds: number) => void;
  /** Each byte the JTAG UART's debugger reads from a CPU's DCC (devices/dcc.ts). */
  onJtagByte?: (byte: number, cpu: number) => void;
}

export interface ZynqBoard {
  readonly bus: Bus;
  readonly clock: Clock;
  readonly gic: Gic;
  readonly events: CpuEvents;
  readonly ddr: Ram;
  readonly ocm: Ocm;
  readonly slcr: Slcr;
  /** Whether the PL can answer: its bitstream, clock, reset and level shifters. */
  readonly pl: ProgrammableLogic;
  readonly scu: ScuControl;
  readonly uart0: CadenceUart;
  readonly uart1: CadenceUart;
  readonly privateTimers: readonly ScuPrivateTimer[];
  readonly globalTimer: ScuGlobalTimer;
  readonly gpio: AxiGpio;
  /** The push buttons' AXI GPIO (`axi_gpio_1`, channel 1, five inputs). */
  readonly buttonGpio: AxiGpio;
  readonly bram: AxiBramController;
  /** Both CPUs' debug communications channels: the JTAG UART. */
  readonly dcc: Dcc;
  /** CPU1's boot ROM loop (WFE, read 0xFFFFFFF0, jump when non-zero). */
  readonly cpu1BootRom: BootRomPark;

  /** Sets (or with null removes) the listener for each byte UART1 finishes transmitting. */
  onUartByte(listener: ((byte: number) => void) | null): void;
  /** A byte typed on the console into UART1's receiver; false if it was lost. */
  sendUartByte(byte: number): boolean;
  /** The eight LEDs on AXI GPIO channel 1, bit 0 = LD0. */
  readonly leds: number;
  onLeds(listener: ((leds: number) => void) | null): void;
  /** The eight slide switches on AXI GPIO channel 2. */
  setSwitches(value: number): void;
  /** The five push buttons held down (bit 0 BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU). */
  setButtons(value: number): void;

  /** CPU cycles since reset. */
  readonly cycles: number;
  /** Moves simulated time forward, letting devices act (timers expire, UART frames finish). */
  advance(cycles: number): void;

  /** Whether the GIC asserts `cpu`'s IRQ line (an interrupt ICCIAR would return). */
  irqPending(cpu: number): boolean;
  /** Acknowledges on `cpu` as a read of ICCIAR does; returns the IAR value (1023: spurious). */
  ack(cpu: number): number;
  /** Ends an interrupt on `cpu` as a write of ICCEOIR does. */
  eoi(cpu: number, iar: number): void;
}

export function createZynqBoard(options: ZynqBoardOptions = {}): ZynqBoard {
  const bus = new Bus();
  const clock = new Clock();
  const gic = new Gic(CPU_COUNT);
  const events = new CpuEvents(CPU_COUNT);

  // Memory. DDR first so that the low OCM banks shadow its first 192 KB (UG585 table 4-1).
  const ddr = new Ram(options.ddrBytes ?? DDR_DEFAULT_SIZE);
  bus.map(DDR_BASE, ddr.size, ddr, 'ddr');
  const ocm = new Ocm();
  const ramHi = options.ocmRamHi ?? OCM_RAM_HI_AFTER_BOOT;
  for (const w of ocm.windows(ramHi))
    bus.map(w.base, w.size, w.device, w.name, { shadows: w.base < ddr.size });

  // PS peripherals.
  const slcr = new Slcr({ locked: options.slcrLocked ?? true, ocmRamHi: ramHi });
  bus.map(SLCR_BASE, SLCR_SIZE, slcr, 'slcr');
  const pl = new ProgrammableLogic(slcr, { bitstream: options.bitstream ?? true });
  bus.plGate = () => {
    const cause = pl.stallCause();
    return cause && PL_STALL_ADVICE[cause];
  };
  const uartInitialized = options.uartInitialized ?? true;
  const uart0 = new CadenceUart(clock, gic, {
    interruptId: IRQ.UART0,
    initialized: uartInitialized,
  });
  bus.map(UART0_BASE, UART_SIZE, uart0, 'uart0');
  const uart1 = new CadenceUart(clock, gic, {
    interruptId: IRQ.UART1,
    initialized: uartInitialized,
  });
  bus.map(UART1_BASE, UART_SIZE, uart1, 'uart1');

  // The SCU's CPU-private block.
  const scu = new ScuControl(CPU_COUNT);
  bus.map(SCU_BASE, SCU_SIZE, scu, 'scu');
  bus.map(GIC_CPU_INTERFACE_BASE, 0x100, gic.cpuInterface, 'gic cpu interface');
  bus.map(GIC_DISTRIBUTOR_BASE, 0x1000, gic.distributor, 'gic distributor');
  const globalTimer = new ScuGlobalTimer(clock, gic, CPU_COUNT);
  bus.map(GLOBAL_TIMER_BASE, GLOBAL_TIMER_SIZE, globalTimer.device, 'global timer');
  const privateTimers = Array.from(
    { length: CPU_COUNT },
    (_, cpu) => new ScuPrivateTimer(clock, gic, cpu),
  );
  bus.map(PRIVATE_TIMER_BASE, PRIVATE_TIMER_SIZE, banked(privateTimers), 'private timer');
  // Simulator-only helpers in reserved SCU space: a wake-up for the BSP's sleep
  // (devices/sim-wake.ts) and the stand-in for CP15 TLB maintenance (devices/mmu-table.ts).
  bus.map(SIM_WAKE_BASE, SIM_WAKE_SIZE, new SimWake(clock, globalTimer, events), 'sim wake');
  bus.map(
    MMU_TABLE_WINDOW_BASE,
    MMU_TABLE_WINDOW_SIZE,
    new MmuTableWindow(bus.attributes),
    'mmu table',
  );
  // The CPUs' CP14 debug communications channels, the JTAG UART (devices/dcc.ts).
  const dcc = new Dcc(clock, CPU_COUNT);
  dcc.onByte = options.onJtagByte ?? null;
  bus.map(DCC_WINDOW_BASE, DCC_WINDOW_SIZE, dcc, 'dcc');

  // The PL design: block RAM and GPIO behind M_AXI_GP0.
  const bram = new AxiBramController();
  bus.map(AXI_BRAM_BASE, AXI_BRAM_SIZE, bram, 'axi bram');
  const gpio = new AxiGpio(gic);
  bus.map(AXI_GPIO_BASE, AXI_GPIO_SIZE, gpio, 'axi gpio');
  gpio.setInputs(2, options.switches ?? 0);
  const buttonGpio = new AxiGpio(gic, {
    interruptId: IRQ.PL1,
    width1: 5,
    width2: 0,
    allInputs1: true,
  });
  bus.map(AXI_GPIO_BUTTONS_BASE, AXI_GPIO_SIZE, buttonGpio, 'axi gpio buttons');
  buttonGpio.setInputs(1, options.buttons ?? 0);
  gpio.onLeds = options.onLeds ?? null;
  uart1.onByte = options.onUartByte ?? null;

  const cpu1BootRom = new BootRomPark(bus, events, 1);

  return {
    bus,
    clock,
    gic,
    events,
    ddr,
    ocm,
    slcr,
    pl,
    scu,
    uart0,
    uart1,
    privateTimers,
    globalTimer,
    gpio,
    buttonGpio,
    bram,
    dcc,
    cpu1BootRom,
    onUartByte: (listener) => {
      uart1.onByte = listener;
    },
    sendUartByte: (byte) => uart1.receive(byte),
    get leds() {
      return gpio.leds;
    },
    onLeds: (listener) => {
      gpio.onLeds = listener;
    },
    setSwitches: (value) => gpio.setInputs(2, value),
    setButtons: (value) => buttonGpio.setInputs(1, value),
    get cycles() {
      return clock.cycles;
    },
    advance: (cycles) => clock.advance(cycles),
    irqPending: (cpu) => gic.pendingFor(cpu),
    ack: (cpu) => gic.acknowledge(cpu),
    eoi: (cpu, iar) => gic.endOfInterrupt(cpu, iar),
  };
}
