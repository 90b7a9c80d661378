import { describe, expect, it } from 'vitest';
import { FirmwareBus, firmwareHooks } from './runner.ts';
import { Machine } from './firmware/machine.ts';
import { buildC, messagesOf } from './firmware/testing.ts';
import { BoardRunner, type RunnerOptions } from './runner.ts';
import { createZynqBoard, type ZynqBoard } from './zynq.ts';

const CPU_HZ = 666_666_687;
const FRAME_8N1 = Math.ceil((10 * CPU_HZ) / (100e6 / (124 * 7)));
const MS = Math.round(CPU_HZ / 1000);

/** The registers the programs use, as a learner's header would spell them (UG585 appendix B). */
const REGS = `
#define REG(a) (*(volatile unsigned int *)(a))
#define UART1_SR REG(0xE000102C)
#define UART1_FIFO REG(0xE0001030)
#define ICDDCR REG(0xF8F01000)
#define ICDISER0 REG(0xF8F01100)
#define ICDIPR_BYTE(id) (*(volatile unsigned char *)(0xF8F01400 + (id)))
#define ICDSGIR REG(0xF8F01F00)
#define ICCICR REG(0xF8F00100)
#define ICCPMR REG(0xF8F00104)
#define ICCIAR REG(0xF8F0010C)
#define ICCEOIR REG(0xF8F00110)
#define SCUTIMER_LOAD REG(0xF8F00600)
#define SCUTIMER_CONTROL REG(0xF8F00608)
#define SCUTIMER_ISR REG(0xF8F0060C)
#define GTIMER_LOWER REG(0xF8F00200)
#define GTIMER_CONTROL REG(0xF8F00208)
#define GPIO_DATA REG(0x41200000)
#define GPIO_TRI REG(0x41200004)
#define GPIO2_DATA REG(0x41200008)
static void put(char c) { while (UART1_SR & 0x10) { } UART1_FIFO = c; }
static void puts_(const char *s) { while (*s) put(*s++); }
static void irq_on(void) { __set_cpsr(__get_cpsr() & ~0x80u); }
`;

async function boot(
  main: string,
  options: RunnerOptions & { cpu1?: string; switches?: number } = {},
): Promise<{ board: ZynqBoard; runner: BoardRunner; out: () => string; fbus: FirmwareBus }> {
  let text = '';
  const board = createZynqBoard({
    onUartByte: (b) => (text += String.fromCharCode(b)),
    switches: options.switches ?? 0,
  });
  const fbus = new FirmwareBus(board);
  const build = async (source: string, textBase?: number): Promise<Machine> => {
    const r = await buildC({ 'main.c': REGS + source }, textBase ? { link: { textBase } } : {});
    if (!r.program) throw new Error(messagesOf(r));
    return new Machine(r.program, fbus, firmwareHooks(board));
  };
  const cpu0 = await build(main);
  const cpu1 = options.cpu1 ? await build(options.cpu1, 0x02000000) : undefined;
  const runner = new BoardRunner(board, fbus, cpu1 ? { cpu0, cpu1 } : { cpu0 }, options);
  return { board, runner, out: () => text, fbus };
}

