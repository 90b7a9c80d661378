/**
 * Statements per second of the firmware engine on three loops (array sum, bubble sort, a 3x3
 * convolution over a 28x28 image), and of the JSCPP interpreter on the same C programs.
 * Statements are counted by the engine's step counter (one per executed statement, loop test and
 * loop update); JSCPP's rate uses the same count for the same program size.
 * Usage: node board/firmware/bench.ts [--quick]
 * The last line is `firmware: <N> statements/s, JSCPP: <M> statements/s, ratio <R>`.
 */
import { createRequire } from 'node:module';
import { BareSession } from './run.ts';

interface Program {
  readonly name: string;
  readonly source: string;
  /** REPEAT for the firmware engine and for JSCPP (which is about a thousand times slower). */
  readonly repeat: number;
  readonly jscppRepeat: number;
}

const PROGRAMS: Program[] = [
  {
    name: 'array sum',
    repeat: 20000,
    jscppRepeat: 20,
    source: `int data[1000];
int main() {
  int s = 0;
  for (int i = 0; i < 1000; i++) data[i] = i * 7 % 1000;
  for (int r = 0; r < REPEAT; r++)
    for (int i = 0; i < 1000; i++) s += data[i];
  return s & 255;
}`,
  },
  {
    name: 'bubble sort',
    repeat: 500,
    jscppRepeat: 1,
    source: `int a[200];
int main() {
  int check = 0;
  for (int r = 0; r < REPEAT; r++) {
    for (int i = 0; i < 200; i++) a[i] = (i * 7919 + r) % 200;
    for (int i = 0; i < 199; i++)
      for (int j = 0; j < 199 - i; j++)
        if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
    check += a[0] + a[199];
  }
  return check & 255;
}`,
  },
  {
    name: '3x3 convolution 28x28',
    repeat: 1000,
    jscppRepeat: 2,
    source: `int img[28][28];
int out[26][26];
int k[3][3] = {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}};
int main() {
  for (int i = 0; i < 28; i++)
    for (int j = 0; j < 28; j++) img[i][j] = (i * 31 + j * 17) % 256;
  int check = 0;
  for (int r = 0; r < REPEAT; r++) {
    for (int y = 0; y < 26; y++)
      for (int x = 0; x < 26; x++) {
        int acc = 0;
        for (int dy = 0; dy < 3; dy++)
          for (int dx = 0; dx < 3; dx++) acc += img[y + dy][x + dx] * k[dy][dx];
        out[y][x] = acc >> 4;
      }
    check += out[r % 26][13];
  }
  return check & 255;
}`,
  },
];

const quick = process.argv.includes('--quick');
/** Builds and runs one program (the session API, without a board); steps, seconds, exit code. */
async function runFirmware(
  source: string,
  repeat: number,
): Promise<{ steps: number; seconds: number; exit: number }> {
  const text = source.replace(/REPEAT/g, String(repeat));
  const session = new BareSession({ build: { raw: true } });
  const r = await session.build({ 'bench.c': text }, ['bench.c']);
  if (!r.program) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const t0 = performance.now();
  while (!session.ended) session.runFor(10_000_000);
  const seconds = (performance.now() - t0) / 1000;
  const result = session.result();
  if (result.fault) throw result.fault;
  return { steps: result.steps, seconds, exit: result.exitCode ?? -1 };
}

type Jscpp = { run(code: string, input: string, config: object): number };
function loadJscpp(): Jscpp | null {
  try {
    return createRequire(import.meta.url)('JSCPP') as Jscpp;
  } catch {
    return null;
  }
}

const jscpp = loadJscpp();
let fwSteps = 0;
let fwSeconds = 0;
let jsSteps = 0;
let jsSeconds = 0;
const rows: string[] = [];
for (const p of PROGRAMS) {
  const repeat = quick ? Math.max(1, Math.round(p.repeat / 20)) : p.repeat;
  await runFirmware(p.source, Math.max(1, Math.round(repeat / 10))); // warm up the JIT
  const fw = await runFirmware(p.source, repeat);
  fwSteps += fw.steps;
  fwSeconds += fw.seconds;
  let jsRate = NaN;
  if (jscpp) {
    const small = await runFirmware(p.source, p.jscppRepeat);
    const t0 = performance.now();
    const exit = jscpp.run(p.source.replace(/REPEAT/g, String(p.jscppRepeat)), '', {});
    const seconds = (performance.now() - t0) / 1000;
    if (exit !== small.exit)
      throw new Error(`${p.name}: JSCPP returned ${exit}, the engine ${small.exit}`);
    jsSteps += small.steps;
    jsSeconds += seconds;
    jsRate = small.steps / seconds;
  }
  rows.push(
    `${p.name.padEnd(24)} ${String(fw.steps).padStart(11)} steps ${(fw.seconds * 1000).toFixed(0).padStart(6)} ms ` +
      `${(fw.steps / fw.seconds / 1e6).toFixed(1).padStart(7)} M/s   JSCPP ${Number.isNaN(jsRate) ? 'n/a' : (jsRate / 1e3).toFixed(1) + ' k/s'}`,
  );
}
console.log(
  `${'program'.padEnd(24)} ${'statements'.padStart(17)} ${'time'.padStart(9)} ${'rate'.padStart(11)}`,
);
for (const row of rows) console.log(row);
const n = Math.round(fwSteps / fwSeconds);
const m = jscpp ? Math.round(jsSteps / jsSeconds) : 0;
console.log(
  `firmware: ${n} statements/s, JSCPP: ${m} statements/s, ratio ${m ? (n / m).toFixed(0) : 'n/a'}`,
);
