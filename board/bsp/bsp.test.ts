import { describe, expect, it } from 'vitest';
import { FirmwareBus, firmwareHooks } from '../runner.ts';
import { build, type BuildResult } from '../firmware/build.ts';
import { loadCParser } from '../firmware/c-parser.ts';
import { Machine } from '../firmware/machine.ts';
import { messagesOf } from '../firmware/testing.ts';
import { BoardRunner, type CpuReport } from '../runner.ts';
import { createZynqBoard, type ZynqBoard } from '../zynq.ts';
import { BSP_INCLUDE_DIR, loadBsp } from './bsp.ts';

const MS = Math.round(666_666_687 / 1000);

async function buildWithBsp(main: string, textBase?: number): Promise<BuildResult> {
  const bsp = loadBsp();
  const parser = await loadCParser();
  return build(parser, { 'main.c': main, ...bsp.files }, ['main.c', ...bsp.sources], {
    systemDirs: [BSP_INCLUDE_DIR],
    ...(textBase ? { link: { textBase } } : {}),
  });
}

interface Run {
  readonly board: ZynqBoard;
  readonly runner: BoardRunner;
  readonly report: CpuReport;
  /** When main returned (or the time ran out), in CPU cycles. */
  readonly mainCycles: number;
  readonly uart: () => string;
}

/** Builds main.c (and a CPU1 program) with the BSP, runs CPU0's main, then lets the UART drain. */
async function run(
  main: string,
  options: {
    cpu1?: string;
    ms?: number;
    switches?: number;
    onLeds?: (leds: number, cycles: number) => void;
  } = {},
): Promise<Run> {
  let text = '';
  const board = createZynqBoard({
    onUartByte: (b) => (text += String.fromCharCode(b)),
    switches: options.switches ?? 0,
  });
  const onLeds = options.onLeds;
  if (onLeds) board.onLeds((leds) => onLeds(leds, board.cycles));
  const fbus = new FirmwareBus(board);
  const machine = async (source: string, textBase?: number): Promise<Machine> => {
    const r = await buildWithBsp(source, textBase);
    if (!r.program) throw new Error(messagesOf(r));
    return new Machine(r.program, fbus, firmwareHooks(board));
  };
  const cpu0 = await machine(main);
  const cpu1 = options.cpu1 ? await machine(options.cpu1, 0x02000000) : undefined;
  const runner = new BoardRunner(board, fbus, cpu1 ? { cpu0, cpu1 } : { cpu0 });
  const report = runner.runMain((options.ms ?? 50) * MS);
  const mainCycles = board.cycles;
  runner.run(10 * MS); // drains a full 64-byte FIFO (5.6 ms at 115200 baud)
  return { board, runner, report, mainCycles, uart: () => text };
}

