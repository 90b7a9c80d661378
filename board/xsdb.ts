/**
 * A small xsdb for the simulated board: the commands a learner types in the Xilinx System
 * Debugger to see what a bare-metal program is doing (`targets`, `con`, `stop`, `rst`, `mrd`,
 * `mwr`, `state`, `jtagterminal`), parsed and run against a `BoardSession`.
 *
 * Output is data, not text: xsdb's own formats (`41200000:   000000A5`, the target list, the
 * `Info:` lines) come as `data` lines, exactly as xsdb prints them; everything said in words comes
 * as a message id with parameters, which the site words through its i18n table
 * (site/i18n/ui.ts, keys `board.xsdb.*` and `board.cpu.*`).
 *
 * Reference: UG1208 (Xilinx Software Command-Line Tool): `mrd` prints one `ADDRESS:   VALUE` line
 * per word in hex, `targets` lists the APU with its two Cortex-A9 cores (`*` marks the selected
 * one), `con` and `stop` print an `Info:` line naming the core and its target number. The
 * simulated CPUs run compiled C, not ARM instructions, so they have no program counter: `stop`
 * says where a core stopped as file:line where xsdb prints an address, and there are no
 * registers to read (`rrd`) or breakpoints to set (`bpadd`). `jtagterminal` opens a terminal on
 * the selected core's JTAG UART (its debug communications channel, board/devices/dcc.ts) in real
 * xsdb; here it prints what CPU0's DCC has sent since reset, which the console's JTAG UART tab
 * shows as it comes.
 */
import { MAX_READ_WORDS, MemoryAccessError, type BoardSession, type CpuStatus } from './session.ts';
import type { XsdbLine, XsdbMessage, XsdbMessageId } from './xsdb-lines.ts';

export { formatXsdb } from './xsdb-lines.ts';
export type { XsdbLine, XsdbMessage, XsdbMessageId } from './xsdb-lines.ts';

export interface XsdbResult {
  /** False for an unknown command, a bad argument or a refused access. */
  readonly ok: boolean;
  readonly lines: readonly XsdbLine[];
}

/** What the commands use of a session (a `BoardSession`, or a stand-in in tests). */
export type XsdbTarget = Pick<
  BoardSession,
  'status' | 'con' | 'stop' | 'reset' | 'readMemory' | 'writeMemory' | 'state' | 'jtagText'
>;

export const XSDB_COMMANDS = [
  'help',
  'targets',
  'rst',
  'con',
  'stop',
  'mrd',
  'mwr',
  'state',
  'jtagterminal',
];

const data = (text: string): XsdbLine => ({ kind: 'data', text });
const message = (id: XsdbMessageId, params: XsdbMessage['params'] = {}): XsdbLine => ({
  kind: 'message',
  id,
  params,
});
const ok = (...lines: XsdbLine[]): XsdbResult => ({ ok: true, lines });
const fail = (id: XsdbMessageId, params: XsdbMessage['params'] = {}): XsdbResult => ({
  ok: false,
  lines: [message(id, params)],
});

