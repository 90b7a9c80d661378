/**
 * The Zynq lessons quote what their example programs print on the simulated board. These tests
 * run every example file under site/lessons/zynq/examples/ in Node and check the lines the
 * lessons quote, so a change to the board, the BSP or the firmware engine that changes an
 * example's output fails here instead of leaving a lesson that no longer matches its console.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEnv } from '../../../board/bsp/bsp.ts';
import { runFirmware, type FirmwareRunRequest } from '../../../board/session.ts';

const EXAMPLES = join('site', 'lessons', 'zynq', 'examples');

function read(lesson: string): Record<string, string> {
  const dir = join(EXAMPLES, lesson);
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

async function run(
  lesson: string,
  cpu0: string,
  options: Partial<FirmwareRunRequest> & { cpu1?: string } = {},
) {
  const { cpu1, ...rest } = options;
  const result = await runFirmware(
    {
      files: read(lesson),
      sources: [cpu0],
      ...(cpu1 ? { cpu1Sources: [cpu1] } : {}),
      ...rest,
    },
    nodeEnv(),
  );
  // No example may fault or fail to build; a diagnostic would be a warning the lesson hides.
  expect(result.status, result.reason).not.toMatch(/build-error|fault/);
  expect(result.diagnostics).toBe('');
  return result;
}

describe('every example file is exercised here', () => {
  it('lists the examples the tests below run', () => {
    const files = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.c'))
      .sort();
    expect(files).toEqual([
      'amp-boot/cpu0.c',
      'amp-boot/cpu1.c',
      'amp-boot/race0.c',
      'amp-boot/race1.c',
      'interrupts/timer-no-clear.c',
      'interrupts/timer.c',
      'shufflenet-in-c/loop-order.c',
      'uart-printf/baud-table.c',
      'uart-printf/line-editor.c',
      'uart-printf/print-timing.c',
      'uart-printf/uart-raw.c',
    ]);
  });
});

describe('the UART lesson examples', () => {
  it('uart-raw.c reports the baud rate and echoes in upper case', async () => {
    const r = await run('uart-printf', 'uart-raw.c', { ms: 50, input: 'ab' });
    expect(r.uart).toContain('baud    100 MHz / (124 x 7) = 115207');
    expect(r.uart).toContain('AB');
  });

  it('baud-table.c finds the divisors the lesson shows', async () => {
    const r = await run('uart-printf', 'baud-table.c', { ms: 200 });
    expect(r.status).toBe('returned');
    expect(r.uart).toContain('921600     18    5  0012/05   925925 +0.469%    10.8');
    expect(r.uart).toContain('At reset: CD 651, BDIV 15, so 9600 baud.');
  });

  it('print-timing.c shows the FIFO absorbing 65 characters', async () => {
    const r = await run('uart-printf', 'print-timing.c', { ms: 200 });
    expect(r.status).toBe('returned');
    expect(r.uart).toMatch(/ {3}65 {10}17\r?\n {3}66 {10}96/);
  });

  it('line-editor.c answers a command typed on the console', async () => {
    const r = await run('uart-printf', 'line-editor.c', { ms: 100, input: 'hex 255\r' });
    expect(r.uart).toContain('255 = 0x000000FF = 0b11111111');
  });
});

describe('the interrupt lesson examples', () => {
  it('timer.c counts 10 ticks a second', async () => {
    const r = await run('interrupts', 'timer.c', { ms: 2100 });
    expect(r.uart).toContain('1 s: 10 ticks');
    expect(r.uart).toContain('2 s: 20 ticks');
  });

  it('timer-no-clear.c is interrupted once', async () => {
    const r = await run('interrupts', 'timer-no-clear.c', { ms: 500 });
    expect(r.leds).toBe(1);
  });
});

describe('the AMP lesson examples', () => {
  it('cpu0.c starts cpu1.c, which sums the shared words', async () => {
    const r = await run('amp-boot', 'cpu0.c', { cpu1: 'cpu1.c', ms: 100 });
    expect(r.status).toBe('returned');
    expect(r.exitCode).toBe(0);
    expect(r.uart).toContain('CPU1: main is running at 0x02000000');
    expect(r.uart).toContain('CPU1 summed 64 words: 85344 (expected 85344)');
  });

  it('race0.c and race1.c interleave on the one UART', async () => {
    const r = await run('amp-boot', 'race0.c', { cpu1: 'race1.c', ms: 100 });
    expect(r.status).toBe('returned');
    expect(r.uart).toContain('CPU1: this is line 3 of 3 from the second Cortex-A9 core');
    // Interleaved: CPU0's second line and CPU1's first line do not arrive whole.
    expect(r.uart).toContain('CPU0: this is line 1 of 3 from the first Cortex-A9 core');
    expect(r.uart).not.toContain('CPU0: this is line 2 of 3 from the first Cortex-A9 core');
    expect(r.uart).not.toContain('CPU1: this is line 1 of 3 from the second Cortex-A9 core');
  });
});

describe('the ShuffleNet-in-C lesson example', () => {
  it('loop-order.c times both loop orders, which agree; the lesson quotes its lines', async () => {
    const r = await run('shufflenet-in-c', 'loop-order.c', { ms: 1000 });
    expect(r.status, r.reason + r.diagnostics).toBe('returned');
    expect(r.uart).toContain('same output yes');
    const lines = r.uart.split('\r\n').filter((l) => /^(MACs|pixel-outer|chan-outer)/.test(l));
    expect(lines).toHaveLength(3);
    const text = readFileSync(join('site', 'lessons', 'zynq', 'shufflenet-in-c.mdx'), 'utf8');
    expect(text).toContain(`\`\`\`text\n${lines.join('\n')}\n\`\`\``);
    const macs = Number(/MACs +(\d+)/.exec(lines[0]!)![1]);
    const perMac = [1, 2].map((i) => Number(/(\d+) cycles/.exec(lines[i]!)![1]) / macs);
    const shown = ((perMac[0]! + perMac[1]!) / 2).toFixed(1);
    expect(text.replace(/\s+/g, ' ')).toContain(`(about ${shown} cycles per MAC)`);
  });
});
