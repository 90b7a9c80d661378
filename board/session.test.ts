import { describe, expect, it } from 'vitest';
import { nodeEnv } from './bsp/bsp.ts';
import { BoardSession, MemoryAccessError, type SessionStatus } from './session.ts';

const env = nodeEnv();

/** Echoes a line typed on UART1 and mirrors the switches on the LEDs, polling every 100 us. */
const ECHO = `#include "xparameters.h"
#include "xil_io.h"
#include "xil_printf.h"
#include "xuartps_hw.h"
#include "sleep.h"

#define GPIO XPAR_AXI_GPIO_0_BASEADDR

int main(void) {
  char line[32];
  int n = 0;
  Xil_Out32(GPIO + 4, 0x00);
  xil_printf("ready\\r\\n");
  for (;;) {
    Xil_Out32(GPIO, Xil_In32(GPIO + 8));
    while (XUartPs_IsReceiveData(STDIN_BASEADDRESS)) {
      char c = inbyte();
      if (c == '\\r') {
        line[n] = 0;
        xil_printf("\\r\\ngot '%s'\\r\\n", line);
        n = 0;
      } else if (n < 31) {
        line[n++] = c;
        outbyte(c);
      }
    }
    usleep(100);
  }
}
`;

function session() {
  let uart = '';
  const leds: number[] = [];
  const statuses: SessionStatus[] = [];
  const s = new BoardSession(env, {
    uart: (b) => (uart += String.fromCharCode(b)),
    leds: (v) => leds.push(v),
    status: (st) => statuses.push(st),
  });
  return { s, uart: () => uart, leds, statuses };
}

const build = (s: BoardSession, main: string) =>
  s.build({ files: { 'main.c': main }, sources: ['main.c'] });