/** Eight upper-case hex digits, no prefix: how xsdb prints addresses and words. */
export function hex8(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** A number as xsdb (Tcl) reads one: `0x` hex or decimal, 0 to 0xFFFFFFFF; null otherwise. */
export function parseNumber(text: string): number | null {
  const value = /^0x[0-9a-f]{1,8}$/i.test(text)
    ? parseInt(text.slice(2), 16)
    : /^\d{1,10}$/.test(text)
      ? Number(text)
      : NaN;
  return Number.isInteger(value) && value <= 0xffffffff ? value : null;
}

const CORE = (cpu: number) => `ARM Cortex-A9 MPCore #${cpu}`;
/** xsdb's target numbers on a Zynq-7000: 1 APU, 2 and 3 the cores, 4 the PL (xc7z020). */
const TARGET_ID = (cpu: number) => cpu + 2;

/**
 * What `targets` puts in brackets after a core: xsdb's `Running` and `Suspended` (UG1208), with
 * what the core is doing after a comma where `state` says more, so the two commands agree: a core in
 * WFI or WFE still runs as far as the debugger sees (it has not halted), CPU1 in the boot ROM waits
 * in WFE for a start address, and a core whose main returned is not running the program any more.
 */
function xsdbState(cpu: CpuStatus, running: boolean): string {
  switch (cpu.state) {
    case 'running':
      return running ? 'Running' : 'Suspended';
    case 'sleeping':
      return running ? 'Running, WFI/WFE' : 'Suspended';
    case 'parked':
      return running ? 'Running, WFE in the boot ROM' : 'Suspended';
    case 'returned':
      return `Exited, main returned ${cpu.exitCode ?? 0}`;
    case 'aborted':
      return 'Data Abort';
    case 'stalled':
      return 'Stalled: no AXI response';
    case 'crashed':
      return 'Suspended';
  }
}

function cpuStateMessage(cpu: CpuStatus, running: boolean): XsdbMessage {
  if ((cpu.state === 'running' || cpu.state === 'sleeping') && !running)
    return { id: 'board.cpu.stopped' };
  if (cpu.state === 'returned')
    return { id: 'board.cpu.returned', params: { code: cpu.exitCode ?? 0 } };
  return { id: `board.cpu.${cpu.state}` };
}

function whereText(cpu: CpuStatus | undefined): string {
  return cpu?.where ? `${cpu.where.file}:${cpu.where.line}` : '?';
}

/** Runs one command line. Never throws for bad input: errors come back as messages. */
export function executeXsdb(input: string, target: XsdbTarget): XsdbResult {
  const [command = '', ...args] = input.trim().split(/\s+/).filter(Boolean);
  switch (command) {
    case '':
      return ok();
    case 'help':
      return help(args);
    case 'targets':
      return noArgs(command, args) ?? targets(target);
    case 'rst':
      return rst(target, args);
    case 'con':
      return noArgs(command, args) ?? con(target);
    case 'stop':
      return noArgs(command, args) ?? stop(target);
    case 'mrd':
      return mrd(target, args);
    case 'mwr':
      return mwr(target, args);
    case 'state':
      return noArgs(command, args) ?? state(target);
    case 'jtagterminal':
      return jtagterminal(target, args);
    default:
      return fail('board.xsdb.unknown', { command, commands: XSDB_COMMANDS.join(', ') });
  }
}

function noArgs(command: string, args: string[]): XsdbResult | null {
  return args.length ? fail('board.xsdb.extra', { command, text: args.join(' ') }) : null;
}

/** `help` lists every command; `help <command>` (as in xsdb) says what that one does. */
function help(args: string[]): XsdbResult {
  if (args.length > 1) return fail('board.xsdb.extra', { command: 'help', text: args.join(' ') });
  const [asked] = args;
  if (asked !== undefined) {
    if (!XSDB_COMMANDS.includes(asked))
      return fail('board.xsdb.unknown', { command: asked, commands: XSDB_COMMANDS.join(', ') });
    return ok(message(`board.xsdb.help.${asked}` as XsdbMessageId));
  }
  return ok(
    message('board.xsdb.help.intro'),
    ...XSDB_COMMANDS.map((c) => message(`board.xsdb.help.${c}` as XsdbMessageId)),
  );
}

function targets(target: XsdbTarget): XsdbResult {
  const s = target.state();
  const running = s.status === 'running';
  const lines = ['  1  APU'];
  for (let cpu = 0; cpu < 2; cpu++) {
    const c = s.cpus[cpu];
    const word = c ? xsdbState(c, running) : 'Power On Reset';
    lines.push(`     ${TARGET_ID(cpu)}${cpu === 0 ? '*' : ' '} ${CORE(cpu)} (${word})`);
  }
  lines.push('  4  xc7z020');
  return ok(...lines.map(data));
}

function rst(target: XsdbTarget, args: string[]): XsdbResult {
  // xsdb's -system and -processor differ on hardware; here both reset the whole board.
  const bad = args.find((a) => a !== '-system' && a !== '-processor');
  if (bad !== undefined)
    return fail('board.xsdb.badOption', {
      command: 'rst',
      option: bad,
      options: '-system, -processor',
    });
  if (target.status === 'empty') return fail('board.xsdb.noProgram');
  target.reset();
  return ok(message('board.xsdb.reset'));
}

function con(target: XsdbTarget): XsdbResult {
  switch (target.status) {
    case 'empty':
      return fail('board.xsdb.noProgram');
    case 'ended':
      return fail('board.xsdb.ended');
    case 'running':
      return fail('board.xsdb.alreadyRunning');
    case 'stopped':
      target.con();
      return ok(data(`Info: ${CORE(0)} (target ${TARGET_ID(0)}) Running`));
  }
}

function stop(target: XsdbTarget): XsdbResult {
  if (target.status === 'empty') return fail('board.xsdb.noProgram');
  if (target.status !== 'running') return fail('board.xsdb.notRunning');
  target.stop();
  const cpu0 = target.state().cpus[0];
  return ok(
    data(`Info: ${CORE(0)} (target ${TARGET_ID(0)}) Stopped at ${whereText(cpu0)} (Suspended)`),
  );
}

function address(command: string, text: string | undefined): number | XsdbResult {
  if (text === undefined)
    return fail('board.xsdb.missing', { command, usage: USAGE[command] ?? command });
  const value = parseNumber(text);
  return value === null ? fail('board.xsdb.notAddress', { command, text }) : value;
}

const USAGE: Record<string, string> = {
  mrd: 'mrd <address> [count]',
  mwr: 'mwr <address> <value>',
};

function memoryError(command: string, e: unknown): XsdbResult {
  if (!(e instanceof MemoryAccessError)) throw e;
  const addr = `0x${hex8(e.address)}`;
  switch (e.code) {
    case 'not-built':
      return fail('board.xsdb.noProgram');
    case 'unaligned':
      return fail('board.xsdb.unaligned', { command, address: addr });
    default:
      return fail('board.xsdb.busError', { command, address: addr, detail: e.message });
  }
}

function mrd(target: XsdbTarget, args: string[]): XsdbResult {
  if (args.length > 2)
    return fail('board.xsdb.extra', { command: 'mrd', text: args.slice(2).join(' ') });
  const addr = address('mrd', args[0]);
  if (typeof addr !== 'number') return addr;
  let count = 1;
  if (args[1] !== undefined) {
    const n = parseNumber(args[1]);
    if (n === null || n < 1 || n > MAX_READ_WORDS)
      return fail('board.xsdb.notCount', { command: 'mrd', text: args[1], max: MAX_READ_WORDS });
    count = n;
  }
  try {
    const words = target.readMemory(addr, count);
    return ok(...words.map((w, i) => data(`${hex8(addr + 4 * i)}:   ${hex8(w)}`)));
  } catch (e) {
    return memoryError('mrd', e);
  }
}

function mwr(target: XsdbTarget, args: string[]): XsdbResult {
  if (args.length > 2)
    return fail('board.xsdb.extra', { command: 'mwr', text: args.slice(2).join(' ') });
  const addr = address('mwr', args[0]);
  if (typeof addr !== 'number') return addr;
  if (args[1] === undefined)
    return fail('board.xsdb.missing', { command: 'mwr', usage: USAGE.mwr! });
  const value = parseNumber(args[1]);
  if (value === null) return fail('board.xsdb.notValue', { command: 'mwr', text: args[1] });
  try {
    target.writeMemory(addr, value);
    return ok();
  } catch (e) {
    return memoryError('mwr', e);
  }
}

function state(target: XsdbTarget): XsdbResult {
  const s = target.state();
  if (s.status === 'empty') return fail('board.xsdb.noProgram');
  const running = s.status === 'running';
  const lines: XsdbLine[] = s.cpus.map((c) => {
    const st = cpuStateMessage(c, running);
    return c.where
      ? message('board.xsdb.stateCpuAt', {
          cpu: c.cpu,
          state: st,
          function: c.where.function,
          file: c.where.file,
          line: c.where.line,
        })
      : message('board.xsdb.stateCpu', { cpu: c.cpu, state: st });
  });
  lines.push(
    message('board.xsdb.stateTime', {
      ms: s.simulatedMs.toFixed(3),
      cycles: s.cycles,
      status: { id: `board.status.${s.status}` },
    }),
    message('board.xsdb.stateIo', {
      leds: `0x${s.leds.toString(16).toUpperCase().padStart(2, '0')}`,
      switches: `0x${s.switches.toString(16).toUpperCase().padStart(2, '0')}`,
    }),
  );
  if (s.fault) lines.push(message('board.xsdb.stateFault', { reason: s.fault }));
  return ok(...lines);
}

/**
 * `jtagterminal [-start]`: CPU0's JTAG UART text since reset, one data line per line of text
 * (CR LF, LF or CR ends a line), after a line naming the target; an empty channel says how to
 * send to it.
 */
function jtagterminal(target: XsdbTarget, args: string[]): XsdbResult {
  const bad = args.find((a) => a !== '-start');
  if (bad !== undefined)
    return fail('board.xsdb.badOption', {
      command: 'jtagterminal',
      option: bad,
      options: '-start',
    });
  if (target.status === 'empty') return fail('board.xsdb.noProgram');
  const text = target.jtagText();
  const header = message('board.xsdb.jtagterminal', {
    target: `${CORE(0)} (target ${TARGET_ID(0)})`,
  });
  if (!text) return ok(header, message('board.xsdb.jtagEmpty'));
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return ok(header, ...lines.map(data));
}
