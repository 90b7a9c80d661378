/**
 * `firmware build` finds the BSP as `board run` does: the README's `npm run firmware -- build
 * timer.c` on a program that includes xparameters.h and calls the BSP's drivers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function firmware(dir: string, ...args: string[]) {
  return new Promise<{ code: number; stderr: string }>((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir }, (error, _stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('firmware build', () => {
  it('builds a program that uses the BSP, like board run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firmware-cli-'));
    const timer = fileURLToPath(
      new URL('../../site/lessons/zynq/examples/interrupts/timer.c', import.meta.url),
    );
    const { code, stderr } = await firmware(dir, 'build', timer);
    expect(stderr).not.toMatch(/No such file/);
    expect(code).toBe(0);
  });

  it("prints ld's undefined reference for a function nobody defines", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firmware-cli-'));
    writeFileSync(
      join(dir, 'main.c'),
      '#include "xparameters.h"\nvoid missing(void);\nint main(void) { missing(); return 0; }\n',
    );
    const { code, stderr } = await firmware(dir, 'build', 'main.c');
    expect(code).toBe(1);
    expect(stderr).toMatch(/undefined reference to `missing'/);
  });
});
