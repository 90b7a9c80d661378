/**
 * The BSP settings' stdin/stdout, as Vitis applies them: the `stdout` (and `stdin`) setting of the
 * standalone BSP names a device, and the generated xparameters.h says which (STDOUT_BASEADDRESS,
 * STDIN_BASEADDRESS; for the JTAG UART also XPAR_STDIN_IS_CORESIGHTPS_DCC), which outbyte.c follows.
 * Here one choice sets both, and the BSP's xparameters.h gets the block Vitis would write. Each
 * choice is a BSP of its own content, so it is compiled once (bsp/cache.ts keys by content).
 *
 * Reference: Xilinx embeddedsw `lib/bsp/standalone` (the `stdin`/`stdout` parameters and the
 * generated outbyte.c/inbyte.c); UG585 table 4-1 (UART0 at 0xE0000000, UART1 at 0xE0001000,
 * CoreSight debug at 0xF8800000, the base xparameters.h gives `ps7_coresight_comp_0`).
 * Browser-safe: no Node modules.
 */
import type { Bsp } from './bsp.ts';
import { BSP_INCLUDE_DIR } from './paths.ts';

/** What the BSP's stdout (and stdin) is: a PS UART, the JTAG UART over the DCC, or nothing. */
export type StdoutChoice = 'uart0' | 'uart1' | 'jtag' | 'none';

export const STDOUT_CHOICES: readonly StdoutChoice[] = ['uart1', 'uart0', 'jtag', 'none'];

/** The board's default, as the Zybo's and ZedBoard's designs have it: UART1 on the USB port. */
export const DEFAULT_STDOUT: StdoutChoice = 'uart1';

/** The instance name Vitis shows for each choice in the BSP settings. */
export const STDOUT_INSTANCE: Readonly<Record<StdoutChoice, string>> = {
  uart0: 'ps7_uart_0',
  uart1: 'ps7_uart_1',
  jtag: 'ps7_coresight_comp_0',
  none: 'none',
};

const BEGIN = '/* BSP stdin/stdout: begin */';
const END = '/* BSP stdin/stdout: end */';
const XPARAMETERS = `${BSP_INCLUDE_DIR}/xparameters.h`;

/** The lines Vitis writes into xparameters.h for `choice`. */
export function stdoutDefines(choice: StdoutChoice): string {
  const base = (address: string) =>
    `#define STDIN_BASEADDRESS ${address}\n#define STDOUT_BASEADDRESS ${address}\n`;
  switch (choice) {
    case 'uart0':
      return base('0xE0000000');
    case 'uart1':
      return base('0xE0001000');
    case 'jtag':
      return `${base('0xF8800000')}#define XPAR_STDIN_IS_CORESIGHTPS_DCC\n`;
    case 'none':
      return '';
  }
}

/** Throws unless `value` is one of the choices, saying which are. */
export function parseStdoutChoice(value: string): StdoutChoice {
  if ((STDOUT_CHOICES as readonly string[]).includes(value)) return value as StdoutChoice;
  throw new RangeError(
    `stdout: '${value}' is not a choice (expected ${STDOUT_CHOICES.join(', ')})`,
  );
}

const derived = new WeakMap<Bsp, Map<StdoutChoice, Bsp>>();

/**
 * `bsp` with its stdin/stdout set to `choice` (the same object for the same BSP and choice, so the
 * compiled BSP is found again). Throws if xparameters.h lacks the block's markers.
 */
export function bspWithStdout(bsp: Bsp, choice: StdoutChoice): Bsp {
  let mine = derived.get(bsp);
  if (!mine) derived.set(bsp, (mine = new Map()));
  const known = mine.get(choice);
  if (known) return known;
  const text = bsp.files[XPARAMETERS];
  const begin = text?.indexOf(BEGIN) ?? -1;
  const end = text?.indexOf(END) ?? -1;
  if (text === undefined || begin < 0 || end < begin)
    throw new Error(
      `the BSP's ${XPARAMETERS} has no stdin/stdout block: expected the lines '${BEGIN}' and '${END}'`,
    );
  const current = text.slice(begin + BEGIN.length + 1, end);
  const wanted = stdoutDefines(choice);
  const result =
    current === wanted
      ? bsp
      : {
          files: {
            ...bsp.files,
            [XPARAMETERS]: `${text.slice(0, begin + BEGIN.length + 1)}${wanted}${text.slice(end)}`,
          },
          sources: bsp.sources,
        };
  mine.set(choice, result);
  return result;
}
