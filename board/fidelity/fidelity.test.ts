import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXCLUDED, fidelityPrograms, firstDifference, runFidelity } from './suite.ts';

describe('the fidelity suite against QEMU (xilinx-zynq-a9)', () => {
  it('says where two transcripts first differ', () => {
    expect(firstDifference('tick 1\r\n', 'tick 1\r\n')).toBeNull();
    expect(firstDifference('tick 1\r\ntick 2\r\n', 'tick 1\r\n')).toBe(
      'transcripts differ at byte 8: QEMU "tick 1\\r\\ntick 2\\r\\n", board "tick 1\\r\\n"',
    );
    expect(firstDifference('a=5', 'a=6')).toMatch(/^transcripts differ at byte 2:/);
  });

  it('names a reason for every excluded program, and excludes nothing it does not hold', () => {
    const { excluded } = fidelityPrograms();
    const names = excluded.map((p) => p.slice(p.lastIndexOf('/') + 1, -2));
    expect(names.sort()).toEqual(Object.keys(EXCLUDED).sort());
  });

  it(
    'gives the same UART transcript on the board and on QEMU for every compared program',
    { timeout: 120_000 },
    async () => {
      const lines: string[] = [];
      const report = await runFidelity({ log: (l) => lines.push(l) });
      const { compared, excluded } = fidelityPrograms();
      expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
      expect(report.passed).toBe(compared.length);
      expect(report.excluded).toBe(excluded.length);
      expect(report.summary).toBe(
        `fidelity: ${compared.length} passed, 0 failed, ${excluded.length} excluded`,
      );
    },
  );

  it('prints the summary as the last line of npm run fidelity, for one named program', () => {
    const out = execFileSync(
      process.execPath,
      ['board/fidelity/cli.ts', 'uart-printf', 'pl-gpio'],
      { encoding: 'utf8' },
    ).trimEnd();
    expect(out.split('\n')).toEqual([
      'pass uart-printf',
      `excluded pl-gpio: ${EXCLUDED['pl-gpio']}`,
      'fidelity: 1 passed, 0 failed, 1 excluded',
    ]);
  });
});