describe('BoardRunner with the firmware engine', () => {
  it('prints through UART1 at the baud rate, the CPU waiting on TXFULL', async () => {
    const { board, runner, out } = await boot(`
      int main(void) { for (int i = 0; i < 100; i++) put('a' + i % 26); return 7; }`);
    const r = runner.runMain(100 * MS);
    expect(r.state).toBe('returned');
    expect(r.exitCode).toBe(7);
    // main returns once the last byte is in the FIFO: 100 - 65 frames have gone out by then.
    expect(board.cycles).toBeGreaterThan(35 * FRAME_8N1);
    expect(board.cycles).toBeLessThan(37 * FRAME_8N1);
    board.advance(70 * FRAME_8N1);
    expect(out()).toBe('abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, 100));
  });

  it('takes private timer interrupts in a C handler at 1 kHz', async () => {
    const { board, runner } = await boot(
      `
      volatile int ticks;
      void irq(void) {
        unsigned iar = ICCIAR;
        if ((iar & 0x3FF) == 29) { SCUTIMER_ISR = 1; ticks++; }
        ICCEOIR = iar;
      }
      int main(void) {
        ICDDCR = 1;
        ICDIPR_BYTE(29) = 0xA0;
        ICDISER0 = 1u << 29;
        ICCPMR = 0xF0;
        ICCICR = 7;
        SCUTIMER_LOAD = 333333 - 1;
        SCUTIMER_CONTROL = 7;
        irq_on();
        while (ticks < 5) __wfi();
        return ticks;
      }`,
      { irqHandler: 'irq' },
    );
    const r = runner.runMain(20 * MS);
    expect(r.state).toBe('returned');
    expect(r.exitCode).toBe(5);
    expect(board.cycles / MS).toBeGreaterThan(4.99);
    expect(board.cycles / MS).toBeLessThan(5.02);
  });

  it('starts CPU1 through 0xFFFFFFF0 and SEV; the two exchange a value through OCM', async () => {
    const { runner, out } = await boot(
      `
      #define SHARED REG(0xFFFF0010)
      #define REPLY REG(0xFFFF0014)
      int main(void) {
        SHARED = 0; REPLY = 0;
        REG(0xFFFFFFF0) = 0x02000000;
        __dmb();
        __sev();
        SHARED = 41;
        while (REPLY == 0) { }
        puts_(REPLY == 42 ? "ok\\r\\n" : "bad\\r\\n");
        return 0;
      }`,
      {
        cpu1: `
      int main(void) {
        while (REG(0xFFFF0010) == 0) { }
        REG(0xFFFF0014) = REG(0xFFFF0010) + 1;
        for (;;) __wfe();
      }`,
      },
    );
    expect(runner.report(1).state).toBe('parked');
    const r = runner.runMain(5 * MS);
    expect(r.fault?.format() ?? null).toBeNull();
    expect(r.state).toBe('returned');
    expect(runner.report(1).state).toBe('sleeping');
    runner.run(MS);
    expect(out()).toBe('ok\r\n');
  });

  it('leaves CPU1 parked when CPU0 forgets the SEV', async () => {
    const { runner } = await boot(
      `int main(void) { REG(0xFFFFFFF0) = 0x02000000; for (int i = 0; i < 1000; i++) { } return 0; }`,
      { cpu1: `int main(void) { return 0; }` },
    );
    runner.runMain(MS);
    expect(runner.report(1).state).toBe('parked');
  });

  it('sends an SGI from CPU0 to a handler on CPU1', async () => {
    const { runner, out } = await boot(
      `
      void irq(void) { unsigned iar = ICCIAR; ICCEOIR = iar; }
      int main(void) {
        ICDDCR = 1;
        REG(0xFFFFFFF0) = 0x02000000; __sev();
        while (REG(0xFFFF0000) != 1) { }
        ICDSGIR = (2u << 16) | 3;
        while (REG(0xFFFF0000) != 2) { }
        return 0;
      }`,
      {
        irqHandler: 'irq',
        cpu1: `
      volatile unsigned got;
      void irq(void) {
        unsigned iar = ICCIAR;
        got = iar;
        ICCEOIR = iar;
      }
      int main(void) {
        ICCPMR = 0xF0; ICCICR = 1; irq_on();
        REG(0xFFFF0000) = 1;
        while (got == 0) __wfi();
        puts_(got == 3 ? "sgi 3 from cpu0\\r\\n" : "wrong\\r\\n");
        REG(0xFFFF0000) = 2;
        for (;;) __wfi();
      }`,
      },
    );
    const r = runner.runMain(5 * MS);
    expect(r.fault?.format() ?? null).toBeNull();
    expect(r.state).toBe('returned');
    runner.run(2 * MS); // 17 frames of 87 us to drain
    expect(out()).toBe('sgi 3 from cpu0\r\n');
  });

  it('reports an unaligned Xil_In32 on the BRAM as an alignment abort at its line', async () => {
    const { runner } = await boot(`
      int main(void) {
        unsigned v = REG(0x40000000);
        v += REG(0x40000002);
        return v;
      }`);
    const r = runner.runMain(MS);
    expect(r.state).toBe('aborted');
    expect(r.busFault?.kind).toBe('alignment');
    expect(r.busFault?.address).toBe(0x40000002);
    expect(r.fault?.kind).toBe('alignment');
    expect(r.fault?.loc.line).toBe(REGS.split('\n').length + 3); // the `v +=` line
    expect(r.fault?.message).toContain('data abort (alignment fault) reading word at 0x40000002');
  });

  it('reports a write to a PL address with no slave as an external abort (DECERR)', async () => {
    const { runner } = await boot(`int main(void) { REG(0x44A00000) = 1; return 0; }`);
    const r = runner.runMain(MS);
    expect(r.state).toBe('aborted');
    expect(r.busFault?.message).toBe(
      "data abort (imprecise external abort, AXI DECERR) writing word to 0x44A00000: no AXI slave in the PL design decodes this address; the BSP's default abort handler loops silently (check the address against xparameters.h)",
    );
  });

  it('stalls on a PL access while the PL is held in reset (SLCR FPGA_RST_CTRL)', async () => {
    const { runner } = await boot(`int main(void) {
      REG(0xF8000008) = 0xDF0D; /* SLCR_UNLOCK */
      REG(0xF8000240) = 1;      /* FPGA_RST_CTRL: FPGA0_OUT_RST */
      GPIO_DATA = 1;
      return 0;
    }`);
    const r = runner.runMain(MS);
    expect(r.state).toBe('stalled');
    expect(r.busFault?.message).toBe(
      'write to 0x41200000 never completes: the PL is held in reset: SLCR FPGA_RST_CTRL bit 0 (FPGA0_OUT_RST) must be 0 to release it',
    );
  });

  it('copies the switches to the LEDs', async () => {
    const { board, runner } = await boot(
      `int main(void) { GPIO_TRI = 0; GPIO_DATA = GPIO2_DATA ^ 0xFF; return 0; }`,
      { switches: 0x0f },
    );
    runner.runMain(MS);
    expect(board.leds).toBe(0xf0);
  });

  it('measures time with the global timer', async () => {
    const { board, runner } = await boot(`
      int main(void) {
        GTIMER_CONTROL = 1;
        unsigned start = GTIMER_LOWER;
        while (GTIMER_LOWER - start < 333333) { }
        return 0;
      }`);
    const r = runner.runMain(5 * MS);
    expect(r.fault?.format() ?? null).toBeNull();
    expect(r.state).toBe('returned');
    expect(board.cycles / MS).toBeGreaterThan(1);
    expect(board.cycles / MS).toBeLessThan(1.01);
  });

  it("starts CPU1 at a function of CPU0's own program, on its own stack at the top of DDR", async () => {
    const board = createZynqBoard({ ddrBytes: 0x04000000 }); // 64 MB
    const fbus = new FirmwareBus(board);
    const r = await buildC({
      'main.c':
        REGS +
        `
      volatile int cpu1_local_seen;
      void cpu1_main(void) {
        int local = 5; /* on CPU1's stack */
        cpu1_local_seen = (int)(unsigned)&local;
        REG(0xFFFF0000) = 1;
        for (;;) __wfe();
      }
      int main(void) {
        REG(0xFFFF0000) = 0;
        REG(0xFFFFFFF0) = (unsigned)cpu1_main;
        __sev();
        while (REG(0xFFFF0000) == 0) { }
        return 0;
      }`,
    });
    if (!r.program) throw new Error(messagesOf(r));
    const machine = new Machine(r.program, fbus, firmwareHooks(board));
    const runner = new BoardRunner(board, fbus, { cpu0: machine });
    expect(runner.runMain(MS).state).toBe('returned');
    expect(runner.report(1).state).toBe('sleeping');
    const stackAddress = board.bus.read(r.program.symbols.get('cpu1_local_seen')!, 4);
    expect(stackAddress).toBeGreaterThan(0x04000000 - 0x10000);
    expect(stackAddress).toBeLessThan(0x04000000);
  });
});
