/**
 * Numbers the lessons quote, recomputed: the cost model for the ShuffleNet lessons, the simulated
 * board for the Zynq ones. A lesson edit that changes a quoted number, or a change to the
 * runtime or the board that changes what it computes, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArch, type ArchOptions } from '../../runtime/arch.ts';
import { costOf, millions } from '../../runtime/cost.ts';
import { nodeEnv } from '../../board/bsp/bsp.ts';
import { runFirmware } from '../../board/session.ts';

const lesson = (id: string) => readFileSync(join('site', 'lessons', `${id}.mdx`), 'utf8');
/** Lesson text with line breaks as spaces, so a quoted phrase may wrap. */
const prose = (id: string) => lesson(id).replace(/\s+/g, ' ');
const mmacs = (options: ArchOptions) => millions(costOf(buildArch(options)).totals.macs);

describe('v2-architecture', () => {
  const text = prose('shufflenet/v2-architecture');

  it("quotes the paper layout's and torchvision's 1x multiply-adds", () => {
    expect(mmacs({ version: 'v2', width: 1, layout: 'paper' })).toBe('145.8');
    expect(mmacs({ version: 'v2', width: 1 })).toBe('144.9');
    expect(text).toContain('adds up to 145.8 million');
    expect(text).toContain('comes to 144.9 million at the same width');
  });

  it('quotes both layouts at every width, equal only at 0.5x', () => {
    const tv = [1, 1.5, 2].map((width) => mmacs({ version: 'v2', width }));
    const paper = [1, 1.5, 2].map((width) => mmacs({ version: 'v2', width, layout: 'paper' }));
    expect(text).toContain(`cost ${tv[0]}, ${tv[1]} and ${tv[2]} million multiply-adds`);
    expect(text).toContain(`the paper's ${paper[0]}, ${paper[1]} and ${paper[2]}`);
    const half = mmacs({ version: 'v2', width: 0.5 });
    expect(mmacs({ version: 'v2', width: 0.5, layout: 'paper' })).toBe(half);
    expect(text).toContain(`both come to ${half} million`);
  });
});

describe('fashion-mnist', () => {
  it('quotes the parameters and multiply-adds of the command it gives', () => {
    const text = prose('shufflenet/fashion-mnist');
    const command =
      'npm run model -- summary v2 --width 0.5 --input 28x28x1 --classes 10 --stem-stride 1 --no-maxpool';
    expect(text).toContain(command);
    const { totals } = costOf(
      buildArch({
        version: 'v2',
        width: 0.5,
        inputShape: [28, 28, 1],
        numClasses: 10,
        stem: { convStride: 1, maxPool: false },
      }),
    );
    expect(text).toContain(`**${totals.params.toLocaleString('en')} parameters**`);
    expect(text).toContain(`**${(totals.macs / 1e6).toFixed(2)} million multiply-adds**`);
  });
});

describe('uart-printf', () => {
  it("quotes the simulated board's CR and the value ps7_init leaves on hardware", async () => {
    const dir = join('site', 'lessons', 'zynq', 'examples', 'uart-printf');
    const r = await runFirmware(
      {
        files: { 'uart-raw.c': readFileSync(join(dir, 'uart-raw.c'), 'utf8') },
        sources: ['uart-raw.c'],
        ms: 50,
      },
      nodeEnv(),
    );
    const cr = /^CR +0x([0-9A-F]{8})\r?$/m.exec(r.uart);
    expect(cr, r.uart).not.toBeNull();
    const value = parseInt(cr![1]!, 16);
    const text = lesson('zynq/uart-printf');
    expect(text).toContain(cr![0]!.trimEnd());
    expect(text).toContain(`\`CR = 0x${value.toString(16)}\``);
    // ps7_init's write: 0x17 under the mask 0x1FF, with the self-clearing resets (bits 0, 1) read
    // back as 0.
    const afterPs7Init = 0x17 & 0x1ff & ~0x03;
    expect(prose('zynq/uart-printf')).toContain(
      `a board therefore reads \`CR = 0x${afterPs7Init.toString(16)}\``,
    );
  });
});
