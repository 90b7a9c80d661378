/**
 * The simulated board's build environment in a browser worker, for grading C exercises: the BSP's
 * files bundled as text (board-console/bsp-browser.ts) and the C parser's wasm by URL, as the
 * board console's worker builds with. Imported by the grade worker only when a C exercise is
 * graded, so TypeScript runs do not load the firmware engine.
 */
import runtimeWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import grammarWasm from 'tree-sitter-c/tree-sitter-c.wasm?url';
import { loadCParser } from '../../../board/firmware/index.ts';
import type { FirmwareEnv } from '../../../board/session.ts';
import { browserBsp } from '../board-console/bsp-browser.ts';

export function browserFirmwareEnv(): FirmwareEnv {
  return { bsp: browserBsp(), parser: loadCParser({ runtimeWasm, grammarWasm }) };
}
