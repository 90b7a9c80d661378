/**
 * The exported int8 ShuffleNet (runtime/export-c) against its specification, the TypeScript
 * integer reference (runtime/quant/int8-forward.ts), on every image of the committed sample:
 * - on the simulated Zynq-7000 (board/session.ts runFirmware), the program's int8 logits and
 *   predictions equal the reference's bit for bit;
 * - the same C built by arm-none-eabi-gcc -O2 for a Cortex-A9 with newlib and run under
 *   qemu-arm (semihosting, --specs=rdimon.specs) prints the same lines: an independent compiler
 *   and CPU model checking both the C and the board's engine.
 * CI (.ci/run) installs the dataset (calibration images), gcc-arm-none-eabi,
 * libnewlib-arm-none-eabi and qemu-user: their presence is asserted, not skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFashionMnist } from '../../runtime/data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../../runtime/data/sample.ts';
import { exportC, type ExportedC } from '../../runtime/export-c/emit.ts';
import { argmax, int8Logits } from '../../runtime/quant/int8-forward.ts';
import { quantizeFashion } from '../../runtime/quant/model.ts';
import { PIXELS, WEIGHTS_FILE } from '../../runtime/train/fashion.ts';
import { nodeEnv } from '../bsp/bsp.ts';
import { runFirmware } from '../session.ts';

const SOURCES = ['main.c', 'shufflenet_int8.c', 'samples.c'];

let exported: ExportedC;
/** What the program must print with PRINT_LOGITS: the reference's lines, one pair per image. */
let expected: string[];
let dir: string;

beforeAll(() => {
  const sample = decodeSample(
    readFileSync(join('models', SAMPLE_IMAGES_FILE)),
    readFileSync(join('models', SAMPLE_LABELS_FILE)),
  );
  const model = quantizeFashion(
    readFileSync(join('models', WEIGHTS_FILE)),
    loadFashionMnist('train').images,
  );
  const { count, pixels } = sample.images;
  exported = exportC(model, { count, pixels, labels: sample.labels });
  expected = [];
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const logits = int8Logits(model, pixels.subarray(i * PIXELS, (i + 1) * PIXELS));
    const predicted = argmax(logits);
    if (predicted === sample.labels[i]) correct++;
    expected.push(`${i} ${predicted} ${sample.labels[i]}`, `logits ${i}: ${logits.join(' ')}`);
  }
  expected.push(`correct=${correct}/${count}`);
  dir = mkdtempSync(join(tmpdir(), 'shufflenet-int8-'));
  for (const [name, text] of Object.entries(exported.files)) writeFileSync(join(dir, name), text);
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const lines = (text: string) => text.split(/\r?\n/).filter((l) => l !== '');

describe('the exported int8 ShuffleNet', () => {
  it('uses no heap: no malloc, one static arena sized by the exporter', () => {
    const c = Object.values(exported.files).join('\n');
    expect(c).not.toMatch(/\b(malloc|calloc|realloc|free)\s*\(/);
    expect(exported.files['shufflenet_int8.c']).toContain(
      'static int8_t arena[SHUFFLENET_ARENA_BYTES];',
    );
    expect(exported.files['shufflenet_int8.h']).toContain(
      `#define SHUFFLENET_ARENA_BYTES ${exported.arenaBytes}`,
    );
  });

  it('on the simulated board: every image logit for logit equal to the TypeScript reference', async () => {
    const files = { ...exported.files };
    files['main.c'] = `#define PRINT_LOGITS 1\n${files['main.c']}`;
    const result = await runFirmware({ files, sources: SOURCES, ms: 200_000 }, nodeEnv());
    expect(result.diagnostics).toBe('');
    expect(result.status).toBe('returned');
    expect(lines(result.uart)).toEqual(expected);
  }, 3_600_000);

  it('built by arm-none-eabi-gcc -O2 for a Cortex-A9 and run under qemu-arm: the same lines', () => {
    const elf = join(dir, 'shufflenet.elf');
    const gcc = spawnSync(
      'arm-none-eabi-gcc',
      [
        ...['-std=c99', '-Wall', '-Wextra', '-pedantic', '-O2', '-mcpu=cortex-a9'],
        ...['--specs=rdimon.specs', '-DSHUFFLENET_NEWLIB', '-DPRINT_LOGITS=1'],
        ...SOURCES.map((s) => join(dir, s)),
        ...['-o', elf],
      ],
      { encoding: 'utf8' },
    );
    expect(
      gcc.error,
      'arm-none-eabi-gcc (Debian gcc-arm-none-eabi) must be installed',
    ).toBeUndefined();
    expect(gcc.stderr).toBe(''); // no warnings either
    expect(gcc.status).toBe(0);
    const qemu = spawnSync('qemu-arm', [elf], { encoding: 'utf8', timeout: 600_000 });
    expect(qemu.error, 'qemu-arm (Debian qemu-user) must be installed').toBeUndefined();
    expect(qemu.status).toBe(0);
    expect(lines(qemu.stdout)).toEqual(expected);
  }, 900_000);
});
