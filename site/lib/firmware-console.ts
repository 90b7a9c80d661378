/**
 * The firmware console's protocol with its worker and how a run reads on screen. No engine
 * code here, so the island stays light.
 */
import type { FirmwareRunRequest, FirmwareRunResult } from '../../board/session.ts';

export interface FirmwareJob {
  id: number;
  request: FirmwareRunRequest;
}

export type FirmwareReply =
  { id: number; ok: true; result: FirmwareRunResult } | { id: number; ok: false; message: string };

/** The console transcript: compiler and linker messages, then the UART, then one status line. */
export function transcript(result: FirmwareRunResult): string {
  const parts = [result.diagnostics.trimEnd(), result.uart.replace(/\r\n/g, '\n').trimEnd()];
  return [...parts.filter((p) => p.length > 0), `[board] ${result.reason}`].join('\n');
}

/** LED states, LD0 first, from the AXI GPIO's channel-1 data register. */
export function ledStates(leds: number): boolean[] {
  return Array.from({ length: 8 }, (_, i) => ((leds >>> i) & 1) === 1);
}
