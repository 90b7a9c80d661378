/**
 * The board console's protocol with its worker (board.worker.ts): what the page asks, what the
 * board reports. The same worker runs the console's batch mode (BatchConsole.tsx). Types and
 * plain data only, no engine code, so the islands stay light until the reader starts a board.
 */
import type {
  FirmwareRunRequest,
  FirmwareRunResult,
  FirmwareSources,
  SessionStatus,
} from '../../../board/session.ts';
import type { XsdbLine } from '../../../board/xsdb-lines.ts';

/** Page to worker. */
export type BoardRequest =
  | { type: 'build'; sources: FirmwareSources; run: boolean }
  /** Continue; after the program ended, reset and start it again. */
  | { type: 'run' }
  | { type: 'stop' }
  /** The board's reset button: the program starts again, running if it was running or ended. */
  | { type: 'reset' }
  | { type: 'input'; bytes: number[] }
  | { type: 'switches'; value: number }
  /** The push buttons held (bit 0 BTNC, 1 BTND, 2 BTNL, 3 BTNR, 4 BTNU). */
  | { type: 'buttons'; value: number }
  | { type: 'command'; id: number; line: string }
  /**
   * Batch mode (BoardConsole mode="batch", BatchConsole.tsx): build and run on a board of its
   * own until main returns or the simulated time is up, then one `batch` event with the result.
   */
  | { type: 'batch'; id: number; request: FirmwareRunRequest };

/** How the program ended: main's return value, or the board's fault (the board's words). */
export type BoardEnd = { kind: 'returned'; code: number } | { kind: 'fault'; reason: string };

/** Worker to page. */
export type BoardEvent =
  | { type: 'built'; ok: boolean; diagnostics: string }
  | { type: 'uart'; bytes: number[] }
  /** The JTAG UART: bytes the debugger read from CPU0's DCC (BSP stdout ps7_coresight_comp_0). */
  | { type: 'jtag'; bytes: number[] }
  | { type: 'leds'; value: number }
  | { type: 'time'; ms: number; cycles: number }
  | { type: 'status'; status: SessionStatus; end: BoardEnd | null; runtime: string }
  | { type: 'result'; id: number; ok: boolean; lines: XsdbLine[] }
  | { type: 'batch'; id: number; result: FirmwareRunResult }
  | { type: 'error'; message: string };

/** A batch job for one `main.c`, run for `ms` simulated milliseconds. */
export function batchRequest(id: number, code: string, ms: number): BoardRequest {
  return { type: 'batch', id, request: { files: { 'main.c': code }, sources: ['main.c'], ms } };
}
