/**
 * What xsdb commands answer (board/xsdb.ts), as data, and how it is worded: a module with no
 * engine code, so the site's console island can word the lines without loading the simulator.
 */
export type XsdbMessageId =
  | 'board.xsdb.help.intro'
  | 'board.xsdb.help.help'
  | 'board.xsdb.help.targets'
  | 'board.xsdb.help.rst'
  | 'board.xsdb.help.con'
  | 'board.xsdb.help.stop'
  | 'board.xsdb.help.mrd'
  | 'board.xsdb.help.mwr'
  | 'board.xsdb.help.state'
  | 'board.xsdb.help.jtagterminal'
  | 'board.xsdb.jtagterminal'
  | 'board.xsdb.jtagEmpty'
  | 'board.xsdb.unknown'
  | 'board.xsdb.missing'
  | 'board.xsdb.extra'
  | 'board.xsdb.notAddress'
  | 'board.xsdb.notValue'
  | 'board.xsdb.notCount'
  | 'board.xsdb.badOption'
  | 'board.xsdb.noProgram'
  | 'board.xsdb.ended'
  | 'board.xsdb.alreadyRunning'
  | 'board.xsdb.notRunning'
  | 'board.xsdb.reset'
  | 'board.xsdb.unaligned'
  | 'board.xsdb.busError'
  | 'board.xsdb.stateCpu'
  | 'board.xsdb.stateCpuAt'
  | 'board.xsdb.stateTime'
  | 'board.xsdb.stateIo'
  | 'board.xsdb.stateFault'
  | 'board.cpu.parked'
  | 'board.cpu.running'
  | 'board.cpu.stopped'
  | 'board.cpu.sleeping'
  | 'board.cpu.returned'
  | 'board.cpu.aborted'
  | 'board.cpu.stalled'
  | 'board.cpu.crashed'
  | 'board.status.empty'
  | 'board.status.stopped'
  | 'board.status.running'
  | 'board.status.ended';

/** A message with parameters; a parameter may itself be a message (a CPU state in a sentence). */
export interface XsdbMessage {
  readonly id: XsdbMessageId;
  readonly params?: Readonly<Record<string, string | number | XsdbMessage>>;
}

export type XsdbLine =
  { readonly kind: 'data'; readonly text: string } | ({ readonly kind: 'message' } & XsdbMessage);

/** Words the lines with a translator (the site's `translator(lang)`), one string per line. */
export function formatXsdb(
  lines: readonly XsdbLine[],
  t: (id: XsdbMessageId, params: Record<string, string | number>) => string,
): string[] {
  const word = (m: XsdbMessage): string => {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(m.params ?? {}))
      params[k] = typeof v === 'object' ? word(v) : v;
    return t(m.id, params);
  };
  return lines.map((l) => (l.kind === 'data' ? l.text : word(l)));
}