describe('BoardSession', () => {
  it('echoes UART input, mirrors the switches, and only moves time while running', async () => {
    const t = session();
    const built = await build(t.s, ECHO);
    expect(built).toEqual({ ok: true, diagnostics: '' });
    expect(t.s.status).toBe('stopped');
    // Stopped: no time passes.
    expect(t.s.runForMs(5)).toBe(0);
    expect(t.uart()).toBe('');

    expect(t.s.con()).toBe(true);
    t.s.runForMs(2);
    expect(t.uart()).toBe('ready\r\n');
    expect(t.s.state().simulatedMs).toBeCloseTo(2, 3);

    t.s.sendInput([...'hi\r'].map((c) => c.charCodeAt(0)));
    t.s.setSwitches(0xa5);
    t.s.runForMs(2);
    expect(t.uart()).toBe("ready\r\nhi\r\ngot 'hi'\r\n");
    expect(t.s.state().leds).toBe(0xa5);
    expect(t.leds.at(-1)).toBe(0xa5);

    expect(t.s.stop()).toBe(true);
    expect(t.statuses).toEqual(['stopped', 'running', 'stopped']);
    const cpu0 = t.s.state().cpus[0]!;
    expect(['running', 'sleeping']).toContain(cpu0.state);
    // Between slices CPU0 is in the loop of main (or in usleep, called from main.c).
    expect(cpu0.where?.file).toBe('main.c');
    expect(cpu0.where?.line).toBeGreaterThanOrEqual(14);
    expect(cpu0.where?.line).toBeLessThanOrEqual(27);
    expect(t.s.state().cpus[1]!.state).toBe('parked');
  });

  it('reads and writes memory through the bus as xsdb does', async () => {
    const t = session();
    await build(t.s, ECHO);
    t.s.setSwitches(0x3c);
    t.s.con();
    t.s.runForMs(1);
    t.s.stop();
    // GPIO_DATA, GPIO_TRI, GPIO2_DATA.
    expect(t.s.readMemory(0x41200000, 3)).toEqual([0x3c, 0x00, 0x3c]);
    t.s.writeMemory(0x41200000, 0x81);
    expect(t.s.state().leds).toBe(0x81);
    expect(t.leds.at(-1)).toBe(0x81);
    t.s.writeMemory(0x1f000000, 0xdeadbeef);
    expect(t.s.readMemory(0x1f000000)).toEqual([0xdeadbeef]);
  });

  it('refuses bad addresses with an error that says why, without touching the board', async () => {
    const t = session();
    const fresh = new BoardSession(env);
    expect(() => fresh.readMemory(0x41200000)).toThrow(/no program on the board/);
    await build(t.s, ECHO);
    const error = (f: () => unknown): MemoryAccessError => {
      try {
        f();
      } catch (e) {
        if (e instanceof MemoryAccessError) return e;
        throw e;
      }
      throw new Error('expected an error');
    };
    expect(error(() => t.s.readMemory(0x41200002)).message).toBe(
      '0x41200002 is not word-aligned (a multiple of 4)',
    );
    const unmapped = error(() => t.s.readMemory(0xe0002000));
    expect(unmapped.code).toBe('bus');
    expect(unmapped.message).toContain('no device decodes this address');
    expect(error(() => t.s.writeMemory(0x43c00000, 1)).message).toContain('AXI DECERR');
    expect(error(() => t.s.readMemory(0x41200000, 0)).code).toBe('count');
    expect(error(() => t.s.writeMemory(0x41200000, 2 ** 32)).code).toBe('value');
    expect(error(() => t.s.readMemory(2 ** 32)).code).toBe('range');
    // The board is unharmed: it still runs.
    t.s.con();
    t.s.runForMs(1);
    expect(t.uart()).toBe('ready\r\n');
  });

  it('runs with the PL unconfigured after setBitstream(false), kept across resets', async () => {
    const t = session();
    await build(t.s, ECHO);
    expect(t.s.state().bitstream).toBe(true);
    t.s.setBitstream(false);
    t.s.reset({ run: true });
    t.s.runForMs(5);
    const state = t.s.state();
    expect(state.bitstream).toBe(false);
    expect(t.s.status).toBe('ended');
    expect(state.cpus[0]?.state).toBe('stalled');
    expect(state.fault).toMatch(
      /^CPU0 stalled: write to 0x41200004 never completes: the PL is not configured/,
    );
    // The debugger's access to the PL stalls too, and says so instead of hanging.
    expect(() => t.s.readMemory(0x41200000)).toThrow(/never completes/);
    t.s.setBitstream(true);
    t.s.reset({ run: true });
    t.s.runForMs(1);
    expect(t.s.status).toBe('running');
    expect(t.uart()).toBe('ready\r\n');
  });

  it('resets to a fresh board with the same program, keeping the switches', async () => {
    const t = session();
    await build(t.s, ECHO);
    t.s.setSwitches(0x0f);
    t.s.con();
    t.s.runForMs(1);
    t.s.writeMemory(0x1f000000, 7);
    t.s.reset();
    expect(t.s.status).toBe('stopped');
    expect(t.s.cycles).toBe(0);
    expect(t.s.state().leds).toBe(0);
    expect(t.s.readMemory(0x1f000000)).toEqual([0]);
    t.s.reset({ run: true });
    t.s.runForMs(1);
    expect(t.uart()).toBe('ready\r\nready\r\n');
    expect(t.s.state().leds).toBe(0x0f);
  });

  it('ends at a data abort with the line, and at main returning once the UART drains', async () => {
    const t = session();
    await build(
      t.s,
      `#include "xil_io.h"
int main(void) {
  return (int)Xil_In32(0x40000001);
}`,
    );
    t.s.con();
    t.s.runForMs(10);
    expect(t.s.status).toBe('ended');
    const state = t.s.state();
    expect(state.cpus[0]).toMatchObject({
      state: 'aborted',
      where: { function: 'main', file: 'main.c', line: 3 },
    });
    expect(state.cpus[0]!.reason).toContain('alignment fault');
    expect(state.fault).toMatch(/alignment fault.* at main\.c:3$/);
    expect(t.s.runtimeMessages()).toContain('at main (main.c:3)');
    expect(t.s.con()).toBe(false);

    const r = session();
    await build(
      r.s,
      `#include "xil_printf.h"\nint main(void) { xil_printf("bye\\r\\n"); return 4; }`,
    );
    r.s.con();
    const ran = r.s.runForMs(50);
    expect(r.s.status).toBe('ended');
    expect(r.uart()).toBe('bye\r\n');
    // It stopped when the last byte left the line (5 frames at 115200 baud), long before 50 ms.
    expect(ran).toBe(r.s.cycles);
    expect(r.s.state().simulatedMs).toBeGreaterThan(0.4);
    expect(r.s.state().simulatedMs).toBeLessThan(5);
    expect(r.s.state().cpus[0]).toMatchObject({ state: 'returned', exitCode: 4 });
  });

  it('yields between chunks when asked, so a host can check for Stop', async () => {
    const t = session();
    await build(t.s, `int main(void) { for (;;) { } }`);
    t.s.con();
    let checks = 0;
    const ran = t.s.runForMs(100, () => ++checks >= 2);
    expect(checks).toBe(2);
    expect(ran).toBeGreaterThan(0);
    expect(t.s.state().simulatedMs).toBeLessThan(100);
    expect(t.s.status).toBe('running');
  });

  it('reports a failed build and has nothing to run', async () => {
    const t = session();
    const built = await build(t.s, `int main(void) { return Xil_In32(0x41200008); }`);
    expect(built.ok).toBe(false);
    expect(built.diagnostics).toContain("undefined reference to `Xil_In32'");
    expect(t.s.status).toBe('empty');
    expect(t.s.con()).toBe(false);
    expect(t.s.state().cpus).toEqual([]);
  });

  it("builds CPU1's program at 0x02000000 and runs both; rst parks CPU1 again", async () => {
    const t = session();
    const built = await t.s.build({
      files: {
        'cpu0.c': `#include "xil_io.h"
#include "xil_printf.h"
int main(void) {
  xil_printf("cpu0\\r\\n");
  Xil_Out32(0xFFFFFFF0, 0x02000000);
  dsb();
  sev();
  while (Xil_In32(0xFFFF0000) == 0) {
  }
  xil_printf("cpu1 wrote %d\\r\\n", Xil_In32(0xFFFF0000));
  return 0;
}`,
        'cpu1.c': `#include "xil_io.h"
int main(void) {
  Xil_Out32(0xFFFF0000, 9);
  for (;;) wfe();
}`,
      },
      sources: ['cpu0.c'],
      cpu1Sources: ['cpu1.c'],
    });
    expect(built).toEqual({ ok: true, diagnostics: '' });
    expect(t.s.state().cpus.map((c) => c.state)).toEqual(['running', 'parked']);
    t.s.con();
    t.s.runForMs(5);
    expect(t.uart()).toBe('cpu0\r\ncpu1 wrote 9\r\n');
    // CPU0 returned, CPU1 sleeps in its own program: the board keeps running, as on hardware.
    expect(t.s.status).toBe('running');
    const [cpu0, cpu1] = t.s.state().cpus;
    expect(cpu0).toMatchObject({ state: 'returned', exitCode: 0 });
    expect(cpu1).toMatchObject({ state: 'sleeping', where: { function: 'main', file: 'cpu1.c' } });
    expect(t.s.readMemory(0xffff0000)).toEqual([9]);
    t.s.reset();
    expect(t.s.state().cpus.map((c) => c.state)).toEqual(['running', 'parked']);
    expect(t.s.readMemory(0xfffffff0)).toEqual([0]);
  });

  it('checks the switch value', () => {
    expect(() => new BoardSession(env).setSwitches(256)).toThrow(/not 0-255/);
  });

  it('hands out the UART as it comes (drainOutput) and the outcome at the end (result)', async () => {
    const s = new BoardSession(env, {}, { end: 'cpu0' });
    expect(s.result()).toMatchObject({ status: 'build-error', reason: 'nothing built' });
    await s.build({
      files: {
        'main.c': `#include "xil_printf.h"
#include "sleep.h"
int main(void) { xil_printf("a\\r\\n"); usleep(1000); xil_printf("b\\r\\n"); return 4; }`,
      },
      sources: ['main.c'],
    });
    s.con();
    s.runForMs(0.5);
    expect(String.fromCharCode(...s.drainOutput())).toBe('a\r\n');
    s.runForMs(10);
    expect(s.status).toBe('ended');
    expect(s.result()).toMatchObject({ status: 'returned', uart: 'b\r\n', exitCode: 4 });
    expect(s.drainOutput()).toEqual([...'b\r\n'].map((c) => c.charCodeAt(0)));
    expect(s.result().uart).toBe('');
    const failed = await s.build({
      files: { 'main.c': 'int main(void) { return x; }' },
      sources: ['main.c'],
    });
    expect(failed.ok).toBe(false);
    expect(s.result()).toMatchObject({ status: 'build-error', reason: 'build failed' });
    expect(s.result().diagnostics).toContain("'x' undeclared");
  });

  it('paces simulated time to the wall clock, and lags at most 100 ms behind', async () => {
    const t = session();
    await build(t.s, 'int main(void) { for (;;) { } }');
    let now = 1000;
    t.s.con();
    expect(t.s.pace(() => now)).toBe(true); // nothing to catch up yet
    now += 5;
    t.s.pace(() => now);
    expect(t.s.state().simulatedMs).toBeCloseTo(5, 1);
    now += 10_000; // a long pause of the page: only 100 ms are made up
    let slices = 0;
    while (!t.s.pace(() => now) && slices < 1000) slices++;
    expect(t.s.state().simulatedMs).toBeGreaterThan(104);
    expect(t.s.state().simulatedMs).toBeLessThan(106);
  });

  it('counts the interrupts the GIC delivered, whatever the program writes to memory', async () => {
    const s = new BoardSession(env, {}, { end: 'cpu0' });
    const built = await s.build({
      files: {
        'main.c': `#include "xil_exception.h"
#include "xil_io.h"
#include "xparameters.h"
#include "xpseudo_asm.h"
#include "xscugic.h"
#include "xscutimer.h"
static XScuGic gic;
static XScuTimer timer;
static volatile int ticks;
static void isr(void *ref) { XScuTimer_ClearInterruptStatus((XScuTimer *)ref); ticks++; }
int main(void) {
  XScuGic_Config *g = XScuGic_LookupConfig(XPAR_SCUGIC_SINGLE_DEVICE_ID);
  XScuGic_CfgInitialize(&gic, g, g->CpuBaseAddress);
  Xil_ExceptionInit();
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_IRQ_INT,
                               (Xil_ExceptionHandler)XScuGic_InterruptHandler, &gic);
  XScuGic_Connect(&gic, XPAR_SCUTIMER_INTR, (Xil_InterruptHandler)isr, &timer);
  XScuGic_Enable(&gic, XPAR_SCUTIMER_INTR);
  XScuTimer_Config *t = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
  XScuTimer_CfgInitialize(&timer, t, t->BaseAddr);
  XScuTimer_LoadTimer(&timer, 33333);
  XScuTimer_EnableAutoReload(&timer);
  XScuTimer_EnableInterrupt(&timer);
  XScuTimer_Start(&timer);
  Xil_ExceptionEnable();
  while (ticks < 3) wfi();
  XScuTimer_Stop(&timer);
  Xil_Out32(0xFFFFFE00U, 99U); /* a counter of its own: the board does not read it */
  return 0;
}`,
      },
      sources: ['main.c'],
    });
    expect(built.diagnostics).toBe('');
    expect(s.state().interrupts).toEqual([]);
    s.con();
    s.runForMs(5);
    const timer = { cpu: 0, id: 29, acknowledged: 3, completed: 3, bySoftware: 0 };
    expect(s.state().interrupts).toEqual([timer]);
    expect(s.result()).toMatchObject({ status: 'returned', interrupts: [timer] });
    s.reset();
    expect(s.state().interrupts).toEqual([]);
  });

  it('prints over the JTAG UART (the DCC) when the BSP stdout is ps7_coresight_comp_0', async () => {
    const hello = `#include "xil_printf.h"
int main(void) { xil_printf("over %s\\r\\n", "JTAG"); return 0; }`;
    const runWith = async (stdout: 'jtag' | 'uart1' | 'uart0' | 'none') => {
      const jtag: number[] = [];
      const s = new BoardSession(env, { jtag: (b) => jtag.push(b) }, { end: 'cpu0' });
      const built = await s.build({ files: { 'main.c': hello }, sources: ['main.c'], stdout });
      expect(built.diagnostics).toBe('');
      s.con();
      s.runForMs(20);
      return { s, listened: String.fromCharCode(...jtag), result: s.result() };
    };
    const viaJtag = await runWith('jtag');
    expect(viaJtag.result).toMatchObject({ status: 'returned', uart: '', jtag: 'over JTAG\r\n' });
    expect(viaJtag.listened).toBe('over JTAG\r\n');
    expect(viaJtag.s.jtagText()).toBe('over JTAG\r\n');
    // 11 bytes, each read by the debugger one poll (20 us) after it was written.
    expect(viaJtag.result.simulatedMs).toBeGreaterThan(0.2);
    expect(String.fromCharCode(...viaJtag.s.drainJtagOutput())).toBe('over JTAG\r\n');
    expect(viaJtag.s.result().jtag).toBe('');
    expect((await runWith('uart1')).result).toMatchObject({ uart: 'over JTAG\r\n', jtag: '' });
    // UART0 is not the console's port, and "none" prints nowhere: both terminals stay silent.
    expect((await runWith('uart0')).result).toMatchObject({
      status: 'returned',
      uart: '',
      jtag: '',
    });
    expect((await runWith('none')).result).toMatchObject({
      status: 'returned',
      uart: '',
      jtag: '',
    });
  });

  it('reads the push buttons through the buttons AXI GPIO while they are held', async () => {
    const t = session();
    const built = await build(
      t.s,
      `#include "xgpio.h"
#include "xparameters.h"
#include "sleep.h"
static XGpio leds, buttons;
int main(void) {
  XGpio_Initialize(&leds, XPAR_AXI_GPIO_0_DEVICE_ID);
  XGpio_Initialize(&buttons, XPAR_AXI_GPIO_1_DEVICE_ID);
  XGpio_SetDataDirection(&leds, 1, 0x00);
  for (;;) {
    XGpio_DiscreteWrite(&leds, 1, XGpio_DiscreteRead(&buttons, 1)); /* BTNC lights LD0, ... */
    usleep(100);
  }
}`,
    );
    expect(built.diagnostics).toBe('');
    t.s.con();
    t.s.runForMs(1);
    expect(t.s.state().leds).toBe(0);
    t.s.setButtons(0b00001); // BTNC held
    t.s.runForMs(1);
    expect(t.s.state()).toMatchObject({ leds: 0b00001, buttons: 0b00001 });
    t.s.setButtons(0b10100); // BTNU and BTNL
    t.s.runForMs(1);
    expect(t.s.state().leds).toBe(0b10100);
    t.s.setButtons(0); // released
    t.s.runForMs(1);
    expect(t.s.state().leds).toBe(0);
    expect(() => t.s.setButtons(32)).toThrow(/32 is not 0-31 \(one bit per button: BTNC/);
  });
});