describe('BSP on the simulated board', () => {
  it('xil_printf formats as Xilinx: upper-case hex, zero padding before the sign, no %f', async () => {
    const { report, uart } = await run(`
      #include "xil_printf.h"
      int main(void) {
        xil_printf("%d|%5d|%-4x|%05d|%s|%c|%%|%f|%X\\r\\n", -3, 42, 255, -5, "str", 'Z', 7, 0xbeef);
        xil_printf("%u %x %3s|%-3s|%.2s\\n", -1, -1, "a", "b", "xyz");
        return 0;
      }`);
    expect(report.state).toBe('returned');
    // %f prints nothing and leaves 7 for %X; "\n" goes out unchanged.
    expect(uart()).toBe('-3|   42|FF  |000-5|str|Z|%||7\r\n4294967295 FFFFFFFF   a|b  |xy\n');
  });

  it('turns a missing #include "xil_io.h" into an implicit declaration, then an undefined reference', async () => {
    const r = await buildWithBsp(`
      #include "xil_types.h"
      int main(void) { return (int)Xil_In32(0x41200008); }`);
    const messages = messagesOf(r);
    expect(r.program).toBeNull();
    expect(messages).toContain("implicit declaration of function 'Xil_In32'");
    expect(messages).toContain("undefined reference to `Xil_In32'");
  });

  it('counts private timer ticks through the GIC at the programmed rate (xscutimer_intr_example)', async () => {
    const { report, uart, mainCycles } = await run(
      `
      #include "xparameters.h"
      #include "xscugic.h"
      #include "xscutimer.h"
      #include "xil_exception.h"
      #include "xil_printf.h"
      static XScuGic Intc;
      static XScuTimer Timer;
      static volatile int Ticks;
      static void TimerIntrHandler(void *CallBackRef) {
        XScuTimer *TimerInstancePtr = (XScuTimer *)CallBackRef;
        if (XScuTimer_IsExpired(TimerInstancePtr)) {
          XScuTimer_ClearInterruptStatus(TimerInstancePtr);
          Ticks++;
        }
      }
      int main(void) {
        XScuTimer_Config *TimerConfig = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
        if (XScuTimer_CfgInitialize(&Timer, TimerConfig, TimerConfig->BaseAddr) != XST_SUCCESS) return 1;
        XScuGic_Config *IntcConfig = XScuGic_LookupConfig(XPAR_SCUGIC_SINGLE_DEVICE_ID);
        XScuGic_CfgInitialize(&Intc, IntcConfig, IntcConfig->CpuBaseAddress);
        Xil_ExceptionInit();
        Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_IRQ_INT,
                                     (Xil_ExceptionHandler)XScuGic_InterruptHandler, &Intc);
        XScuGic_Connect(&Intc, XPAR_SCUTIMER_INTR, (Xil_ExceptionHandler)TimerIntrHandler, &Timer);
        XScuGic_Enable(&Intc, XPAR_SCUTIMER_INTR);
        XScuTimer_EnableInterrupt(&Timer);
        Xil_ExceptionEnable();
        /* 1 kHz: the timer counts at half the CPU clock. */
        XScuTimer_EnableAutoReload(&Timer);
        XScuTimer_LoadTimer(&Timer, XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ / 2 / 1000 - 1);
        XScuTimer_Start(&Timer);
        while (Ticks < 10) {
        }
        xil_printf("ticks=%d\\r\\n", Ticks);
        return 0;
      }`,
    );
    expect(report.state).toBe('returned');
    expect(uart()).toBe('ticks=10\r\n');
    // Ten 1 ms periods; the print only fills the FIFO.
    expect(mainCycles / MS).toBeGreaterThan(10);
    expect(mainCycles / MS).toBeLessThan(10.1);
  });

  it('aborts an unaligned Xil_In32 on the BRAM and says where', async () => {
    const { report } = await run(`
      #include "xil_io.h"
      #include "xparameters.h"
      int main(void) {
        Xil_Out32(XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR, 0x12345678);
        u32 v = Xil_In32(XPAR_AXI_BRAM_CTRL_0_S_AXI_BASEADDR + 2);
        return (int)v;
      }`);
    expect(report.state).toBe('aborted');
    expect(report.busFault?.kind).toBe('alignment');
    // The abort is in the inline Xil_In32, called from main.c line 6.
    expect(report.fault?.callStack.map((s) => `${s.function}:${s.line}`)).toContain('main:6');
  });

  it('aborts on a write to a PL address with no slave (DECERR)', async () => {
    const { report } = await run(`
      #include "xil_io.h"
      int main(void) { Xil_Out32(0x44A00000, 1); return 0; }`);
    expect(report.state).toBe('aborted');
    expect(report.busFault?.kind).toBe('no-slave');
    expect(report.busFault?.write).toBe(true);
  });

  it('wakes CPU1 with 0xFFFFFFF0 and SEV; the CPUs exchange a value in OCM mapped 0x14de2', async () => {
    const { report, runner, uart } = await run(
      `
      #include "xil_io.h"
      #include "xil_mmu.h"
      #include "xil_printf.h"
      #define COMM_VAL (*(volatile unsigned long *)0xFFFF0000)
      #define COMM_ACK (*(volatile unsigned long *)0xFFFF0004)
      int main(void) {
        Xil_SetTlbAttributes(0xFFFF0000, 0x14de2);
        COMM_VAL = 0; COMM_ACK = 0;
        Xil_Out32(0xFFFFFFF0, 0x02000000);
        dmb();
        sev();
        COMM_VAL = 20;
        while (COMM_ACK == 0) { }
        xil_printf("CPU1 answered %d\\r\\n", (int)COMM_ACK);
        return 0;
      }`,
      {
        cpu1: `
      #include "xil_mmu.h"
      #include "xpseudo_asm.h"
      #define COMM_VAL (*(volatile unsigned long *)0xFFFF0000)
      #define COMM_ACK (*(volatile unsigned long *)0xFFFF0004)
      int main(void) {
        Xil_SetTlbAttributes(0xFFFF0000, 0x14de2);
        while (COMM_VAL == 0) { }
        COMM_ACK = COMM_VAL * 2 + 2;
        for (;;) wfe();
      }`,
      },
    );
    expect(report.state).toBe('returned');
    expect(runner.report(1).state).toBe('sleeping');
    expect(uart()).toBe('CPU1 answered 42\r\n');
  });

  it('shows the switches on the LEDs through XGpio', async () => {
    const { report, board } = await run(
      `
      #include "xgpio.h"
      #include "xparameters.h"
      int main(void) {
        XGpio Gpio;
        if (XGpio_Initialize(&Gpio, XPAR_AXI_GPIO_0_DEVICE_ID) != XST_SUCCESS) return 1;
        XGpio_SetDataDirection(&Gpio, 1, 0x00);
        XGpio_SetDataDirection(&Gpio, 2, 0xFF);
        XGpio_DiscreteWrite(&Gpio, 1, XGpio_DiscreteRead(&Gpio, 2) << 1);
        return 0;
      }`,
      { switches: 0x15 },
    );
    expect(report.state).toBe('returned');
    expect(board.leds).toBe(0x2a);
  });

  it('waits with usleep on the global timer', async () => {
    const { report, mainCycles } = await run(
      `
      #include "sleep.h"
      int main(void) { usleep(2000); return 0; }`,
      { ms: 10 },
    );
    expect(report.state).toBe('returned');
    // COUNTS_PER_USECOND truncates 333.33 to 333, so 2000 us is 1.998 ms, as on hardware;
    // runMain stops within a 6 us quantum of main returning.
    expect(mainCycles / MS).toBeGreaterThan(1.998);
    expect(mainCycles / MS).toBeLessThan(2.01);
  });

  it('blinks the LEDs once a second with sleep(1)', async () => {
    const changes: string[] = [];
    const { report } = await run(
      `
      #include "sleep.h"
      #include "xgpio.h"
      #include "xparameters.h"
      int main(void) {
        XGpio Gpio;
        XGpio_Initialize(&Gpio, XPAR_AXI_GPIO_0_DEVICE_ID);
        XGpio_SetDataDirection(&Gpio, 1, 0x00);
        for (u32 i = 1; i <= 3; i++) {
          XGpio_DiscreteWrite(&Gpio, 1, i);
          sleep(1);
        }
        return 0;
      }`,
      {
        ms: 4000,
        onLeds: (leds, cycles) => changes.push(`${leds}@${Math.round(cycles / MS)}ms`),
      },
    );
    expect(report.state).toBe('returned');
    expect(changes).toEqual(['1@0ms', '2@1000ms', '3@2000ms']);
  });

  it('keeps printing at the baud rate while the CPU waits on a full TX FIFO', async () => {
    const { report, uart, mainCycles } = await run(`
      #include "xil_printf.h"
      int main(void) {
        for (int i = 0; i < 10; i++) xil_printf("line %d: abcdefghijklmnopqrstuvwxyz\\r\\n", i);
        return 0;
      }`);
    expect(report.state).toBe('returned');
    const expected = Array.from(
      { length: 10 },
      (_, i) => `line ${i}: abcdefghijklmnopqrstuvwxyz\r\n`,
    );
    expect(uart()).toBe(expected.join(''));
    // main returns when the last of 360 bytes enters the FIFO: 360 - 65 frames of 86.8 us.
    expect(mainCycles / MS).toBeGreaterThan(25.5);
    expect(mainCycles / MS).toBeLessThan(25.8);
  });

  it("sleeps without swallowing the other CPU's SEV", async () => {
    const { report, uart } = await run(
      `
      #include "sleep.h"
      #include "xil_io.h"
      int main(void) {
        Xil_Out32(0xFFFFFFF0, 0x02000000);
        sev();
        wfe(); /* our own SEV set our event register too: use it up */
        usleep(1000); /* CPU1 sends its SEV meanwhile */
        wfe(); /* falls through: that event is still pending */
        xil_printf("woken\\r\\n");
        return 0;
      }`,
      {
        cpu1: `
      #include "sleep.h"
      #include "xpseudo_asm.h"
      int main(void) { usleep(100); sev(); for (;;) wfe(); }`,
      },
    );
    expect(report.state).toBe('returned');
    expect(uart()).toBe('woken\r\n');
  });
});
