/**
 * `board run <files...> [--cpu1 <files...>] [--ms N] [--until-return] [--input TEXT]
 * [--switches 0-255] [--stdout uart1|uart0|jtag|none] [--no-bitstream] [--json]`:
 * builds the C files with the BSP and runs them on the simulated Zynq-7000. Without --json the
 * UART1 transcript goes to stdout byte for byte; diagnostics and one `[board] ...` status line go
 * to stderr. With --json one object goes to stdout. The run ends when main returns or after --ms
 * of simulated time (1000 by default: firmware that loops forever, like a blinker, should stop
 * soon). --until-return is for programs that are meant to finish, however long they take (the
 * ShuffleNet capstone needs about 44 s of simulated time): the cap becomes 600 s unless --ms
 * says otherwise, and running out of time is an error. Exit status: 0 when main returned or the
 * time ran out, 1 for a build error or bad usage, 2 for a fault or an invalid --switches value,
 * 3 when --until-return was given and main had not returned by the cap. Headers beside the given
 * files are found by `#include "..."`. --no-bitstream runs with the PL unconfigured. --stdout sets
 * the BSP settings' stdout (bsp/stdout.ts); with `jtag` the JTAG UART's text (xsdb's jtagterminal)
 * is what goes to stdout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FirmwareRunRequest } from './session.ts';
import { DEFAULT_STDOUT, parseStdoutChoice, type StdoutChoice } from './bsp/stdout.ts';

const USAGE = `usage: board run <file.c>... [--cpu1 <file.c>...] [--ms N] [--until-return] [--input TEXT] [--switches 0-255] [--stdout uart1|uart0|jtag|none] [--no-bitstream] [--json]
  --ms N           stop after N ms of simulated time (default 1000; with --until-return 600000)
  --until-return   run until main returns; exit 3 if it has not by the --ms cap
  --input TEXT     typed into UART1 (\\r and \\n are CR and LF)
  --switches N     the eight slide switches, 0-255
  --stdout DEV     the BSP's stdout: uart1 (default), uart0, jtag (the JTAG UART) or none
  --no-bitstream   leave the PL unconfigured (PL accesses stall)
  --json           print one JSON object instead of the UART transcript`;

/** Simulated time `--until-return` allows when no --ms is given: ten minutes of board time. */
export const UNTIL_RETURN_CAP_MS = 600_000;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly listDir: (dir: string) => string[];
}

const nodeIo: CliIo = {
  stdout: (t) => process.stdout.write(Buffer.from(t, 'latin1')),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  listDir: (d) => readdirSync(d),
};

export async function boardCli(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || rest.includes('--help')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'run') {
    io.stderr(`${USAGE}\n`);
    return 1;
  }
  const cpu0: string[] = [];
  const cpu1: string[] = [];
  let target = cpu0;
  let ms: number | undefined;
  let untilReturn = false;
  let input = '';
  let switches = 0;
  let json = false;
  let bitstream = true;
  let stdout: StdoutChoice = DEFAULT_STDOUT;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string | undefined => rest[++i];
    if (a === '--json') json = true;
    else if (a === '--no-bitstream') bitstream = false;
    else if (a === '--until-return') untilReturn = true;
    else if (a === '--cpu1') target = cpu1;
    else if (a === '--stdout') {
      const v = value();
      if (v === undefined) {
        io.stderr(`${USAGE}\n`);
        return 1;
      }
      try {
        stdout = parseStdoutChoice(v);
      } catch (e) {
        io.stderr(`board: invalid value for --${(e as Error).message}\n`);
        return 1;
      }
    } else if (a === '--ms' || a === '--input' || a === '--switches') {
      const v = value();
      if (v === undefined) {
        io.stderr(`${USAGE}\n`);
        return 1;
      }
      if (a === '--ms') ms = Number(v);
      else if (a === '--input') input = v.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
      else {
        // The eight slide switches are one byte, bit i for SW i (decimal, 0x.. or 0b..).
        const n = /^\s*$/.test(v) ? NaN : Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 0xff) {
          io.stderr(
            `board: invalid value '${v}' for --switches: expected an integer from 0 to 255 (one bit per slide switch, e.g. 5 or 0x05 or 0b101)\n`,
          );
          return 2;
        }
        switches = n;
      }
    } else target.push(a);
  }
  if (ms !== undefined && (!Number.isFinite(ms) || ms <= 0)) {
    io.stderr(`board: invalid value for --ms: expected a positive number of milliseconds\n`);
    return 1;
  }
  if (cpu0.length === 0) {
    io.stderr(`${USAGE}\n`);
    return 1;
  }
  const files: Record<string, string> = {};
  for (const path of [...cpu0, ...cpu1]) {
    try {
      files[relative('.', path)] = io.readFile(path);
    } catch {
      io.stderr(`arm-none-eabi-gcc: error: ${path}: No such file or directory\n`);
      return 1;
    }
    const dir = dirname(path);
    for (const name of safeList(io, dir))
      if (name.endsWith('.h'))
        files[relative('.', join(dir, name))] ??= io.readFile(join(dir, name));
  }
  const request: FirmwareRunRequest = {
    files,
    sources: cpu0.map((p) => relative('.', p)),
    cpu1Sources: cpu1.map((p) => relative('.', p)),
    ms: ms ?? (untilReturn ? UNTIL_RETURN_CAP_MS : 1000),
    input,
    switches,
    bitstream,
    stdout,
  };
  // Loaded here, not at the top: usage errors answer without loading the engine.
  const [{ nodeEnv }, { runFirmware }] = await Promise.all([
    import('./bsp/bsp.ts'),
    import('./session.ts'),
  ]);
  const result = await runFirmware(request, nodeEnv());
  if (json) io.stdout(`${JSON.stringify(result)}\n`);
  else {
    io.stdout(stdout === 'jtag' ? result.jtag : result.uart);
    io.stderr(result.diagnostics);
    io.stderr(`[board] ${result.reason}\n`);
  }
  if (result.status === 'build-error') return 1;
  if (result.status === 'fault') return 2;
  if (untilReturn && result.status === 'timeout') {
    io.stderr(
      `board: main did not return within ${request.ms} ms of simulated time (--until-return); raise --ms\n`,
    );
    return 3;
  }
  return 0;
}

function safeList(io: CliIo, dir: string): string[] {
  try {
    return io.listDir(dir);
  } catch {
    return [];
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // V8's code cache for the modules loaded from here on (Node keeps it in the OS temp directory).
  enableCompileCache();
  boardCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
