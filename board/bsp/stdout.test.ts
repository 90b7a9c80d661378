import { describe, expect, it } from 'vitest';
import { loadBsp } from './bsp.ts';
import { BSP_INCLUDE_DIR } from './paths.ts';
import { bspWithStdout, parseStdoutChoice, stdoutDefines } from './stdout.ts';

const XPARAMETERS = `${BSP_INCLUDE_DIR}/xparameters.h`;

describe('the BSP settings stdin/stdout', () => {
  it('ships UART1 as the default, as xparameters.h says', () => {
    const bsp = loadBsp();
    expect(bsp.files[XPARAMETERS]).toContain(stdoutDefines('uart1'));
    expect(bspWithStdout(bsp, 'uart1')).toBe(bsp);
  });

  it('writes the block Vitis writes for each choice, and keeps the rest of xparameters.h', () => {
    const bsp = loadBsp();
    const jtag = bspWithStdout(bsp, 'jtag').files[XPARAMETERS]!;
    expect(jtag).toContain(
      '#define STDIN_BASEADDRESS 0xF8800000\n#define STDOUT_BASEADDRESS 0xF8800000\n#define XPAR_STDIN_IS_CORESIGHTPS_DCC\n',
    );
    expect(jtag).not.toContain('STDOUT_BASEADDRESS 0xE0001000');
    expect(bspWithStdout(bsp, 'uart0').files[XPARAMETERS]).toContain(
      '#define STDOUT_BASEADDRESS 0xE0000000\n',
    );
    const none = bspWithStdout(bsp, 'none').files[XPARAMETERS]!;
    expect(none).not.toMatch(/#define STD(IN|OUT)_BASEADDRESS/);
    expect(none.replace(/\/\* BSP stdin\/stdout: begin \*\/\n/, '')).toContain(
      '#define XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ 666666687',
    );
    // The same object for the same choice: the compiled BSP is found again by its content.
    expect(bspWithStdout(bsp, 'jtag')).toBe(bspWithStdout(bsp, 'jtag'));
  });

  it('refuses a BSP without the block and an unknown choice, saying what was expected', () => {
    const bare = { files: { [XPARAMETERS]: '#define X 1\n' }, sources: [] };
    expect(() => bspWithStdout(bare, 'jtag')).toThrow(/no stdin\/stdout block: expected the lines/);
    expect(() => parseStdoutChoice('uart2')).toThrow(
      /'uart2' is not a choice \(expected uart1, uart0, jtag, none\)/,
    );
    expect(parseStdoutChoice('jtag')).toBe('jtag');
  });
});
