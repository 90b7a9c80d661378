import { describe, expect, it } from 'vitest';
import { nodeEnv } from './bsp/bsp.ts';
import { runFirmware } from './session.ts';

const run = (
  main: string,
  options: { ms?: number; input?: string; switches?: number; bitstream?: boolean } = {},
) => runFirmware({ files: { 'main.c': main }, sources: ['main.c'], ...options }, nodeEnv());

describe('runFirmware', () => {
  it('returns the UART transcript, the LEDs and the exit code', async () => {
    const r = await run(
      `
      #include "xil_io.h"
      int main(void) {
        xil_printf("sw=%02x\\r\\n", Xil_In32(0x41200008));
        Xil_Out32(0x41200004, 0);
        Xil_Out32(0x41200000, 0x81);
        return 3;
      }`,
      { switches: 0x5a, ms: 50 },
    );
    expect(r.status).toBe('returned');
    expect(r.uart).toBe('sw=5A\r\n');
    expect(r.leds).toBe(0x81);
    expect(r.exitCode).toBe(3);
    expect(r.reason).toMatch(/^returned 3 after \d+\.\d ms$/);
    expect(r.fault).toBeNull();
  });

  it('runs out of time in an endless loop', async () => {
    const r = await run(`int main(void) { for (;;) { } }`, { ms: 2 });
    expect(r.status).toBe('timeout');
    expect(r.simulatedMs).toBeCloseTo(2, 2);
  });

  it('reports a build error with GCC and ld messages', async () => {
    const r = await run(`int main(void) { return Xil_In32(0x41200008); }`);
    expect(r.status).toBe('build-error');
    expect(r.diagnostics).toContain("warning: implicit declaration of function 'Xil_In32'");
    expect(r.diagnostics).toContain("undefined reference to `Xil_In32'");
  });

  it("reports an alignment abort at the learner's line, not inside the BSP", async () => {
    const r = await run(`#include "xil_io.h"
int main(void) {
  return (int)Xil_In32(0x40000001);
}`);
    expect(r.status).toBe('fault');
    expect(r.fault).toEqual({
      kind: 'alignment',
      address: 0x40000001,
      file: 'main.c',
      line: 3,
      cpu: 0,
    });
    expect(r.reason).toContain('data abort (alignment fault) reading word at 0x40000001');
    expect(r.reason).toMatch(/at main\.c:3$/);
  });

  it('explains an external abort on a PL address with no slave', async () => {
    const r = await run(`#include "xil_io.h"
int main(void) { Xil_Out32(0x44A00000, 1); return 0; }`);
    expect(r.status).toBe('fault');
    expect(r.reason).toBe(
      "data abort (imprecise external abort, AXI DECERR) writing word to 0x44A00000: no AXI slave in the PL design decodes this address; the BSP's default abort handler loops silently (check the address against xparameters.h) at main.c:2",
    );
  });

  it('explains a stall when the PL has no bitstream', async () => {
    const r = await run(
      `#include "xil_io.h"
int main(void) { return (int)Xil_In32(0x41200008); }`,
      { bitstream: false },
    );
    expect(r.status).toBe('fault');
    expect(r.fault?.kind).toBe('pl-stall');
    expect(r.reason).toBe(
      'CPU0 stalled: read from 0x41200008 never completes: the PL is not configured: program the FPGA with the bitstream before running at main.c:2',
    );
  });

  it('types --input into UART1 one character per frame', async () => {
    const r = await run(
      `
      #include "xil_printf.h"
      int main(void) {
        for (int i = 0; i < 3; i++) { char c = inbyte(); outbyte(c - 'a' + 'A'); }
        return 0;
      }`,
      { input: 'abc', ms: 20 },
    );
    expect(r.status).toBe('returned');
    expect(r.uart).toBe('ABC');
  });

  it('builds a CPU1 program at 0x02000000 and starts it through 0xFFFFFFF0', async () => {
    const r = await runFirmware(
      {
        files: {
          'cpu0.c': `#include "xil_io.h"
int main(void) {
  Xil_Out32(0xFFFFFFF0, 0x02000000); dmb(); sev();
  while (Xil_In32(0xFFFF0000) != 7) { }
  xil_printf("cpu1 says %d\\r\\n", Xil_In32(0xFFFF0000));
  return 0;
}`,
          'cpu1.c': `#include "xil_io.h"
int main(void) { Xil_Out32(0xFFFF0000, 7); for (;;) wfe(); }`,
        },
        sources: ['cpu0.c'],
        cpu1Sources: ['cpu1.c'],
        ms: 20,
      },
      nodeEnv(),
    );
    expect(r.status).toBe('returned');
    expect(r.uart).toBe('cpu1 says 7\r\n');
  });
});
