/**
 * Test fixture shared by the board's xsdb tests (message keys and parameters) and the site's
 * (the same answers in its words): a board running a program that mirrors the switches on the
 * LEDs, and an xsdb command line over it whose lines are worded by the caller.
 */
import { nodeEnv } from './bsp/bsp.ts';
import type { StdoutChoice } from './bsp/stdout.ts';
import { BoardSession } from './session.ts';
import { executeXsdb, formatXsdb } from './xsdb.ts';

/** LEDs follow the switches; `count` goes up once per loop, so a stop finds it in main.c. */
export const MIRROR = `#include "xil_io.h"
volatile unsigned int count;
int main(void) {
  Xil_Out32(0x41200004, 0);
  for (;;) {
    Xil_Out32(0x41200000, Xil_In32(0x41200008));
    count++;
  }
}
`;

const env = nodeEnv();

/** How a caller words a message: its key and parameters to a line of text. */
export type Wording = Parameters<typeof formatXsdb>[1];

/** A board with no program built yet. */
export const unbuiltBoard = () => new BoardSession(env);

/** A board built with `main` and an xsdb command line over it, worded by `wording`. */
export async function xsdbBoard(wording: Wording, main = MIRROR, stdout?: StdoutChoice) {
  const s = new BoardSession(env);
  await s.build({ files: { 'main.c': main }, sources: ['main.c'], ...(stdout ? { stdout } : {}) });
  const run = (line: string) => {
    const r = executeXsdb(line, s);
    return { ok: r.ok, text: formatXsdb(r.lines, wording) };
  };
  return { s, run };
}
