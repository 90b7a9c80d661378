/**
 * How a run ends, as a board on the desk would show it: the time main really returned, the UART's
 * last line after a hang, and a time limit that ends every run (issue #13, board behaviour).
 */
import { describe, expect, it } from 'vitest';
import { nodeEnv } from './bsp/bsp.ts';
import { BoardSession, runFirmware } from './session.ts';

const run = (main: string, options: { ms?: number } = {}) =>
  runFirmware({ files: { 'main.c': main }, sources: ['main.c'], ...options }, nodeEnv());

/** The private timer's interrupt pending at the GIC, with CPSR.I never cleared. */
const MASKED_TIMER = `
#include "xscugic.h"
#include "xscutimer.h"
#include "xil_printf.h"
volatile int flag = 0;
static XScuGic gic;
static XScuTimer timer;
static void tick(void *ref) { XScuTimer_ClearInterruptStatus((XScuTimer *)ref); flag = 1; }
static void start_timer(void) {
  XScuGic_Config *gc = XScuGic_LookupConfig(0);
  XScuGic_CfgInitialize(&gic, gc, gc->CpuBaseAddress);
  XScuTimer_Config *tc = XScuTimer_LookupConfig(0);
  XScuTimer_CfgInitialize(&timer, tc, tc->BaseAddr);
  XScuGic_Connect(&gic, 29, tick, &timer);
  XScuGic_Enable(&gic, 29);
  XScuTimer_LoadTimer(&timer, 1000);
  XScuTimer_EnableInterrupt(&timer);
  XScuTimer_Start(&timer);
}
`;

describe('the end of a run', () => {
  it('reports when main returned, not the time limit', async () => {
    const r = await run('int main(void) { return 0; }', { ms: 3000 });
    expect(r.status).toBe('returned');
    expect(r.reason).toBe('returned 0 after 0.0 ms');
    expect(r.simulatedMs).toBeLessThan(0.1);
  });

  it('reports the return time of a program that printed, before its UART drained', async () => {
    // 30 bytes at 115200 8N1 take 2.6 ms on the line; main returns once they are in the FIFO.
    const r = await run(
      `#include "xil_printf.h"
int main(void) { xil_printf("%s", "0123456789012345678901234567\\r\\n"); return 4; }`,
      { ms: 3000 },
    );
    expect(r.uart).toBe('0123456789012345678901234567\r\n');
    const returnedMs = Number(/after (\d+\.\d) ms/.exec(r.reason)?.[1]);
    expect(returnedMs).toBeLessThan(0.5);
    expect(r.simulatedMs).toBeGreaterThan(2.5);
    expect(r.simulatedMs).toBeLessThan(3);
  });

  it('ends at its limit when WFI wakes on a masked pending interrupt and loops', async () => {
    const start = performance.now();
    const r = await run(
      `${MASKED_TIMER}
int main(void) {
  start_timer();
  xil_printf("waiting\\r\\n");
  while (!flag) wfi();
  xil_printf("never: IRQs stay masked\\r\\n");
  return 0;
}`,
      { ms: 2000 },
    );
    expect(r.status).toBe('timeout');
    expect(r.simulatedMs).toBeCloseTo(2000, 0);
    expect(r.uart).toBe('waiting\r\n');
    // Two simulated seconds of a WFI loop in well under the test's time.
    expect(performance.now() - start).toBeLessThan(8000);
  });

  it('still takes the interrupt once the program unmasks it after such a loop', async () => {
    const r = await run(
      `${MASKED_TIMER}
#include "xil_exception.h"
int main(void) {
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_INT, (Xil_ExceptionHandler)XScuGic_InterruptHandler, &gic);
  start_timer();
  for (int i = 0; i < 5; i++) wfi();
  xil_printf("flag=%d\\r\\n", flag);
  Xil_ExceptionEnable();
  while (!flag) wfi();
  xil_printf("flag=%d\\r\\n", flag);
  return 0;
}`,
      { ms: 100 },
    );
    expect(r.uart).toBe('flag=0\r\nflag=1\r\n');
    expect(r.status).toBe('returned');
  });

  it('lets an interactive session end at its limit too (the console worker runs in slices)', async () => {
    const session = new BoardSession(nodeEnv());
    const built = await session.build({
      files: { 'main.c': `${MASKED_TIMER}\nint main(void) { start_timer(); for (;;) wfi(); }` },
      sources: ['main.c'],
    });
    expect(built.ok).toBe(true);
    session.con();
    const ran = session.runForMs(500);
    expect(session.state().simulatedMs).toBeCloseTo(500, 0);
    expect(ran).toBeGreaterThan(0);
    expect(session.status).toBe('running');
  });
});

describe('the UART after a fault or a stall', () => {
  it('sends what its FIFO held when the CPU stalled, as a terminal would show it', async () => {
    const r = await run(`#include "xil_printf.h"
#include "xil_io.h"
int main(void) {
  xil_printf("about to touch the PL\\r\\n");
  Xil_Out32(0x41200000, 1);
  Xil_Out32(0xF8000008, 0xDF0D); /* SLCR_UNLOCK */
  Xil_Out32(0xF8000240, 0xF);    /* FPGA_RST_CTRL: the PL held in reset */
  Xil_Out32(0x41200000, 2);
  xil_printf("never\\r\\n");
  return 0;
}`);
    expect(r.status).toBe('fault');
    expect(r.fault?.kind).toBe('pl-stall');
    expect(r.uart).toBe('about to touch the PL\r\n');
    // It ends once the FIFO has drained (23 frames, 2 ms), not at the 1 s limit.
    expect(r.simulatedMs).toBeLessThan(10);
  });

  it('sends what its FIFO held when the CPU took a data abort', async () => {
    const r = await run(`#include "xil_printf.h"
#include "xil_io.h"
int main(void) {
  xil_printf("reading an unaligned register\\r\\n");
  return (int)Xil_In32(0xE0001002);
}`);
    expect(r.status).toBe('fault');
    expect(r.fault?.kind).toBe('alignment');
    expect(r.uart).toBe('reading an unaligned register\r\n');
  });

  it('keeps the timers running while the UART drains', async () => {
    const session = new BoardSession(nodeEnv(), {}, { end: 'cpu0' });
    await session.build({
      files: {
        'main.c': `#include "xil_printf.h"
#include "xil_io.h"
int main(void) {
  Xil_Out32(0xF8F00208, 1);
  xil_printf("%s\\r\\n", "a line long enough to take a few milliseconds on the wire");
  Xil_Out32(0x40000002, 0);
  return 0;
}`,
      },
      sources: ['main.c'],
    });
    session.con();
    session.runForMs(100);
    expect(session.status).toBe('ended');
    expect(session.result().uart).toContain('on the wire\r\n');
    // The global timer counts at CPU/2 all along; read through the debugger's view after the end.
    const [low] = session.readMemory(0xf8f00200, 1);
    expect(low! / 333_333_343).toBeCloseTo(session.state().simulatedMs / 1000, 3);
  });
});
