/**
 * How a run of the simple firmware console reads on screen. It runs in the board console's
 * worker, in batch mode (`BoardRequest` `batch`, protocol.ts). No engine code here,
 * so the island stays light.
 */
import type { FirmwareRunResult } from '../../../board/session.ts';

/**
 * The console transcript: compiler and linker messages (unless `withDiagnostics` is false, when
 * the page lists them on their own, BuildMessagesPane.tsx), then the UART, then one status line.
 */
export function transcript(result: FirmwareRunResult, withDiagnostics = true): string {
  const diagnostics = withDiagnostics ? result.diagnostics.trimEnd() : '';
  const parts = [diagnostics, result.uart.replace(/\r\n/g, '\n').trimEnd()];
  return [...parts.filter((p) => p.length > 0), `[board] ${result.reason}`].join('\n');
}

/** LED states, LD0 first, from the AXI GPIO's channel-1 data register. */
export function ledStates(leds: number): boolean[] {
  return Array.from({ length: 8 }, (_, i) => ((leds >>> i) & 1) === 1);
}
