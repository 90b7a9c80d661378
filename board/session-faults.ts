/**
 * How a run on the board went wrong, as BoardSession reports it: the learner's file and line of a
 * CPU's abort, stall or crash (the innermost frame outside the BSP), the engine's run-time errors
 * as text, and when the first fault happened. Split from session.ts, which runs the board.
 */
import type { RuntimeFault } from './firmware/index.ts';
import type { BoardRunner, CpuReport } from './runner.ts';

export interface FirmwareFault {
  readonly kind: string;
  readonly address: number | null;
  readonly file: string;
  readonly line: number;
  readonly cpu: number;
}

/** The innermost frame in the learner's code (not the BSP), else the innermost one. */
export function whereOf(fault: RuntimeFault): { file: string; line: number } {
  const frame = fault.callStack.find((f) => !f.file.startsWith('/bsp/')) ?? fault.loc;
  return { file: frame.file, line: frame.line };
}

/** A CPU's end as a fault, or null when it returned or is still going. */
export function faultOf(report: CpuReport): { reason: string; fault: FirmwareFault } | null {
  if (report.state !== 'aborted' && report.state !== 'stalled' && report.state !== 'crashed')
    return null;
  const where = report.fault ? whereOf(report.fault) : { file: '<unknown>', line: 0 };
  const at = ` at ${where.file}:${where.line}`;
  const bus = report.busFault;
  const reason =
    report.state === 'stalled' && bus
      ? `CPU${report.cpu} stalled: ${bus.message}${at}`
      : `${bus ? bus.message : (report.fault?.message ?? 'fault')}${at}`;
  return {
    reason: report.cpu === 0 ? reason : reason.startsWith('CPU') ? reason : `CPU1: ${reason}`,
    fault: {
      kind: bus?.kind ?? report.fault?.kind ?? 'fault',
      address: bus?.address ?? null,
      file: where.file,
      line: where.line,
      cpu: report.cpu,
    },
  };
}

/** The engine's run-time errors of both CPUs and CPU1's bad start, as text. */
export function runtimeMessages(runner: BoardRunner): string {
  let text = '';
  for (const cpu of [0, 1]) {
    const fault = runner.report(cpu).fault;
    if (fault) text += `${fault.format()}\n`;
  }
  const badEntry = runner.badEntry(1);
  return badEntry ? `${text}${badEntry}\n` : text;
}

/** How the board stopped working, if it did: CPU0's fault, else CPU1's bad start or fault. */
export function boardFault(runner: BoardRunner): { reason: string; fault: FirmwareFault } | null {
  const badEntry = runner.badEntry(1);
  return (
    faultOf(runner.report(0)) ??
    (badEntry
      ? {
          reason: badEntry,
          fault: { kind: 'bad-entry', address: null, file: '<boot rom>', line: 0, cpu: 1 },
        }
      : faultOf(runner.report(1)))
  );
}

/** When the board's first fault happened (a CPU's abort, stall or error, or CPU1's bad start). */
export function faultCycle(runner: BoardRunner): number {
  const times = [0, 1]
    .filter((cpu) => faultOf(runner.report(cpu)) || runner.badEntry(cpu))
    .map((cpu) => runner.endedAt(cpu) ?? 0);
  return Math.min(...times);
}
