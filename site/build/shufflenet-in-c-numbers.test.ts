/**
 * Numbers the lesson zynq/shufflenet-in-c quotes, recomputed: the export's sizes, GCC's section
 * sizes and stack frames for the Cortex-A9, the board's cycles for one image and the MACs per
 * loop kind (the loop order example's lines are checked in board-console/zynq-examples.test.ts).
 * Needs the Fashion-MNIST training images (the calibration) and gcc-arm-none-eabi, like
 * board/capstone/shufflenet-int8.test.ts: asserted, not skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEnv } from '../../board/bsp/bsp.ts';
import { CPU_CLOCK_HZ } from '../../board/clock.ts';
import { runFirmware } from '../../board/session.ts';
import { loadFashionMnist } from '../../runtime/data/idx.ts';
import { decodeSample, SAMPLE_IMAGES_FILE, SAMPLE_LABELS_FILE } from '../../runtime/data/sample.ts';
import { exportC, type ExportedC } from '../../runtime/export-c/emit.ts';
import { layerMacs, macsByKind } from '../../runtime/quant/macs.ts';
import { quantizeFashion } from '../../runtime/quant/model.ts';
import type { QModel } from '../../runtime/quant/quantize.ts';
import { WEIGHTS_FILE } from '../../runtime/train/fashion.ts';

const LESSON = join('site', 'lessons', 'zynq', 'shufflenet-in-c.mdx');
const text = readFileSync(LESSON, 'utf8');
const prose = text.replace(/\s+/g, ' ');
const en = (n: number) => n.toLocaleString('en');

let model: QModel;
let exported: ExportedC;
let dir: string;

beforeAll(() => {
  const sample = decodeSample(
    readFileSync(join('models', SAMPLE_IMAGES_FILE)),
    readFileSync(join('models', SAMPLE_LABELS_FILE)),
  );
  model = quantizeFashion(
    readFileSync(join('models', WEIGHTS_FILE)),
    loadFashionMnist('train').images,
  );
  const { count, pixels } = sample.images;
  exported = exportC(model, { count, pixels, labels: sample.labels });
  dir = mkdtempSync(join(tmpdir(), 'shufflenet-in-c-'));
  for (const [name, body] of Object.entries(exported.files)) writeFileSync(join(dir, name), body);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
  expect(r.error, `${command} must be installed`).toBeUndefined();
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('the export', () => {
  it('quotes the arena and the weight bytes the exporter reports', () => {
    expect(Object.keys(exported.files).sort()).toEqual(
      [
        'main.c',
        'platform.h',
        'samples.c',
        'samples.h',
        'shufflenet_int8.c',
        'shufflenet_int8.h',
      ].sort(),
    );
    expect(prose).toContain(`the ${exported.arenaBytes}-byte arena`);
    expect(prose).toContain(`exporter counts ${exported.weightBytes} bytes of weights`);
  });
});

describe('the memory footprint (GCC for the Cortex-A9)', () => {
  let sizes: Record<string, Record<string, number>>;
  let frames: Map<string, number>;

  beforeAll(() => {
    const objects = ['shufflenet_int8', 'samples', 'main'];
    for (const o of objects) {
      run('arm-none-eabi-gcc', [
        '-std=c99',
        '-O2',
        '-mcpu=cortex-a9',
        '-DSHUFFLENET_NEWLIB',
        '-fstack-usage',
        '-c',
        `${o}.c`,
      ]);
    }
    sizes = {};
    for (const o of objects) {
      const table: Record<string, number> = {};
      for (const line of run('arm-none-eabi-size', ['-A', `${o}.o`]).split('\n')) {
        const m = /^(\.\S+)\s+(\d+)\s+\d+$/.exec(line.trim());
        // .text.startup (main) and .rodata.str1.4 (string literals) count as .text and .rodata.
        if (m) {
          const section = m[1]!.replace(/^(\.text|\.rodata|\.data|\.bss)\..*$/, '$1');
          table[section] = (table[section] ?? 0) + Number(m[2]);
        }
      }
      sizes[o] = table;
    }
    frames = new Map();
    for (const o of objects) {
      for (const line of readFileSync(join(dir, `${o}.su`), 'utf8').split('\n')) {
        const m = /:(\w+)\s+(\d+)\s+static$/.exec(line.trim());
        if (m) frames.set(m[1]!, Number(m[2]));
      }
    }
  }, 120_000);

  it('quotes the section table row by row', () => {
    for (const section of ['.text', '.rodata', '.data', '.bss']) {
      const row = ['shufflenet_int8', 'samples', 'main'].map((o) => sizes[o]![section] ?? 0);
      expect(prose).toMatch(
        new RegExp(`\\| \`${section.replace('.', '\\.')}\` \\|[^|]*\\| ${row.join(' \\| ')} \\|`),
      );
    }
    const net = sizes['shufflenet_int8']!;
    expect(prose).toContain(`**${net['.text']} bytes of code**`);
    expect(prose).toContain(`**${net['.rodata']} bytes of constants**`);
    // .bss: the arena and the scratch row of one pixel's centred inputs (int32 each).
    const scratch = net['.bss']! - exported.arenaBytes;
    expect(prose).toContain(`plus a ${scratch}-byte scratch row`);
  });

  it('quotes the deepest call chain: main, shufflenet_classify and its largest callee', () => {
    const classify = frames.get('shufflenet_classify')!;
    const main = frames.get('main')!;
    const callees = [...frames].filter(([name]) => !['shufflenet_classify', 'main'].includes(name));
    const [deepest, frame] = callees.sort((a, b) => b[1] - a[1])[0]!;
    expect(prose).toContain(`\`shufflenet_classify\` takes ${classify} bytes`);
    expect(prose).toContain(`(\`${deepest}\`) ${frame}, and \`main\` ${main}`);
    expect(prose).toContain(`**${classify + frame + main} bytes** of stack`);
  });
});

describe("the board's cycles", () => {
  it('quotes the time and cycles of one image, the MACs and the cycles per MAC', async () => {
    const files = { ...exported.files };
    files['main.c'] = `#define SAMPLE_LIMIT 1\n${files['main.c']}`;
    const r = await runFirmware(
      { files, sources: ['main.c', 'shufflenet_int8.c', 'samples.c'], ms: 1000 },
      nodeEnv(),
    );
    expect(r.status, r.reason + r.diagnostics).toBe('returned');
    const ms = Number(/after ([\d.]+) ms/.exec(r.reason)![1]);
    const cycles = (ms / 1000) * CPU_CLOCK_HZ;
    const layers = layerMacs(model);
    const macs = layers.reduce((s, l) => s + l.macs, 0);
    expect(prose).toContain(`One image takes **${Math.round(ms)} ms**`);
    expect(prose).toContain(`about **${Math.round(cycles / 1e6)} million cycles**`);
    expect(prose).toContain(`**${en(macs)} multiply-accumulates**`);
    expect(prose).toContain(`about **${Math.round(cycles / macs)} cycles per MAC**`);
    const kinds = macsByKind(layers);
    for (const [kind, label] of [
      ['dense', 'dense 3x3 (the stem)'],
      ['pointwise', 'pointwise 1x1'],
      ['depthwise', 'depthwise 3x3'],
      ['linear', 'linear (the classifier)'],
    ] as const) {
      expect(prose).toMatch(
        new RegExp(`\\| ${label.replace(/[()]/g, '\\$&')} +\\|[^|]+\\| ${en(kinds[kind])} +\\|`),
      );
    }
    expect(prose).toContain(`do **${Math.round((kinds.pointwise / macs) * 100)}%** of the work`);
  }, 300_000);
});
