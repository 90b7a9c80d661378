/**
 * `runFirmware` for Node (the CLI, graders and tests): the BSP read from disk and the C parser
 * with tree-sitter's wasm found next to its package.
 */
import { loadBsp } from './bsp/bsp.ts';
import { loadCParser } from './firmware/c-parser.ts';
import {
  runFirmwareWith,
  type FirmwareRunRequest,
  type FirmwareRunResult,
} from './run-firmware.ts';

export function runFirmware(request: FirmwareRunRequest): Promise<FirmwareRunResult> {
  return runFirmwareWith(request, { bsp: loadBsp(), parser: loadCParser() });
}
